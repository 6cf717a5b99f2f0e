"""Input checks shared by the public functions: fail loudly, never return a silent nan.

Every check raises a ValueError (or a TypeError for input of the wrong kind) whose message starts
with the name of the argument and says what is wrong with it.
"""

import numpy as np


def check_int(n, name: str, low: int | None = None, high: int | None = None) -> int:
    """`n` as an int (a bool is not one), at least `low` and at most `high` where given."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"{name} must be an int, got {type(n).__name__}")
    if (low is not None and n < low) or (high is not None and n > high):
        bound = f"be at least {low}" if high is None else f"lie in [{low}, {high}]"
        raise ValueError(f"{name} must {bound}, got {n}")
    return int(n)


def as_real_array(x, name: str) -> np.ndarray:
    """`x` as an array of integers or floats; a TypeError for bool, complex, text or objects."""
    arr = np.asarray(x)
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold real numbers, got dtype {arr.dtype}")
    return arr


def as_float_array(
    x, name: str, *, allow_inf: bool = False, scan: bool = True, allow_empty: bool = False
) -> np.ndarray:
    """Return `x` as a float array; reject non-numbers, empty input, NaN and (by default) inf.

    float16/32/64 stay as given; integers become float64. With `scan=False` the NaN and inf
    checks are left to the caller, which finds them more cheaply (e.g. in a row maximum).
    """
    arr = as_real_array(x, name)
    if arr.dtype.kind != "f":
        arr = arr.astype(np.float64)
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if scan:
        if np.isnan(arr).any():
            raise ValueError(f"{name} contains NaN")
        if not allow_inf and np.isinf(arr).any():
            raise ValueError(f"{name} contains inf; only finite values are allowed")
    return arr


def check_axis(arr: np.ndarray, axis: int, name: str) -> int:
    """Return `axis` as a non-negative index into `arr`, or raise if it does not exist."""
    axis = check_int(axis, "axis")
    if arr.ndim == 0:
        raise ValueError(f"{name} must have at least one dimension, got a scalar")
    if not -arr.ndim <= axis < arr.ndim:
        raise ValueError(f"axis {axis} is out of range for {name} with {arr.ndim} dimension(s)")
    return axis % arr.ndim


def check_probabilities(p: np.ndarray, name: str) -> None:
    """Raise unless every entry of `p` lies in [0, 1]."""
    low, high = p.min(), p.max()
    if low < 0 or high > 1:
        bad = low if low < 0 else high
        raise ValueError(f"{name} must lie in [0, 1], got {float(bad)!r}")


def check_distribution(p: np.ndarray, name: str, axis: int) -> None:
    """Raise unless `p` holds probabilities that sum to 1 along `axis`, to the dtype's rounding.

    Rounding each of k probabilities moves their sum by up to k/2 ulps; 4k ulps of the dtype
    (float16, float32 or float64) is room for that and for the float64 sum taken here.
    """
    check_probabilities(p, name)
    sums = p.sum(axis=axis, dtype=np.promote_types(p.dtype, np.float64))
    error = np.abs(sums - 1.0)
    if (error > 4 * p.shape[axis] * np.finfo(p.dtype).eps).any():
        worst = sums.flat[np.argmax(error)]
        raise ValueError(f"{name} must sum to 1 along axis {axis}, got a sum of {float(worst)!r}")


def check_same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise unless `a` and `b` have the same shape."""
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}"
        )


def check_labels(labels, name: str, shape: tuple, n_classes: int | None = None) -> np.ndarray:
    """`labels` as an int array of `shape`, values in [0, n_classes); 2.0 counts as 2, 2.5 not."""
    arr = as_real_array(labels, name)
    if arr.shape != shape:
        raise ValueError(f"{name} must hold class labels of shape {shape}, got shape {arr.shape}")
    if arr.dtype.kind == "f":  # whole floats, as scikit-learn and pandas often give labels
        whole = np.isfinite(arr) & (arr == np.round(arr))
        if not whole.all():
            bad = float(arr[~whole].flat[0])
            raise ValueError(f"{name} must hold whole-number class labels, got {bad!r}")
    if n_classes is not None and arr.size and ((arr < 0) | (arr >= n_classes)).any():
        bad = arr.min() if arr.min() < 0 else arr.max()
        raise ValueError(f"{name} must hold class labels in [0, {n_classes - 1}], got {int(bad)}")
    return arr.astype(np.intp, copy=False)
