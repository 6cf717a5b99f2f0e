"""Ranking metrics for "known or unknown?": ROC curve, AUROC, FPR at a fixed TPR.

Convention: `positive` marks the class a high score should find. On the open-set pages the
positives are the known-class samples and the score is a confidence, so AUROC is the chance that a
random known sample scores higher than a random unknown one (ties count one half).
"""

import numpy as np

from snippets._validate import as_float_array


def _check(positive, score) -> tuple[np.ndarray, np.ndarray]:
    s = as_float_array(score, "score", allow_inf=True)
    y = np.asarray(positive)
    if y.dtype != bool:
        if not np.issubdtype(y.dtype, np.integer) or not np.isin(y, [0, 1]).all():
            raise ValueError("positive must hold booleans or 0/1 labels")
        y = y.astype(bool)
    if s.ndim != 1 or y.shape != s.shape:
        raise ValueError(f"positive and score must be 1-D of one length, got {y.shape}, {s.shape}")
    if y.all() or not y.any():
        raise ValueError("positive must contain both positives and negatives")
    return y, s


# --8<-- [start:roc_curve]
def roc_curve(positive, score) -> tuple:
    """(fpr, tpr, thresholds): one point per distinct score, from the highest threshold down,
    starting at (0, 0) with threshold +inf; a sample counts as positive when score >= threshold."""
    y, s = _check(positive, score)
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    last = np.r_[np.flatnonzero(np.diff(s)), len(s) - 1]  # last index of each distinct score
    tp = np.cumsum(y)[last]
    fp = last + 1 - tp
    tpr = np.r_[0, tp] / y.sum()
    fpr = np.r_[0, fp] / (~y).sum()
    return fpr, tpr, np.r_[np.inf, s[last]]


def auroc(positive, score) -> float:
    """Area under the ROC curve, by trapezoids: a positive-negative tie counts one half."""
    fpr, tpr, _ = roc_curve(positive, score)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))


def fpr_at_tpr(positive, score, tpr: float = 0.95) -> float:
    """False-positive rate at the highest threshold that finds at least `tpr` of the positives."""
    if not 0 < tpr <= 1:
        raise ValueError(f"tpr must lie in (0, 1], got {tpr}")
    fpr, tprs, _ = roc_curve(positive, score)
    return float(fpr[np.argmax(tprs >= tpr)])


# --8<-- [end:roc_curve]
