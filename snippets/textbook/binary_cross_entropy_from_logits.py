import numpy as np


def binary_cross_entropy_from_logits(y, z):
    """BCE(y, sigmoid(z)) = max(z, 0) - z y + log(1 + exp(-|z|))."""
    y, z = np.asarray(y, dtype=float), np.asarray(z, dtype=float)
    return np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
