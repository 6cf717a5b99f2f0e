"""Open-set scores, the data splits and the numpy models behind the measured pages."""

import numpy as np
import pytest
from scipy.special import expit, logit, logsumexp
from scipy.stats import entropy as scipy_entropy

from experiment.datasets import (
    DIGIT_UNKNOWNS,
    FAR_RADIUS,
    blobs_2d,
    digit_splits,
    digits_open_set,
    open_set_split,
)
from experiment.models import (
    features,
    gradients,
    init_layers,
    input_gradient,
    logits,
    loss,
    train,
    train_path,
)
from experiment.scores import (
    all_sigmoids_below,
    doc_reject,
    doc_thresholds,
    knn_score,
    mahalanobis_score,
    max_logit,
    max_sigmoid,
    max_softmax_probability,
    msp_log_odds,
    negative_energy,
    negative_entropy,
    threshold_for_tpr,
)
from snippets.activations import softmax

Z = np.array([[2.0, -1.0, 0.5], [0.1, 0.2, 0.3], [-4.0, -5.0, -6.0]])


def test_scores_match_their_definitions_in_scipy():
    np.testing.assert_allclose(max_softmax_probability(Z), softmax(Z).max(axis=1))
    np.testing.assert_allclose(max_logit(Z), [2.0, 0.3, -4.0])
    np.testing.assert_allclose(negative_energy(Z), logsumexp(Z, axis=1))
    np.testing.assert_allclose(negative_entropy(Z), -scipy_entropy(softmax(Z), axis=1))
    np.testing.assert_allclose(max_sigmoid(Z), expit(Z).max(axis=1))


def test_msp_log_odds_ranks_like_max_softmax_and_does_not_round_to_one():
    p = max_softmax_probability(Z)
    np.testing.assert_allclose(msp_log_odds(Z), np.log(p / (1 - p)))
    # Top-two gaps of 40 and 50: max softmax is 1.0 for both in float64, the log-odds differ.
    sure = np.array([[40.0, 0.0, -5.0], [50.0, 0.0, -5.0]])
    assert max_softmax_probability(sure).tolist() == [1.0, 1.0]
    odds = msp_log_odds(sure)
    assert odds[0] < odds[1]
    np.testing.assert_allclose(odds, -logsumexp(sure[:, 1:] - sure[:, :1], axis=1))


def test_negative_entropy_from_gaps_does_not_round_a_sure_row_to_zero():
    sure = np.array([[40.0, 0.0, -5.0], [50.0, 0.0, -5.0]])
    h = -negative_entropy(sure)
    assert 0 < h[1] < h[0]  # e^-40 * 41 and e^-50 * 51, roughly


def test_doc_thresholds_follow_shu_et_al():
    # Class 0's training outputs sigmoid(z_0) = 0.9 and 0.7: gaps 0.1, 0.3 from 1, mirrored
    # around 1 the standard deviation is sqrt((0.01 + 0.09) / 2); class 1 sits at 0.99.
    z = logit(np.array([[0.9, 0.2], [0.7, 0.1], [0.1, 0.99]]))
    t = doc_thresholds(z, np.array([0, 0, 1]))
    np.testing.assert_allclose(t, [max(0.5, 1 - 3 * np.sqrt(0.05)), 1 - 3 * 0.01])
    probe = logit(np.array([[0.4, 0.96], [0.4, 0.98]]))  # 0.96 < 0.97 <= 0.98
    assert doc_reject(probe, t).tolist() == [True, False]
    with pytest.raises(ValueError, match="train_labels"):
        doc_thresholds(z, np.array([0, 0, 0]))


def test_feature_scores_prefer_points_near_the_training_features():
    rng = np.random.default_rng(0)
    h = np.r_[rng.normal(0, 1, (50, 3)), rng.normal(5, 1, (50, 3))]
    y = np.repeat([0, 1], 50)
    near, far = np.array([[0.0, 0.0, 0.0]]), np.array([[20.0, -20.0, 0.0]])
    maha = mahalanobis_score(h, y)
    assert maha(near)[0] > maha(far)[0]
    knn = knn_score(h + 10, k=5)  # kNN compares directions of the features
    assert knn(np.array([[10.0, 10.0, 10.0]]))[0] > knn(np.array([[-10.0, 0.0, 0.0]]))[0]


def test_softmax_scores_ignore_a_shift_of_all_logits_and_the_others_do_not():
    # softmax(z + c) = softmax(z): max softmax and entropy cannot see how large the logits are,
    # max logit and -energy move with them (that is what they add).
    shifted = Z + 7.0
    np.testing.assert_allclose(max_softmax_probability(shifted), max_softmax_probability(Z))
    np.testing.assert_allclose(negative_entropy(shifted), negative_entropy(Z))
    np.testing.assert_allclose(max_logit(shifted), max_logit(Z) + 7.0)
    np.testing.assert_allclose(negative_energy(shifted), negative_energy(Z) + 7.0)
    assert (max_sigmoid(shifted) > max_sigmoid(Z)).all()


