import numpy as np


def softmax(z):
    """softmax(z)_i = exp(z_i - max z) / sum_j exp(z_j - max z), last axis."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
