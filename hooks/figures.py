"""MkDocs hook: draw the site's figures from the `snippets` library before each build.

The SVGs are byte-for-byte reproducible (fixed hash salt, no date), language-neutral (math
labels only), and rewritten only when they change, so `mkdocs serve` does not loop.
"""

import hashlib
import json
from io import StringIO
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from snippets import binary_cross_entropy, entropy, sigmoid, softmax
from snippets.datasets import blobs_2d
from snippets.models import logits
from snippets.openset import max_sigmoid, max_softmax_probability

FIGURES = Path(__file__).resolve().parent.parent / "docs" / "assets" / "figures"
STYLE = {"svg.hashsalt": "why-argmax", "svg.fonttype": "path", "font.size": 11}


def softmax_vs_sigmoid(ax):
    z = np.linspace(-6, 6, 241)
    ax.plot(z, sigmoid(z), lw=3, label=r"$\sigma(z)$")
    two_logits = np.stack([np.zeros_like(z), z], axis=-1)
    ax.plot(z, softmax(two_logits)[:, 1], "--", color="k", label=r"softmax$([0, z])_1$")
    three = softmax(np.stack([z, np.full_like(z, 1.5), np.full_like(z, -2.0)], axis=-1))
    ax.plot(z, three[:, 0], label=r"softmax$([z, 1.5, -2])_0$")
    ax.set(xlabel="$z$", ylabel="probability", ylim=(-0.02, 1.02))


def coin_entropy(ax):
    p = np.linspace(0, 1, 201)
    coins = np.stack([p, 1 - p], axis=-1)
    ax.plot(p, entropy(coins), label="nats (ln)")
    ax.plot(p, entropy(coins, base=2), label="bits (log$_2$)")
    ax.plot([0.5, 0.2], [entropy([0.5, 0.5]), entropy([0.2, 0.8])], "o", color="k")
    ax.set(xlabel="$p$ (red)", ylabel="$H([p, 1-p])$")


def cross_entropy_curve(ax):
    q = np.linspace(0.005, 1, 200)
    ax.plot(q, binary_cross_entropy(np.ones_like(q), q), label=r"$-\ln q$")
    ax.plot([0.7], [binary_cross_entropy(1.0, 0.7)], "o", color="k")
    ax.set(xlabel="$q$ (true class)", ylabel="loss", ylim=(0, 5.5))


FIGURE_MAKERS = {
    "softmax-vs-sigmoid": softmax_vs_sigmoid,
    "coin-entropy": coin_entropy,
    "cross-entropy-curve": cross_entropy_curve,
}


# Open-set and calibration figures: drawn from data/openset-figures.json, which
# `make experiments` writes (the build only reads it; nothing is trained here).
OPENSET_DATA = Path(__file__).resolve().parent.parent / "data" / "openset-figures.json"
CLASS_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c"]


def _openset_data() -> dict:
    return json.loads(OPENSET_DATA.read_text(encoding="utf-8"))


def _layers(raw):
    return [(np.array(w), np.array(b)) for w, b in raw]


def _confidence(head, z):
    return max_softmax_probability(z) if head == "softmax" else max_sigmoid(z)


def openset_regions(fig):
    """Decision regions and confidence of the four seed-0 models on the 2-D data."""
    stored = _openset_data()
    models = stored["blobs_models"]
    data = blobs_2d(0, **stored["blobs_data"])  # seed 0, as the stored models were trained
    g = np.linspace(-13, 13, 105)
    half = (g[1] - g[0]) / 2
    gx, gy = np.meshgrid(g, g)
    grid = np.stack([gx.ravel(), gy.ravel()], axis=1)
    axes = fig.subplots(2, 2, sharex=True, sharey=True)
    levels = [0, 0.5, 0.7, 0.9, 0.99, 1]
    cmap = plt.get_cmap("viridis", len(levels) - 1)
    norm = matplotlib.colors.BoundaryNorm(levels, cmap.N)
    for row, arch in enumerate(["linear", "mlp"]):
        for col, head in enumerate(["softmax", "sigmoid"]):
            ax = axes[row, col]
            z = logits(_layers(models[arch][head]), grid)
            conf = _confidence(head, z).reshape(gx.shape)
            filled = ax.imshow(
                conf,
                extent=(-13 - half, 13 + half, -13 - half, 13 + half),  # pixels centred on g
                origin="lower",
                cmap=cmap,
                norm=norm,
                interpolation="nearest",
            )
            for k in (0, 1):  # where class k's logit ties the best other one: the boundaries
                margin = z[:, k] - np.delete(z, k, axis=1).max(axis=1)
                ax.contour(
                    gx, gy, margin.reshape(gx.shape), levels=[0], colors="white", linewidths=1
                )
            # A sample of the points, to keep the SVG light: 30 known test points a class
            # and the first 30 of each unknown set.
            x, y = data["test"]
            for k in range(3):
                ax.scatter(*x[y == k][:30].T, s=6, color=CLASS_COLORS[k], edgecolors="none")
            for name, color in [("elephant", "black"), ("far", "white")]:
                points = data["unknown"][name][:30]
                ax.scatter(*points.T, s=9, marker="x", color=color, linewidths=0.8)
            title = "max softmax" if head == "softmax" else "max sigmoid"
            ax.set_title(f"{arch}, {head} head: {title}", fontsize=10)
            ax.set_aspect("equal")
    fig.colorbar(filled, ax=axes, shrink=0.8, label="confidence")


