"""Figures of the basic pages: softmax and sigmoid, entropy, cross-entropy, temperature."""

import numpy as np

from figures.style import WIDTH, plain_log_ticks, tr
from snippets import binary_cross_entropy, entropy, sigmoid, softmax

USES = (binary_cross_entropy, entropy, sigmoid, softmax)  # the library code these figures run
DATA = ()  # files in data/ they read


def softmax_vs_sigmoid(fig, lang):
    """sigmoid(z), softmax([0, z])[1] and softmax([z, 1.5, -2])[0] against z."""
    ax = fig.subplots()
    z = np.linspace(-6, 6, 97)
    ax.plot(z, sigmoid(z), lw=3, color="C0", label=r"$\sigma(z)$")
    two_logits = np.stack([np.zeros_like(z), z], axis=-1)
    ax.plot(z, softmax(two_logits)[:, 1], "--", color="k", label="softmax$([0, z])$[1]")
    three = softmax(np.stack([z, np.full_like(z, 1.5), np.full_like(z, -2.0)], axis=-1))
    ax.plot(z, three[:, 0], color="C1", label="softmax$([z, 1.5, -2])$[0]")
    ax.set(xlabel="$z$", ylabel=tr(lang, "probability", "확률"), ylim=(-0.02, 1.02))
    ax.legend(loc="upper left")


def coin_entropy(fig, lang):
    """Entropy of a box with a fraction p of red balls, in nats and in bits."""
    ax = fig.subplots()
    p = np.linspace(0, 1, 101)
    coins = np.stack([p, 1 - p], axis=-1)
    ax.plot(p, entropy(coins), color="C0", label=tr(lang, "nats (ln)", "내트 (ln)"))
    ax.plot(
        p,
        entropy(coins, base=2),
        color="C1",
        label=tr(lang, "bits (log\u2082)", "비트 (log\u2082)"),
    )
    ax.plot([0.5, 0.2], [entropy([0.5, 0.5]), entropy([0.2, 0.8])], "o", color="k")
    ax.set(
        xlabel=tr(lang, "$p$ (share of red balls)", "$p$ (빨간 공의 비율)"),
        ylabel="$H([p, 1-p])$",
    )
    ax.legend(loc="upper right")


def cross_entropy_curve(fig, lang):
    """The loss -ln q against the probability q the model gives the true class."""
    ax = fig.subplots()
    q = np.r_[np.geomspace(0.004, 0.1, 25), np.linspace(0.1, 1, 46)[1:]]
    ax.plot(q, binary_cross_entropy(np.ones_like(q), q), color="C0", label=r"$-\ln q$")
    ax.plot([0.7], [binary_cross_entropy(1.0, 0.7)], "o", color="k")
    ax.set(
        xlabel=tr(lang, "$q$ (probability of the true class)", "$q$ (정답 클래스의 확률)"),
        ylabel=tr(lang, "loss", "손실"),
        ylim=(0, 5.5),
    )
    ax.legend(loc="upper right")


TEMPERATURE_LOGITS = [0.2, 1.5, -2.0]


def softmax_temperature(fig, lang):
    """softmax(z / T) for z = [0.2, 1.5, -2] as T falls from 100 to 0.01: the argmax, one-hot."""
    ax = fig.subplots()
    t = np.geomspace(100, 0.01, 81)
    z = np.array(TEMPERATURE_LOGITS)
    p = softmax(z[None, :] / t[:, None])
    logit = tr(lang, "logit", "로짓")
    names = [f"{logit} 0.2", f"{logit} 1.5 (argmax)", f"{logit} $-2$"]
    styles = [("--", "C0"), ("-", "C3"), (":", "C2")]  # the argmax solid and red
    for k, (name, (style, color)) in enumerate(zip(names, styles, strict=True)):
        ax.plot(t, p[:, k], style, color=color, lw=2.5 if k == 1 else 2, label=name)
    ax.axhline(1 / 3, color="grey", lw=0.8)  # large T: uniform
    ax.axvline(1, color="grey", lw=0.8)  # T = 1: the plain softmax
    ax.set_xscale("log")
    ax.set_xlim(100, 0.01)  # T falls from left to right
    plain_log_ticks(ax.xaxis)
    ax.set(
        xlabel=tr(lang, "temperature $T$ (log scale)", "온도 $T$ (로그 눈금)"),
        ylabel="softmax$(z / T)$[k]",
        ylim=(-0.02, 1.02),
    )
    ax.set_yticks([0, 1 / 3, 2 / 3, 1], ["0", "1/3", "2/3", "1"])
    fig.legend(loc="outside lower center", ncols=2)


FIGURES = {  # name: (draw(fig, lang), size in inches)
    "softmax-vs-sigmoid": (softmax_vs_sigmoid, (WIDTH, 3.3)),
    "coin-entropy": (coin_entropy, (WIDTH, 3.1)),
    "cross-entropy-curve": (cross_entropy_curve, (WIDTH, 3.1)),
    "softmax-temperature": (softmax_temperature, (WIDTH, 3.4)),
}