def test_all_sigmoids_below_is_max_sigmoid_below_the_threshold():
    assert all_sigmoids_below(Z).tolist() == [False, False, True]
    np.testing.assert_array_equal(all_sigmoids_below(Z, 0.6), max_sigmoid(Z) < 0.6)
    with pytest.raises(ValueError, match="threshold"):
        all_sigmoids_below(Z, 1.0)


def test_a_linear_softmax_gets_surer_the_farther_out_it_looks():
    # Logits linear in x: along almost any ray the largest logit pulls away from the rest,
    # so max softmax tends to 1 far from every training point.
    w = np.array([[1.0, -0.5, -0.5], [0.0, 0.9, -0.9]])
    direction = np.array([[0.6, 0.8]])
    conf = [max_softmax_probability(r * direction @ w)[0] for r in [1, 10, 60]]
    assert conf[0] < conf[1] < conf[2] and conf[2] > 0.999


def test_threshold_for_tpr_accepts_at_least_that_share():
    scores = np.arange(100.0)
    t = threshold_for_tpr(scores, 0.95)
    assert t == 5.0 and np.mean(scores >= t) == 0.95
    ties = np.array([1.0, 1.0, 1.0, 2.0])
    assert np.mean(ties >= threshold_for_tpr(ties, 0.9)) >= 0.9
    with pytest.raises(ValueError, match="tpr"):
        threshold_for_tpr(scores, 0)


@pytest.mark.parametrize("bad", [np.ones((2, 1)), np.ones(3), [[np.nan, 1.0]]])
def test_scores_reject_logits_that_are_not_a_2d_array_of_classes(bad):
    with pytest.raises(ValueError, match="logits"):
        max_softmax_probability(bad)


