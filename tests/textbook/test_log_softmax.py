"""snippets/textbook/log_softmax.py: agrees with the library and with SciPy along the last axis,
and keeps logits far below the largest finite."""

import numpy as np
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st

import snippets
from snippets.textbook.log_softmax import log_softmax
from tests.textbook.strategies import float_arrays

LOGITS = float_arrays(st.floats(-1e4, 1e4))


@settings(max_examples=60, deadline=None)
@given(LOGITS)
def test_matches_the_library_and_scipy_along_the_last_axis(z):
    got = log_softmax(z)
    assert got.shape == z.shape
    np.testing.assert_allclose(got, snippets.log_softmax(z), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(got, scipy.special.log_softmax(z, axis=-1), rtol=1e-12, atol=1e-12)


def test_a_logit_far_below_the_largest_stays_finite():
    got = log_softmax([0, 0, -800])
    np.testing.assert_allclose(got, [-np.log(2), -np.log(2), -800 - np.log(2)], rtol=1e-15)
    np.testing.assert_allclose(log_softmax([1000, 1000]), [-np.log(2)] * 2, rtol=1e-15)
