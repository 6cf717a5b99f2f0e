import numpy as np


def cross_entropy(p, q):
    """H(p, q) = -sum_i p_i log q_i, last axis; a term with p_i = 0 counts 0."""
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    with np.errstate(divide="ignore"):  # log 0 = -inf: the loss is inf
        log_q = np.log(np.where(p == 0, 1, q))  # log 1 = 0 where p_i = 0
    return 0.0 - np.sum(p * log_q, axis=-1)  # 0.0 - x: never -0.0


def negative_log_likelihood(labels, q):
    """-log q_y for each row of q, y its class label: H(one-hot y, q)."""
    q = np.asarray(q, dtype=float)
    q_y = np.take_along_axis(q, np.expand_dims(labels, -1), axis=-1)
    with np.errstate(divide="ignore"):
        return 0.0 - np.log(q_y[..., 0])
