"""Entropy: 0 log 0 = 0, any batch shape and axis, nats or any base, equal to SciPy's."""

import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from snippets import entropy, naive_entropy, softmax

EPS = np.finfo(np.float64).eps


def test_the_seed_boxes():
    # 5:5 is as hard to predict as a coin; 2:8 is easier.
    assert entropy([0.5, 0.5]) == np.log(2)
    assert entropy([0.5, 0.5], base=2) == 1.0
    assert entropy([0.2, 0.8]) == pytest.approx(0.5004024235381879, abs=1e-16)
    assert entropy([0.2, 0.8]) < entropy([0.5, 0.5])


def test_zero_probabilities_add_nothing():
    with np.errstate(divide="ignore", invalid="ignore"):
        assert np.isnan(naive_entropy([0.0, 1.0]))
    assert entropy([0.0, 1.0]) == 0.0
    assert not np.signbit(entropy([0.0, 1.0]))  # 0.0, not -0.0
    assert entropy([0.0, 0.5, 0.0, 0.5]) == np.log(2)


def test_subnormal_probabilities():
    p = np.array([5e-324, 1.0])
    assert np.isfinite(entropy(p)) and entropy(p) >= 0


def test_one_outcome_is_certain():
    assert entropy(np.ones((3, 1))).tolist() == [0.0, 0.0, 0.0]


@pytest.mark.parametrize("dtype", [np.float16, np.float32])
def test_softmax_rows_of_any_dtype_are_distributions_to_entropy(dtype):
    # float16 rows sum to 1 only within a few ulps (4e-4 or so); the check allows for that.
    z = np.random.default_rng(0).normal(0, 2, (2000, 10)).astype(dtype)
    p = softmax(z)
    h = entropy(p)
    assert h.dtype == dtype
    want = scipy.special.entr(p.astype(np.float64)).sum(axis=-1)
    np.testing.assert_allclose(h, want, rtol=4 * 10 * np.finfo(dtype).eps)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_the_dtype_is_kept_in_any_base(dtype):
    p = np.array([[0.25, 0.75], [0.5, 0.5]], dtype)
    assert entropy(p).dtype == dtype
    assert entropy(p, base=2).dtype == dtype
    np.testing.assert_allclose(entropy(p, base=2)[1], 1.0, rtol=np.finfo(dtype).eps)


def test_every_axis():
    rng = np.random.default_rng(0)
    p = softmax(rng.normal(0, 2, (3, 4, 5)), axis=1)
    want = scipy.special.entr(p).sum(axis=1)
    np.testing.assert_allclose(entropy(p, axis=1), want, rtol=1e-14)
    assert entropy(p, axis=1).shape == (3, 5)


@settings(max_examples=20, deadline=None)
@given(
    hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=1, max_dims=3, max_side=8),
        elements=st.floats(-700, 700),
    ),
    st.sampled_from([None, 2, 10, np.e, 0.5]),
)
def test_entropy_agrees_with_scipy(z, base):
    p = softmax(z)  # any distribution, including ones with underflowed zeros
    k = p.shape[-1]
    want = scipy.special.entr(p).sum(axis=-1)
    if base is not None:
        want = want / np.log(base)
    got = entropy(p, base=base)
    scale = 1 if base is None else abs(1 / np.log(base))
    np.testing.assert_allclose(got, want, rtol=4 * EPS, atol=4 * k * EPS * scale)
    bound = np.log(k) * scale  # 0 <= H <= log k (in nats; flipped sign for a base below 1)
    h = got if base is None or base > 1 else -got
    assert ((h >= 0) & (h <= bound * (1 + 4 * EPS))).all()
