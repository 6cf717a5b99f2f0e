"""Softmax and sigmoid: the naive textbook forms, and the stable forms the site uses.

The stable forms take any batch shape and an `axis` (the last by default), keep float16, float32
and float64 as given, and return nan or inf only where the mathematical value is infinite.
"""

import math

import numpy as np

from snippets._validate import as_float_array, check_axis


# --8<-- [start:naive_softmax]
def naive_softmax(logits):
    """softmax(z)_i = exp(z_i) / sum_j exp(z_j), as written: nan for z > 709."""
    e = np.exp(np.asarray(logits, dtype=float))
    return e / e.sum(axis=-1, keepdims=True)


# --8<-- [end:naive_softmax]


# --8<-- [start:naive_sigmoid]
def naive_sigmoid(z):
    """sigmoid(z) = 1 / (1 + exp(-z)), as written: exp(-z) = inf if z < -709."""
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


# --8<-- [end:naive_sigmoid]


# --8<-- [start:softmax]
def _shift(z, axis):
    """max z along `axis`, kept as a length-1 axis; a lone +inf wins all."""
    top = z.max(axis=axis, keepdims=True)  # NaN if the row holds a NaN
    if not np.isfinite(top).all():
        if np.isnan(top).any():
            raise ValueError("logits contains NaN")
        if np.isneginf(top).any():
            raise ValueError(
                "logits: softmax is undefined when every logit is -inf",
            )
        winners = np.isposinf(z)
        if (winners.sum(axis=axis, keepdims=True) > 1).any():
            raise ValueError(
                "logits: softmax is undefined with more than one +inf",
            )
        rows = np.isposinf(top)  # the limit: 1 for the +inf logit, 0 for others
        z = np.where(rows, np.where(winners, 0, -np.inf), z).astype(z.dtype)
        top = np.where(rows, 0, top).astype(z.dtype)
    return z, top


def _softmax_into(z, out, axis):
    """Write softmax(z) along `axis` into `out` (which may be `z` itself)."""
    z, top = _shift(z, axis)
    np.subtract(z, top, out=out)  # every exponent is <= 0: exp cannot overflow
    np.exp(out, out=out)
    out /= _total(out, axis)  # at least 1: the largest term is exp(0)


def softmax(logits, axis=-1):
    """softmax(z)_i = exp(z_i - max z) / sum_j exp(z_j - max z)."""
    return _along_axis(_softmax_into, logits, axis)  # checks, runs in blocks


# --8<-- [end:softmax]


# --8<-- [start:log_softmax]
def _log_total(shifted, axis):
    """log sum_j exp(s_j) for s = z - max z, as log1p of all but one exp(0) = 1."""
    e = np.exp(shifted)
    ones = e == 1  # exp(0) at the maximum, and any term that rounds to 1
    np.subtract(e, ones, out=e)  # set them aside, to add back all but one
    rest = _total(e, axis)
    rest += ones.sum(axis=axis, keepdims=True) - 1
    return np.log1p(rest)  # log1p(4e-18) = 4e-18, where log(1.0) = 0


def _log_softmax_into(z, out, axis):
    """Write log_softmax(z) along `axis` into `out` (which may be `z`)."""
    z, top = _shift(z, axis)
    np.subtract(z, top, out=out)
    out -= _log_total(out, axis)


def log_softmax(logits, axis=-1):
    """log softmax(z)_i = (z_i - max z) - log sum_j exp(z_j - max z)."""
    return _along_axis(_log_softmax_into, logits, axis)


# --8<-- [end:log_softmax]


# --8<-- [start:logsumexp]
def _logsumexp_into(z, out, axis):
    """Write logsumexp(z) along `axis` into `out`, whose `axis` has length 1."""
    top = z.max(axis=axis, keepdims=True)
    if np.isnan(top).any():
        raise ValueError("logits contains NaN")
    finite = np.isfinite(top)  # else the answer is top: all -inf or a +inf
    safe = np.where(finite, top, 0)
    np.add(_log_total(z - safe, axis), safe, out=out)
    np.copyto(out, top, where=~finite)


def logsumexp(logits, axis=-1):
    """logsumexp(z) = max z + log sum_j exp(z_j - max z); -inf if z is empty."""
    return _along_axis(_logsumexp_into, logits, axis, reduce=True)


