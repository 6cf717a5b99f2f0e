"""MkDocs hook: draw the site's figures from the `snippets` library before each build.

The SVGs are byte-for-byte reproducible (fixed hash salt, no date), language-neutral (math
labels only), and rewritten only when they change, so `mkdocs serve` does not loop.
"""

from io import StringIO
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from snippets import binary_cross_entropy, entropy, sigmoid, softmax

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


def on_config(config):
    FIGURES.mkdir(parents=True, exist_ok=True)
    for name, draw in FIGURE_MAKERS.items():
        path = FIGURES / f"{name}.svg"
        svg = render(draw)
        if not path.exists() or path.read_text(encoding="utf-8") != svg:
            path.write_text(svg, encoding="utf-8")
    return config
