import numpy as np


def naive_sigmoid(z):
    """sigmoid(z) = 1 / (1 + exp(-z)), as written: exp(-z) overflows."""
    return 1 / (1 + np.exp(-z))
