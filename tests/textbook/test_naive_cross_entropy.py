"""snippets/textbook/naive_cross_entropy.py: the formula as written agrees with the library
where every probability is positive, and gives nan where a zero target meets a zero prediction."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import snippets
from snippets.textbook.naive_cross_entropy import naive_cross_entropy
from tests.textbook.strategies import float_arrays

POSITIVE = float_arrays(st.floats(1e-3, 1.0), max_dims=2, min_side=2)


@settings(max_examples=60, deadline=None)
@given(POSITIVE)
def test_matches_the_library_where_every_probability_is_positive(w):
    p = w / w.sum(axis=-1, keepdims=True)
    q = p[..., ::-1]
    np.testing.assert_allclose(naive_cross_entropy(p, q), snippets.cross_entropy(p, q), rtol=1e-12)


def test_zero_times_log_zero_is_nan_and_a_zero_on_the_answer_is_inf():
    with np.errstate(divide="ignore", invalid="ignore"):
        assert np.isnan(naive_cross_entropy([0, 0, 1], [0.0, 0.3, 0.7]))
        assert naive_cross_entropy([0, 0, 1], [0.5, 0.5, 0.0]) == np.inf
