"""Small classifiers trained by full-batch gradient descent, written out in numpy.

A model is a list of layers [(W, b), ...]; between layers sits a ReLU. One layer is the linear
(softmax or logistic) model, two layers a one-hidden-layer network. The head decides only the loss:
"softmax" trains with cross-entropy over the k classes, "sigmoid" with k independent binary
cross-entropies (one-vs-rest). Architecture, initialisation, data and budget are otherwise equal.
"""

import itertools

import numpy as np

from snippets._validate import as_float_array
from snippets.activations import log_sigmoid, log_softmax, sigmoid, softmax

HEADS = ("softmax", "sigmoid")


def _check_head(head: str) -> str:
    if head not in HEADS:
        raise ValueError(f"head must be one of {HEADS}, got {head!r}")
    return head


def _check_int(n, name: str, minimum: int) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"{name} must be an int, got {type(n).__name__}")
    if n < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {n}")
    return int(n)


def _check_labels(y, n_samples: int, n_classes: int) -> np.ndarray:
    y = np.asarray(y)
    if y.shape != (n_samples,) or not np.issubdtype(y.dtype, np.integer):
        raise ValueError(
            f"y must be integer labels of shape ({n_samples},), got {y.shape} {y.dtype}"
        )
    if (y < 0).any() or (y >= n_classes).any():
        raise ValueError(f"y must lie in [0, {n_classes - 1}]")
    return y


def init_layers(n_in: int, n_out: int, hidden: int = 0, *, seed: int) -> list:
    """He-initialised weights (zero biases); hidden=0 gives the linear model."""
    sizes = [_check_int(n_in, "n_in", 1)]
    if _check_int(hidden, "hidden", 0):
        sizes.append(hidden)
    sizes.append(_check_int(n_out, "n_out", 2))
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0, np.sqrt(2 / a), size=(a, b)), np.zeros(b))
        for a, b in itertools.pairwise(sizes)
    ]


def logits(layers, x) -> np.ndarray:
    """z = W_L relu(... relu(x W_1 + b_1) ...) + b_L, one row of logits per sample."""
    h = as_float_array(x, "x")
    if h.ndim != 2 or h.shape[1] != layers[0][0].shape[0]:
        raise ValueError(f"x must have shape (n, {layers[0][0].shape[0]}), got {h.shape}")
    for i, (w, b) in enumerate(layers):
        h = h @ w + b
        if i < len(layers) - 1:
            h = np.maximum(h, 0)
    return h


def loss(layers, x, y, head: str) -> float:
    """Mean over samples of the softmax cross-entropy, or of the sum of the k binary ones."""
    z = logits(layers, x)
    y = _check_labels(y, len(z), z.shape[1])
    if _check_head(head) == "softmax":
        return float(-log_softmax(z)[np.arange(len(z)), y].mean())
    t = np.eye(z.shape[1])[y]
    return float(-(t * log_sigmoid(z) + (1 - t) * log_sigmoid(-z)).sum(axis=1).mean())


# --8<-- [start:gradients]
def gradients(layers, x, y, head: str) -> list:
    """d loss / d (W, b) for every layer, by backpropagation."""
    h = as_float_array(x, "x")
    inputs = []  # what each layer received
    for i, (w, b) in enumerate(layers):
        inputs.append(h)
        h = h @ w + b
        if i < len(layers) - 1:
            h = np.maximum(h, 0)
    y = _check_labels(y, len(h), h.shape[1])
    t = np.eye(h.shape[1])[y]  # one-hot targets
    # The only line where the two heads differ: d loss / d z = (prediction - target) / n.
    p = softmax(h) if _check_head(head) == "softmax" else sigmoid(h)
    g = (p - t) / len(h)
    grads = []
    for i in reversed(range(len(layers))):
        w, _ = layers[i]
        grads.append((inputs[i].T @ g, g.sum(axis=0)))
        if i > 0:
            g = (g @ w.T) * (inputs[i] > 0)  # back through the ReLU
    return grads[::-1]


# --8<-- [end:gradients]


# --8<-- [start:train]
def train(x, y, n_classes, *, head, hidden=0, steps=1000, lr=0.1, momentum=0.9, seed=0) -> list:
    """Full-batch gradient descent with momentum from init_layers(..., seed=seed)."""
    _check_head(head)
    steps = _check_int(steps, "steps", 0)
    if not (np.isfinite(lr) and lr > 0):
        raise ValueError(f"lr must be a positive number, got {lr}")
    if not 0 <= momentum < 1:
        raise ValueError(f"momentum must lie in [0, 1), got {momentum}")
    x = as_float_array(x, "x")
    layers = init_layers(x.shape[1], n_classes, hidden, seed=seed)
    velocity = [(np.zeros_like(w), np.zeros_like(b)) for w, b in layers]
    for _ in range(steps):
        grads = gradients(layers, x, y, head)
        velocity = [
            (momentum * vw - lr * gw, momentum * vb - lr * gb)
            for (vw, vb), (gw, gb) in zip(velocity, grads, strict=True)
        ]
        layers = [(w + vw, b + vb) for (w, b), (vw, vb) in zip(layers, velocity, strict=True)]
    return layers


# --8<-- [end:train]
