import numpy as np


def entropy(p):
    """H(p) = -sum_i p_i log p_i in nats, with 0 log 0 = 0, last axis."""
    p = np.asarray(p, dtype=float)
    log_p = np.log(np.where(p == 0, 1, p))  # log 1 = 0 where p = 0
    return 0.0 - np.sum(p * log_p, axis=-1)  # 0.0 - x: never -0.0
