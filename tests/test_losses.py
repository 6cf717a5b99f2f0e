"""Cross-entropy losses: stable, vectorised, equal to SciPy's special functions, and to each other.

Tolerances: EPS is the float64 machine epsilon and k the number of classes. A loss is a sum of k
logs, each good to a few EPS absolute, so losses agree to 8k EPS absolute plus 8 EPS relative.
The references are built from scipy.special: log_softmax, rel_entr + entr (cross-entropy is the
KL divergence plus the entropy), xlogy, xlog1py and log_expit.
"""

import numpy as np
import pytest
import scipy.special as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from snippets import (
    binary_cross_entropy,
    binary_cross_entropy_from_logits,
    cross_entropy,
    cross_entropy_from_logits,
    log_softmax,
    naive_binary_cross_entropy,
    naive_cross_entropy,
    sigmoid,
    softmax,
)

FAST = settings(max_examples=20, deadline=None)
EPS = np.finfo(np.float64).eps
INF = np.inf


def close(actual, expected, k=1):
    np.testing.assert_allclose(actual, expected, rtol=8 * EPS, atol=8 * k * EPS)


@st.composite
def classification(draw, bound=15.0):
    """Logits (n, k) within +-bound and integer labels (n,), k >= 2."""
    n, k = draw(st.integers(1, 12)), draw(st.integers(2, 8))
    z = draw(hnp.arrays(np.float64, (n, k), elements=st.floats(-bound, bound)))
    labels = draw(hnp.arrays(np.int64, (n,), elements=st.integers(0, k - 1)))
    return z, labels


# --- the seed's example and the naive forms ------------------------------------------------------


def test_the_seed_example():
    # One-hot duck, prediction [0.2, 0.1, 0.7]: -ln 0.7.
    assert cross_entropy([0, 0, 1], [0.2, 0.1, 0.7]) == pytest.approx(-np.log(0.7), abs=1e-15)
    assert cross_entropy_from_logits(2, np.log([0.2, 0.1, 0.7])) == pytest.approx(-np.log(0.7))


def test_a_loss_too_small_for_1_minus_it_is_kept():
    # -log softmax([40, 0])[0] = log(1 + e^-40) = 4.2e-18, as the binary loss from logits gives.
    tiny = np.log1p(np.exp(-40.0))
    assert cross_entropy_from_logits(0, [40.0, 0.0]) == tiny
    assert cross_entropy_from_logits([1.0, 0.0], [40.0, 0.0]) == tiny
    assert binary_cross_entropy_from_logits(1.0, 40.0) == tiny


def test_whole_number_float_labels_are_class_indices():
    z = np.array([[0.5, -1.0, 2.0], [3.0, 0.0, 0.25]])
    want = cross_entropy_from_logits(np.array([2, 0]), z)
    assert cross_entropy_from_logits([2.0, 0.0], z).tolist() == want.tolist()
    assert cross_entropy_from_logits(np.array([2.0, 0.0], np.float32), z).tolist() == want.tolist()


def test_the_naive_forms_give_nan_where_the_stable_ones_do_not():
    with np.errstate(divide="ignore", invalid="ignore"):
        assert np.isnan(naive_cross_entropy([0, 1], [0.0, 1.0]))
        assert np.isnan(naive_binary_cross_entropy(1.0, 1.0))
    assert cross_entropy([0, 1], [0.0, 1.0]) == 0.0
    assert binary_cross_entropy(1.0, 1.0) == 0.0


# --- limits: finite where the math is finite, inf where it is not --------------------------------


def test_cross_entropy_is_inf_only_when_the_true_class_has_probability_zero():
    assert cross_entropy([1.0, 0.0], [0.0, 1.0]) == INF
    assert cross_entropy([0.5, 0.5], [1.0, 0.0]) == INF
    assert cross_entropy([0.0, 1.0], [0.0, 1.0]) == 0.0


