"""Entropy: how hard an outcome is to predict."""

import numpy as np

from snippets._validate import as_float_array, as_real_array, check_axis, check_distribution


# --8<-- [start:naive_entropy]
def naive_entropy(p):
    """H(p) = -sum_i p_i log p_i, as written: a zero probability gives nan."""
    p = np.asarray(p, dtype=float)
    return -np.sum(p * np.log(p))


# --8<-- [end:naive_entropy]


# --8<-- [start:entropy]
def xlogy(x, y):
    """x * log(y), taken to be 0 where x == 0 (so 0 * log 0 = 0)."""
    with np.errstate(divide="ignore"):
        return np.where(x == 0, 0, x * np.log(np.where(x == 0, 1, y)))


def entropy(p, axis=-1, base=None):
    """H(p) = -sum_i p_i log p_i, 0 log 0 = 0; in nats, or in base `base`."""
    p = as_float_array(p, "p")
    ax = check_axis(p, axis, "p")
    check_distribution(p, "p", ax)
    h = 0.0 - xlogy(p, p).sum(axis=ax)  # 0.0 - x, not -x: never -0.0
    if base is not None:
        h = h / np.log(_check_base(base, h.dtype))
    return h[()]


# --8<-- [end:entropy]


def _check_base(base, dtype):
    """`base` as a `dtype` number; raise unless it is one finite positive number other than 1."""
    b = as_real_array(base, "base")
    if b.ndim or not np.isfinite(b) or b <= 0 or b == 1:
        raise ValueError(f"base must be a finite positive number other than 1, got {base!r}")
    return b.astype(dtype)
