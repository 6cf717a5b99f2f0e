"""snippets/textbook/naive_softmax.py: the formula as written equals the library's naive form
and the stable softmax on one row where exp does not overflow; it normalises a whole batch at
once (the original post's mistake, shown on the seed-errors page) and gives nan past 709."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import snippets
from snippets.textbook.naive_softmax import naive_softmax
from tests.textbook.strategies import float_arrays

SMALL = float_arrays(st.floats(-50, 50))
ROW = arrays(np.float64, st.integers(1, 6), elements=st.floats(-50, 50))


@settings(max_examples=60, deadline=None)
@given(SMALL)
def test_sums_to_one_over_the_whole_array(z):
    np.testing.assert_allclose(naive_softmax(z).sum(), 1.0)


@settings(max_examples=60, deadline=None)
@given(ROW)
def test_one_row_matches_the_library(z):
    np.testing.assert_array_equal(naive_softmax(z), snippets.naive_softmax(z))
    np.testing.assert_allclose(naive_softmax(z), snippets.softmax(z), rtol=1e-12, atol=1e-300)


def test_overflows_past_709():
    with np.errstate(over="ignore", invalid="ignore"):
        assert np.isnan(naive_softmax([1000, 1001])).all()
