"""snippets/textbook/seed_errors_naive_bce.py: the binary cross-entropy as the seed writes it."""

import runpy

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import log_loss

from snippets import binary_cross_entropy, naive_binary_cross_entropy
from tests.conftest import ROOT

naive = runpy.run_path(str(ROOT / "snippets/textbook/seed_errors_naive_bce.py"))[
    "naive_binary_cross_entropy"
]
inside = st.floats(1e-12, 1 - 1e-12)


@settings(max_examples=50, deadline=None)
@given(y=st.sampled_from([0.0, 1.0]), q=inside)
def test_it_is_the_library_form_and_scikit_learns_log_loss_inside_0_1(y, q):
    assert naive(y, q) == pytest.approx(float(binary_cross_entropy(y, q)), rel=1e-12)
    assert naive(y, q) == naive_binary_cross_entropy(y, q)
    assert naive(y, q) == pytest.approx(log_loss([y], [q], labels=[0, 1]), rel=1e-9)


def test_a_probability_of_exactly_1_gives_nan_and_inf_with_the_warnings():
    with pytest.warns(RuntimeWarning) as record:
        result = naive([1, 0], [1.0, 1.0])
    assert np.isnan(result[0]) and result[1] == np.inf
    assert {str(w.message) for w in record} == {
        "divide by zero encountered in log",
        "invalid value encountered in multiply",
    }
