import numpy as np


def entropy(p):
    """H(p) = -sum_i p_i log p_i along the last axis, with 0 log 0 = 0."""
    p = np.asarray(p, dtype=float)
    logp = np.log(np.where(p > 0, p, 1.0))  # log 1 = 0 where p = 0
    return 0.0 - np.sum(p * logp, axis=-1)  # 0.0 - x: never -0.0
