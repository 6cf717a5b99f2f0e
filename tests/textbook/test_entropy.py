"""snippets/textbook/entropy.py: entropy with 0 log 0 = 0 agrees with the library and with
SciPy, along the last axis, and is never -0.0."""

import numpy as np
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

import snippets
from snippets.textbook.entropy import entropy
from tests.textbook.strategies import float_arrays

WEIGHTS = float_arrays(st.one_of(st.just(0.0), st.floats(1e-6, 1.0)))


@settings(max_examples=60, deadline=None)
@given(WEIGHTS)
def test_matches_the_library_and_scipy_zeros_included(w):
    w[..., 0] += 1.0  # every row has some mass
    p = w / w.sum(axis=-1, keepdims=True)
    got = entropy(p)
    assert np.shape(got) == p.shape[:-1]
    np.testing.assert_allclose(got, snippets.entropy(p), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(got, scipy.stats.entropy(p, axis=-1), rtol=1e-12, atol=1e-15)


def test_certain_outcomes_give_a_positive_zero():
    h = entropy([[0, 1], [1, 0]])
    np.testing.assert_array_equal(h, [0.0, 0.0])
    assert not np.signbit(h).any()
    assert float(entropy([0.5, 0.5])) == np.log(2)
