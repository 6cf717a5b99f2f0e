"""Calibration: reliability bins, expected calibration error, and temperature scaling."""

import numpy as np

from snippets._validate import as_float_array, check_distribution
from snippets.activations import log_softmax


def _probs_and_labels(probs, labels) -> tuple[np.ndarray, np.ndarray]:
    p = as_float_array(probs, "probs")
    if p.ndim != 2:
        raise ValueError(f"probs must be 2-D (samples, classes), got shape {p.shape}")
    check_distribution(p, "probs", 1)
    y = np.asarray(labels)
    if y.shape != (len(p),) or not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"labels must be integer labels of shape ({len(p)},), got {y.shape}")
    if (y < 0).any() or (y >= p.shape[1]).any():
        raise ValueError(f"labels must lie in [0, {p.shape[1] - 1}]")
    return p, y


def _check_bins(n_bins) -> int:
    if isinstance(n_bins, bool) or not isinstance(n_bins, (int, np.integer)) or n_bins < 1:
        raise ValueError(f"n_bins must be a positive int, got {n_bins!r}")
    return int(n_bins)


# --8<-- [start:ece]
def reliability_bins(probs, labels, n_bins: int = 15) -> dict:
    """Per equal-width bin (lo, hi] of confidence = max probability: how many samples, their
    mean confidence and their accuracy (0 for an empty bin)."""
    p, y = _probs_and_labels(probs, labels)
    n_bins = _check_bins(n_bins)
    confidence = p.max(axis=1)
    correct = p.argmax(axis=1) == y
    edges = np.linspace(0, 1, n_bins + 1)
    bin_of = np.searchsorted(edges[1:-1], confidence)  # (lo, hi]; a confidence of 0 goes first
    count = np.bincount(bin_of, minlength=n_bins)
    safe = np.maximum(count, 1)
    return {
        "edges": edges,
        "count": count,
        "confidence": np.bincount(bin_of, weights=confidence, minlength=n_bins) / safe,
        "accuracy": np.bincount(bin_of, weights=correct, minlength=n_bins) / safe,
    }


def expected_calibration_error(probs, labels, n_bins: int = 15) -> float:
    """ECE = sum over bins of (bin size / n) * |accuracy in bin - mean confidence in bin|."""
    b = reliability_bins(probs, labels, n_bins)
    weight = b["count"] / b["count"].sum()
    return float(np.sum(weight * np.abs(b["accuracy"] - b["confidence"])))


# --8<-- [end:ece]


def negative_log_likelihood(logits, labels, temperature: float = 1.0) -> float:
    """Mean of -log softmax(z / T)_y over the samples."""
    z = as_float_array(logits, "logits")
    if z.ndim != 2:
        raise ValueError(f"logits must be 2-D (samples, classes), got shape {z.shape}")
    y = np.asarray(labels)
    if y.shape != (len(z),) or not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"labels must be integer labels of shape ({len(z)},), got {y.shape}")
    if (y < 0).any() or (y >= z.shape[1]).any():
        raise ValueError(f"labels must lie in [0, {z.shape[1] - 1}]")
    if not (np.isfinite(temperature) and temperature > 0):
        raise ValueError(f"temperature must be a positive number, got {temperature}")
    return float(-log_softmax(z / temperature)[np.arange(len(z)), y].mean())


# --8<-- [start:fit_temperature]
def fit_temperature(logits, labels, lower: float = 0.05, upper: float = 20.0) -> float:
    """The T in [lower, upper] that minimises the validation NLL of softmax(z / T).

    The NLL is convex in 1/T, so it has one minimum; golden-section search on log T finds it.
    Dividing by T > 0 never changes the argmax, so accuracy stays exactly the same."""
    if not (0 < lower < upper and np.isfinite(upper)):
        raise ValueError(f"need 0 < lower < upper < inf, got {lower}, {upper}")
    a, b = np.log(lower), np.log(upper)
    g = (np.sqrt(5) - 1) / 2
    c, d = b - g * (b - a), a + g * (b - a)
    fc = negative_log_likelihood(logits, labels, np.exp(c))
    fd = negative_log_likelihood(logits, labels, np.exp(d))
    for _ in range(80):  # the bracket shrinks to 0.618**80 of log(upper / lower)
        if fc <= fd:
            b, d, fd = d, c, fc
            c = b - g * (b - a)
            fc = negative_log_likelihood(logits, labels, np.exp(c))
        else:
            a, c, fc = c, d, fd
            d = a + g * (b - a)
            fd = negative_log_likelihood(logits, labels, np.exp(d))
    return float(np.exp((a + b) / 2))


# --8<-- [end:fit_temperature]
