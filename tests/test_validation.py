"""Bad input gets a clear error: a ValueError (TypeError for non-numbers) naming the argument."""

import numpy as np
import pytest

from snippets import (
    binary_cross_entropy,
    binary_cross_entropy_from_logits,
    cross_entropy,
    cross_entropy_from_logits,
    entropy,
    log_sigmoid,
    log_softmax,
    logsumexp,
    predict,
    sigmoid,
    softmax,
    top_k,
)
from snippets._validate import check_int, check_labels

# Each public function, called with one bad argument in the place of `x`.
ONE_ARGUMENT = {
    "softmax": (softmax, "logits"),
    "log_softmax": (log_softmax, "logits"),
    "logsumexp": (logsumexp, "logits"),
    "sigmoid": (sigmoid, "z"),
    "log_sigmoid": (log_sigmoid, "z"),
    "entropy": (entropy, "p"),
    "predict": (predict, "logits"),
    "top_k": (lambda x: top_k(x, 1), "logits"),
}
TWO_ARGUMENTS = {  # (function, good first/second argument, names)
    "cross_entropy": (cross_entropy, [[0.5, 0.5]], ("target", "prediction")),
    "cross_entropy_from_logits": (cross_entropy_from_logits, [[0.5, 0.5]], ("target", "logits")),
    "binary_cross_entropy": (binary_cross_entropy, [[0.5, 0.5]], ("target", "prediction")),
    "binary_cross_entropy_from_logits": (
        binary_cross_entropy_from_logits,
        [[0.5, 0.5]],
        ("target", "logits"),
    ),
}


def calls_with(bad):
    """(id, thunk, name) for every place a bad array can go."""
    for fname, (func, name) in ONE_ARGUMENT.items():
        yield f"{fname}", (lambda f=func: f(bad)), name
    for fname, (func, good, (first, second)) in TWO_ARGUMENTS.items():
        yield f"{fname}-{first}", (lambda f=func, g=good: f(bad, g)), first
        yield f"{fname}-{second}", (lambda f=func, g=good: f(g, bad)), second


def cases(bad, skip=()):
    return [pytest.param(thunk, name, id=i) for i, thunk, name in calls_with(bad) if i not in skip]


# logsumexp over nothing is -inf, as in SciPy (tests/test_activations.py); the rest have no value.
@pytest.mark.parametrize(("call", "name"), cases(np.zeros((1, 0)), skip={"logsumexp"}))
def test_empty_arrays(call, name):
    with pytest.raises(ValueError, match=rf"^{name} must not be empty"):
        call()


@pytest.mark.parametrize(("call", "name"), cases([[0.5, np.nan]]))
def test_nan(call, name):
    with pytest.raises(ValueError, match=rf"^{name} contains NaN"):
        call()


NON_NUMBERS = [["a", "b"], [None, 1.0], [1 + 2j, 0j], [True, False], {"a": 1}]


@pytest.mark.parametrize(
    ("call", "name"),
    [
        pytest.param(thunk, name, id=f"{i}-{j}")
        for j, bad in enumerate(NON_NUMBERS)
        for i, thunk, name in calls_with(bad)
    ],
)
def test_non_numbers_are_a_type_error(call, name):
    with pytest.raises(TypeError, match=rf"^{name} must"):
        call()


# --- wrong axis ----------------------------------------------------------------------------------

AXIS_CALLS = {
    "softmax": lambda axis: softmax([[1.0, 2.0]], axis=axis),
    "log_softmax": lambda axis: log_softmax([[1.0, 2.0]], axis=axis),
    "logsumexp": lambda axis: logsumexp([[1.0, 2.0]], axis=axis),
    "entropy": lambda axis: entropy([[0.5, 0.5]], axis=axis),
    "cross_entropy": lambda axis: cross_entropy([[0.5, 0.5]], [[0.5, 0.5]], axis=axis),
    "cross_entropy_from_logits": lambda axis: cross_entropy_from_logits([1], [[1, 2]], axis=axis),
    "predict": lambda axis: predict([[1.0, 2.0]], axis=axis),
    "top_k": lambda axis: top_k([[1.0, 2.0]], 1, axis=axis),
}


