"""AUROC, operating points, ties, paired differences, ECE and temperature scaling."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from sklearn.calibration import calibration_curve
from sklearn.metrics import roc_auc_score

from experiment.calibration import (
    ece_bootstrap,
    ece_noise_floor,
    expected_calibration_error,
    fit_temperature,
    negative_log_likelihood,
    reliability_bins,
)
from experiment.metrics import (
    area,
    auroc,
    fpr_at_tpr,
    paired_difference,
    roc,
    tied_pairs,
    unknown_rejected_at,
)
from snippets.activations import softmax

# Scores drawn from a few integers, so that ties between knowns and unknowns are common.
scores = st.lists(st.integers(-3, 3).map(float), min_size=1, max_size=20)


@settings(max_examples=40, deadline=None)
@given(scores, scores)
def test_area_of_the_curve_is_roc_auc_score_and_ties_are_counted(known, unknown):
    k, u = np.array(known), np.array(unknown)
    assert area(roc(k, u)) == pytest.approx(auroc(k, u), abs=1e-12)
    pairs = k[:, None] - u[None, :]
    assert auroc(k, u) == pytest.approx(np.mean((pairs > 0) + 0.5 * (pairs == 0)))
    assert tied_pairs(k, u) == pytest.approx(np.mean(pairs == 0))


def test_auroc_small_cases_by_hand():
    assert auroc([0.9, 0.8], [0.3, 0.1]) == 1.0
    assert auroc([0.1, 0.3], [0.8, 0.9]) == 0.0
    # One tie between a known and an unknown counts one half: (1 + 1 + 0.5 + 1) / 4.
    assert auroc([0.9, 0.5], [0.5, 0.1]) == 0.875
    assert auroc([0.9, 0.5], [0.5, 0.1]) == roc_auc_score([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.1])


def test_operating_points_by_hand():
    # 20 knowns at 1..20, unknowns at 1.5 and 10.5: rejecting at most 1 known (5%) needs a
    # threshold of 2, which rejects the unknown at 1.5 only; rejecting none, no unknown.
    known = np.arange(1.0, 21.0)
    unknown = np.array([1.5, 10.5])
    assert fpr_at_tpr(known, unknown) == 0.5
    assert unknown_rejected_at(known, unknown, 0.05) == 0.5
    assert unknown_rejected_at(known, unknown, 0.0) == 0.0
    assert unknown_rejected_at(known, unknown, 0.5) == 1.0
    with pytest.raises(ValueError, match="known_rejected"):
        unknown_rejected_at(known, unknown, 1.0)


def test_paired_difference_is_the_one_sample_t_interval():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=12), rng.normal(size=12)
    d = paired_difference(a, b)
    ci = stats.ttest_rel(a, b).confidence_interval(0.95)
    assert d["low"] == pytest.approx(ci.low) and d["high"] == pytest.approx(ci.high)
    assert d["wins"] == int((a > b).sum()) and d["n"] == 12
    with pytest.raises(ValueError, match="two pairs"):
        paired_difference([1.0], [0.0])


@pytest.mark.parametrize(("known", "unknown"), [([[1.0]], [0.0]), ([np.nan], [0.0])])
def test_ranking_metrics_reject_bad_input(known, unknown):
    with pytest.raises(ValueError, match="known"):
        auroc(known, unknown)


def random_confidences(seed: int, n: int = 200, k: int = 4):
    rng = np.random.default_rng(seed)
    p = softmax(rng.normal(size=(n, k)) * 3)
    labels = rng.integers(0, k, size=n)
    return p.max(axis=1), p.argmax(axis=1) == labels


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_reliability_bins_match_scikit_learn_calibration_curve(seed):
    conf, correct = random_confidences(seed)
    bins = reliability_bins(conf, correct, n_bins=10)
    prob_true, prob_pred = calibration_curve(correct, conf, n_bins=10)
    nonempty = bins["count"] > 0
    np.testing.assert_allclose(bins["accuracy"][nonempty], prob_true)
    np.testing.assert_allclose(bins["confidence"][nonempty], prob_pred)
    assert bins["count"].sum() == len(conf)


def test_ece_small_case_by_hand():
    # Two samples at confidence 0.9 (one right, one wrong) and two at 0.6 (both right):
    # bins |0.5 - 0.9| and |1.0 - 0.6|, each with half the samples: ECE = 0.4.
    ece = expected_calibration_error([0.9, 0.9, 0.6, 0.6], [True, False, True, True], n_bins=10)
    assert ece == pytest.approx(0.4)


def test_ece_puts_a_confidence_on_a_bin_edge_in_the_lower_bin():
    # 0.6 is an edge of the 5 bins; (0.4, 0.6] holds it, as in scikit-learn and Guo et al.
    assert reliability_bins([0.6], [True], n_bins=5)["count"].tolist() == [0, 0, 1, 0, 0]


def test_ece_rejects_bad_input():
    with pytest.raises(ValueError, match="confidence"):
        expected_calibration_error([1.2], [True])
    with pytest.raises(ValueError, match="correct"):
        expected_calibration_error([0.5, 0.6], [True])


def test_the_noise_floor_is_what_a_calibrated_model_scores_and_shrinks_with_n():
    rng = np.random.default_rng(1)
    small, large = rng.uniform(0.5, 1, 100), rng.uniform(0.5, 1, 10_000)
    floor_small, floor_large = ece_noise_floor(small, draws=50), ece_noise_floor(large, draws=50)
    assert floor_large < floor_small / 5  # about 1 / sqrt(n) per bin
    # A model that is right exactly as often as it says: its ECE scatters around the floor.
    ece = expected_calibration_error(small, rng.random(100) < small)
    assert ece < 4 * floor_small


def test_ece_bootstrap_interval_holds_the_ece():
    conf, correct = random_confidences(3)
    low, high = ece_bootstrap(conf, correct, draws=100)
    assert low < expected_calibration_error(conf, correct) < high


def overconfident_logits(seed: int, n: int = 400, k: int = 3, scale: float = 4.0):
    """Logits whose softmax is too sure: the labels follow softmax(z / scale)."""
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, k)) * 3
    p = softmax(z / scale)
    labels = np.array([rng.choice(k, p=row) for row in p])
    return z, labels


@pytest.mark.parametrize("seed", [0, 1])
def test_fit_temperature_finds_the_true_scale(seed):
    z, labels = overconfident_logits(seed)
    t = fit_temperature(z, labels)
    assert 3 < t < 5.5  # the labels were drawn at T = 4
    grid = np.exp(np.linspace(np.log(0.05), np.log(20), 2001))
    best = grid[np.argmin([negative_log_likelihood(z, labels, g) for g in grid])]
    assert t == pytest.approx(best, rel=0.01)


@pytest.mark.parametrize("seed", [0, 1])
def test_fit_temperature_of_a_sigmoid_head_minimises_its_nll(seed):
    z, labels = overconfident_logits(seed)
    t = fit_temperature(z, labels, head="sigmoid")
    grid = np.exp(np.linspace(np.log(0.05), np.log(20), 2001))
    nll = [negative_log_likelihood(z, labels, g, head="sigmoid") for g in grid]
    assert t == pytest.approx(grid[np.argmin(nll)], rel=0.01)
    assert 1 < t < 20  # overconfident logits: a temperature above 1, inside the bounds


def test_the_sigmoid_nll_is_the_sum_of_the_binary_cross_entropies():
    z, labels = np.array([[2.0, -1.0, 0.5]]), np.array([2])
    p = 1 / (1 + np.exp(-z[0] / 2))
    expected = -(np.log(1 - p[0]) + np.log(1 - p[1]) + np.log(p[2]))
    assert negative_log_likelihood(z, labels, 2.0, head="sigmoid") == pytest.approx(expected)


def test_fit_temperature_runs_to_the_bound_when_validation_has_no_error():
    # Every label is the argmax: a smaller T always lowers the NLL, down to the search bound.
    z = np.array([[2.0, 0.0, -1.0], [0.0, 3.0, 1.0], [1.0, 0.0, 2.5]])
    assert fit_temperature(z, np.array([0, 1, 2])) == pytest.approx(0.05, rel=1e-4)


def test_negative_log_likelihood_rejects_a_non_positive_temperature():
    with pytest.raises(ValueError, match="temperature"):
        negative_log_likelihood([[1.0, 0.0]], [0], temperature=0)
