"""Cross-entropy losses, from probabilities and (the safe way) from logits."""

import numpy as np

from snippets._validate import (
    as_float_array,
    check_axis,
    check_distribution,
    check_probabilities,
    check_same_shape,
)
from snippets.activations import log_sigmoid, log_softmax
from snippets.information import xlogy


# --8<-- [start:naive_cross_entropy]
def naive_cross_entropy(target, prediction):
    """H(t, q) = -sum_i t_i log q_i, exactly as written: 0 * log 0 gives nan."""
    t, q = np.asarray(target, dtype=float), np.asarray(prediction, dtype=float)
    return -np.sum(t * np.log(q))


# --8<-- [end:naive_cross_entropy]


def naive_binary_cross_entropy(target, prediction):
    """BCE(t, q) = -[t log q + (1 - t) log(1 - q)], exactly as written."""
    t, q = np.asarray(target, dtype=float), np.asarray(prediction, dtype=float)
    return -(t * np.log(q) + (1 - t) * np.log(1 - q))


# --8<-- [start:cross_entropy]
def cross_entropy(target, prediction, axis=-1):
    """H(t, q) = -sum_i t_i log q_i with 0 log 0 = 0; inf when q_i = 0 where t_i > 0."""
    t = as_float_array(target, "target")
    q = as_float_array(prediction, "prediction")
    check_same_shape(t, q, "target", "prediction")
    ax = check_axis(q, axis, "prediction")
    check_distribution(t, "target", ax)
    check_distribution(q, "prediction", ax)
    return (0.0 - xlogy(t, q).sum(axis=ax))[()]


# --8<-- [end:cross_entropy]


def cross_entropy_from_logits(target, logits, axis=-1):
    """H(t, softmax(z)) = -sum_i t_i log_softmax(z)_i; `target` is class labels or probabilities."""
    log_q = log_softmax(as_float_array(logits, "logits"), axis=axis)
    ax = axis % log_q.ndim
    t = np.asarray(target)
    if np.issubdtype(t.dtype, np.integer):
        expected = log_q.shape[:ax] + log_q.shape[ax + 1 :]
        if t.shape != expected:
            raise ValueError(f"target labels must have shape {expected}, got {t.shape}")
        n_classes = log_q.shape[ax]
        if (t < 0).any() or (t >= n_classes).any():
            raise ValueError(f"target labels must lie in [0, {n_classes - 1}]")
        picked = np.take_along_axis(log_q, np.expand_dims(t, ax), axis=ax)
        return -np.squeeze(picked, axis=ax)[()]
    t = as_float_array(t, "target")
    check_same_shape(t, log_q, "target", "logits")
    check_distribution(t, "target", ax)
    return -np.where(t == 0, 0, t * log_q).sum(axis=ax)[()]


def binary_cross_entropy(target, prediction):
    """BCE(t, q) = -[t log q + (1 - t) log(1 - q)], element by element, with 0 log 0 = 0."""
    t = as_float_array(target, "target")
    q = as_float_array(prediction, "prediction")
    check_same_shape(t, q, "target", "prediction")
    check_probabilities(t, "target")
    check_probabilities(q, "prediction")
    return (0.0 - (xlogy(t, q) + xlogy(1 - t, 1 - q)))[()]


def binary_cross_entropy_from_logits(target, logits):
    """BCE(t, sigmoid(z)) = -[t log_sigmoid(z) + (1 - t) log_sigmoid(-z)], element by element."""
    t = as_float_array(target, "target")
    z = as_float_array(logits, "logits")
    check_same_shape(t, z, "target", "logits")
    check_probabilities(t, "target")
    return -(t * log_sigmoid(z) + (1 - t) * log_sigmoid(-z))[()]
