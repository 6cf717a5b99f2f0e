import numpy as np


def naive_entropy(p):
    """H(p) = -sum_i p_i log p_i, as written: 0 log 0 gives nan."""
    p = np.asarray(p, dtype=float)
    return -np.sum(p * np.log(p))
