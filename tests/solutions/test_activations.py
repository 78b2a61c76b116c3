import numpy as np
import pytest

from solutions import gradcheck_naive, sigmoid, sigmoid_grad
from solutions.activations import log_sigmoid


def test_sigmoid_matches_definition(rng):
    x = rng.normal(size=(4, 3)) * 5
    np.testing.assert_allclose(sigmoid(x), 1 / (1 + np.exp(-x)), rtol=1e-12)


@pytest.mark.parametrize("shape", [(), (1,), (5,), (2, 3), (2, 3, 4)])
def test_sigmoid_keeps_the_shape(rng, shape):
    assert np.shape(sigmoid(rng.normal(size=shape))) == shape


def test_sigmoid_accepts_a_python_scalar():
    assert sigmoid(0.0) == pytest.approx(0.5)


@pytest.mark.parametrize("x, expected", [(1e4, 1.0), (-1e4, 0.0), (710.0, 1.0), (-710.0, 0.0)])
def test_sigmoid_has_no_overflow_or_nan_for_large_inputs(x, expected):
    out = sigmoid(np.array([x, -x, 0.0]))
    assert not np.any(np.isnan(out))
    assert out[0] == pytest.approx(expected)
    assert out[2] == 0.5


def test_sigmoid_grad_is_s_times_one_minus_s(rng):
    s = rng.uniform(size=(3, 3))
    np.testing.assert_allclose(sigmoid_grad(s), s * (1 - s))


@pytest.mark.parametrize("shape", [(), (4,), (2, 3)])
def test_sigmoid_grad_passes_a_numeric_gradient_check(rng, shape):
    def sum_of_sigmoid(x):
        s = sigmoid(x)
        return float(np.sum(s)), sigmoid_grad(s)

    assert gradcheck_naive(sum_of_sigmoid, rng.normal(size=shape) * 3, verbose=False)


def test_log_sigmoid_is_finite_for_large_negative_inputs():
    np.testing.assert_allclose(log_sigmoid(np.array([-1e4, 0.0])), [-1e4, np.log(0.5)])
