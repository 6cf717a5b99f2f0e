"""snippets/textbook/seed_errors_train.py: softmax regression, with the loss fed logits or
(the double-softmax bug) probabilities. The gradients are checked against finite differences,
and the correct training against scikit-learn's unpenalised multinomial logistic regression."""

import runpy

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from snippets import log_softmax, softmax
from tests.conftest import ROOT

TEXTBOOK = ROOT / "snippets/textbook"
CODE = runpy.run_path(str(TEXTBOOK / "seed_errors_train.py"))
train = CODE["train"]


def data(n=300, seed=0):
    """The page's dataset: three overlapping classes in 2-D, and a bias column."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, size=n)
    centres = np.array([[0.0, 1.2], [-1.2, -0.6], [1.2, -0.6]])
    return np.c_[centres[y] + rng.normal(size=(n, 2)), np.ones(n)], y


def test_its_softmax_is_the_librarys_along_rows():
    z = np.random.default_rng(3).normal(scale=30, size=(20, 4))
    np.testing.assert_allclose(CODE["softmax_rows"](z), softmax(z), rtol=1e-12)


def loss(w, x, y, double):
    q = softmax(x @ w)
    z = q if double else x @ w  # what the loss is handed: probabilities or logits
    return -log_softmax(z)[np.arange(len(y)), y].mean()


@pytest.mark.parametrize("double", [False, True])
def test_one_step_follows_the_finite_difference_gradient(double):
    x, y = data(n=40, seed=1)
    lr = 1e-3
    # train starts from zeros; one step from zeros moves w by -lr * gradient at zeros
    step = train(x, y, double, steps=1, lr=lr)
    zero = np.zeros((3, 3))
    numeric = np.zeros_like(zero)
    eps = 1e-6
    for i in np.ndindex(zero.shape):
        d = np.zeros_like(zero)
        d[i] = eps
        numeric[i] = (loss(zero + d, x, y, double) - loss(zero - d, x, y, double)) / (2 * eps)
    np.testing.assert_allclose(step, -lr * numeric, rtol=1e-6, atol=1e-12)


def test_trained_on_logits_it_reaches_scikit_learns_optimum():
    x, y = data()
    w = train(x, y)
    reference = LogisticRegression(C=np.inf, fit_intercept=False, tol=1e-10, max_iter=10_000)
    reference.fit(x, y)
    best = loss(reference.coef_.T, x, y, double=False)
    assert loss(w, x, y, double=False) == pytest.approx(best, abs=1e-4)


def test_trained_on_probabilities_it_grows_larger_weights_and_a_worse_loss():
    x, y = data()
    once, twice = train(x, y), train(x, y, double=True)
    assert np.abs(twice).max() > 2 * np.abs(once).max()
    assert loss(twice, x, y, double=False) > loss(once, x, y, double=False) + 0.1
    # the loss it was trained on never gets near its floor log(1 + 2/e)
    assert loss(twice, x, y, double=True) > np.log(1 + 2 / np.e)
