"""softmax, log_softmax, logsumexp, sigmoid, log_sigmoid: stable, vectorised, and equal to SciPy.

Tolerances, stated once. EPS is the machine epsilon of the dtype (one ulp at 1.0) and k the number
of classes. Summing k positive numbers in two different orders can differ by (k - 1) EPS relative,
so softmax is held to 2k EPS relative to SciPy's; logs of sums (log_softmax, logsumexp) to 4k EPS
absolute plus 4 EPS relative; elementwise sigmoid forms to 4 EPS relative. Below the smallest
normal number (the subnormal range) precision runs out for everyone, so agreement there is
absolute, to TINY.
"""

import numpy as np
import pytest
import scipy.special
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from snippets import (
    activations,
    log_sigmoid,
    log_softmax,
    logsumexp,
    naive_sigmoid,
    naive_softmax,
    sigmoid,
    softmax,
)

FAST = settings(max_examples=20, deadline=None)
F64, F32 = np.finfo(np.float64), np.finfo(np.float32)
INF = np.inf


def finite(width=64, **bounds):
    return st.floats(allow_nan=False, allow_infinity=False, width=width, **bounds)


def batches(dtype=np.float64, elements=None, max_dims=3, max_side=8):
    """Arrays of any batch shape, 1 to 3 dimensions; by default any finite value of the dtype."""
    width = 32 if dtype == np.float32 else 64
    return hnp.arrays(
        dtype,
        hnp.array_shapes(min_dims=1, max_dims=max_dims, min_side=1, max_side=max_side),
        elements=finite(width) if elements is None else elements,
    )


def rel_close(actual, expected, rtol, atol):
    """|actual - expected| <= rtol |expected| + atol, elementwise; infinities must match exactly."""
    actual, expected = np.asarray(actual), np.asarray(expected)
    assert actual.shape == expected.shape
    same = actual == expected  # covers equal infinities
    with np.errstate(invalid="ignore", over="ignore"):
        close = np.abs(actual - expected) <= rtol * np.abs(expected) + atol
    bad = ~(same | close)
    assert not bad.any(), f"{actual[bad][:5]} != {expected[bad][:5]}"


def scipy_quiet(func, *args, **kwargs):
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        return func(*args, **kwargs)


# --- the values the pages show -------------------------------------------------------------------


def test_the_softmax_page_example_prints_as_shown():
    assert repr(softmax([0.2, 1.5, -2])) == "array([0.20920065, 0.76761926, 0.02318009])"
    assert float(softmax([0.2, 1.5, -2]).sum()) == 0.9999999999999999


def test_the_naive_forms_fail_where_the_pages_say():
    with np.errstate(over="ignore", invalid="ignore"):
        assert np.isnan(naive_softmax([1000.0, 1001.0])).all()
        assert naive_sigmoid(-1000.0) == 0.0  # exp(1000) overflows to inf, 1/inf = 0
    with pytest.warns(RuntimeWarning) as record:
        naive_softmax([1000.0, 1001.0])
    messages = {str(w.message) for w in record}
    assert messages == {"overflow encountered in exp", "invalid value encountered in divide"}


# --- never nan or inf where the math is finite ---------------------------------------------------

LIMITS = [
    ([1000.0, 1001.0], [0.2689414213699951, 0.7310585786300049]),
    ([-1e308, 1e308], [0.0, 1.0]),
    ([-F64.max, F64.max], [0.0, 1.0]),
    ([INF, 0.0, -INF], [1.0, 0.0, 0.0]),
    ([-INF, 0.0, 0.0], [0.0, 0.5, 0.5]),
    ([-INF, 3.0, 3.0, -INF], [0.0, 0.5, 0.5, 0.0]),
    ([5.0, 5.0, 5.0, 5.0], [0.25, 0.25, 0.25, 0.25]),
    ([7.0], [1.0]),
    ([-INF], None),  # undefined: every logit is -inf
    ([5e-324, 0.0], [0.5, 0.5]),  # a subnormal logit
    ([2.2250738585072014e-308, -5e-324], [0.5, 0.5]),
]


