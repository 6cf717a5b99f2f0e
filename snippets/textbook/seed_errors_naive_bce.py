import numpy as np


def naive_binary_cross_entropy(y, q):
    """BCE(y, q) = -(y log q + (1 - y) log(1 - q)), as written."""
    y, q = np.asarray(y, dtype=float), np.asarray(q, dtype=float)
    return -(y * np.log(q) + (1 - y) * np.log(1 - q))
