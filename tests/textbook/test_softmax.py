"""snippets/textbook/softmax.py: the max-shifted textbook softmax agrees with the library and
with SciPy, along the last axis of any shape, and never overflows."""

import numpy as np
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st

import snippets
from snippets.textbook.softmax import softmax
from tests.textbook.strategies import float_arrays

LOGITS = float_arrays(st.floats(-1e4, 1e4))


@settings(max_examples=60, deadline=None)
@given(LOGITS)
def test_matches_the_library_and_scipy_along_the_last_axis(z):
    got = softmax(z)
    assert got.shape == z.shape
    np.testing.assert_allclose(got, snippets.softmax(z), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(got, scipy.special.softmax(z, axis=-1), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(got.sum(axis=-1), 1.0, rtol=1e-12)


def test_large_logits_do_not_overflow_and_lists_are_accepted():
    np.testing.assert_allclose(softmax([1000, 1001]), softmax([0.0, 1.0]), rtol=1e-15)
    assert np.isfinite(softmax([[1e300, -1e300]])).all()
