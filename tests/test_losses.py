"""Cross-entropy losses: stable, vectorised, equal to scikit-learn's log_loss, and to each other.

Tolerances: EPS is the float64 machine epsilon and k the number of classes. A loss is a sum of k
logs, each good to a few EPS absolute, so losses agree to 8k EPS absolute plus 8 EPS relative.
sklearn's log_loss clips probabilities to [EPS, 1 - EPS]; the comparisons keep probabilities
inside that range (logits within +-15), where clipping changes nothing.
"""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.metrics import log_loss

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

FAST = settings(max_examples=120, deadline=None)
EPS = np.finfo(np.float64).eps
INF = np.inf


def close(actual, expected, k=1):
    np.testing.assert_allclose(actual, expected, rtol=8 * EPS, atol=8 * k * EPS)


@st.composite
def classification(draw, bound=15.0):
    """Logits (n, k) within +-bound and integer labels (n,), k >= 2."""
    n, k = draw(st.integers(1, 30)), draw(st.integers(2, 12))
    z = draw(hnp.arrays(np.float64, (n, k), elements=st.floats(-bound, bound)))
    labels = draw(hnp.arrays(np.int64, (n,), elements=st.integers(0, k - 1)))
    return z, labels


# --- the seed's example and the naive forms ------------------------------------------------------


def test_the_seed_example():
    # One-hot duck, prediction [0.2, 0.1, 0.7]: -ln 0.7.
    assert cross_entropy([0, 0, 1], [0.2, 0.1, 0.7]) == pytest.approx(-np.log(0.7), abs=1e-15)
    assert cross_entropy_from_logits(2, np.log([0.2, 0.1, 0.7])) == pytest.approx(-np.log(0.7))


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


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_the_dtype_is_kept(dtype):
    z = np.array([[0.5, -1.0, 2.0]], dtype)
    t = np.array([[0.0, 0.0, 1.0]], dtype)
    assert cross_entropy_from_logits(np.array([2]), z).dtype == dtype
    assert cross_entropy_from_logits(t, z).dtype == dtype
    assert cross_entropy(t, softmax(z)).dtype == dtype
    assert binary_cross_entropy(t, sigmoid(z)).dtype == dtype
    assert binary_cross_entropy_from_logits(t, z).dtype == dtype


# --- agreement with scikit-learn's log_loss ------------------------------------------------------


def sklearn_log_loss(labels, probabilities, k):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rows summing to 1 within 1e-15 can still warn
        return log_loss(labels, y_proba=probabilities, labels=np.arange(k))


@FAST
@given(classification())
def test_cross_entropy_from_logits_agrees_with_log_loss(data):
    z, labels = data
    k = z.shape[1]
    want = sklearn_log_loss(labels, softmax(z), k)
    close(cross_entropy_from_logits(labels, z).mean(), want, k)
    close(cross_entropy_from_logits(np.eye(k)[labels], z).mean(), want, k)


@FAST
@given(classification())
def test_cross_entropy_agrees_with_log_loss(data):
    z, labels = data
    k = z.shape[1]
    q = softmax(z)
    close(cross_entropy(np.eye(k)[labels], q).mean(), sklearn_log_loss(labels, q, k), k)


@FAST
@given(
    hnp.arrays(np.float64, st.integers(1, 50), elements=st.floats(-15, 15)),
    st.data(),
)
def test_binary_cross_entropy_agrees_with_log_loss(z, data):
    labels = data.draw(hnp.arrays(np.int64, z.shape, elements=st.integers(0, 1)))
    q = sigmoid(z)
    want = sklearn_log_loss(labels, q, 2)
    close(binary_cross_entropy(labels, q).mean(), want, 2)
    # log_loss takes log(1 - q) of a rounded q, which is off by about EPS q / (1 - q); the loss
    # from logits never forms 1 - q, so the two agree only to that.
    cond = np.where(labels == 0, q / (1 - q), 1.0).mean()
    ours = binary_cross_entropy_from_logits(labels, z).mean()
    assert abs(ours - want) <= 8 * EPS * (1 + want + cond)


# --- invariants ----------------------------------------------------------------------------------


@FAST
@given(
    hnp.arrays(np.float64, st.integers(1, 50), elements=st.floats(-1000, 1000)),
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
