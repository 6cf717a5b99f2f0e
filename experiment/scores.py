"""Scores for "is this input one of the known classes?", computed from a model's logits.

Every score is a confidence: higher means "looks like a known class". A sample is rejected as
unknown when its score falls below a threshold, chosen on known-class validation data.
"""

import numpy as np

from snippets._validate import as_float_array
from snippets.activations import logsumexp, sigmoid, softmax
from snippets.information import entropy


def _logits(logits):
    z = as_float_array(logits, "logits")
    if z.ndim != 2 or z.shape[1] < 2:
        raise ValueError(f"logits must be 2-D (samples, classes >= 2), got shape {z.shape}")
    return z


# --8<-- [start:scores]
def max_softmax_probability(logits):
    """max_i softmax(z)_i: the baseline of Hendrycks & Gimpel (2017)."""
    return softmax(_logits(logits)).max(axis=1)


def max_logit(logits):
    """max_i z_i: the largest logit before softmax (Vaze et al., 2022)."""
    return _logits(logits).max(axis=1)


def negative_energy(logits):
    """logsumexp_i z_i, i.e. minus the energy E(z) = -logsumexp(z) (Liu et al., 2020)."""
    return logsumexp(_logits(logits), axis=1)


def negative_entropy(logits):
    """-H(softmax(z)): a flat softmax (high entropy) looks unknown."""
    return -entropy(softmax(_logits(logits)), axis=1)


def max_sigmoid(logits):
    """max_i sigmoid(z_i): the most confident of the k one-vs-rest answers."""
    return sigmoid(_logits(logits)).max(axis=1)


def all_sigmoids_below(logits, threshold: float = 0.5):
    """True where every class answers "not me": sigmoid(z_i) < threshold for all i."""
    if not 0 < threshold < 1:
        raise ValueError(f"threshold must lie strictly between 0 and 1, got {threshold}")
    return (sigmoid(_logits(logits)) < threshold).all(axis=1)


# --8<-- [end:scores]


# --8<-- [start:threshold]
def threshold_for_tpr(known_scores, tpr: float = 0.95) -> float:
    """A threshold that accepts (score >= threshold) at least `tpr` of the known samples given."""
    s = as_float_array(known_scores, "known_scores", allow_inf=True)
    if s.ndim != 1:
        raise ValueError(f"known_scores must be 1-D, got shape {s.shape}")
    if not 0 < tpr <= 1:
        raise ValueError(f"tpr must lie in (0, 1], got {tpr}")
    n_rejectable = int(np.floor((1 - tpr) * len(s) + 1e-9))
    return float(np.sort(s)[n_rejectable])


# --8<-- [end:threshold]