@pytest.mark.parametrize("axis", [2, -3, 10])
@pytest.mark.parametrize("call", AXIS_CALLS.values(), ids=AXIS_CALLS.keys())
def test_an_axis_that_does_not_exist(call, axis):
    with pytest.raises(ValueError, match=rf"^axis {axis} is out of range for \w+ with 2 dim"):
        call(axis)


@pytest.mark.parametrize("axis", [1.0, "1", None, True])
@pytest.mark.parametrize("call", AXIS_CALLS.values(), ids=AXIS_CALLS.keys())
def test_an_axis_that_is_not_an_int(call, axis):
    with pytest.raises(TypeError, match=r"^axis must be an int"):
        call(axis)


@pytest.mark.parametrize("func", [softmax, log_softmax, logsumexp, entropy, predict])
def test_a_scalar_has_no_axis(func):
    with pytest.raises(ValueError, match="must have at least one dimension, got a scalar"):
        func(1.0)


# --- labels --------------------------------------------------------------------------------------


@pytest.mark.parametrize("labels", [[3], [-1], [0, 5], [3.0]])
def test_labels_out_of_range(labels):
    logits = np.zeros((len(labels), 3))
    with pytest.raises(
        ValueError, match=r"^target must hold class labels in \[0, 2\], got (3|-1|5)$"
    ):
        cross_entropy_from_logits(labels, logits)


@pytest.mark.parametrize(
    ("labels", "shown"),
    [([1.5], "1.5"), ([0.0, 0.5], "0.5"), ([np.nan], "nan"), ([np.inf], "inf")],
)
def test_labels_that_are_not_whole_numbers(labels, shown):
    with pytest.raises(
        ValueError, match=rf"^target must hold whole-number class labels, got {shown}$"
    ):
        cross_entropy_from_logits(labels, np.zeros((len(labels), 3)))


@pytest.mark.parametrize("labels", [[True], ["1"], [1j]])
def test_labels_that_are_not_numbers(labels):
    with pytest.raises(TypeError, match=r"^target must hold real numbers, got dtype"):
        cross_entropy_from_logits(labels, np.zeros((1, 3)))


def test_labels_of_the_wrong_shape():
    with pytest.raises(
        ValueError, match=r"^target must hold class labels of shape \(2,\), got shape \(3,\)"
    ):
        cross_entropy_from_logits([0, 1, 2], np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"^target must be class labels of shape \(2,\) or prob"):
        cross_entropy_from_logits(np.zeros((2, 3, 1)), np.zeros((2, 3)))


def test_the_label_check_any_module_can_use():
    assert check_labels([2.0, 7.0], "y", (2,)).tolist() == [2, 7]  # no class count: any labels
    assert check_labels(np.array([1, 0], np.uint8), "y", (2,), 2).dtype == np.intp
    with pytest.raises(ValueError, match=r"^y must hold class labels in \[0, 1\], got 2$"):
        check_labels([0, 2], "y", (2,), 2)


# --- shapes --------------------------------------------------------------------------------------

SHAPE_CALLS = {
    "cross_entropy": (cross_entropy, "target and prediction"),
    "cross_entropy_from_logits": (cross_entropy_from_logits, "target and logits"),
    "binary_cross_entropy": (binary_cross_entropy, "target and prediction"),
    "binary_cross_entropy_from_logits": (binary_cross_entropy_from_logits, "target and logits"),
}


@pytest.mark.parametrize(("func", "names"), SHAPE_CALLS.values(), ids=SHAPE_CALLS.keys())
def test_target_and_prediction_of_different_shapes(func, names):
    with pytest.raises(ValueError, match=rf"^{names} must have the same shape, got \(1, 3\) and"):
        func([[0.0, 0.0, 1.0]], [[0.25, 0.75]])


