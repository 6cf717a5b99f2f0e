"""snippets/textbook/sigmoid.py: the two-branch sigmoid agrees with the library and with SciPy's
expit for every float, infinities included, and never overflows."""

import numpy as np
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st

import snippets
from snippets.textbook.sigmoid import sigmoid
from tests.textbook.strategies import float_arrays

Z = float_arrays(st.floats(allow_nan=False), min_dims=0)


@settings(max_examples=80, deadline=None)
@given(Z)
def test_matches_the_library_and_expit_without_overflow(z):
    with np.errstate(over="raise"):
        got = sigmoid(z)
    assert np.shape(got) == z.shape
    np.testing.assert_array_equal(got, snippets.sigmoid(z))
    np.testing.assert_allclose(got, scipy.special.expit(z), rtol=1e-14, atol=1e-300)


def test_scalars_and_lists():
    assert float(sigmoid(0)) == 0.5
    np.testing.assert_array_equal(sigmoid([-np.inf, np.inf]), [0.0, 1.0])
