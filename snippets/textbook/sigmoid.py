import numpy as np


def sigmoid(z):
    """sigmoid(z) = 1 / (1 + exp(-z)), computed as exp(-log(1 + exp(-z))) so it never overflows."""
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))
