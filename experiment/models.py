"""Small classifiers trained by full-batch gradient descent, written out in numpy.

A model is a list of layers [(W, b), ...]; between layers sits a ReLU. One layer is the linear
(softmax or logistic) model, two layers a one-hidden-layer network. The head decides only the loss:
"softmax" trains with cross-entropy over the k classes, "sigmoid" with k independent binary
cross-entropies (one-vs-rest). Architecture, initialisation, data and budget are otherwise equal.
"""

import itertools

import numpy as np

from snippets._validate import as_float_array, check_int, check_labels
from snippets.activations import log_sigmoid, log_softmax, sigmoid, softmax

HEADS = ("softmax", "sigmoid")
ARCHS = ("linear", "mlp")  # hidden=0, and one hidden layer


def check_head(head: str) -> str:
    """Return `head` if it is one of HEADS, else raise a ValueError naming it."""
    if head not in HEADS:
        raise ValueError(f"head must be one of {HEADS}, got {head!r}")
    return head


def init_layers(n_in: int, n_out: int, hidden: int = 0, *, seed: int) -> list:
    """He-initialised weights (zero biases); hidden=0 gives the linear model."""
    sizes = [check_int(n_in, "n_in", 1)]
    if check_int(hidden, "hidden", 0):
        sizes.append(hidden)
    sizes.append(check_int(n_out, "n_out", 2))
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0, np.sqrt(2 / a), size=(a, b)), np.zeros(b))
        for a, b in itertools.pairwise(sizes)
    ]


def forward(layers, x) -> list[np.ndarray]:
    """What each layer receives, then the logits: [x, relu(x W_1 + b_1), ..., z]."""
    h = as_float_array(x, "x")
    if h.ndim != 2 or h.shape[1] != layers[0][0].shape[0]:
        raise ValueError(f"x must have shape (n, {layers[0][0].shape[0]}), got {h.shape}")
    out = [h]
    for i, (w, b) in enumerate(layers):
        h = h @ w + b
        if i < len(layers) - 1:
            h = np.maximum(h, 0)
        out.append(h)
    return out


def logits(layers, x) -> np.ndarray:
    """z = W_L relu(... relu(x W_1 + b_1) ...) + b_L, one row of logits per sample."""
    return forward(layers, x)[-1]


def features(layers, x) -> np.ndarray:
    """The input of the last layer: the hidden features (the input itself for a linear model)."""
    return forward(layers, x)[-2]


def loss(layers, x, y, head: str) -> float:
    """Mean over samples of the softmax cross-entropy, or of the sum of the k binary ones."""
    return head_loss(logits(layers, x), y, head)


def head_loss(z, y, head: str) -> float:
    """`loss` from the logits z (samples, classes) and the labels y."""
    y = check_labels(y, "y", (len(z),), z.shape[1])
    if check_head(head) == "softmax":
        return float(-log_softmax(z)[np.arange(len(z)), y].mean())
    t = np.eye(z.shape[1])[y]
    return float(-(t * log_sigmoid(z) + (1 - t) * log_sigmoid(-z)).sum(axis=1).mean())


# --8<-- [start:gradients]
def gradients(layers, x, y, head: str) -> list:
    """d loss / d (W, b) for every layer, by backpropagation."""
    *inputs, z = forward(layers, x)  # inputs[i] is what layer i received
    y = check_labels(y, "y", (len(z),), z.shape[1])
    t = np.eye(z.shape[1])[y]  # one-hot targets
    # The one line where the heads differ: d loss / d z = (p - target) / n
    p = softmax(z) if check_head(head) == "softmax" else sigmoid(z)
    g = (p - t) / len(z)
    grads = []
    for i in reversed(range(len(layers))):
        w, _ = layers[i]
        grads.append((inputs[i].T @ g, g.sum(axis=0)))
        if i > 0:
            g = (g @ w.T) * (inputs[i] > 0)  # back through the ReLU
    return grads[::-1]


# --8<-- [end:gradients]


def input_gradient(layers, x, dz) -> np.ndarray:
    """d (sum of dz * z) / d x: a gradient `dz` on the logits carried back to the input."""
    inputs = forward(layers, x)[:-1]
    g = np.asarray(dz, dtype=float)
    for i in reversed(range(len(layers))):
        g = g @ layers[i][0].T
        if i > 0:
            g = g * (inputs[i] > 0)
    return g


# --8<-- [start:train]
def train_path(x, y, n_classes, *, head, hidden=0, steps=(1000,), lr=0.1, momentum=0.9, seed=0):
    """Full-batch gradient descent with momentum from init_layers(..., seed=seed); yields
    (step, layers) at every step count in `steps` (one run, so the budgets share a path)."""
    check_head(head)
    stops = sorted({check_int(s, "steps", 0) for s in steps})
    if not stops:
        raise ValueError("steps must name at least one step count")
    if not (np.isfinite(lr) and lr > 0):
        raise ValueError(f"lr must be a positive number, got {lr}")
    if not 0 <= momentum < 1:
        raise ValueError(f"momentum must lie in [0, 1), got {momentum}")
    x = as_float_array(x, "x")
    layers = init_layers(x.shape[1], n_classes, hidden, seed=seed)
    velocity = [(np.zeros_like(w), np.zeros_like(b)) for w, b in layers]
    for step in range(stops[-1] + 1):
        if step in stops:
            yield step, layers
        if step == stops[-1]:
            return
        grads = gradients(layers, x, y, head)
        velocity = [
            (momentum * vw - lr * gw, momentum * vb - lr * gb)
            for (vw, vb), (gw, gb) in zip(velocity, grads, strict=True)
        ]
        layers = [(w + vw, b + vb) for (w, b), (vw, vb) in zip(layers, velocity, strict=True)]


def train(x, y, n_classes, *, head, hidden=0, steps=1000, lr=0.1, momentum=0.9, seed=0) -> list:
    """The layers after `steps` steps of train_path."""
    path = train_path(
        x,
        y,
        n_classes,
        head=head,
        hidden=hidden,
        steps=(steps,),
        lr=lr,
        momentum=momentum,
        seed=seed,
    )
    return list(path)[-1][1]


# --8<-- [end:train]
