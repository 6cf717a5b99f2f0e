"""snippets/textbook/sigmoid_log_sigmoid.py: log sigmoid in the log domain agrees with the library
and with SciPy's log_expit for every finite float, without overflow."""

import numpy as np
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st

import snippets
from snippets.textbook.sigmoid_log_sigmoid import log_sigmoid
from tests.textbook.strategies import float_arrays

Z = float_arrays(st.floats(allow_nan=False, allow_infinity=False), min_dims=0)


@settings(max_examples=80, deadline=None)
@given(Z)
def test_matches_the_library_and_log_expit(z):
    with np.errstate(over="raise"):
        got = log_sigmoid(z)
    np.testing.assert_array_equal(got, snippets.log_sigmoid(z))
    np.testing.assert_allclose(got, scipy.special.log_expit(z), rtol=1e-14, atol=1e-300)


def test_both_ends():
    assert log_sigmoid(-1000) == -1000.0
    assert log_sigmoid(40) < 0
