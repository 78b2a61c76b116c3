import numpy as np
import pytest

from solutions import softmax
from solutions.softmax import log_softmax


def naive_softmax(x):
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


@pytest.mark.parametrize("shape", [(1,), (4,), (3, 5), (1, 7), (6, 1)])
def test_softmax_matches_definition_on_small_inputs(rng, shape):
    x = rng.normal(size=shape)
    np.testing.assert_allclose(softmax(x), naive_softmax(x), rtol=1e-12)


def test_softmax_returns_same_shape_and_rows_summing_to_one(rng):
    out = softmax(rng.normal(size=(4, 9)) * 50)
    assert out.shape == (4, 9)
    np.testing.assert_allclose(out.sum(axis=1), 1.0)


def test_softmax_is_invariant_to_adding_a_constant(rng):
    x = rng.normal(size=(3, 4))
    np.testing.assert_allclose(softmax(x), softmax(x + 1234.5), rtol=1e-10)


@pytest.mark.parametrize(
    "x, expected",
    [
        ([1001.0, 1002.0], [0.26894142, 0.73105858]),
        ([-1001.0, -1002.0], [0.73105858, 0.26894142]),
        ([[1001.0, 1002.0], [3.0, 4.0]], [[0.26894142, 0.73105858]] * 2),
    ],
)
def test_softmax_is_stable_for_large_inputs(x, expected):
    # pytest turns RuntimeWarning (overflow) into an error for the whole suite.
    np.testing.assert_allclose(softmax(np.array(x)), expected, rtol=1e-7)


def test_softmax_of_a_matrix_is_softmax_of_each_row(rng):
    x = rng.normal(size=(5, 3))
    np.testing.assert_allclose(softmax(x), np.stack([softmax(row) for row in x]))


def test_softmax_does_not_modify_its_input(rng):
    x = rng.normal(size=(3, 4))
    before = x.copy()
    softmax(x)
    np.testing.assert_array_equal(x, before)


def test_softmax_rejects_three_dimensional_input():
    with pytest.raises(ValueError, match="1-D"):
        softmax(np.zeros((2, 2, 2)))


def test_log_softmax_is_finite_where_softmax_underflows():
    out = log_softmax(np.array([0.0, -2000.0]))
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out, [0.0, -2000.0])
