"""The site's figures, drawn once per language from the same data: `python -m figures`.

Each figure is written to docs/<lang>/figures/<name>.svg, so both languages' pages refer to
`figures/<name>.svg`. The SVGs are committed; figures/stamp.json records a hash of everything
they are drawn from and of each SVG, and tests/test_figures.py fails when either is stale.
"""

import hashlib
import inspect
import json
from io import StringIO
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from figures import basics, benchmark, openset
from figures.style import LANGS, compact, korean_font, style

ROOT = Path(__file__).resolve().parent.parent
STAMP = ROOT / "figures" / "stamp.json"
FAMILIES = (basics, openset, benchmark)
FIGURES = {name: spec for family in FAMILIES for name, spec in family.FIGURES.items()}


def render(name: str, lang: str) -> str:
    """One figure in one language, as SVG text, identical on every run."""
    draw, size = FIGURES[name]
    with plt.rc_context(style(lang)):
        fig = plt.figure(figsize=size)
        draw(fig, lang)
        out = StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        if (past := past_the_edge(fig)) > 0.02:
            raise ValueError(f"{name} ({lang}) runs {past:.2f} in past the figure's edge")
        plt.close(fig)
    return compact(out.getvalue())


def past_the_edge(fig) -> float:
    """How far (in inches) what the figure draws, a legend too wide for it say, runs past its
    edge, which the saved SVG cuts off: 0 when nothing does. Measured once the figure is laid
    out (saved or drawn)."""
    drawn, edge = fig.get_tightbbox(), fig.bbox_inches
    return max(edge.x0 - drawn.x0, edge.y0 - drawn.y0, drawn.x1 - edge.x1, drawn.y1 - edge.y1, 0)


def svg_path(name: str, lang: str) -> Path:
    return ROOT / "docs" / lang / "figures" / f"{name}.svg"


def inputs() -> list[Path]:
    """Every file the figures are drawn from: this package, the data, the library modules."""
    library = {
        Path(inspect.getfile(function)).resolve() for family in FAMILIES for function in family.USES
    }
    data = {ROOT / "data" / name for family in FAMILIES for name in family.DATA}
    package = set((ROOT / "figures").glob("*.py"))
    return sorted(package | data | library | {korean_font()})


def inputs_digest() -> str:
    """A hash of the inputs' names and bytes, and of matplotlib's and numpy's versions."""
    versions = f"matplotlib {matplotlib.__version__}, numpy {np.__version__}\n"
    digest = hashlib.sha256(versions.encode())
    for path in inputs():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def draw_all() -> dict:
    """Draw every figure in every language, write those that changed, and the stamp."""
    svgs = {}
    for lang in LANGS:
        for name in FIGURES:
            path = svg_path(name, lang)
            svg = render(name, lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_text(encoding="utf-8") != svg:
                path.write_text(svg, encoding="utf-8")
            svgs[path.relative_to(ROOT).as_posix()] = file_digest(path)
    stamp = {"inputs": inputs_digest(), "svgs": svgs}
    STAMP.write_text(json.dumps(stamp, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return stamp
