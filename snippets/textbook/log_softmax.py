import numpy as np


def log_softmax(z):
    """log softmax(z)_i = z_i - max z - log sum_j exp(z_j - max z)."""
    z = np.asarray(z, dtype=float)
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
