"""snippets/textbook/cross_entropy_from_logits.py: log-sum-exp minus the true logit agrees with
the library, with SciPy's logsumexp and with scikit-learn's log loss, and never overflows."""

import numpy as np
import scipy.special
import sklearn.metrics
from hypothesis import given, settings
from hypothesis import strategies as st

import snippets
from snippets.textbook.cross_entropy_from_logits import cross_entropy_from_logits
from tests.textbook.strategies import float_arrays

LOGITS = float_arrays(st.floats(-1e3, 1e3))


@settings(max_examples=60, deadline=None)
@given(LOGITS, st.data())
def test_matches_the_library_and_scipy_for_labels(z, data):
    k = z.shape[-1]
    n = z[..., 0].size
    labels = np.array(data.draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    labels = labels.reshape(z.shape[:-1])
    got = cross_entropy_from_logits(labels, z)
    assert np.shape(got) == z.shape[:-1]
    np.testing.assert_allclose(
        got, snippets.cross_entropy_from_logits(labels, z), rtol=1e-12, atol=1e-12
    )
    z_y = np.take_along_axis(z, labels[..., None], axis=-1)[..., 0]
    reference = scipy.special.logsumexp(z, axis=-1) - z_y
    np.testing.assert_allclose(got, reference, rtol=1e-12, atol=1e-12)


def test_the_mean_is_scikit_learns_log_loss_of_the_softmax():
    rng = np.random.default_rng(0)
    z = rng.normal(scale=3.0, size=(50, 4))
    labels = rng.integers(0, 4, size=50)
    expected = sklearn.metrics.log_loss(labels, scipy.special.softmax(z, axis=-1), labels=range(4))
    assert np.isclose(cross_entropy_from_logits(labels, z).mean(), expected, rtol=1e-10)


def test_a_confident_mistake_gives_a_large_finite_loss():
    assert cross_entropy_from_logits(2, [0, 0, -800]) == 800 + np.log(2)
    assert cross_entropy_from_logits(0, [1000.0, 0.0]) == 0.0