def openset_distance(fig):
    """Mean confidence of the seed-0 2-D models on circles of growing radius."""
    models = _openset_data()["blobs_models"]
    radius = np.linspace(0, 15, 61)
    angle = np.linspace(0, 2 * np.pi, 180, endpoint=False)
    ax = fig.subplots()
    for arch, style in [("linear", "--"), ("mlp", "-")]:
        for head, color in [("softmax", "C0"), ("sigmoid", "C3")]:
            layers = _layers(models[arch][head])
            mean = []
            for r in radius:
                pts = np.stack([r * np.cos(angle), r * np.sin(angle)], axis=1)
                mean.append(_confidence(head, logits(layers, pts)).mean())
            name = "max softmax" if head == "softmax" else "max sigmoid"
            ax.plot(radius, mean, style, color=color, label=f"{arch}, {name}")
    ax.axvspan(8, 12, color="grey", alpha=0.15, lw=0)
    ax.set(
        xlabel="distance from the origin", ylabel="mean confidence on the circle", ylim=(0, 1.02)
    )
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")


def openset_roc(fig):
    """ROC curves of every score, digits 0-4 known and 5-9 unknown (one-hidden-layer, seed 0)."""
    roc = _openset_data()["roc"]
    ax = fig.subplots()
    styles = {  # (line style, colour, width): the sigmoid head in black, softmax scores in colour
        "max softmax": ("-", "C0", 1.5),
        "max logit": ("--", "C1", 1.5),
        "-energy": (":", "C2", 1.5),
        "-entropy": ("-.", "C4", 1.5),
        "max sigmoid": ("-", "black", 2),
    }
    for name, curve in roc.items():
        style, color, width = styles[name]
        # The stored curve is sampled on an FPR grid; every ROC curve starts at (0, 0).
        fpr, tpr = np.r_[0, curve["fpr"]], np.r_[0, curve["tpr"]]
        ax.plot(fpr, tpr, style, color=color, lw=width, label=name)
    ax.plot([0, 1], [0, 1], color="grey", lw=0.8)
    ax.axhline(0.95, color="grey", lw=0.8, ls=":")
    ax.set(xlabel="unknown digits accepted (FPR)", ylabel="known digits accepted (TPR)")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")


CALIBRATION_PANELS = [("blobs-overfit/mlp", "blobs-overfit, mlp"), ("digits/mlp", "digits, mlp")]


def calibration_reliability(fig):
    """Reliability diagrams before and after temperature scaling (all seeds pooled)."""
    data = _openset_data()["calibration"]
    axes = fig.subplots(2, 2, sharex=True, sharey=True)
    for row, (key, label) in enumerate(CALIBRATION_PANELS):
        for col, tag in enumerate(["before", "after"]):
            ax = axes[row, col]
            b = data[key][tag]
            n_bins = len(b["count"])
            edges = np.linspace(0, 1, n_bins + 1)
            filled = np.array(b["count"]) > 0
            ax.bar(
                edges[:-1][filled],
                np.array(b["accuracy"])[filled],
                width=1 / n_bins,
                align="edge",
                color="C0",
                edgecolor="white",
                label="accuracy",
            )
            ax.plot(
                np.array(b["confidence"])[filled],
                np.array(b["accuracy"])[filled],
                "o",
                ms=3,
                color="black",
                label="(confidence, accuracy)",
            )
            ax.plot([0, 1], [0, 1], color="grey", lw=1)
            ax.set_title(f"{label}, {'T = 1' if tag == 'before' else 'fitted T'}", fontsize=10)
            ax.grid(alpha=0.3)
    for ax in axes[1]:
        ax.set_xlabel("confidence (max softmax)")
    for ax in axes[:, 0]:
        ax.set_ylabel("accuracy")
    axes[0, 0].legend(loc="upper left", fontsize=8)


def calibration_confidence(fig):
    """Histograms of max softmax: known test samples and unknowns, before and after T."""
    data = _openset_data()["calibration"]
    axes = fig.subplots(2, 2, sharex=True, sharey="row")
    for row, (key, label) in enumerate(CALIBRATION_PANELS):
        for col, tag in enumerate(["before", "after"]):
            ax = axes[row, col]
            edges = np.array(data[key]["histogram_edges"])
            for i, (name, counts) in enumerate(data[key][tag]["histogram"].items()):
                counts = np.array(counts, dtype=float)
                known = name == "known test"  # in black and on top, the unknowns in colour
                ax.stairs(
                    counts / counts.sum(),
                    edges,
                    lw=2 if known else 1.5,
                    color="black" if known else f"C{i}",
                    zorder=3 if known else 2,
                    label=name,
                )
            ax.set_title(f"{label}, {'T = 1' if tag == 'before' else 'fitted T'}", fontsize=10)
            ax.grid(alpha=0.3)
            ax.legend(loc="upper left", fontsize=8)
    for ax in axes[1]:
        ax.set_xlabel("max softmax")
    for ax in axes[:, 0]:
        ax.set_ylabel("share of samples")


