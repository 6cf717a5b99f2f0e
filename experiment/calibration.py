"""Calibration: reliability bins, expected calibration error (with its noise floor and a
bootstrap interval), and temperature scaling."""

import numpy as np
from scipy.optimize import minimize_scalar

from experiment.models import head_loss
from snippets._validate import as_float_array, check_labels, check_probabilities


def _confidence_and_correct(confidence, correct) -> tuple[np.ndarray, np.ndarray]:
    c = as_float_array(confidence, "confidence")
    if c.ndim != 1:
        raise ValueError(f"confidence must be 1-D, one number per sample, got shape {c.shape}")
    check_probabilities(c, "confidence")
    ok = np.asarray(correct)
    if ok.shape != c.shape or not (ok.dtype == bool or np.isin(ok, [0, 1]).all()):
        raise ValueError(f"correct must be {len(c)} booleans, one per confidence")
    return c, ok.astype(bool)


def _check_bins(n_bins) -> int:
    if isinstance(n_bins, bool) or not isinstance(n_bins, (int, np.integer)) or n_bins < 1:
        raise ValueError(f"n_bins must be a positive int, got {n_bins!r}")
    return int(n_bins)


# --8<-- [start:ece]
def reliability_bins(confidence, correct, n_bins: int = 15) -> dict:
    """Per equal-width bin (lo, hi] of confidence: how many samples, their
    mean confidence and their accuracy (0 for an empty bin)."""
    c, ok = _confidence_and_correct(confidence, correct)
    n_bins = _check_bins(n_bins)
    edges = np.linspace(0, 1, n_bins + 1)
    bin_of = np.searchsorted(edges[1:-1], c)  # (lo, hi]; 0 goes first
    count = np.bincount(bin_of, minlength=n_bins)
    safe = np.maximum(count, 1)
    return {
        "edges": edges,
        "count": count,
        "confidence": np.bincount(bin_of, weights=c, minlength=n_bins) / safe,
        "accuracy": np.bincount(bin_of, weights=ok, minlength=n_bins) / safe,
    }


def expected_calibration_error(confidence, correct, n_bins: int = 15) -> float:
    """ECE = sum over bins of (n_b / n) * |accuracy_b - confidence_b|."""
    b = reliability_bins(confidence, correct, n_bins)
    weight = b["count"] / b["count"].sum()
    return float(np.sum(weight * np.abs(b["accuracy"] - b["confidence"])))


# --8<-- [end:ece]


def ece_noise_floor(confidence, n_bins: int = 15, *, draws: int = 200, seed: int = 0) -> float:
    """Mean ECE of a perfectly calibrated model with these confidences and this many samples:
    each sample is right with probability equal to its confidence. An ECE this low is noise."""
    c, _ = _confidence_and_correct(confidence, np.ones(len(np.asarray(confidence)), bool))
    rng = np.random.default_rng(seed)
    return float(
        np.mean(
            [expected_calibration_error(c, rng.random(len(c)) < c, n_bins) for _ in range(draws)]
        )
    )


def ece_bootstrap(confidence, correct, n_bins: int = 15, *, draws: int = 200, seed: int = 0):
    """2.5% and 97.5% quantiles of the ECE over bootstrap resamples of the test samples."""
    c, ok = _confidence_and_correct(confidence, correct)
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, len(c), size=(draws, len(c)))
    values = [expected_calibration_error(c[r], ok[r], n_bins) for r in rows]
    return tuple(float(v) for v in np.quantile(values, [0.025, 0.975]))


def negative_log_likelihood(logits, labels, temperature: float = 1.0, head="softmax") -> float:
    """Mean over the samples of the head's loss at temperature T: -log softmax(z / T)_y, or
    for a sigmoid head the sum of the k binary cross-entropies of sigmoid(z / T) against the
    one-hot label (the loss each head is trained on)."""
    z = as_float_array(logits, "logits")
    if z.ndim != 2:
        raise ValueError(f"logits must be 2-D (samples, classes), got shape {z.shape}")
    if not (np.isfinite(temperature) and temperature > 0):
        raise ValueError(f"temperature must be a positive number, got {temperature}")
    y = check_labels(labels, "labels", (len(z),), z.shape[1])
    return head_loss(z / temperature, y, head)


# --8<-- [start:fit_temperature]
def fit_temperature(
    logits,
    labels,
    lower=0.05,
    upper=20.0,
    head="softmax",
) -> float:
    """The T in [lower, upper] that minimises the head's validation NLL at
    z / T, by SciPy's bounded minimiser on log T (the NLL is convex in 1/T:
    one minimum). Dividing by T > 0 keeps the argmax: accuracy stays exactly
    the same."""
    if not (0 < lower < upper and np.isfinite(upper)):
        raise ValueError(f"need 0 < lower < upper < inf, got {lower}, {upper}")

    def nll(log_t):
        return negative_log_likelihood(logits, labels, np.exp(log_t), head)

    fit = minimize_scalar(
        nll,
        bounds=(np.log(lower), np.log(upper)),
        method="bounded",
        options={"xatol": 1e-8},
    )
    return float(np.exp(fit.x))


# --8<-- [end:fit_temperature]
