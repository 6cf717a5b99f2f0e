"""snippets/textbook/naive_entropy.py: the formula as written equals the library's naive form and
SciPy when no probability is 0, and gives nan when one is."""

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import snippets
from snippets.textbook.naive_entropy import naive_entropy

WEIGHTS = arrays(np.float64, st.integers(1, 6), elements=st.floats(1e-6, 1.0))


@settings(max_examples=60, deadline=None)
@given(WEIGHTS)
def test_matches_the_library_and_scipy_without_zeros(w):
    p = w / w.sum()
    got = naive_entropy(p)
    np.testing.assert_allclose(got, snippets.naive_entropy(p), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(got, scipy.stats.entropy(p), rtol=1e-12, atol=1e-15)


def test_a_zero_probability_gives_nan_along_the_last_axis():
    with pytest.warns(RuntimeWarning):
        h = naive_entropy([[0.0, 1.0], [0.5, 0.5]])
    assert np.isnan(h[0]) and h[1] == np.log(2)
