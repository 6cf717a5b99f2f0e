"""Open-set data: known classes split train/validation/test, unknowns kept for testing only."""

import functools

import numpy as np

from snippets._validate import as_float_array, check_int

# Three known classes around the origin, an "elephant" cluster off to one side, far-away points.
KNOWN_MEANS = np.array([[0.0, 2.5], [-2.2, -1.25], [2.2, -1.25]])
ELEPHANT_MEAN = np.array([4.5, 3.5])
FAR_RADIUS = (8.0, 12.0)


def _check_fractions(val: float, test: float) -> None:
    for name, f in [("val", val), ("test", test)]:
        if not 0 < f < 1:
            raise ValueError(f"{name} must lie strictly between 0 and 1, got {f}")
    if val + test >= 1:
        raise ValueError(f"val + test must leave data to train on, got {val} + {test}")


# --8<-- [start:split]
def open_set_split(x, y, known, *, seed: int, val: float = 0.2, test: float = 0.3) -> dict:
    """Split rows of classes `known` into train/val/test (labels renumbered 0..k-1 in the
    order of `known`); rows of every other class become the test-only set "unknown"."""
    x = as_float_array(x, "x")
    y = np.asarray(y)
    if x.ndim != 2:
        raise ValueError(f"x must be 2-D (samples, features), got shape {x.shape}")
    if y.shape != (len(x),) or not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"y must be integer labels of shape ({len(x)},), got {y.shape} {y.dtype}")
    known = [int(c) for c in known]
    if len(set(known)) < 2 or not set(known) <= set(y.tolist()):
        raise ValueError("known must name at least two distinct classes that occur in y")
    _check_fractions(val, test)
    rng = np.random.default_rng(seed)
    is_known = np.isin(y, known)
    rows = rng.permutation(np.flatnonzero(is_known))
    n_val, n_test = round(val * len(rows)), round(test * len(rows))
    parts = {"val": rows[:n_val], "test": rows[n_val : n_val + n_test]}
    parts["train"] = rows[n_val + n_test :]
    relabel = {c: i for i, c in enumerate(known)}
    out = {
        name: (x[r], np.array([relabel[c] for c in y[r].tolist()], dtype=int))
        for name, r in parts.items()
    }
    out["unknown"] = x[~is_known]
    return out


# --8<-- [end:split]


def blobs_2d(
    seed: int,
    n_per_class: int = 200,
    n_unknown: int = 150,
    std: float = 1.0,
    *,
    val: float = 0.2,
    test: float = 0.3,
) -> dict:
    """Three Gaussian classes (labels 0, 1, 2) plus two unknown sets: an "elephant" cluster and
    points on a far-away ring (radius 8 to 12); returns the open_set_split of the known data."""
    n_per_class = check_int(n_per_class, "n_per_class", 1)
    n_unknown = check_int(n_unknown, "n_unknown", 1)
    if not np.isfinite(std) or std <= 0:
        raise ValueError(f"std must be a positive number, got {std}")
    rng = np.random.default_rng(seed)
    x = np.concatenate([rng.normal(m, std, size=(n_per_class, 2)) for m in KNOWN_MEANS])
    y = np.repeat(np.arange(len(KNOWN_MEANS)), n_per_class)
    elephant = rng.normal(ELEPHANT_MEAN, std, size=(n_unknown, 2))
    radius = rng.uniform(*FAR_RADIUS, size=n_unknown)
    angle = rng.uniform(0, 2 * np.pi, size=n_unknown)
    far = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)
    data = open_set_split(x, y, known=[0, 1, 2], seed=seed, val=val, test=test)
    data["unknown"] = {"elephant": elephant, "far": far}
    return data


def digit_splits(n_pairs: int = 5, *, seed: int = 0) -> list[list[int]]:
    """`n_pairs` random choices of 5 known digits out of 10, each followed by its complement (the
    other 5 digits), all distinct and sorted: every digit is known in exactly half of the splits,
    and the unknowns of each split of a pair are the knowns of the other."""
    rng = np.random.default_rng(seed)
    splits: list[list[int]] = []
    while len(splits) < 2 * check_int(n_pairs, "n_pairs", 1):
        known = sorted(rng.choice(10, size=5, replace=False).tolist())
        if known not in splits:
            splits += [known, sorted(set(range(10)) - set(known))]
    return splits


@functools.cache
def _photos() -> tuple:
    """scikit-learn's two bundled photographs, grey, every 4th pixel, scaled to [0, 1]."""
    from sklearn.datasets import load_sample_images

    return tuple(img.mean(axis=2)[::4, ::4] / 255 for img in load_sample_images().images)


@functools.cache
def _digits() -> tuple:
    from sklearn.datasets import load_digits  # ships with scikit-learn: nothing is downloaded

    return load_digits(return_X_y=True)


def _sample_patches(n: int, rng) -> np.ndarray:
    """n random 8x8 patches of the photographs (a patch spans 32 pixels, as a digit did)."""
    grey = _photos()
    out = np.empty((n, 64))
    for i in range(n):
        img = grey[rng.integers(len(grey))]
        r, c = rng.integers(img.shape[0] - 8), rng.integers(img.shape[1] - 8)
        out[i] = img[r : r + 8, c : c + 8].ravel()
    return out


DIGIT_UNKNOWNS = ["held-out digits", "uniform noise", "permuted pixels", "inverted digits"]
DIGIT_UNKNOWNS += ["held-out digits x 4", "photo patches"]


def digits_open_set(known, seed: int, *, val: float = 0.2, test: float = 0.3) -> dict:
    """scikit-learn's 8x8 digits (pixels / 16) split by open_set_split, with six unknown sets:
    the held-out digits; uniform noise; known test digits with their pixels shuffled; known test
    digits inverted (1 - x); held-out digits scaled by 4 (far along rays through the data); and
    8x8 patches of photographs."""
    x, y = _digits()
    data = open_set_split(x / 16, y, known=known, seed=seed, val=val, test=test)
    rng = np.random.default_rng(10_000 + seed)
    held_out, known_test = data["unknown"], data["test"][0]
    data["unknown"] = {
        "held-out digits": held_out,
        "uniform noise": rng.random((500, 64)),
        "permuted pixels": rng.permuted(known_test, axis=1),
        "inverted digits": 1 - known_test,
        "held-out digits x 4": 4 * held_out,
        "photo patches": _sample_patches(500, rng),
    }
    return data
