"""snippets/textbook/naive_sigmoid.py: the formula as written equals the library's naive form and
SciPy's expit, and its exp(-z) overflows below -709."""

import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st

import snippets
from snippets.textbook.naive_sigmoid import naive_sigmoid
from tests.textbook.strategies import float_arrays

Z = float_arrays(st.floats(-700, 700), min_dims=0)


@settings(max_examples=60, deadline=None)
@given(Z)
def test_matches_the_library_and_expit_where_exp_does_not_overflow(z):
    got = naive_sigmoid(z)
    np.testing.assert_array_equal(got, snippets.naive_sigmoid(z))
    np.testing.assert_allclose(got, scipy.special.expit(z), rtol=1e-13, atol=1e-300)


def test_overflows_below_minus_709():
    with pytest.warns(RuntimeWarning, match="overflow"):
        assert naive_sigmoid(-1000) == 0.0
