"""Inference: the predicted class is the largest logit; softmax is only for scores."""

import numpy as np

from snippets._validate import as_float_array, check_axis, check_int
from snippets.activations import softmax


def predict(logits, axis=-1):
    """argmax_i z_i: the index of the largest logit (the first one on a tie)."""
    z = as_float_array(logits, "logits", allow_inf=True)
    return np.argmax(z, axis=check_axis(z, axis, "logits"))[()]


def top_k(logits, k, axis=-1):
    """top_k(z) = the k classes with the largest z_i, best first, and their softmax."""
    z = as_float_array(logits, "logits", allow_inf=True)
    ax = check_axis(z, axis, "logits")
    k = check_int(k, "k", 1, z.shape[ax])
    order = np.argsort(-z, axis=ax, kind="stable")  # best first; on a tie, the lower index
    best = np.take(order, np.arange(k), axis=ax)
    return best, np.take_along_axis(softmax(z, axis=ax), best, axis=ax)
