import numpy as np


def naive_softmax(z):
    """softmax(z)_i = exp(z_i) / sum_j exp(z_j), over the WHOLE array."""
    return np.exp(z) / np.sum(np.exp(z))
