import numpy as np


def sigmoid(z):
    """sigmoid(z) = 1 / (1 + exp(-z)); for z < 0, as exp(z) / (1 + exp(z))."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # exponent <= 0: no overflow
    return np.where(z >= 0, 1, e) / (1 + e)
