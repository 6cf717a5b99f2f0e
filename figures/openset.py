"""Figures of the open-set and calibration pages, drawn from data/openset-figures.json.

`make experiments` writes that file (the seed-0 models of the 2-D data, ROC curves, reliability
bins and histograms); nothing is trained here.
"""

import json
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from experiment.datasets import blobs_2d
from experiment.models import logits
from experiment.scores import max_sigmoid, max_softmax_probability
from figures.style import WIDTH, tr

USES = (blobs_2d, logits, max_sigmoid, max_softmax_probability)
DATA = ("openset-figures.json",)
DATA_FILE = Path(__file__).resolve().parent.parent / "data" / DATA[0]
CLASS_COLORS = ["C0", "C1", "C2"]


def _data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _layers(raw):
    return [(np.array(w), np.array(b)) for w, b in raw]


def _confidence(head, z):
    return max_softmax_probability(z) if head == "softmax" else max_sigmoid(z)


def _arch(lang, arch):
    return {"linear": tr(lang, "linear", "선형"), "mlp": tr(lang, "MLP", "신경망")}[arch]


def _head(lang, head):
    if head == "softmax":
        return tr(lang, "softmax head", "소프트맥스 출력층")
    return tr(lang, "sigmoid head", "시그모이드 출력층")


SCORES = {  # the data's names of the scores, in each language
    "max softmax": ("max softmax", "최대 소프트맥스 확률(MSP)"),
    "max logit": ("max logit", "최대 로짓"),
    "-energy": ("$-$energy", "음의 에너지"),
    "-entropy": ("$-$entropy", "음의 엔트로피"),
    "max sigmoid": ("max sigmoid", "최대 시그모이드"),
}


def _score(lang, name):
    return tr(lang, *SCORES[name])


def openset_regions(fig, lang):
    """Decision regions and confidence of the four seed-0 models on the 2-D data."""
    stored = _data()
    models = stored["blobs_models"]
    data = blobs_2d(0, **stored["blobs_data"])  # seed 0, as the stored models were trained
    g = np.linspace(-13, 13, 105)  # the confidence image: small as a PNG at any resolution
    half = (g[1] - g[0]) / 2
    gx, gy = np.meshgrid(g, g)
    grid = np.stack([gx.ravel(), gy.ravel()], axis=1)
    c = np.linspace(-13, 13, 46)  # the boundaries, nearly straight: a coarser grid will do
    cx, cy = np.meshgrid(c, c)
    coarse = np.stack([cx.ravel(), cy.ravel()], axis=1)
    axes = fig.subplots(2, 2, sharex=True, sharey=True)
    levels = [0, 0.5, 0.7, 0.9, 0.99, 1]
    cmap = plt.get_cmap("viridis", len(levels) - 1)
    norm = matplotlib.colors.BoundaryNorm(levels, cmap.N)
    for row, arch in enumerate(["linear", "mlp"]):
        for col, head in enumerate(["softmax", "sigmoid"]):
            ax = axes[row, col]
            layers = _layers(models[arch][head])
            conf = _confidence(head, logits(layers, grid)).reshape(gx.shape)
            filled = ax.imshow(
                conf,
                extent=(-13 - half, 13 + half, -13 - half, 13 + half),  # pixels centred on g
                origin="lower",
                cmap=cmap,
                norm=norm,
                interpolation="nearest",
            )
            z = logits(layers, coarse)
            for k in (0, 1):  # where class k's logit ties the best other one: the boundaries
                margin = z[:, k] - np.delete(z, k, axis=1).max(axis=1)
                ax.contour(
                    cx, cy, margin.reshape(cx.shape), levels=[0], colors="white", linewidths=1
                )
            # A sample of the points, to keep the SVG light: 8 known test points a class
            # and the first 8 of each unknown set.
            x, y = data["test"]
            for k in range(3):
                ax.scatter(
                    *x[y == k][:8].T, s=8, color=CLASS_COLORS[k], edgecolors="none", clip_on=False
                )
            for name, color in [("elephant", "black"), ("far", "white")]:
                points = data["unknown"][name][:8]
                ax.scatter(*points.T, s=12, marker="x", color=color, linewidths=1, clip_on=False)
            ax.set_aspect("equal")
            ax.set_xticks([-10, 0, 10])
            ax.set_yticks([-10, 0, 10])
            ax.grid(False)
            if row == 0:
                ax.set_title(_head(lang, head))
            if col == 0:
                ax.set_ylabel(_arch(lang, arch))
    label = tr(lang, "confidence", "신뢰도")  # max softmax or max sigmoid: the caption says which
    fig.colorbar(filled, ax=axes, location="bottom", shrink=0.9, aspect=30, label=label)


