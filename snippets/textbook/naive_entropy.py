import numpy as np


def naive_entropy(p):
    """H(p) = -sum_i p_i log p_i, as written: p_i = 0 gives 0 * -inf = nan."""
    p = np.asarray(p, dtype=float)
    return -np.sum(p * np.log(p), axis=-1)