# --8<-- [end:logsumexp]


# --8<-- [start:sigmoid]
def sigmoid(z):
    """sigmoid(z) = 1 / (1 + exp(-z)), or exp(z) / (1 + exp(z)) for z < 0."""
    z = as_float_array(z, "z", allow_inf=True)
    e = np.exp(-np.abs(z))  # never overflows: the exponent is <= 0
    return (np.where(z >= 0, 1, e) / (1 + e))[()]


# --8<-- [end:sigmoid]


# --8<-- [start:log_sigmoid]
def log_sigmoid(z):
    """log sigmoid(z) = min(z, 0) - log1p(exp(-|z|))."""
    z = as_float_array(z, "z", allow_inf=True)
    return (np.minimum(z, 0) - np.log1p(np.exp(-np.abs(z))))[()]


# --8<-- [end:log_sigmoid]


# How the softmax family runs fast on big batches, in plain numpy. numpy reduces along a short
# last axis (10 classes, say) one row at a time, so for few classes each block of rows is copied
# transposed into a small buffer, where every reduction runs along long contiguous rows; blocks
# are sized to stay in the CPU cache, and every step works in place. Sums over few classes are
# taken left to right in every layout, so a row gets the same bits whatever batch it comes in.
_FEW_CLASSES = 64  # up to this many classes: transposed blocks, sums left to right
_FEW_ROWS = 4  # fewer rows than this: no transposing, it would cost more than it saves
_BLOCK_BYTES = 1 << 19  # bytes of logits per block


def _total(e, axis):
    """sum_j e_j along `axis`, kept as a length-1 axis."""
    if e.shape[axis] > _FEW_CLASSES:
        return e.sum(axis=axis, keepdims=True)  # numpy's pairwise sum: accurate for long rows
    if axis == 0 and e.ndim == 2 and e.shape[1] > 1:
        return np.add.reduce(e, axis=0, keepdims=True)  # adds whole rows, left to right
    last = (slice(None),) * axis + (slice(-1, None),)
    return np.add.accumulate(e, axis=axis)[last]  # left to right, like numpy for < 8 numbers


def _along_axis(kernel, logits, axis, reduce=False):
    """Validate `logits` and apply `kernel(z, out, axis)` along `axis`, block by block."""
    z = as_float_array(logits, "logits", allow_inf=True, scan=False, allow_empty=reduce)
    ax = check_axis(z, axis, "logits")  # the kernels catch NaN
    k = z.shape[ax]
    out = np.empty((*z.shape[:ax], 1 if reduce else k, *z.shape[ax + 1 :]), z.dtype)
    if z.size == 0:  # only logsumexp gets here: a sum over nothing is 0, and log 0 = -inf
        out.fill(-np.inf)
        return np.squeeze(out, axis=ax)[()]
    with np.errstate(over="ignore", divide="ignore"):  # -1e308 - 1e308 = -inf; log(0) = -inf
        if math.prod(z.shape[ax + 1 :]) > 1:  # numpy reduces along a leading axis fast
            kernel(np.ascontiguousarray(z), out, ax)
        else:
            _by_blocks(kernel, z.reshape(-1, k), out.reshape(-1, out.shape[ax]))
    return np.squeeze(out, axis=ax)[()] if reduce else out


def _by_blocks(kernel, rows, out):
    """Apply `kernel` to a 2-D (rows, classes) array, one cache-sized block of rows at a time."""
    n, k = rows.shape
    step = max(1, _BLOCK_BYTES // (k * rows.itemsize))
    if k > _FEW_CLASSES or n < _FEW_ROWS:
        for i in range(0, n, step):
            kernel(rows[i : i + step], out[i : i + step], 1)
        return
    cols = np.empty((k, min(step, n)), rows.dtype)
    res = cols if out.shape[1] == k else np.empty((1, cols.shape[1]), rows.dtype)
    for i in range(0, n, step):
        b = min(step, n - i)
        np.copyto(cols[:, :b], rows[i : i + b].T)
        kernel(cols[:, :b], res[:, :b], 0)
        np.copyto(out[i : i + b], res[:, :b].T)
