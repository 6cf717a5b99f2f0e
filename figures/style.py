"""What every figure shares: size, fonts, colours, and the text of each language.

Text is at least 11 pt in a figure at most 4.8 in wide, so a phone that shows the figure
358 CSS px wide (a 390 px screen) draws it at 11.4 px or more. Backgrounds are transparent and
the site's stylesheet inverts figures in the dark scheme, so the colours here are chosen to
read on white and, inverted, on Material's dark grey.
"""

import re
from importlib.util import find_spec
from pathlib import Path

import matplotlib
import numpy as np

matplotlib.use("Agg")
from matplotlib import font_manager
from matplotlib.ticker import FuncFormatter, NullFormatter

LANGS = ("ko", "en")
WIDTH = 4.8  # inches; with 11 pt text, >= 11 CSS px at 358 px wide (11 * 358 / (72 * 4.8))


def korean_font() -> Path:
    """NanumGothic as shipped by the pinned PyPI package koreanize-matplotlib.

    Found without importing the package (its import changes global settings and needs
    distutils, which Python 3.12 dropped).
    """
    spec = find_spec("koreanize_matplotlib")
    if spec is None or spec.origin is None:
        raise RuntimeError("koreanize-matplotlib is missing: pip install -e '.[dev]'")
    return Path(spec.origin).parent / "fonts" / "NanumGothic.ttf"


font_manager.fontManager.addfont(str(korean_font()))

BASE = {
    "svg.hashsalt": "why-argmax",  # fixed ids: the same figure, the same bytes
    "svg.fonttype": "path",  # glyphs as paths: readers need no font
    "font.size": 11,
    "axes.titlesize": 11,
    "axes.labelsize": 11,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "figure.facecolor": "none",  # transparent: no white box in the dark scheme
    "axes.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.edgecolor": "none",
    "legend.framealpha": 0,
    "legend.frameon": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.constrained_layout.use": True,
    "path.simplify": True,
}
FONTS = {
    "en": {"font.family": ["DejaVu Sans"]},
    # DejaVu Sans after NanumGothic supplies the glyphs NanumGothic lacks (the minus sign).
    "ko": {"font.family": ["NanumGothic", "DejaVu Sans"]},
}


def style(lang: str) -> dict:
    """matplotlib settings for a figure in `lang`."""
    return BASE | FONTS[lang]


def tr(lang: str, en: str, ko: str) -> str:
    """The text for `lang`: each label is written once per language, side by side."""
    return ko if lang == "ko" else en


SUPERSCRIPT = str.maketrans(
    "-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
)


def _log_tick(value: float, _) -> str:
    if 1e-3 <= value <= 1e4:
        return f"{value:,g}"
    return "10" + str(round(np.log10(value))).translate(SUPERSCRIPT)


def plain_log_ticks(axis) -> None:
    """Label a log axis 0.01, 0.1, 1, 10 ... 10\u2075 as plain text, not mathtext (whose minus
    sign NanumGothic lacks); plain numbers also read faster."""
    axis.set_major_formatter(FuncFormatter(_log_tick))
    axis.set_minor_formatter(NullFormatter())


NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
GLYPH = re.compile(r'(<path id="[^"]+" d=")([^"]*)(" transform="scale\()([\d.]+)(\)")')


def _round(match: re.Match) -> str:
    text = f"{float(match.group()):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


ARGS = {"M": 2, "L": 2, "Q": 4, "C": 6, "Z": 0}


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    text = "0" if text == "-0" else text
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def _path(d: str) -> str:
    """Path data in relative commands without needless spaces: `M 1 2 L 3 -4` -> `m1 2l2-6`.

    The numbers are already rounded, so the differences are exact and nothing drifts."""
    tokens = re.findall(r"[A-Za-z]|-?\d+(?:\.\d+)?", d)
    out, x, y, start, i = [], 0.0, 0.0, (0.0, 0.0), 0
    while i < len(tokens):
        command = tokens[i].upper()
        values = [float(t) for t in tokens[i + 1 : i + 1 + ARGS[command]]]
        i += 1 + ARGS[command]
        if command == "Z":
            out.append("z")
            x, y = start
            continue
        deltas = [v - (y if k % 2 else x) for k, v in enumerate(values)]
        x, y = values[-2], values[-1]
        if command == "M":
            start = (x, y)
        numbers = "".join((" " if not n.startswith("-") else "") + n for n in map(_num, deltas))
        out.append(command.lower() + numbers.lstrip(" "))
    return "".join(out)


