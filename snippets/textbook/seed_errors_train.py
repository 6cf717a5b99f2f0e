import numpy as np


def softmax_rows(z):
    """softmax(z) along each row, with the row's maximum subtracted."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def train(x, y, double=False, steps=2000, lr=0.5):
    """Softmax regression, gradient descent on the mean cross-entropy.

    double=True: the loss is handed softmax(x @ w), probabilities, and
    applies softmax to them again, as a loss that expects logits does.
    """
    w = np.zeros((x.shape[1], y.max() + 1))
    t = np.eye(w.shape[1])[y]  # one-hot targets
    for _ in range(steps):
        q = softmax_rows(x @ w)
        g = q - t  # dL/dz when the loss gets the logits z = x @ w
        if double:  # dL/dz through the second softmax (chain rule)
            g = softmax_rows(q) - t
            g = q * (g - (g * q).sum(axis=1, keepdims=True))
        w -= lr * x.T @ g / len(x)
    return w