def openset_distance(fig, lang):
    """Mean confidence of the seed-0 2-D models on circles of growing radius."""
    models = _data()["blobs_models"]
    radius = np.linspace(0, 15, 46)
    angle = np.linspace(0, 2 * np.pi, 180, endpoint=False)
    ax = fig.subplots()
    for arch, style in [("linear", "--"), ("mlp", "-")]:
        for head, color in [("softmax", "C0"), ("sigmoid", "C3")]:
            layers = _layers(models[arch][head])
            mean = []
            for r in radius:
                pts = np.stack([r * np.cos(angle), r * np.sin(angle)], axis=1)
                mean.append(_confidence(head, logits(layers, pts)).mean())
            score = tr(lang, f"max {head}", "MSP" if head == "softmax" else "최대 시그모이드")
            name = f"{_arch(lang, arch)}, {score}"
            ax.plot(radius, mean, style, color=color, lw=2, label=name)
    ax.axvspan(8, 12, color="grey", alpha=0.15, lw=0)
    ax.set(
        xlabel=tr(lang, "distance from the origin", "원점에서의 거리"),
        ylabel=tr(lang, "mean confidence on the circle", "원 위의 평균 신뢰도"),
        ylim=(0, 1.02),
    )
    fig.legend(loc="outside lower center", ncols=2)


def openset_roc(fig, lang):
    """ROC curves of every score, on the first digits split (one-hidden-layer, seed 0)."""
    roc = _data()["roc"]
    ax = fig.subplots()
    styles = {  # (line style, colour, width): the sigmoid head in black, softmax scores in colour
        "max softmax": ("-", "C0", 1.5),
        "max logit": ("--", "C1", 1.5),
        "-energy": (":", "C2", 2),
        "-entropy": ("-.", "C4", 1.5),
        "max sigmoid": ("-", "black", 2),
    }
    for name, curve in roc.items():
        style, color, width = styles[name]
        # The stored curve is sampled on an FPR grid; every ROC curve starts at (0, 0).
        fpr, tpr = np.r_[0, curve["fpr"][::2]], np.r_[0, curve["tpr"][::2]]
        ax.plot(fpr, tpr, style, color=color, lw=width, label=_score(lang, name))
    ax.plot([0, 1], [0, 1], color="grey", lw=0.8)
    ax.axhline(0.95, color="grey", lw=0.8, ls=":")
    ax.set(
        xlabel=tr(lang, "unknown digits accepted (FPR)", "모르는 숫자를 받아들인 비율 (FPR)"),
        ylabel=tr(lang, "known digits accepted (TPR)", "알려진 숫자를 받아들인 비율 (TPR)"),
        xlim=(0, 1),
        ylim=(0, 1.01),
    )
    ax.legend(loc="lower right")


CALIBRATION_PANELS = ["blobs-overfit/mlp", "digits/mlp"]  # top row, bottom row


DATASETS = {"blobs-overfit": "과적합 군집", "digits": "손글씨 숫자"}  # the tables' Korean names


def _panel_title(lang, key, tag):
    dataset = key.split("/")[0]
    t = "$T = 1$" if tag == "before" else tr(lang, "fitted $T$", "맞춘 $T$")
    return f"{tr(lang, dataset, DATASETS[dataset])}, {t}"


