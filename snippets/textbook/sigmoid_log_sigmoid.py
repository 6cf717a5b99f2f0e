import numpy as np


def log_sigmoid(z):
    """log sigmoid(z) = min(z, 0) - log(1 + exp(-|z|)), never log of 0."""
    z = np.asarray(z, dtype=float)
    return np.minimum(z, 0) - np.log1p(np.exp(-np.abs(z)))
