"""snippets/textbook/binary_cross_entropy.py: agrees with the library and with scikit-learn for
probabilities strictly between 0 and 1, element by element."""

import numpy as np
import sklearn.metrics
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

import snippets
from snippets.textbook.binary_cross_entropy import binary_cross_entropy

SHAPES = array_shapes(min_dims=1, max_dims=2, max_side=6)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_matches_the_library_element_by_element(data):
    shape = data.draw(SHAPES)
    y = data.draw(arrays(np.float64, shape, elements=st.floats(0, 1)))
    q = data.draw(arrays(np.float64, shape, elements=st.floats(1e-9, 1 - 1e-9)))
    got = binary_cross_entropy(y, q)
    assert got.shape == shape
    np.testing.assert_allclose(got, snippets.binary_cross_entropy(y, q), rtol=1e-9, atol=1e-12)


def test_the_mean_over_hard_labels_is_scikit_learns_log_loss():
    rng = np.random.default_rng(0)
    q = rng.uniform(0.01, 0.99, size=40)
    y = rng.integers(0, 2, size=40)
    assert np.isclose(binary_cross_entropy(y, q).mean(), sklearn.metrics.log_loss(y, q))
    assert float(binary_cross_entropy(1, 0.5)) == np.log(2)
