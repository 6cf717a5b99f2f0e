"""Open-set scores, the data splits and the numpy models behind the measured pages."""

import numpy as np
import pytest
from scipy.special import expit, logsumexp
from scipy.stats import entropy as scipy_entropy

from snippets.activations import softmax
from snippets.datasets import FAR_RADIUS, blobs_2d, open_set_split
from snippets.models import gradients, init_layers, logits, loss, train
from snippets.openset import (
    all_sigmoids_below,
    max_logit,
    max_sigmoid,
    max_softmax_probability,
    negative_energy,
    negative_entropy,
    threshold_for_tpr,
)

Z = np.array([[2.0, -1.0, 0.5], [0.1, 0.2, 0.3], [-4.0, -5.0, -6.0]])


def test_scores_match_their_definitions_in_scipy():
    np.testing.assert_allclose(max_softmax_probability(Z), softmax(Z).max(axis=1))
    np.testing.assert_allclose(max_logit(Z), [2.0, 0.3, -4.0])
    np.testing.assert_allclose(negative_energy(Z), logsumexp(Z, axis=1))
    np.testing.assert_allclose(negative_entropy(Z), -scipy_entropy(softmax(Z), axis=1))
    np.testing.assert_allclose(max_sigmoid(Z), expit(Z).max(axis=1))


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
    with pytest.raises(ValueError, match="y must lie"):
        train(x, np.array([0, 1, 0, 2]), 2, head="softmax", steps=1)
    with pytest.raises(ValueError, match="lr"):
        train(x, np.array([0, 1, 0, 1]), 2, head="softmax", lr=-1)
