import numpy as np


def naive_cross_entropy(y, q):
    """H(y, q) = -sum_i y_i log q_i, as written: 0 log 0 gives nan."""
    y, q = np.asarray(y, dtype=float), np.asarray(q, dtype=float)
    return -np.sum(y * np.log(q))