def test_cross_entropy_from_logits_at_the_limits():
    assert cross_entropy_from_logits(0, [1000.0, 0.0]) == 0.0
    assert cross_entropy_from_logits(1, [1000.0, 0.0]) == 1000.0  # softmax gives 0, log gives -inf
    assert cross_entropy_from_logits([0, 1], [[-1e308, 1e308], [-1e308, 1e308]]).tolist() == [
        INF,  # the true class's probability is exp(-2e308): the loss really is infinite
        0.0,
    ]
    assert cross_entropy_from_logits(0, [INF, 3.0]) == 0.0
    assert cross_entropy_from_logits(1, [INF, 3.0]) == INF
    assert cross_entropy_from_logits([1.0, 0.0], [INF, 3.0]) == 0.0  # 0 * log 0 = 0
    assert cross_entropy_from_logits(0, [-INF, 3.0]) == INF
    assert cross_entropy_from_logits([0, 0, 0], [[5.0], [-1e308], [1e308]]).tolist() == [0.0] * 3
    value = cross_entropy_from_logits(0, np.array([3e38, -3e38], np.float32))
    assert value == 0.0 and value.dtype == np.float32


def test_binary_cross_entropy_from_logits_at_the_limits():
    t = np.array([1.0, 0.0, 1.0, 0.0, 0.5, 1.0, 0.0])
    z = np.array([INF, -INF, -1000.0, 1000.0, 1e308, 40.0, -40.0])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        loss = binary_cross_entropy_from_logits(t, z)
    assert loss[:4].tolist() == [0.0, 0.0, 1000.0, 1000.0]
    assert loss[4] == 0.5e308  # half of an enormous logit is still finite
    assert loss[5] == loss[6] == np.log1p(np.exp(-40.0)) > 0  # tiny, not rounded to 0
    assert binary_cross_entropy_from_logits(0.0, INF) == INF
    assert binary_cross_entropy_from_logits(0.5, -INF) == INF


def test_binary_cross_entropy_is_inf_only_for_a_certain_wrong_prediction():
    assert binary_cross_entropy([1.0, 0.0], [0.0, 1.0]).tolist() == [INF, INF]
    assert binary_cross_entropy([1.0, 0.0], [1.0, 0.0]).tolist() == [0.0, 0.0]


# --- shapes, axes and dtypes ---------------------------------------------------------------------


def test_labels_and_one_hot_targets_give_the_same_loss_in_any_shape():
    rng = np.random.default_rng(0)
    z = rng.normal(0, 3, (4, 5, 6))
    for axis in range(3):
        k = z.shape[axis]
        labels = rng.integers(0, k, np.delete(z.shape, axis))
        one_hot = np.moveaxis(np.eye(k)[labels], -1, axis)
        by_label = cross_entropy_from_logits(labels, z, axis=axis)
        assert by_label.shape == labels.shape
        np.testing.assert_array_equal(by_label, cross_entropy_from_logits(one_hot, z, axis=axis))
        int_one_hot = one_hot.astype(int)  # an integer one-hot array is a target, not labels
        np.testing.assert_array_equal(by_label, cross_entropy_from_logits(int_one_hot, z, axis))
        close(cross_entropy(one_hot, softmax(z, axis=axis), axis=axis), by_label, k)


def test_soft_targets():
    z = np.array([[2.0, 0.0, -1.0]])
    t = np.array([[0.7, 0.2, 0.1]])
    expected = -(t * log_softmax(z)).sum(axis=-1)
    close(cross_entropy_from_logits(t, z), expected, 3)
    close(cross_entropy(t, softmax(z)), expected, 3)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_the_dtype_is_kept(dtype):
    z = np.array([[0.5, -1.0, 2.0]], dtype)
    t = np.array([[0.0, 0.0, 1.0]], dtype)
    assert cross_entropy_from_logits(np.array([2]), z).dtype == dtype
    assert cross_entropy_from_logits(t, z).dtype == dtype
    assert cross_entropy(t, softmax(z)).dtype == dtype
    assert binary_cross_entropy(t, sigmoid(z)).dtype == dtype
    assert binary_cross_entropy_from_logits(t, z).dtype == dtype