@pytest.mark.parametrize(("logits", "expected"), [c for c in LIMITS if c[1] is not None])
def test_softmax_at_the_limits(logits, expected):
    p = softmax(logits)
    assert np.isfinite(p).all()
    np.testing.assert_allclose(p, expected, rtol=4 * F64.eps, atol=0)
    assert np.isfinite(log_softmax(logits)[np.asarray(expected) > 0]).all()


def test_softmax_of_float32_near_its_limits_stays_float32_and_finite():
    z = np.array([F32.max, -F32.max, F32.max * 0.5, F32.tiny, F32.smallest_subnormal], np.float32)
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow is expected
        p = softmax(z)
    assert p.dtype == np.float32
    assert p.tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]
    q = softmax(np.array([F32.max, F32.max], np.float32))
    assert q.tolist() == [0.5, 0.5]


def test_no_warning_at_the_extremes():
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is fine
        softmax([-1e308, 1e308])
        log_softmax([-1e308, 1e308])
        logsumexp([-1e308, 1e308])
        sigmoid([-1e308, 1e308, -INF, INF])
        log_sigmoid([-1e308, 1e308])


def test_log_softmax_is_finite_where_softmax_underflows():
    # softmax([0, -1000])[1] is 0.0 in float64, but its log is -1000, not -inf.
    assert log_softmax([0.0, -1000.0])[1] == -1000.0
    assert log_softmax([1000.0, 0.0]).tolist() == [0.0, -1000.0]


def test_logsumexp_keeps_the_terms_that_vanish_next_to_1():
    # log(1 + e^-40) = 4.248e-18: log of the rounded sum 1.0 would give 0.0 (SciPy gh-18295).
    z = [[0.0, -40.0], [-40.0, 0.0], [3.0, -37.0]]
    want = scipy.special.logsumexp(z, axis=-1)
    assert logsumexp(z)[:2].tolist() == want[:2].tolist() == [np.log1p(np.exp(-40.0))] * 2
    assert logsumexp(z)[2] == want[2] == 3.0  # at the scale of 3, 4e-18 is below an ulp
    assert log_softmax([0.0, -40.0])[0] == -np.log1p(np.exp(-40.0))  # -4.2e-18, not -0.0
    assert logsumexp([0.0, 0.0, -40.0]) == np.log(2.0)  # a tie for the largest: log1p(1 + ...)


def test_logsumexp_over_an_empty_axis_is_minus_inf():
    # A sum over nothing is 0, and log 0 = -inf: SciPy's convention.
    for shape, axis in [((0,), -1), ((2, 0), -1), ((3, 0), 0), ((0, 3), -1)]:
        got, want = (
            logsumexp(np.zeros(shape), axis=axis),
            scipy.special.logsumexp(np.zeros(shape), axis=axis),
        )
        assert np.shape(got) == want.shape and np.array_equal(got, want)
    assert logsumexp(np.zeros((2, 0), np.float32)).dtype == np.float32
    with pytest.raises(ValueError, match=r"^logits must not be empty"):
        softmax(np.zeros((2, 0)))  # softmax over nothing has no value to give


def test_logsumexp_at_the_limits():
    assert logsumexp([1000.0, 1000.0]) == 1000.0 + np.log(2.0)
    assert logsumexp([-1e308, 1e308]) == 1e308
    assert logsumexp([F64.max, F64.max]) == F64.max  # max + log 2 rounds back to max
    assert logsumexp([-INF, -INF]) == -INF  # log 0: the math is -inf
    assert logsumexp([INF, 1.0, -INF]) == INF
    assert logsumexp([-INF, 0.0]) == 0.0
    assert logsumexp([INF, INF]) == logsumexp([INF, -INF]) == INF


