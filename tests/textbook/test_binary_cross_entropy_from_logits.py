"""snippets/textbook/binary_cross_entropy_from_logits.py: the log1p(exp(-|z|)) form agrees with
the library and with SciPy's log_expit, and never overflows."""

import numpy as np
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

import snippets
from snippets.textbook.binary_cross_entropy_from_logits import binary_cross_entropy_from_logits

SHAPES = array_shapes(min_dims=1, max_dims=2, max_side=6)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_matches_the_library_and_scipy(data):
    shape = data.draw(SHAPES)
    y = data.draw(arrays(np.float64, shape, elements=st.floats(0, 1)))
    z = data.draw(arrays(np.float64, shape, elements=st.floats(-1e4, 1e4)))
    got = binary_cross_entropy_from_logits(y, z)
    assert got.shape == shape
    expected = snippets.binary_cross_entropy_from_logits(y, z)
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-9)
    reference = -(y * scipy.special.log_expit(z) + (1 - y) * scipy.special.log_expit(-z))
    np.testing.assert_allclose(got, reference, rtol=1e-9, atol=1e-9)


def test_large_logits_do_not_overflow():
    with np.errstate(over="raise"):
        assert binary_cross_entropy_from_logits(1.0, -1000.0) == 1000.0
        assert binary_cross_entropy_from_logits(0.0, 1000.0) == 1000.0
        assert binary_cross_entropy_from_logits(1.0, 1000.0) == 0.0
