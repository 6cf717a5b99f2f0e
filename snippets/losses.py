"""Cross-entropy losses, from probabilities and (the safe way) from logits."""

import numpy as np

from snippets._validate import (
    as_float_array,
    as_real_array,
    check_axis,
    check_distribution,
    check_labels,
    check_probabilities,
    check_same_shape,
)
from snippets.activations import log_sigmoid, log_softmax
from snippets.information import xlogy


# --8<-- [start:naive_cross_entropy]
def naive_cross_entropy(target, prediction):
    """H(t, q) = -sum_i t_i log q_i, as written: 0 * log 0 gives nan."""
    t = np.asarray(target, dtype=float)
    q = np.asarray(prediction, dtype=float)
    return -np.sum(t * np.log(q))


# --8<-- [end:naive_cross_entropy]


def naive_binary_cross_entropy(target, prediction):
    """BCE(t, q) = -[t log q + (1 - t) log(1 - q)], exactly as written."""
    t, q = np.asarray(target, dtype=float), np.asarray(prediction, dtype=float)
    return -(t * np.log(q) + (1 - t) * np.log(1 - q))


# --8<-- [start:cross_entropy]
def cross_entropy(target, prediction, axis=-1):
    """H(t, q) = -sum_i t_i log q_i, 0 log 0 = 0; inf if q_i = 0 < t_i."""
    t = as_float_array(target, "target")
    q = as_float_array(prediction, "prediction")
    check_same_shape(t, q, "target", "prediction")
    ax = check_axis(q, axis, "prediction")
    check_distribution(t, "target", ax)
    check_distribution(q, "prediction", ax)
    return (0.0 - xlogy(t, q).sum(axis=ax))[()]


# --8<-- [end:cross_entropy]


def cross_entropy_from_logits(target, logits, axis=-1):
    """H(t, softmax(z)) = -sum_i t_i log_softmax(z)_i; t is labels or probabilities."""
    log_q = log_softmax(logits, axis=axis)  # validates `logits` and `axis`
    ax = axis % log_q.ndim
    t = as_real_array(target, "target")
    rows = log_q.shape[:ax] + log_q.shape[ax + 1 :]
    if t.ndim == len(rows):  # one class index per row
        labels = check_labels(t, "target", rows, log_q.shape[ax])
        picked = np.take_along_axis(log_q, np.expand_dims(labels, ax), axis=ax)
        return (0.0 - np.squeeze(picked, axis=ax))[()]
    if t.ndim != log_q.ndim:
        raise ValueError(
            f"target must be class labels of shape {rows} "
            f"or probabilities of shape {log_q.shape}, got shape {t.shape}"
        )
    t = as_float_array(t, "target")  # one-hot or soft targets
    check_same_shape(t, log_q, "target", "logits")
    check_distribution(t, "target", ax)
    return (0.0 - _xmul(t, log_q).sum(axis=ax))[()]


def binary_cross_entropy(target, prediction):
    """BCE(t, q) = -[t log q + (1 - t) log(1 - q)], element by element, with 0 log 0 = 0."""
    t = as_float_array(target, "target")
    q = as_float_array(prediction, "prediction")
    check_same_shape(t, q, "target", "prediction")
    check_probabilities(t, "target")
    check_probabilities(q, "prediction")
    return (0.0 - (xlogy(t, q) + xlogy(1 - t, 1 - q)))[()]


# --8<-- [start:binary_cross_entropy_from_logits]
def binary_cross_entropy_from_logits(target, logits):
    """BCE(t, z) = max(z, 0) - t z + log1p(exp(-|z|)): exp never overflows."""
    t = as_float_array(target, "target")
    z = as_float_array(logits, "logits", allow_inf=True)
    check_same_shape(t, z, "target", "logits")
    check_probabilities(t, "target")
    size = np.abs(z)
    # max(z, 0) - t z = weight * |z|, with no cancellation; and
    # log1p(exp(-|z|)) = -log_sigmoid(|z|)
    weight = np.where(z >= 0, 1 - t, t)
    return (_xmul(weight, size) - log_sigmoid(size))[()]


# --8<-- [end:binary_cross_entropy_from_logits]


def _xmul(weight, x):
    """weight * x, taken to be 0 where weight == 0 (so 0 * inf = 0, the limit a loss needs)."""
    return weight * np.where(weight == 0, 0, x)