def test_a_single_plus_inf_takes_all_the_mass_and_two_are_undefined():
    assert softmax([[1.0, INF, 2.0], [0.0, 0.0, 0.0]]).tolist() == [
        [0.0, 1.0, 0.0],
        [1 / 3, 1 / 3, 1 / 3],
    ]
    assert log_softmax([1.0, INF]).tolist() == [-INF, 0.0]
    with pytest.raises(ValueError, match="more than one \\+inf"):
        softmax([INF, INF])
    with pytest.raises(ValueError, match="every logit is -inf"):
        log_softmax([[0.0, 1.0], [-INF, -INF]])


def test_sigmoid_and_log_sigmoid_at_the_limits():
    z = np.array([-INF, -1e308, -1000.0, -40.0, 0.0, 40.0, 1000.0, 1e308, INF])
    s = sigmoid(z)
    assert np.isfinite(s).all() and ((s >= 0) & (s <= 1)).all()
    assert s[[0, 1, 2, 4, 6, 7, 8]].tolist() == [0.0, 0.0, 0.0, 0.5, 1.0, 1.0, 1.0]
    assert s[3] == scipy.special.expit(-40.0) > 0
    ls = log_sigmoid(z)
    assert ls[1:].tolist() == [-1e308, -1000.0, -40.0, -np.log(2.0), ls[5], -0.0, -0.0, 0.0]
    assert ls[0] == -INF  # log 0: the math is -inf
    assert ls[5] == -np.log1p(np.exp(-40.0)) < 0  # about -4.2e-18, not 0.0


def test_subnormal_sigmoid_inputs():
    z = np.array([5e-324, -5e-324, F64.tiny])
    np.testing.assert_array_equal(sigmoid(z), [0.5, 0.5, 0.5])
    np.testing.assert_array_equal(log_sigmoid(z), -np.log(2.0) * np.ones(3))


# --- dtypes, batch shapes and axes ---------------------------------------------------------------


@pytest.mark.parametrize("func", [softmax, log_softmax, logsumexp, sigmoid, log_sigmoid])
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_the_dtype_is_kept(func, dtype):
    z = np.array([[0.5, -1.0, 2.0], [3.0, 0.0, 0.25]], dtype)
    assert func(z).dtype == dtype


@pytest.mark.parametrize("func", [softmax, log_softmax, logsumexp, sigmoid, log_sigmoid])
def test_integers_become_float64(func):
    assert func([[1, 2, 3]]).dtype == np.float64


@pytest.mark.parametrize(
    ("ours", "reference", "reduces"),
    [
        (softmax, scipy.special.softmax, False),
        (log_softmax, scipy.special.log_softmax, False),
        (logsumexp, scipy.special.logsumexp, True),
    ],
)
@pytest.mark.parametrize("shape", [(5,), (4, 7), (3, 70), (2, 3, 4), (6, 1, 5), (2, 100, 3)])
def test_every_axis_of_every_shape(ours, reference, reduces, shape):
    z = np.random.default_rng(sum(shape)).normal(0, 5, shape)
    for axis in range(-len(shape), len(shape)):
        got = ours(z, axis=axis)
        want = reference(z, axis=axis)
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-13)
    assert np.array_equal(ours(z), ours(z, axis=-1))
    if not reduces:  # a strided view gives what a contiguous copy gives
        np.testing.assert_array_equal(ours(z.T, axis=0), ours(np.ascontiguousarray(z.T), axis=0))


