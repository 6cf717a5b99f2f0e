import numpy as np


def binary_cross_entropy_from_logits(y, z):
    """BCE(y, sigmoid(z)) = max(z, 0) - y z + log(1 + exp(-|z|)) elementwise."""
    y, z = np.asarray(y, dtype=float), np.asarray(z, dtype=float)
    return np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))
