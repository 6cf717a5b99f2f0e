"""Metrics for "known or unknown?" and paired comparisons, on top of scikit-learn and SciPy.

Convention: the known-class samples are the positives and a score is a confidence, so AUROC is
the chance that a random known sample scores higher than a random unknown one (ties count one
half), and a sample is rejected as unknown when its score falls below the threshold.
"""

import numpy as np
from scipy import stats
from sklearn.metrics import roc_auc_score, roc_curve

from snippets._validate import as_float_array


def _pair(known, unknown) -> tuple[np.ndarray, np.ndarray]:
    k = as_float_array(known, "known", allow_inf=True)
    u = as_float_array(unknown, "unknown", allow_inf=True)
    if k.ndim != 1 or u.ndim != 1:
        raise ValueError(f"known and unknown must be 1-D scores, got {k.shape} and {u.shape}")
    return k, u


def _labels_and_scores(known, unknown):
    k, u = _pair(known, unknown)
    return np.r_[np.ones(len(k), bool), np.zeros(len(u), bool)], np.r_[k, u]


def auroc(known, unknown) -> float:
    """P(score of a known > score of an unknown), a tie counting one half (roc_auc_score)."""
    return float(roc_auc_score(*_labels_and_scores(known, unknown)))


def roc(known, unknown) -> tuple[np.ndarray, np.ndarray]:
    """(fpr, tpr): scikit-learn's ROC curve with every threshold kept, knowns positive."""
    fpr, tpr, _ = roc_curve(*_labels_and_scores(known, unknown), drop_intermediate=False)
    return fpr, tpr


def rejected_on_curve(curve, known_rejected: float) -> float:
    """1 - FPR at the first point of the ROC curve (fpr, tpr) with TPR >= 1 - known_rejected."""
    if not 0 <= known_rejected < 1:
        raise ValueError(f"known_rejected must lie in [0, 1), got {known_rejected}")
    fpr, tpr = curve
    return float(1 - fpr[np.argmax(tpr >= 1 - known_rejected - 1e-12)])


def area(curve) -> float:
    """Area under the ROC curve (fpr, tpr) by trapezoids: roc_auc_score from a computed curve."""
    fpr, tpr = curve
    return float(np.trapezoid(tpr, fpr))


def unknown_rejected_at(known, unknown, known_rejected: float) -> float:
    """Share of unknowns rejected by the highest threshold that still accepts at least
    1 - known_rejected of the knowns: a point of the ROC curve, 1 - FPR at TPR >= 1 - rate."""
    return rejected_on_curve(roc(known, unknown), known_rejected)


def fpr_at_tpr(known, unknown, tpr: float = 0.95) -> float:
    """False-positive rate (unknowns accepted) at the first ROC point with TPR >= `tpr`."""
    if not 0 < tpr <= 1:
        raise ValueError(f"tpr must lie in (0, 1], got {tpr}")
    return 1 - unknown_rejected_at(known, unknown, 1 - tpr)


def roc_on_grid(known, unknown, grid) -> np.ndarray:
    """The best TPR reached at each FPR of `grid` (the ROC staircase, sampled for a figure)."""
    fpr, tpr = roc(known, unknown)
    return np.array([tpr[fpr <= x + 1e-12].max() for x in grid])


def tied_pairs(known, unknown) -> float:
    """Share of (known, unknown) pairs whose scores are exactly equal."""
    k, u = _pair(known, unknown)
    values, counts = np.unique(u, return_counts=True)
    pos = np.searchsorted(values, k)
    hit = (pos < len(values)) & (values[np.minimum(pos, len(values) - 1)] == k)
    return float(counts[pos[hit]].sum() / (len(k) * len(u)))


def paired_difference(a, b) -> dict:
    """Mean of a - b over paired runs, its 95% t-interval, and how many runs a beats b."""
    d = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    if d.ndim != 1 or len(d) < 2:
        raise ValueError("a and b must be 1-D of one length, with at least two pairs")
    half = stats.t.ppf(0.975, len(d) - 1) * d.std(ddof=1) / np.sqrt(len(d))
    mean = float(d.mean())
    return {
        "mean": mean,
        "low": mean - half,
        "high": mean + half,
        "wins": int((d > 0).sum()),
        "n": len(d),
    }
