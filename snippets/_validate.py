"""Input checks shared by the public functions: fail loudly, never return a silent nan.

Every check raises a ValueError (or a TypeError for input that is not numbers at all) whose
message starts with the name of the argument and says what is wrong with it.
"""

import numpy as np


def _is_real(arr: np.ndarray) -> bool:
    """True for integer and floating dtypes; False for bool, complex, strings and objects."""
    return arr.dtype != bool and (
        np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)
    )


def as_float_array(x, name: str, *, allow_inf: bool = False, scan: bool = True) -> np.ndarray:
    """Return `x` as a float array; reject non-numbers, empty input, NaN and (by default) inf.

    float16/32/64 stay as given; integers become float64. With `scan=False` the NaN and inf
    checks are left to the caller, which finds them more cheaply (e.g. in a row maximum).
    """
    arr = np.asarray(x)
    if not _is_real(arr):
        raise TypeError(f"{name} must hold real numbers, got dtype {arr.dtype}")
    if not np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(np.float64)
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if scan:
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
    low, high = p.min(), p.max()
    if low < 0 or high > 1:
        bad = low if low < 0 else high
        raise ValueError(f"{name} must lie in [0, 1], got {float(bad)!r}")


def check_distribution(p: np.ndarray, name: str, axis: int) -> None:
    """Raise unless `p` holds probabilities that sum to 1 along `axis`."""
    check_probabilities(p, name)
    tol = 1e-6 if p.dtype == np.float32 else 1e-9
    sums = p.sum(axis=axis)
    if not np.allclose(sums, 1.0, rtol=0, atol=tol * p.shape[axis]):
        worst = sums.flat[np.argmax(np.abs(sums - 1.0))]
        raise ValueError(f"{name} must sum to 1 along axis {axis}, got a sum of {float(worst)!r}")


def check_same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise unless `a` and `b` have the same shape."""
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}"
        )


def check_labels(labels, n_classes: int, shape: tuple, name: str) -> np.ndarray:
    """Return `labels` as an integer array of `shape` with values in [0, n_classes), or raise."""
    arr = np.asarray(labels)
    if arr.dtype == bool or not (
        np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)
    ):
        raise TypeError(f"{name} labels must be integers, got dtype {arr.dtype}")
    if not np.issubdtype(arr.dtype, np.integer):
        raise ValueError(
            f"{name} labels must be integers (class indices), got dtype {arr.dtype}; "
            "pass probabilities with the same shape as the logits instead"
        )
    if arr.shape != shape:
        raise ValueError(f"{name} labels must have shape {shape}, got {arr.shape}")
    if arr.size and ((arr < 0).any() or (arr >= n_classes).any()):
        bad = arr.min() if (arr < 0).any() else arr.max()
        raise ValueError(f"{name} labels must lie in [0, {n_classes - 1}], got {int(bad)}")
    return arr