# The inference page's timing figure: drawn from data/benchmark.json, which `make bench` writes.
BENCHMARK_DATA = Path(__file__).resolve().parent.parent / "data" / "benchmark.json"
BENCHMARK_LINES = [  # method, label, colour
    ("argmax", "argmax(z)", "C0"),
    ("argmax_softmax", "argmax(softmax(z))", "C3"),
    ("softmax", "softmax(z), this site", "C2"),
    ("scipy_softmax", "scipy.special.softmax", "C1"),
    ("naive_softmax", "naive softmax", "C7"),
]


def softmax_benchmark(fig):
    """Time per row against batch size (top) and the ratios the page quotes (bottom)."""
    runs = json.loads(BENCHMARK_DATA.read_text(encoding="utf-8"))["runs"]
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

            for method, _, color in BENCHMARK_LINES:
                top.plot(rows, best(method) / rows * 1e6, style, marker="o", ms=3, color=color)
            bottom.plot(
                rows, best("argmax_softmax") / best("argmax"), style, marker="o", ms=3, color="C3"
            )
            bottom.plot(
                rows, best("scipy_softmax") / best("softmax"), style, marker="o", ms=3, color="C1"
            )
        top.set(xscale="log", yscale="log", title=f"{classes} classes")
        bottom.set(xscale="log", yscale="log", xlabel="rows in the batch")
        bottom.axhline(1, color="grey", lw=0.8)
        for ax in (top, bottom):
            ax.grid(alpha=0.3)
    axes[0, 0].set_ylabel("µs per row (min)")
    axes[1, 0].set_ylabel("ratio of times")
    handles = [
        matplotlib.lines.Line2D([], [], color=color, marker="o", ms=3, label=label)
        for _, label, color in BENCHMARK_LINES
    ] + [
        matplotlib.lines.Line2D(
            [], [], color="C3", marker="o", ms=3, label="argmax(softmax) / argmax"
        ),
        matplotlib.lines.Line2D([], [], color="C1", marker="o", ms=3, label="SciPy / this site"),
        matplotlib.lines.Line2D([], [], color="k", ls="-", label="float64"),
        matplotlib.lines.Line2D([], [], color="k", ls=":", label="float32"),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=9)


WHOLE_FIGURE_MAKERS = {  # name: (draw(fig), figure size in inches)
    "softmax-benchmark": (softmax_benchmark, (8, 7.4)),
    "openset-regions": (openset_regions, (8, 7.4)),
    "openset-distance": (openset_distance, (6, 3.8)),
    "openset-roc": (openset_roc, (5.5, 4.5)),
    "calibration-reliability": (calibration_reliability, (7, 6.4)),
    "calibration-confidence": (calibration_confidence, (8, 6)),
}


def render(draw) -> str:
    """One figure as SVG text, identical on every run."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6, 3.6))
        draw(ax)
        ax.grid(alpha=0.3)
        ax.legend()
        fig.tight_layout()
        out = StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None})
        plt.close(fig)
    return out.getvalue()


def render_figure(draw, size) -> str:
    """A figure that lays out its own axes, as SVG text, identical on every run."""
    with plt.rc_context(STYLE):
        fig = plt.figure(figsize=size, layout="constrained")
        draw(fig)
        out = StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None})
        plt.close(fig)
    return out.getvalue()


def _inputs_digest() -> str:
    """A hash of everything the figures are drawn from: this file, the library, the data."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(matplotlib.__version__.encode())
    for path in [Path(__file__), *sorted(root.glob("snippets/*.py")), *sorted(root.glob("data/*"))]:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def on_config(config):
    # Drawing takes seconds and every language build calls this hook: skip it when the figures
    # on disk were drawn from the same inputs (a fresh clone has none, so CI always draws).
    FIGURES.mkdir(parents=True, exist_ok=True)
    stamp, digest = FIGURES / ".inputs-sha256", _inputs_digest()
    names = [*FIGURE_MAKERS, *WHOLE_FIGURE_MAKERS]
    if stamp.exists() and stamp.read_text() == digest:
        if all((FIGURES / f"{name}.svg").exists() for name in names):
            return config
    drawn = {name: render(draw) for name, draw in FIGURE_MAKERS.items()}
    drawn |= {name: render_figure(*args) for name, args in WHOLE_FIGURE_MAKERS.items()}
    for name, svg in drawn.items():
        path = FIGURES / f"{name}.svg"
        if not path.exists() or path.read_text(encoding="utf-8") != svg:
            path.write_text(svg, encoding="utf-8")
    stamp.write_text(digest)
    return config