def test_open_set_split_partitions_the_known_rows_and_keeps_unknowns_apart():
    x = np.arange(40.0).reshape(20, 2)
    y = np.repeat([3, 7, 9, 5], 5)
    parts = open_set_split(x, y, known=[7, 3], seed=0)
    rows = np.concatenate([parts[p][0][:, 0] for p in ["train", "val", "test"]])
    assert sorted(rows.tolist()) == sorted(x[np.isin(y, [3, 7]), 0].tolist())
    assert len(parts["val"][1]) == 2 and len(parts["test"][1]) == 3
    for p in ["train", "val", "test"]:  # 7 -> 0, 3 -> 1, in the order of `known`
        original = y[(parts[p][0][:, 0] // 2).astype(int)]
        np.testing.assert_array_equal(parts[p][1], np.where(original == 7, 0, 1))
    assert set(y[(parts["unknown"][:, 0] // 2).astype(int)].tolist()) == {5, 9}
    again = open_set_split(x, y, known=[7, 3], seed=0)
    np.testing.assert_array_equal(again["train"][0], parts["train"][0])


def test_open_set_split_rejects_bad_arguments():
    x, y = np.zeros((4, 2)), np.array([0, 0, 1, 1])
    with pytest.raises(ValueError, match="known"):
        open_set_split(x, y, known=[0, 5], seed=0)
    with pytest.raises(ValueError, match="val"):
        open_set_split(x, y, known=[0, 1], seed=0, val=0.8, test=0.3)
    with pytest.raises(ValueError, match="y must"):
        open_set_split(x, y[:3], known=[0, 1], seed=0)


def test_blobs_2d_has_three_classes_an_elephant_and_a_far_ring():
    data = blobs_2d(0, n_per_class=50, n_unknown=30)
    sizes = [len(data[p][1]) for p in ["train", "val", "test"]]
    assert sum(sizes) == 150 and set(data["train"][1].tolist()) == {0, 1, 2}
    radius = np.hypot(*data["unknown"]["far"].T)
    assert FAR_RADIUS[0] <= radius.min() and radius.max() <= FAR_RADIUS[1]
    assert data["unknown"]["elephant"].shape == (30, 2)
    with pytest.raises(ValueError, match="std"):
        blobs_2d(0, std=0)


@pytest.mark.parametrize("head", ["softmax", "sigmoid"])
@pytest.mark.parametrize("hidden", [0, 4])
def test_gradients_match_finite_differences(head, hidden):
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=(7, 3)), rng.integers(0, 3, size=7)
    layers = init_layers(3, 3, hidden, seed=1)
    layers = [(w, b + rng.normal(size=b.shape) * 0.1) for w, b in layers]
    analytic = gradients(layers, x, y, head)
    eps = 1e-6
    for i, (w, b) in enumerate(layers):
        for j, param in enumerate((w, b)):
            numeric = np.zeros_like(param)
            for idx in np.ndindex(param.shape):
                old = param[idx]
                param[idx] = old + eps
                up = loss(layers, x, y, head)
                param[idx] = old - eps
                down = loss(layers, x, y, head)
                param[idx] = old
                numeric[idx] = (up - down) / (2 * eps)
            np.testing.assert_allclose(analytic[i][j], numeric, atol=1e-7)


@pytest.mark.parametrize("head", ["softmax", "sigmoid"])
def test_training_lowers_the_loss_and_is_reproducible(head):
    data = blobs_2d(1, n_per_class=30)
    x, y = data["train"]
    before = loss(init_layers(2, 3, 8, seed=5), x, y, head)
    layers = train(x, y, 3, head=head, hidden=8, steps=200, lr=0.05, seed=5)
    assert loss(layers, x, y, head) < before / 4
    assert np.mean(logits(layers, x).argmax(axis=1) == y) > 0.9
    again = train(x, y, 3, head=head, hidden=8, steps=200, lr=0.05, seed=5)
    for (w1, b1), (w2, b2) in zip(layers, again, strict=True):
        np.testing.assert_array_equal(w1, w2)
        np.testing.assert_array_equal(b1, b2)


def test_training_rejects_an_unknown_head_and_bad_labels():
    x = np.zeros((4, 2))
    with pytest.raises(ValueError, match="head"):
        train(x, np.array([0, 1, 0, 1]), 2, head="tanh")
    with pytest.raises(ValueError, match=r"y must hold class labels in \[0, 1\], got 2"):
        train(x, np.array([0, 1, 0, 2]), 2, head="softmax", steps=1)
    with pytest.raises(ValueError, match="lr"):
        train(x, np.array([0, 1, 0, 1]), 2, head="softmax", lr=-1)


def test_logits_are_the_textbook_forward_pass():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(5, 3))
    (w1, b1), (w2, b2) = layers = init_layers(3, 4, 6, seed=2)
    layers = [(w1, b1 + 0.1), (w2, b2 - 0.2)]
    expected = np.maximum(x @ w1 + b1 + 0.1, 0) @ w2 + b2 - 0.2
    np.testing.assert_allclose(logits(layers, x), expected)
    np.testing.assert_allclose(features(layers, x), np.maximum(x @ w1 + b1 + 0.1, 0))


def test_input_gradient_matches_finite_differences():
    rng = np.random.default_rng(4)
    x = rng.normal(size=(3, 4))
    layers = init_layers(4, 3, 5, seed=0)
    dz = rng.normal(size=(3, 3))
    analytic = input_gradient(layers, x, dz)
    eps = 1e-6
    for idx in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[idx] += eps
        down[idx] -= eps
        numeric = (np.sum(dz * logits(layers, up)) - np.sum(dz * logits(layers, down))) / (2 * eps)
        assert analytic[idx] == pytest.approx(numeric, abs=1e-6)


def test_train_path_passes_through_every_budget_of_one_run():
    data = blobs_2d(2, n_per_class=20)
    path = dict(train_path(*data["train"], 3, head="sigmoid", hidden=4, steps=[5, 20], seed=1))
    alone = train(*data["train"], 3, head="sigmoid", hidden=4, steps=5, seed=1)
    for (w1, b1), (w2, b2) in zip(path[5], alone, strict=True):
        np.testing.assert_array_equal(w1, w2)
        np.testing.assert_array_equal(b1, b2)
    assert sorted(path) == [5, 20]


def test_digit_splits_and_the_extra_unknowns():
    splits = digit_splits(5, seed=0)
    assert len({tuple(s) for s in splits}) == 10 and all(len(s) == 5 for s in splits)
    for known, complement in zip(splits[::2], splits[1::2], strict=True):
        assert sorted(known + complement) == list(range(10))
    assert all(sum(digit in s for s in splits) == 5 for digit in range(10))
    data = digits_open_set(splits[0], 0)
    assert list(data["unknown"]) == DIGIT_UNKNOWNS
    for name, x in data["unknown"].items():
        assert x.shape[1] == 64, name
    np.testing.assert_allclose(data["unknown"]["inverted digits"], 1 - data["test"][0])
    np.testing.assert_allclose(
        data["unknown"]["held-out digits x 4"] / 4, data["unknown"]["held-out digits"]
    )
    assert (
        0 <= data["unknown"]["photo patches"].min() and data["unknown"]["photo patches"].max() <= 1
    )