# --- probabilities -------------------------------------------------------------------------------

PROBABILITY_CALLS = {
    "entropy-p": (lambda p: entropy(p), "p"),
    "cross_entropy-target": (lambda p: cross_entropy(p, [0.5, 0.5]), "target"),
    "cross_entropy-prediction": (lambda p: cross_entropy([0.5, 0.5], p), "prediction"),
    "cross_entropy_from_logits-target": (
        lambda p: cross_entropy_from_logits(p, [0.5, 0.5]),
        "target",
    ),
    "binary_cross_entropy-target": (lambda p: binary_cross_entropy(p, [0.5, 0.5]), "target"),
    "binary_cross_entropy-prediction": (
        lambda p: binary_cross_entropy([0.5, 0.5], p),
        "prediction",
    ),
    "binary_cross_entropy_from_logits-target": (
        lambda p: binary_cross_entropy_from_logits(p, [0.5, 0.5]),
        "target",
    ),
}


@pytest.mark.parametrize("bad", [[-0.25, 1.25], [1.5, -0.5], [1.0000001, -1e-7]])
@pytest.mark.parametrize(("call", "name"), PROBABILITY_CALLS.values(), ids=PROBABILITY_CALLS.keys())
def test_probabilities_outside_0_1(call, name, bad):
    with pytest.raises(ValueError, match=rf"^{name} must lie in \[0, 1\], got [-0-9.e]+$"):
        call(bad)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda p: entropy(p), "p"),
        (lambda p: cross_entropy(p, [0.5, 0.5]), "target"),
        (lambda p: cross_entropy([0.5, 0.5], p), "prediction"),
        (lambda p: cross_entropy_from_logits(p, [0.5, 0.5]), "target"),
    ],
)
def test_distributions_must_sum_to_1(call, name):
    with pytest.raises(ValueError, match=rf"^{name} must sum to 1 along axis 0, got a sum of 0.5"):
        call([0.25, 0.25])


@pytest.mark.parametrize(
    "call",
    [
        lambda: cross_entropy([0.5, 0.5], [np.inf, 0.0]),
        lambda: binary_cross_entropy([0.5], [np.inf]),
        lambda: entropy([np.inf, 0.0]),
        lambda: binary_cross_entropy_from_logits([np.inf], [0.0]),
    ],
)
def test_inf_is_refused_where_it_cannot_be_a_probability(call):
    with pytest.raises(ValueError, match="contains inf"):
        call()


# --- other arguments -----------------------------------------------------------------------------


@pytest.mark.parametrize("base", [1, 0, -2, np.inf, np.nan])
def test_entropy_base_must_be_positive_and_not_1(base):
    with pytest.raises(ValueError, match=r"^base must be a finite positive number other than 1"):
        entropy([0.5, 0.5], base=base)


@pytest.mark.parametrize("base", ["2", [2, 3], True, 1j])
def test_entropy_base_must_be_a_number(base):
    with pytest.raises((TypeError, ValueError), match=r"^base must"):
        entropy([0.5, 0.5], base=base)


@pytest.mark.parametrize("k", [0, 4, -1])
def test_top_k_needs_k_between_1_and_the_number_of_classes(k):
    with pytest.raises(ValueError, match=rf"^k must lie in \[1, 3\], got {k}"):
        top_k([1.0, 2.0, 3.0], k)


@pytest.mark.parametrize("k", [1.0, "2", None, True])
def test_top_k_needs_an_integer_k(k):
    with pytest.raises(TypeError, match=r"^k must be an int"):
        top_k([1.0, 2.0, 3.0], k)


def test_the_integer_check_any_module_can_use():
    assert check_int(np.int64(3), "n", 1) == 3 and type(check_int(np.int64(3), "n")) is int
    with pytest.raises(ValueError, match=r"^n must be at least 1, got 0$"):
        check_int(0, "n", 1)
    with pytest.raises(ValueError, match=r"^n must lie in \[1, 3\], got 4$"):
        check_int(4, "n", 1, 3)
