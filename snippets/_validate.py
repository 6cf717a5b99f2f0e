"""Input checks shared by the public functions: fail loudly, never return a silent nan."""

import numpy as np


def as_float_array(x, name: str, *, allow_inf: bool = False) -> np.ndarray:
    """Return `x` as a float array; reject non-numbers, empty input, NaN and (by default) inf."""
    arr = np.asarray(x)
    if arr.dtype == bool or not (
        np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)
    ):
        raise TypeError(f"{name} must hold real numbers, got dtype {arr.dtype}")
    if not np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(np.float64)
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if np.isnan(arr).any():
        raise ValueError(f"{name} contains NaN")
    if not allow_inf and np.isinf(arr).any():
        raise ValueError(f"{name} contains inf; only finite values are allowed")
    return arr


def check_axis(arr: np.ndarray, axis: int, name: str) -> int:
    """Return `axis` as a non-negative index into `arr`, or raise if it does not exist."""
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"axis must be an int, got {type(axis).__name__}")
    if arr.ndim == 0:
        raise ValueError(f"{name} must have at least one dimension, got a scalar")
    if not -arr.ndim <= axis < arr.ndim:
        raise ValueError(f"axis {axis} is out of range for {name} with {arr.ndim} dimension(s)")
    return int(axis) % arr.ndim


def check_probabilities(p: np.ndarray, name: str) -> None:
    """Raise unless every entry of `p` lies in [0, 1]."""
    if (p < 0).any() or (p > 1).any():
        raise ValueError(f"{name} must lie in [0, 1]")


def check_distribution(p: np.ndarray, name: str, axis: int) -> None:
    """Raise unless `p` holds probabilities that sum to 1 along `axis`."""
    check_probabilities(p, name)
    tol = 1e-6 if p.dtype == np.float32 else 1e-9
    if not np.allclose(p.sum(axis=axis), 1.0, rtol=0, atol=tol * p.shape[axis]):
        raise ValueError(f"{name} must sum to 1 along axis {axis}")


def check_same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise unless `a` and `b` have the same shape."""
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}"
        )