def _reliability(ax, bins, lang):
    """One reliability diagram: accuracy per confidence bin, the bins' mean confidence, the
    diagonal of perfect calibration."""
    n_bins = len(bins["count"])
    edges = np.linspace(0, 1, n_bins + 1)
    filled = np.array(bins["count"]) > 0
    ax.bar(
        edges[:-1][filled],
        np.array(bins["accuracy"])[filled],
        width=1 / n_bins,
        align="edge",
        color="C0",
        alpha=0.6,
        lw=0,
        label=tr(lang, "accuracy", "정확도"),
    )
    ax.plot(
        np.array(bins["confidence"])[filled],
        np.array(bins["accuracy"])[filled],
        "o",
        ms=3,
        color="black",
        label=tr(lang, "(confidence, accuracy)", "(신뢰도, 정확도)"),
    )
    ax.plot([0, 1], [0, 1], color="grey", lw=1)
    ax.set_xticks([0, 0.5, 1], ["0", "0.5", "1"])
    ax.set_yticks([0, 0.5, 1], ["0", "0.5", "1"])


def _reliability_grid(fig, lang, data, xlabel):
    """Reliability diagrams before (left) and after (right) temperature scaling, one data set a
    row (all seeds pooled)."""
    axes = fig.subplots(2, 2, sharex=True, sharey=True)
    for row, key in enumerate(CALIBRATION_PANELS):
        for col, tag in enumerate(["before", "after"]):
            _reliability(axes[row, col], data[key][tag], lang)
            axes[row, col].set_title(_panel_title(lang, key, tag))
    for ax in axes[1]:
        ax.set_xlabel(xlabel)
    for ax in axes[:, 0]:
        ax.set_ylabel(tr(lang, "accuracy", "정확도"))
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=2)


def calibration_reliability(fig, lang):
    """The softmax heads: max softmax as the confidence."""
    data = _data()["calibration"]
    _reliability_grid(fig, lang, data, tr(lang, "confidence", "신뢰도"))


def calibration_reliability_sigmoid(fig, lang):
    """The sigmoid heads: the largest sigmoid as the confidence, its temperature fitted on the
    head's own loss."""
    data = _data()["reliability_sigmoid"]
    _reliability_grid(fig, lang, data, tr(lang, "max sigmoid", "최대 시그모이드"))


UNKNOWNS = {  # the data's names of the histograms, in each language, as the pages call them
    "known test": ("known test inputs", "알려진 시험 입력"),
    "elephant": ("elephant cluster", "코끼리 군집"),
    "far": ("far points", "먼 점"),
    "held-out digits": ("held-out digits", "제외한 숫자"),
}


def calibration_confidence(fig, lang):
    """Histograms of max softmax: known test samples and unknowns, before and after T."""
    data = _data()["calibration"]
    axes = fig.subplots(2, 2, sharex=True, sharey="row")
    colors = {"elephant": "C1", "far": "C3", "held-out digits": "C2"}
    for row, key in enumerate(CALIBRATION_PANELS):
        for col, tag in enumerate(["before", "after"]):
            ax = axes[row, col]
            edges = np.array(data[key]["histogram_edges"])
            for name, counts in data[key][tag]["histogram"].items():
                counts = np.array(counts, dtype=float)
                known = name == "known test"  # in black and on top, the unknowns in colour
                ax.stairs(
                    counts / counts.sum(),
                    edges,
                    lw=2 if known else 1.5,
                    color="black" if known else colors[name],
                    zorder=3 if known else 2,
                    label=tr(lang, *UNKNOWNS[name]),
                )
            ax.set_title(_panel_title(lang, key, tag))
    for ax in axes[1]:
        ax.set_xlabel(tr(lang, "max softmax", "MSP"))  # the caption spells the Korean term out
    for ax in axes[:, 0]:
        ax.set_ylabel(tr(lang, "share of samples", "표본 비율"))
    handles = {}
    for ax in axes[:, 0]:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            handles.setdefault(label, handle)
    fig.legend(handles.values(), handles.keys(), loc="outside lower center", ncols=2)


FIGURES = {  # name: (draw(fig, lang), size in inches)
    "openset-regions": (openset_regions, (WIDTH, 5.6)),
    "openset-distance": (openset_distance, (WIDTH, 3.8)),
    "openset-roc": (openset_roc, (WIDTH, 4.4)),
    "calibration-reliability": (calibration_reliability, (WIDTH, 5.2)),
    "calibration-reliability-sigmoid": (calibration_reliability_sigmoid, (WIDTH, 5.2)),
    "calibration-confidence": (calibration_confidence, (WIDTH, 5.4)),
}
