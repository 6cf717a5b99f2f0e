"""ROC, AUROC, FPR at 95% TPR, ECE and temperature scaling, checked against scikit-learn/SciPy."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar
from sklearn.calibration import calibration_curve
from sklearn.metrics import roc_auc_score
from sklearn.metrics import roc_curve as sk_roc_curve

from snippets.activations import softmax
from snippets.calibration import (
    expected_calibration_error,
    fit_temperature,
    negative_log_likelihood,
    reliability_bins,
)
from snippets.metrics import auroc, fpr_at_tpr, roc_curve

# Scores drawn from a few integers, so that ties between positives and negatives are common.
labelled_scores = st.lists(
    st.tuples(st.booleans(), st.integers(-3, 3)), min_size=2, max_size=40
).filter(lambda xs: len({y for y, _ in xs}) == 2)


@settings(max_examples=60, deadline=None)
@given(labelled_scores)
def test_roc_curve_and_auroc_match_scikit_learn_with_ties(pairs):
    y = np.array([p for p, _ in pairs])
    s = np.array([float(v) for _, v in pairs])
    fpr, tpr, thresholds = roc_curve(y, s)
    sk_fpr, sk_tpr, sk_thresholds = sk_roc_curve(y, s, drop_intermediate=False)
    np.testing.assert_allclose(fpr, sk_fpr)
    np.testing.assert_allclose(tpr, sk_tpr)
    np.testing.assert_array_equal(thresholds, sk_thresholds)
    assert auroc(y, s) == pytest.approx(roc_auc_score(y, s), abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(labelled_scores, st.sampled_from([0.5, 0.8, 0.95, 1.0]))
def test_fpr_at_tpr_is_the_first_roc_point_that_reaches_the_tpr(pairs, target):
    y = np.array([p for p, _ in pairs])
    s = np.array([float(v) for _, v in pairs])
    sk_fpr, sk_tpr, _ = sk_roc_curve(y, s, drop_intermediate=False)
    expected = sk_fpr[np.flatnonzero(sk_tpr >= target - 1e-12)[0]]
    assert fpr_at_tpr(y, s, target) == pytest.approx(expected)


def test_auroc_small_cases_by_hand():
    # Every known (positive) scores above every unknown: perfect separation.
    assert auroc([1, 1, 0, 0], [0.9, 0.8, 0.3, 0.1]) == 1.0
    # Reversed: the score finds the wrong class every time.
    assert auroc([1, 1, 0, 0], [0.1, 0.3, 0.8, 0.9]) == 0.0
    # One tie between a positive and a negative counts one half: (1 + 1 + 0.5 + 1) / 4.
    assert auroc([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.1]) == 0.875


def test_fpr_at_95_tpr_small_case_by_hand():
    # 20 knowns at 1..20, unknowns at 1.5 and 10.5: finding 19 of 20 knowns (95%) needs a
    # threshold of 2, which also lets the unknown at 10.5 through: FPR = 1/2.
    known = np.arange(1.0, 21.0)
    positive = np.r_[np.ones(20, bool), np.zeros(2, bool)]
    assert fpr_at_tpr(positive, np.r_[known, 1.5, 10.5]) == 0.5


@pytest.mark.parametrize(
    ("positive", "score", "message"),
    [
        ([1, 1, 1], [0.1, 0.2, 0.3], "both positives and negatives"),
        ([1, 0], [0.1, np.nan], "NaN"),
        ([1, 0, 1], [0.1, 0.2], "one length"),
        ([2, 0], [0.1, 0.2], "0/1 labels"),
    ],
)
def test_ranking_metrics_reject_bad_input(positive, score, message):
    with pytest.raises(ValueError, match=message):
        auroc(positive, score)


def test_fpr_at_tpr_rejects_a_tpr_outside_0_1():
    with pytest.raises(ValueError, match="tpr"):
        fpr_at_tpr([1, 0], [0.2, 0.1], tpr=95)


def random_probs(seed: int, n: int = 200, k: int = 4):
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, k)) * 3
    labels = rng.integers(0, k, size=n)
    return softmax(z), labels


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_reliability_bins_match_scikit_learn_calibration_curve(seed):
    probs, labels = random_probs(seed)
    bins = reliability_bins(probs, labels, n_bins=10)
    correct = probs.argmax(axis=1) == labels
    prob_true, prob_pred = calibration_curve(correct, probs.max(axis=1), n_bins=10)
    nonempty = bins["count"] > 0
    np.testing.assert_allclose(bins["accuracy"][nonempty], prob_true)
    np.testing.assert_allclose(bins["confidence"][nonempty], prob_pred)
    assert bins["count"].sum() == len(labels)


def test_ece_small_case_by_hand():
    # Two samples at confidence 0.9 (one right, one wrong) and two at 0.6 (both right):
    # bins |0.5 - 0.9| and |1.0 - 0.6|, each with half the samples: ECE = 0.4.
    probs = np.array([[0.9, 0.1], [0.9, 0.1], [0.6, 0.4], [0.4, 0.6]])
    labels = np.array([0, 1, 0, 1])
    assert expected_calibration_error(probs, labels, n_bins=10) == pytest.approx(0.4)


def test_ece_puts_a_confidence_on_a_bin_edge_in_the_lower_bin():
    # 0.6 is an edge of the 5 bins; (0.4, 0.6] holds it, as in scikit-learn and Guo et al.
    bins = reliability_bins([[0.6, 0.4]], [0], n_bins=5)
    assert bins["count"].tolist() == [0, 0, 1, 0, 0]


def test_ece_is_zero_when_confidence_equals_accuracy():
    # Four samples at confidence 0.75, three of them right.
    probs = np.tile([0.75, 0.25], (4, 1))
    assert expected_calibration_error(probs, np.array([0, 0, 0, 1])) == pytest.approx(0.0)


def test_ece_rejects_rows_that_are_not_distributions():
    with pytest.raises(ValueError, match="sum to 1"):
        expected_calibration_error([[0.5, 0.6]], [0])
    with pytest.raises(ValueError, match="labels"):
        expected_calibration_error([[0.5, 0.5]], [2])


def overconfident_logits(seed: int, n: int = 400, k: int = 3, scale: float = 4.0):
    """Logits whose softmax is too sure: the labels follow softmax(z / scale)."""
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, k)) * 3
    p = softmax(z / scale)
    labels = np.array([rng.choice(k, p=row) for row in p])
    return z, labels


@pytest.mark.parametrize("seed", [0, 1])
def test_fit_temperature_matches_scipy_and_finds_the_true_scale(seed):
    z, labels = overconfident_logits(seed)
    t = fit_temperature(z, labels)
    ref = minimize_scalar(
        lambda log_t: negative_log_likelihood(z, labels, np.exp(log_t)),
        bounds=(np.log(0.05), np.log(20)),
        method="bounded",
        options={"xatol": 1e-10},
    )
    assert t == pytest.approx(np.exp(ref.x), rel=1e-5)
    assert 3 < t < 5.5  # the labels were drawn at T = 4
    assert negative_log_likelihood(z, labels, t) < negative_log_likelihood(z, labels)


def test_fit_temperature_runs_to_the_bound_when_validation_has_no_error():
    # Every label is the argmax: a smaller T always lowers the NLL, down to the search bound.
    z = np.array([[2.0, 0.0, -1.0], [0.0, 3.0, 1.0], [1.0, 0.0, 2.5]])
    assert fit_temperature(z, np.array([0, 1, 2])) == pytest.approx(0.05, rel=1e-6)


def test_negative_log_likelihood_rejects_a_non_positive_temperature():
    with pytest.raises(ValueError, match="temperature"):
        negative_log_likelihood([[1.0, 0.0]], [0], temperature=0)