@pytest.mark.parametrize("classes", [1, 3, 10, 64, 65, 1000])
@pytest.mark.parametrize("func", [softmax, log_softmax, logsumexp])
def test_a_row_gets_the_same_bits_in_any_batch(func, classes):
    # More rows than one cache-sized block, so block edges are crossed.
    rows = 2 * activations._BLOCK_BYTES // (8 * classes) + 3
    z = np.random.default_rng(classes).normal(0, 4, (rows, classes))
    batch = func(z)
    for i in [0, 1, 2, 3, rows // 2, rows - 1]:
        assert np.array_equal(func(z[i]), batch[i])
    assert np.array_equal(func(z[:3]), batch[:3])
    assert np.array_equal(func(z[5:105]), batch[5:105])


def test_one_class_is_certain():
    assert softmax(np.full((4, 1), -3.0)).tolist() == [[1.0]] * 4
    assert log_softmax([[123.0]]).tolist() == [[0.0]]
    assert logsumexp([[123.0]]).tolist() == [123.0]


def test_a_zero_dimensional_input_is_refused_for_softmax_but_not_for_sigmoid():
    with pytest.raises(ValueError, match="at least one dimension"):
        softmax(3.0)
    assert sigmoid(0.0) == 0.5 and isinstance(sigmoid(0.0), np.float64)


# --- agreement with SciPy, over wide random input ------------------------------------------------


@FAST
@given(batches())
def test_softmax_agrees_with_scipy(z):
    k = z.shape[-1]
    rel_close(softmax(z), scipy_quiet(scipy.special.softmax, z, axis=-1), 2 * k * F64.eps, F64.tiny)


@FAST
@given(batches(np.float32))
def test_float32_softmax_agrees_with_scipy_on_float32(z):
    k = z.shape[-1]
    got = softmax(z)
    assert got.dtype == np.float32
    rel_close(got, scipy_quiet(scipy.special.softmax, z, axis=-1), 2 * k * F32.eps, F32.tiny)


@FAST
@given(batches(np.float32))
def test_float32_softmax_is_accurate_against_float64(z):
    # Rounding z - max z to float32 moves the exponent by up to |z - max z| EPS / 2, so the
    # relative error grows with that distance; on top: the sum (k EPS), exp and division.
    exact = scipy_quiet(scipy.special.softmax, z.astype(np.float64), axis=-1)
    with np.errstate(over="ignore"):
        gap = z.max(axis=-1, keepdims=True).astype(np.float64) - z
    rtol = (gap / 2 + z.shape[-1] + 4) * F32.eps
    rel_close(softmax(z), exact, rtol, F32.tiny)


@FAST
@given(batches())
def test_log_softmax_agrees_with_scipy(z):
    k = z.shape[-1]
    rel_close(
        log_softmax(z),
        scipy_quiet(scipy.special.log_softmax, z, axis=-1),
        4 * F64.eps,
        4 * k * F64.eps,
    )


@FAST
@given(batches())
def test_logsumexp_agrees_with_scipy(z):
    k = z.shape[-1]
    rel_close(
        logsumexp(z), scipy_quiet(scipy.special.logsumexp, z, axis=-1), 4 * F64.eps, 4 * k * F64.eps
    )


@FAST
@given(batches(), st.integers(0, 2))
def test_any_axis_agrees_with_scipy(z, axis):
    axis = axis % z.ndim
    k = z.shape[axis]
    want = scipy_quiet(scipy.special.softmax, z, axis=axis)
    rel_close(softmax(z, axis=axis), want, 2 * k * F64.eps, F64.tiny)


@FAST
@given(batches(elements=st.floats(allow_nan=False, width=64)))
def test_infinities_mixed_with_finite_values(z):
    # Defined limits: rows with one +inf, or with -inf but a finite maximum.
    top = z.max(axis=-1)
    plus = np.isposinf(z).sum(axis=-1)
    assume(not (np.isneginf(top).any() or (plus > 1).any()))
    p = softmax(z)
    assert np.isfinite(p).all()
    np.testing.assert_array_equal(p[np.isposinf(z)], 1.0)
    np.testing.assert_array_equal(p[np.isneginf(z)], 0.0)
    finite_rows = plus == 0
    if finite_rows.any():
        want = scipy_quiet(scipy.special.softmax, z[finite_rows], axis=-1)
        rel_close(p[finite_rows], want, 2 * z.shape[-1] * F64.eps, F64.tiny)


@FAST
@given(batches(elements=st.floats(width=64, allow_nan=False)))
def test_sigmoid_agrees_with_expit(z):
    rel_close(sigmoid(z), scipy.special.expit(z), 4 * F64.eps, F64.tiny)


@FAST
@given(batches(np.float32))
def test_float32_sigmoid_agrees_with_expit(z):
    got = sigmoid(z)
    assert got.dtype == np.float32
    rel_close(got, scipy.special.expit(z), 4 * F32.eps, F32.tiny)


@FAST
@given(batches(elements=st.floats(width=64, allow_nan=False)))
def test_log_sigmoid_agrees_with_log_expit(z):
    rel_close(log_sigmoid(z), scipy.special.log_expit(z), 4 * F64.eps, F64.tiny)


# --- invariants ----------------------------------------------------------------------------------


@FAST
@given(batches())
def test_softmax_is_a_distribution(z):
    p = softmax(z)
    assert ((p >= 0) & (p <= 1)).all()
    assert (np.abs(p.sum(axis=-1) - 1) <= 2 * z.shape[-1] * F64.eps).all()


@FAST
@given(batches(np.float32))
def test_float32_softmax_is_a_distribution(z):
    p = softmax(z)
    assert (np.abs(p.sum(axis=-1, dtype=np.float64) - 1) <= 2 * z.shape[-1] * F32.eps).all()


@FAST
@given(batches())
def test_the_largest_logit_gets_the_largest_probability(z):
    p = softmax(z)
    best = np.argmax(z, axis=-1)[..., None]
    assert np.array_equal(np.take_along_axis(p, best, axis=-1)[..., 0], p.max(axis=-1))
    # When the top two logits are not within rounding of each other, argmax is kept exactly.
    top2 = np.sort(z, axis=-1)[..., -2:] if z.shape[-1] > 1 else None
    if top2 is not None:
        with np.errstate(over="ignore"):
            gap = top2[..., 1] - top2[..., 0]
        separated = gap > 1e-9 * np.maximum(1, np.abs(top2[..., 1]))
        assert np.array_equal(np.argmax(p, axis=-1)[separated], best[..., 0][separated])


@FAST
@given(
    batches(elements=st.integers(-(2**30), 2**30).map(lambda i: i / 1024), max_side=4),
    st.integers(-(2**30), 2**30).map(lambda i: i / 1024),
)
def test_shift_invariance_is_exact(z, c):
    # z and c are multiples of 2^-10 below 2^20, so z + c is exact and so is every step after.
    assert np.array_equal(softmax(z + c), softmax(z))
    assert np.array_equal(log_softmax(z + c), log_softmax(z))
    # logsumexp rounds max z + log sum at the scale of the result, which c shifts: not exact.
    lse = logsumexp(z)
    atol = 4 * z.shape[-1] * F64.eps + 2 * F64.eps * (np.abs(lse) + abs(c))
    rel_close(logsumexp(z + c), lse + c, 4 * F64.eps, atol)


@FAST
@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=2), elements=st.floats(allow_nan=False)))
def test_sigmoid_is_the_two_class_softmax_exactly(z):
    zero = np.zeros_like(z)
    assert np.array_equal(sigmoid(z), softmax(np.stack([zero, z], axis=-1))[..., 1])
    assert np.array_equal(sigmoid(z), softmax(np.stack([z, zero], axis=-1))[..., 0])


@FAST
@given(batches(max_dims=2))
def test_log_softmax_is_z_minus_logsumexp(z):
    k = z.shape[-1]
    lse = logsumexp(z)[..., None]
    with np.errstate(over="ignore"):  # -1e308 - 1e308: rows where the reference overflows
        want = z - lse  # rounds once more, at the scale of logsumexp
    finite_rows = np.isfinite(want).all(axis=-1)
    atol = 4 * k * F64.eps + 2 * F64.eps * np.abs(lse)
    rel_close(log_softmax(z)[finite_rows], want[finite_rows], 4 * F64.eps, atol[finite_rows])
