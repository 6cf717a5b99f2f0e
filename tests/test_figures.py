"""The committed figures: fresh, reproducible, readable on a phone, captioned on every page.

Only one figure is drawn here (the reproducibility check); freshness is checked from hashes.
"""

import hashlib
import json
import re
from pathlib import Path

import pytest

import figures
from figures.style import LANGS

ROOT = Path(__file__).resolve().parent.parent
STALE = "the figures are stale: run `make figures` and commit docs/*/figures and figures/stamp.json"
PHONE_WIDTH = 358  # CSS px of content on a 390 px wide phone
SMALLEST_TEXT = 11  # CSS px


def committed_svgs() -> list[Path]:
    return sorted((ROOT / "docs").glob("*/figures/*.svg"))


def test_stamp_matches_the_inputs():
    stamp = json.loads(figures.STAMP.read_text(encoding="utf-8"))
    assert stamp["inputs"] == figures.inputs_digest(), STALE


def test_stamp_matches_the_committed_svgs():
    stamp = json.loads(figures.STAMP.read_text(encoding="utf-8"))["svgs"]
    on_disk = {p.relative_to(ROOT).as_posix(): p for p in committed_svgs()}
    assert sorted(stamp) == sorted(on_disk), STALE
    for name, path in on_disk.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == stamp[name], f"{name}: {STALE}"


def test_every_figure_exists_in_every_language():
    expected = {f"docs/{lang}/figures/{name}.svg" for lang in LANGS for name in figures.FIGURES}
    assert {p.relative_to(ROOT).as_posix() for p in committed_svgs()} == expected, STALE


def test_drawing_twice_gives_the_committed_bytes():
    # The smallest figure, in Korean (the font the project installs): same bytes twice, and the
    # same bytes as the committed file.
    first = figures.render("cross-entropy-curve", "ko")
    assert figures.render("cross-entropy-curve", "ko") == first
    committed = figures.svg_path("cross-entropy-curve", "ko").read_text(encoding="utf-8")
    assert first == committed, STALE


@pytest.mark.parametrize("path", committed_svgs(), ids=lambda p: f"{p.parts[-3]}-{p.stem}")
def test_text_is_readable_on_a_phone_and_backgrounds_are_transparent(path):
    svg = path.read_text(encoding="utf-8")
    width_pt = float(re.search(r'<svg[^>]* width="([\d.]+)pt"', svg)[1])
    # matplotlib draws each text as glyph paths in a group scaled by font size / 100 (in pt);
    # sub- and superscripts would be scaled again on the glyph: there are none.
    sizes = [float(s) * 100 for s in re.findall(r"scale\(([\d.]+) -[\d.]+\)", svg)]
    assert sizes, "no text found"
    assert not re.search(r"<use [^>]*scale\(", svg), "sub/superscript text: smaller than 11 px"
    shown = min(sizes) * 4 / 3 * min(1, PHONE_WIDTH / (width_pt * 4 / 3))  # 1 pt = 4/3 CSS px
    assert shown >= SMALLEST_TEXT, f"text {shown:.1f} px on a phone"
    # No white box in the dark scheme: the figure's background rectangle (the first path) and
    # the axes' (a path with a fill) draw nothing.
    classes = dict(re.findall(r"\.(s\d+)\{([^}]*)\}", svg))
    fills = [
        style or classes[name]
        for style, name in re.findall(r'<path d="[^"]*" (?:style="([^"]*)"|class="(s\d+)")', svg)
    ]
    assert fills[0] == "fill:none", "the figure has a background"
    assert not [f for f in fills if re.search(r"fill:#ffffff(;|$)", f)], "a white background"
    assert path.stat().st_size < 100_000


FIGURE_LINE = re.compile(r"!\[([^\]]*)\]\((?:\.\./)*([^)]*\.svg)\)(\{[^}]*\})?")
CAPTION = {"ko": "그림", "en": "Figure"}


@pytest.mark.parametrize("lang", LANGS)
def test_pages_show_captioned_numbered_figures_that_exist(lang):
    for page in sorted((ROOT / "docs" / lang).glob("*.md")):
        text = page.read_text(encoding="utf-8")
        images = FIGURE_LINE.findall(text)
        for alt, src, attrs in images:
            assert src.startswith("figures/"), f"{page.name}: {src} is not in figures/"
            assert (page.parent / src).exists(), f"{page.name}: {src} does not exist"
            assert alt.strip(), f"{page.name}: {src} has no alt text"
            assert f"[![{alt}]({src}){attrs}]({src})" in text, (
                f"{page.name}: {src} does not open on tap"
            )
            # loaded when scrolled near, with its size known before (no layout shift)
            assert re.fullmatch(r"\{ loading=lazy width=\d+ height=\d+ \}", attrs), attrs
        blocks = re.findall(r'<figure class="figure" markdown="span">(.*?)</figure>', text, re.S)
        assert len(blocks) == len(images), f"{page.name}: a figure outside <figure>"
        numbers = [re.search(rf"<figcaption>{CAPTION[lang]} (\d+)\. \S", b) for b in blocks]
        assert all(numbers), f"{page.name}: a figure without '{CAPTION[lang]} N. ...' caption"
        assert [int(m[1]) for m in numbers] == list(range(1, len(blocks) + 1)), page.name


def test_text_past_a_figures_edge_is_found():
    """`make figures` refuses to write a figure whose text the SVG would cut off."""
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(2, 2), layout="constrained")
    fig.subplots().plot([0, 1], label="short")
    fig.legend(loc="outside lower center")
    fig.draw_without_rendering()
    assert figures.past_the_edge(fig) == 0
    fig.legend(handles=[plt.Line2D([], [], label="a label far too long for this figure")])
    fig.draw_without_rendering()
    assert figures.past_the_edge(fig) > 0.5
    plt.close(fig)
