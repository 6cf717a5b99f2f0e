"""The timing figure, drawn from data/benchmark.json, which `make bench` writes."""

import json
from pathlib import Path

import numpy as np
from matplotlib.lines import Line2D

from figures.style import WIDTH, plain_log_ticks, tr

USES = ()  # draws stored timings only
DATA = ("benchmark.json",)
DATA_FILE = Path(__file__).resolve().parent.parent / "data" / DATA[0]
LINES = [  # method, label (English, Korean), colour
    ("argmax", ("argmax(z)", "argmax(z)"), "C0"),
    ("argmax_softmax", ("argmax(softmax(z))", "argmax(softmax(z))"), "C3"),
    ("softmax", ("softmax(z), this site", "softmax(z), 이 사이트"), "C2"),
    ("scipy_softmax", ("scipy.special.softmax", "scipy.special.softmax"), "C1"),
    ("naive_softmax", ("naive softmax", "공식 그대로"), "C7"),
]


def softmax_benchmark(fig, lang):
    """Time per row against batch size (top) and the ratios the page quotes (bottom)."""
    runs = json.loads(DATA_FILE.read_text(encoding="utf-8"))["runs"]
    axes = fig.subplots(2, 2, sharex="col")
    for col, classes in enumerate([10, 1000]):
        top, bottom = axes[0, col], axes[1, col]
        for dtype, style in [("float64", "-"), ("float32", ":")]:
            mine = sorted(
                (r for r in runs if r["classes"] == classes and r["dtype"] == dtype),
                key=lambda r: r["rows"],
            )
            rows = np.array([r["rows"] for r in mine])

            def best(method, mine=mine):
                return np.array([r["seconds"][method]["min"] for r in mine])

            for method, _, color in LINES:
                top.plot(rows, best(method) / rows * 1e6, style, color=color)
            bottom.plot(rows, best("argmax_softmax") / best("argmax"), style, color="C3")
            bottom.plot(rows, best("scipy_softmax") / best("softmax"), style, color="C1")
        top.set(
            xscale="log", yscale="log", title=tr(lang, f"{classes} classes", f"클래스 {classes}개")
        )
        bottom.set(xscale="log", yscale="log", xlabel=tr(lang, "rows", "행 수"))
        bottom.axhline(1, color="grey", lw=0.8)
        for ax in (top, bottom):
            plain_log_ticks(ax.xaxis)
            plain_log_ticks(ax.yaxis)
    axes[0, 0].set_ylabel(tr(lang, "µs per row (min)", "행당 µs (최솟값)"))
    axes[1, 0].set_ylabel(tr(lang, "ratio of times", "시간 비"))
    handles = [Line2D([], [], color=color, label=tr(lang, *label)) for _, label, color in LINES] + [
        Line2D([], [], color="C3", label="argmax(softmax) / argmax"),
        Line2D([], [], color="C1", label=tr(lang, "SciPy / this site", "SciPy / 이 사이트")),
        Line2D([], [], color="k", ls="-", label="float64"),
        Line2D([], [], color="k", ls=":", label="float32"),
    ]
    fig.legend(
        handles=handles, loc="outside lower center", ncols=2, handlelength=1.5, columnspacing=1
    )


FIGURES = {"softmax-benchmark": (softmax_benchmark, (WIDTH, 7.2))}
