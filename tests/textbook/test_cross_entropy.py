"""snippets/textbook/cross_entropy.py: cross-entropy with 0 log q = 0 and the negative
log-likelihood of labels agree with the library, with SciPy and with scikit-learn."""

import numpy as np
import scipy.special
import sklearn.metrics
from hypothesis import given, settings
from hypothesis import strategies as st

import snippets
from snippets.textbook.cross_entropy import cross_entropy, negative_log_likelihood
from tests.textbook.strategies import float_arrays

WEIGHTS = float_arrays(st.one_of(st.just(0.0), st.floats(1e-6, 1.0)), min_side=2)


def distributions(w):
    w = w.copy()
    w[..., 0] += 1.0  # every row has some mass
    return w / w.sum(axis=-1, keepdims=True)


@settings(max_examples=60, deadline=None)
@given(WEIGHTS, WEIGHTS)
def test_matches_the_library_and_scipy_zeros_included(wp, wq):
    p = distributions(wp)
    q = distributions(np.resize(wq, p.shape))
    got = cross_entropy(p, q)
    assert np.shape(got) == p.shape[:-1]
    np.testing.assert_allclose(got, snippets.cross_entropy(p, q), rtol=1e-12, atol=1e-15)
    reference = -scipy.special.xlogy(p, q).sum(axis=-1)  # inf where q_i = 0 < p_i
    np.testing.assert_allclose(got, reference, rtol=1e-12, atol=1e-15)


def test_a_zero_where_the_target_is_zero_costs_nothing_and_never_warns():
    with np.errstate(all="raise"):
        assert float(cross_entropy([0, 0, 1], [0.0, 0.3, 0.7])) == -np.log(0.7)
        assert float(cross_entropy([0, 0, 1], [0.5, 0.5, 0.0])) == np.inf
    h = cross_entropy([[0, 1], [1, 0]], [[0, 1], [1, 0]])
    np.testing.assert_array_equal(h, [0.0, 0.0])
    assert not np.signbit(h).any()


@settings(max_examples=60, deadline=None)
@given(WEIGHTS, st.data())
def test_the_negative_log_likelihood_is_the_cross_entropy_with_one_hot_targets(w, data):
    q = distributions(w)
    k = q.shape[-1]
    labels = np.array(
        data.draw(st.lists(st.integers(0, k - 1), min_size=q[..., 0].size, max_size=q[..., 0].size))
    ).reshape(q.shape[:-1])
    got = negative_log_likelihood(labels, q)
    assert np.shape(got) == q.shape[:-1]
    np.testing.assert_allclose(got, cross_entropy(np.eye(k)[labels], q), rtol=1e-12)


def test_the_mean_negative_log_likelihood_is_scikit_learns_log_loss():
    rng = np.random.default_rng(0)
    q = rng.dirichlet(np.ones(4), size=50)
    labels = rng.integers(0, 4, size=50)
    expected = sklearn.metrics.log_loss(labels, q, labels=range(4))
    assert np.isclose(negative_log_likelihood(labels, q).mean(), expected, rtol=1e-12)
    assert float(negative_log_likelihood(2, [0.2, 0.1, 0.7])) == -np.log(0.7)
    assert not np.signbit(negative_log_likelihood(0, [1.0, 0.0]))
