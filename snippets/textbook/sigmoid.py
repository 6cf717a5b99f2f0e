import numpy as np


def sigmoid(z):
    """sigmoid(z) = 1 / (1 + exp(-z)) = exp(-log(1 + exp(-z)))."""
    z = np.asarray(z, dtype=float)
    return np.exp(-np.logaddexp(0.0, -z))
