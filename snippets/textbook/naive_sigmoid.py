import numpy as np


def naive_sigmoid(z):
    """sigmoid(z) = 1 / (1 + exp(-z)), as written: overflows below -709."""
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
