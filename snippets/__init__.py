"""The site's small numpy library: every function a page shows or uses."""

from snippets.activations import (
    log_sigmoid,
    log_softmax,
    logsumexp,
    naive_sigmoid,
    naive_softmax,
    sigmoid,
    softmax,
)
from snippets.inference import predict, top_k
from snippets.information import entropy, naive_entropy
from snippets.losses import (
    binary_cross_entropy,
    binary_cross_entropy_from_logits,
    cross_entropy,
    cross_entropy_from_logits,
    naive_binary_cross_entropy,
    naive_cross_entropy,
)

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_from_logits",
    "cross_entropy",
    "cross_entropy_from_logits",
    "entropy",
    "log_sigmoid",
    "log_softmax",
    "logsumexp",
    "naive_binary_cross_entropy",
    "naive_cross_entropy",
    "naive_entropy",
    "naive_sigmoid",
    "naive_softmax",
    "predict",
    "sigmoid",
    "softmax",
    "top_k",
]