@pytest.mark.parametrize("dtype", [np.float16, np.float32])
def test_softmax_rows_of_any_dtype_are_distributions_to_cross_entropy(dtype):
    # Each row sums to 1 only to the dtype's rounding; the check allows for that, as it must.
    rng = np.random.default_rng(1)
    z = rng.normal(0, 2, (2000, 10)).astype(dtype)
    labels = rng.integers(0, 10, 2000)
    loss = cross_entropy(np.eye(10, dtype=dtype)[labels], softmax(z))
    assert loss.dtype == dtype
    want = cross_entropy_from_logits(labels, z.astype(np.float64))
    np.testing.assert_allclose(loss, want, rtol=4 * 10 * np.finfo(dtype).eps, atol=4e-3)


# --- agreement with SciPy ------------------------------------------------------------------------


@FAST
@given(classification())
def test_cross_entropy_from_logits_agrees_with_scipy(data):
    z, labels = data
    k = z.shape[1]
    want = -sp.log_softmax(z, axis=-1)[np.arange(len(z)), labels]
    close(cross_entropy_from_logits(labels, z), want, k)
    close(cross_entropy_from_logits(np.eye(k)[labels], z), want, k)
    close(cross_entropy_from_logits(labels.astype(np.float32), z), want, k)  # 2.0 is class 2


@FAST
@given(classification())
def test_cross_entropy_is_the_kl_divergence_plus_the_entropy(data):
    z, _ = data
    t, q = softmax(z[:, ::-1]), softmax(z)  # a soft target and a prediction
    want = sp.rel_entr(t, q).sum(axis=-1) + sp.entr(t).sum(axis=-1)
    close(cross_entropy(t, q), want, z.shape[1])
    close(cross_entropy_from_logits(t, z), want, z.shape[1])


@FAST
@given(hnp.arrays(np.float64, st.integers(1, 20), elements=st.floats(-15, 15)), st.data())
def test_binary_cross_entropy_agrees_with_scipy(z, data):
    t = data.draw(hnp.arrays(np.float64, z.shape, elements=st.floats(0, 1)))
    q = sigmoid(z)
    close(binary_cross_entropy(t, q), -(sp.xlogy(t, q) + sp.xlog1py(1 - t, -q)))
    want = -(t * sp.log_expit(z) + (1 - t) * sp.log_expit(-z))
    close(binary_cross_entropy_from_logits(t, z), want)


# --- invariants ----------------------------------------------------------------------------------


@FAST
@given(
    hnp.arrays(np.float64, st.integers(1, 20), elements=st.floats(-1000, 1000)),
    st.data(),
)
def test_bce_from_logits_equals_bce_of_the_sigmoid_where_that_is_finite(z, data):
    t = data.draw(hnp.arrays(np.float64, z.shape, elements=st.floats(0, 1)))
    q = sigmoid(z)
    via_q = binary_cross_entropy(t, q)
    ours = binary_cross_entropy_from_logits(t, z)
    assert np.isfinite(ours).all()
    ok = np.isfinite(via_q)
    # Rounding q to float64 costs log q about EPS and log(1 - q) about EPS q / (1 - q).
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        cond = np.where(t > 0, t / q, 0) + np.where(t < 1, (1 - t) / (1 - q), 0)
    tol = 8 * EPS * (1 + np.abs(via_q) + cond)
    assert (np.abs(ours - via_q)[ok] <= tol[ok]).all()


@FAST
@given(classification(bound=1e300))
def test_cross_entropy_from_logits_is_never_nan_and_never_negative(data):
    z, labels = data
    loss = cross_entropy_from_logits(labels, z)
    assert not np.isnan(loss).any() and (loss >= 0).all()
    finite = np.isfinite(loss)
    picked = z[np.arange(len(z)), labels]
    # The loss is infinite only when exp(z_label - max z) underflows to zero.
    assert (finite | (picked - z.max(axis=1) < -700)).all()


@FAST
@given(classification())
def test_shifting_the_logits_leaves_the_loss_alone(data):
    z, labels = data
    shifted = cross_entropy_from_logits(labels, z + 100)  # z + 100 moves each logit by <= 7e-15
    np.testing.assert_allclose(shifted, cross_entropy_from_logits(labels, z), rtol=0, atol=4e-14)
