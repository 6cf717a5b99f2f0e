"""Softmax and sigmoid: the naive textbook forms, and the stable forms the site uses."""

import numpy as np

from snippets._validate import as_float_array, check_axis


# --8<-- [start:naive_softmax]
def naive_softmax(logits):
    """softmax(z)_i = exp(z_i) / sum_j exp(z_j), exactly as written: exp overflows for z > 709."""
    e = np.exp(np.asarray(logits, dtype=float))
    return e / e.sum(axis=-1, keepdims=True)


# --8<-- [end:naive_softmax]


# --8<-- [start:naive_sigmoid]
def naive_sigmoid(z):
    """sigmoid(z) = 1 / (1 + exp(-z)), exactly as written: exp(-z) overflows for z < -709."""
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


# --8<-- [end:naive_sigmoid]


# --8<-- [start:softmax]
def _logits(logits, axis):
    """Validate logits and resolve +inf: a single +inf along the axis takes all the mass."""
    z = as_float_array(logits, "logits", allow_inf=True)
    ax = check_axis(z, axis, "logits")
    top = z.max(axis=ax, keepdims=True)
    if np.isneginf(top).any():
        raise ValueError("logits: softmax is undefined when every logit is -inf")
    winners = np.isposinf(top)
    if winners.any():
        if (np.isposinf(z).sum(axis=ax, keepdims=True) > 1).any():
            raise ValueError("logits: softmax is undefined with more than one +inf")
        z = np.where(winners, np.where(np.isposinf(z), 0, -np.inf), z).astype(z.dtype)
        top = np.where(winners, 0, top).astype(z.dtype)
    return z - top, ax


def softmax(logits, axis=-1):
    """softmax(z)_i = exp(z_i - max z) / sum_j exp(z_j - max z): shifted, so exp never overflows."""
    shifted, ax = _logits(logits, axis)
    e = np.exp(shifted)
    e /= e.sum(axis=ax, keepdims=True)
    return e


# --8<-- [end:softmax]


# --8<-- [start:log_softmax]
def log_softmax(logits, axis=-1):
    """log softmax(z)_i = (z_i - max z) - log sum_j exp(z_j - max z)."""
    shifted, ax = _logits(logits, axis)
    return shifted - np.log(np.exp(shifted).sum(axis=ax, keepdims=True))


# --8<-- [end:log_softmax]


def logsumexp(logits, axis=-1):
    """logsumexp(z) = max z + log sum_j exp(z_j - max z)."""
    z = as_float_array(logits, "logits", allow_inf=True)
    ax = check_axis(z, axis, "logits")
    top = z.max(axis=ax, keepdims=True)
    finite_top = np.where(np.isfinite(top), top, 0).astype(z.dtype)
    with np.errstate(divide="ignore", over="ignore"):
        total = np.log(np.exp(z - finite_top).sum(axis=ax, keepdims=True))
    return np.squeeze(total + finite_top, axis=ax)[()]


# --8<-- [start:sigmoid]
def sigmoid(z):
    """sigmoid(z) = 1 / (1 + exp(-z)) for z >= 0 and exp(z) / (1 + exp(z)) for z < 0."""
    z = as_float_array(z, "z", allow_inf=True)
    e = np.exp(-np.abs(z))  # never overflows: the exponent is <= 0
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(z.dtype)[()]


# --8<-- [end:sigmoid]


# --8<-- [start:log_sigmoid]
def log_sigmoid(z):
    """log sigmoid(z) = min(z, 0) - log1p(exp(-|z|))."""
    z = as_float_array(z, "z", allow_inf=True)
    return (np.minimum(z, 0) - np.log1p(np.exp(-np.abs(z))))[()]


# --8<-- [end:log_sigmoid]