def _glyph(match: re.Match) -> str:
    """A glyph outline in tenths of its units: one digit less a number, 0.01 pt off at most."""
    start, d, middle, scale, end = match.groups()
    d = NUMBER.sub(lambda m: str(round(float(m.group()) / 10)), d)
    return f"{start}{d}{middle}{float(scale) * 10:g}{end}"


def _attribute(match: re.Match) -> str:
    name, value = match.groups()
    if name == "transform":  # positions to 1/100 pt; scales stay exact
        value = re.sub(r"translate\([^)]*\)", lambda m: NUMBER.sub(_round, m.group()), value)
    else:
        value = NUMBER.sub(_round, value)
    return f'{name}="{_path(value) if name == "d" else value}"'


USES = re.compile(
    r"<g([^>]*)>\n((?:<defs>\n(?:<path [^>]*/>\n)+</defs>\n)?)((?:<use [^>]*/>\n){2,})</g>"
)


def _hoist(match: re.Match) -> str:
    """Markers drawn alike (a scatter's points) take their style from their group, once."""
    group, defs, uses = match.groups()
    styles = set(re.findall(r' style="([^"]*)"', uses))
    if len(styles) != 1 or uses.count("<use ") != uses.count(" style="):
        return match.group()
    uses = re.sub(r' style="[^"]*"', "", uses)
    return f'<g{group} style="{styles.pop()}">\n{defs}{uses}</g>'


def _classes(svg: str) -> str:
    """Each style used more than once (grid lines, ticks, markers) becomes a class, written once."""
    counts: dict[str, int] = {}
    for style in re.findall(r' style="([^"]*)"', svg):
        counts[style] = counts.get(style, 0) + 1
    names = {s: f"s{i}" for i, s in enumerate(s for s, n in counts.items() if n > 1)}
    rules = "".join(f".{name}{{{style}}}" for style, name in names.items())
    svg = re.sub(
        r' style="([^"]*)"',
        lambda m: f' class="{names[m[1]]}"' if m[1] in names else m.group(),
        svg,
    )
    return svg.replace("</style>", f"{rules}</style>", 1)


def _offset(match: re.Match) -> str:
    """`<use transform="translate(x y)">` is `<use x="x" y="y">`, shorter."""
    use, x, y = match.groups()
    return use + (f' x="{x}"' if x != "0" else "") + (f' y="{y}"' if y != "0" else "")


def _ids(svg: str) -> str:
    """Short ids for what is referred to (glyphs, markers, clip paths); none for the rest."""
    used = set(re.findall(r'(?:href="#|url\(#)([^")]+)', svg))
    short = {}
    for name in re.findall(r' id="([^"]+)"', svg):
        if name in used and name not in short:
            short[name] = f"i{len(short):x}"
    svg = re.sub(r' id="([^"]+)"', lambda m: f' id="{short[m[1]]}"' if m[1] in short else "", svg)
    return re.sub(r'(href="#|url\(#)([^")]+)', lambda m: m[1] + short[m[2]], svg)


def _unwrap(svg: str) -> str:
    """Drop the groups left without attributes (their ids were unused): `<g>...</g>` -> `...`."""
    out, stack, pos = [], [], 0
    for match in re.finditer(r"<g>\n|<g[ >]|</g>\n?", svg):
        tag = match.group()
        if tag == "<g>\n" or tag.startswith("<g"):
            stack.append(tag == "<g>\n")
            if not stack[-1]:
                continue
        elif not stack.pop():
            continue
        out.append(svg[pos : match.start()])
        pos = match.end()
    return "".join(out) + svg[pos:]


def compact(svg: str) -> str:
    """matplotlib's SVG, smaller and drawn the same: no comments, metadata or indentation,
    coordinates to 1/100 pt (1/75 of a CSS pixel), glyph outlines to 1/100 pt at 11 pt, repeated
    styles as classes, short ids."""
    svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.S)
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"\n\s*", "\n", svg)
    svg = GLYPH.sub(_glyph, svg)
    svg = re.sub(r'(?<= )(d|x|y|width|height|transform)="([^"]*)"', _attribute, svg)
    svg = re.sub(
        r'style="([^"]*)"', lambda m: 'style="' + re.sub(r"([:;]) ", r"\1", m[1]) + '"', svg
    )
    svg = svg.replace("<use xlink:href=", "<use href=")  # SVG 2, as every current browser reads it
    svg = USES.sub(_hoist, svg)
    svg = _classes(svg)
    svg = re.sub(r'(<use [^>]*?) transform="translate\(([-\d.]+) ([-\d.]+)\)"', _offset, svg)
    return _unwrap(_ids(svg))
