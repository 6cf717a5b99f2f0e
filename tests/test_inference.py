"""predict and top_k: the largest logit, the first on a tie, and softmax probabilities as scores."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from snippets import predict, softmax, top_k


def test_predict_is_the_largest_logit_and_the_first_on_a_tie():
    assert predict([0.2, 1.5, -2.0]) == 1
    assert predict([3.0, 3.0, 1.0]) == 0
    assert predict([[1.0, -np.inf], [-np.inf, np.inf]]).tolist() == [0, 1]
    assert predict(np.zeros((2, 3, 4)), axis=1).shape == (2, 4)


@settings(max_examples=150, deadline=None)
@given(
    hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=1, max_dims=3, max_side=10),
        elements=st.floats(-1e6, 1e6),
    )
)
def test_softmax_never_changes_the_prediction_of_separated_logits(z):
    top2 = np.sort(z, axis=-1)[..., -2:]
    if z.shape[-1] > 1:
        separated = top2[..., 1] - top2[..., 0] > 1e-9 * np.maximum(1, np.abs(top2[..., 1]))
    else:
        separated = np.ones(z.shape[:-1], bool)
    assert np.array_equal(predict(softmax(z))[separated], predict(z)[separated])
    assert np.array_equal(predict(z), np.argmax(z, axis=-1))


def test_top_k_is_best_first_with_softmax_probabilities():
    classes, probs = top_k([-0.15, -0.87, 1.1], k=2)
    assert classes.tolist() == [2, 0]
    np.testing.assert_array_equal(probs, softmax([-0.15, -0.87, 1.1])[[2, 0]])
    tied, _ = top_k([1.0, 2.0, 2.0, 1.0], k=4)
    assert tied.tolist() == [1, 2, 0, 3]  # on a tie, the lower index first, as predict
    assert top_k([[1.0, 3.0, 2.0]], k=1)[0].tolist() == [[1]]
    columns, _ = top_k(np.array([[1.0, 5.0], [4.0, 2.0], [3.0, 3.0]]), k=2, axis=0)
    assert columns.tolist() == [[1, 0], [2, 2]]
