"""Every number the text of notebooks 1-3 states is computed beside it or checked here.

Each test quotes the sentence it checks (so that rewording the notebook makes the test
fail and be looked at again) and recomputes the number with NumPy or the reference
solutions.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest

from notebooks.build import TEMPLATE_DIR, render
from solutions import sigmoid, softmax
from solutions.gradcheck import GRADCHECK_STEP, GRADCHECK_TOLERANCE
from solutions.neural import param_count


def _text(stem: str, cell_type: str = "markdown") -> str:
    return "\n".join(c.source for c in render(TEMPLATE_DIR / f"{stem}.py").cells if c.cell_type == cell_type)


def _states(stem: str, claim: str, cell_type: str = "markdown") -> None:
    """The notebook says claim (line breaks and runs of spaces count as one space)."""
    text = " ".join(_text(stem, cell_type).split())
    assert " ".join(claim.split()) in text, f"{stem} no longer says {claim!r}: update this test"


def _naive_softmax(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore", invalid="ignore"):
        return np.exp(x) / np.sum(np.exp(x))


# Notebook 1


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_exp_overflows_just_above_the_log_of_the_largest_float(dtype):
    _states("01_softmax", "The largest finite value $v$ of a type fixes the largest score")
    edge = float(np.log(np.finfo(dtype).max))
    with np.errstate(over="ignore"):
        assert np.isfinite(np.exp(dtype(edge - 0.01)))
        assert np.isinf(np.exp(dtype(edge + 0.01)))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_exp_is_exactly_zero_below_the_tables_underflow_point(dtype):
    _states("01_softmax", "{'exp is exactly 0 below':>26}", cell_type="code")
    _states("01_softmax", "np.log(info.smallest_subnormal) - np.log(2)", cell_type="code")
    edge = float(np.log(np.finfo(dtype).smallest_subnormal) - np.log(2))
    with np.errstate(under="ignore"):
        assert np.exp(dtype(edge - 0.01)) == 0
        assert np.exp(dtype(edge + 0.01)) > 0


def test_float32_overflows_far_earlier_than_float64():
    _states("01_softmax", "`float32` breaks far earlier than `float64`")
    assert np.log(np.finfo(np.float64).max) / np.log(np.finfo(np.float32).max) > 7


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_just_below_the_overflow_point_the_sum_overflows_and_the_naive_result_is_zero(dtype):
    _states("01_softmax", "the result is a wrong number, 0 (orange)")
    edge = float(np.log(np.finfo(dtype).max))
    m = dtype(edge - 0.1)  # e^m fits, e^(m-1) + e^m does not
    assert np.isfinite(np.exp(m))
    assert _naive_softmax(np.array([m - 1, m], dtype=dtype))[1] == 0


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_past_the_overflow_point_the_naive_result_is_nan(dtype):
    _states("01_softmax", "Past it, $e^{m}$ itself is `inf` and the result is `nan`")
    edge = float(np.log(np.finfo(dtype).max))
    m = dtype(edge + 0.1)
    assert np.isnan(_naive_softmax(np.array([m - 1, m], dtype=dtype))[1])  # the plotted entry


def test_the_correct_answer_on_m_minus_one_and_m_is_the_sigmoid_of_one():
    _states("01_softmax", "= 1 / (1 + e^{-1})$")
    for m in (0.0, 700.0, 1e5):
        assert softmax(np.array([m - 1, m]))[1] == pytest.approx(1 / (1 + np.exp(-1.0)), rel=1e-12)


def test_shifted_scores_give_the_same_softmax_as_one_two():
    _states("01_softmax", "so we expect the same answer as for `[1, 2]`")
    expected = softmax(np.array([1.0, 2.0]))
    np.testing.assert_allclose(softmax(np.array([1001.0, 1002.0])), expected, rtol=1e-12)
    np.testing.assert_allclose(softmax(np.array([-1001.0, -1002.0])), expected[::-1], rtol=1e-12)


def test_the_softmax_jacobian_matches_finite_differences_and_its_rows_sum_to_zero():
    _states("01_softmax", "J = \\operatorname{diag}(\\mathbf{s}) - \\mathbf{s} \\mathbf{s}^\\top")
    x = np.random.default_rng(0).normal(size=6)
    s = softmax(x)
    jacobian = np.diag(s) - np.outer(s, s)
    h = 1e-6
    numeric = np.column_stack([(softmax(x + h * e) - softmax(x - h * e)) / (2 * h) for e in np.eye(len(x))])
    np.testing.assert_allclose(jacobian, numeric, atol=1e-9)
    np.testing.assert_allclose(jacobian.sum(axis=1), 0, atol=1e-15)


# Notebook 2


def test_the_sigmoid_derivative_is_a_quarter_at_zero_and_nowhere_larger():
    _states("02_neural_basics", "$\\sigma' = \\frac12 (1 - \\frac12) = \\frac14$")
    x = np.linspace(-20, 20, 40001)
    s = sigmoid(x)
    derivative = s * (1 - s)
    assert derivative.max() == pytest.approx(0.25, abs=1e-12)
    assert x[np.argmax(derivative)] == pytest.approx(0.0, abs=1e-9)


def test_the_sigmoid_of_minus_x_is_one_minus_the_sigmoid():
    _states("02_neural_basics", "$\\sigma(-x) = 1 - \\sigma(x)$")
    x = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(sigmoid(-x), 1 - sigmoid(x), atol=1e-15)


def test_the_sigmoid_is_a_two_class_softmax():
    _states("02_neural_basics", "**the sigmoid is a two-class softmax.**")
    z = np.linspace(-50, 50, 101)
    two_class = softmax(np.column_stack([z, np.zeros_like(z)]))[:, 0]
    np.testing.assert_allclose(sigmoid(z), two_class, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("label", [0, 1])
def test_the_binary_cross_entropy_gradient_is_sigma_minus_y(label):
    _states("02_neural_basics", "\\frac{\\partial BCE}{\\partial z} = p - y = \\sigma(z) - y")

    def bce(z: np.ndarray) -> np.ndarray:
        return label * np.logaddexp(0.0, -z) + (1 - label) * np.logaddexp(0.0, z)

    z = np.linspace(-10, 10, 41)
    h = 1e-6
    np.testing.assert_allclose((bce(z + h) - bce(z - h)) / (2 * h), sigmoid(z) - label, atol=1e-8)


def test_negative_sampling_loss_is_k_plus_one_binary_cross_entropies():
    _states("02_neural_basics", "is exactly $K + 1$ binary cross-entropies")
    rng = np.random.default_rng(1)
    v_c, u_o, u_neg = rng.normal(size=5), rng.normal(size=5), rng.normal(size=(4, 5))
    loss = -np.log(sigmoid(u_o @ v_c)) - np.sum(np.log(sigmoid(-u_neg @ v_c)))
    scores = np.concatenate([[u_o @ v_c], u_neg @ v_c])
    labels = np.array([1, 0, 0, 0, 0])
    bce = labels * np.logaddexp(0.0, -scores) + (1 - labels) * np.logaddexp(0.0, scores)
    assert loss == pytest.approx(bce.sum(), rel=1e-12)


def test_the_gradient_checkers_constants_are_the_ones_the_text_states():
    _states("02_neural_basics", "\\qquad h = 10^{-4}.$$")
    _states("02_neural_basics", "{\\max(1, |\\text{numeric}_i|, |\\text{grad}_i|)} \\le 10^{-5} .$$")
    assert GRADCHECK_STEP == 1e-4
    assert GRADCHECK_TOLERANCE == 1e-5


def test_centred_differences_beat_one_sided_ones_by_about_three_over_h():
    _states("02_neural_basics", "the centred error is smaller by a factor of about $3 / h$")
    h = 1e-4
    exact = np.exp(1.0)
    one_sided = abs((np.exp(1 + h) - np.exp(1)) / h - exact)
    centred = abs((np.exp(1 + h) - np.exp(1 - h)) / (2 * h) - exact)
    assert 0.5 * 3 / h < one_sided / centred < 2 * 3 / h


def test_float64_keeps_about_minus_log10_eps_digits():
    _states("02_neural_basics", "a float64 keeps about $-\\log_{10} \\varepsilon$ significant decimal digits")
    assert 15 < -np.log10(np.finfo(np.float64).eps) < 16


def test_the_sigmoid_is_finite_and_silent_up_to_ten_thousand():
    _states("02_neural_basics", "no `nan` and no overflow warning for $|x|$ up to $10^4$")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = sigmoid(np.array([-1e4, -1e3, 0.0, 1e3, 1e4]))
    assert np.isfinite(s).all() and s[0] == 0 and s[-1] == 1


# Notebook 3


def test_the_sanity_checks_parameter_count():
    _states("03_two_layer_network", "$11 \\cdot 5 + 6 \\cdot 10 = 115$ parameters")
    assert param_count((10, 5, 10)) == 11 * 5 + 6 * 10 == 115


def test_the_spiral_demo_uses_the_hidden_size_and_momentum_the_text_states():
    _states("03_two_layer_network", "one class each, $H = 30$ hidden units")
    _states("03_two_layer_network", "($\\mu = 0.9$)")
    code = _text("03_two_layer_network", cell_type="code")
    assert re.search(r"^dims_toy = \(2, 30, 3\)$", code, re.MULTILINE)
    assert '("momentum 0.9", 0.9)' in code


def test_e_to_the_thousand_overflows_a_float64():
    _states("02_neural_basics", "for $x = -1000$, $e^{-x} = e^{1000}$ overflows")
    with np.errstate(over="ignore"):
        assert np.isinf(np.exp(np.float64(1000.0)))
