import random

import numpy as np
import pytest

from solutions import gradcheck_naive


def quadratic(x):
    return float(np.sum(x**2)), 2 * x


@pytest.mark.parametrize("shape", [(), (1,), (3,), (4, 5), (2, 3, 2)])
def test_gradcheck_passes_a_correct_gradient(rng, shape):
    assert gradcheck_naive(quadratic, rng.normal(size=shape), verbose=False) is True


@pytest.mark.parametrize("shape", [(), (3,), (4, 5)])
def test_gradcheck_fails_a_wrong_gradient(rng, shape):
    def wrong(x):
        return float(np.sum(x**2)), 2.1 * x

    assert gradcheck_naive(wrong, rng.normal(size=shape) + 1.0, verbose=False) is False


def test_gradcheck_reports_where_the_first_failure_is(capsys):
    def wrong_in_one_place(x):
        grad = 2 * x
        grad[1, 0] += 1.0
        return float(np.sum(x**2)), grad

    assert not gradcheck_naive(wrong_in_one_place, np.ones((2, 2)))
    assert "(1, 0)" in capsys.readouterr().out


def test_gradcheck_handles_large_magnitude_functions(rng):
    def big(x):
        return float(1e6 * np.sum(np.sin(x))), 1e6 * np.cos(x)

    assert gradcheck_naive(big, rng.normal(size=5), verbose=False)


def test_gradcheck_handles_curved_functions(rng):
    def exp_cost(x):
        return float(np.sum(np.exp(x))), np.exp(x)

    assert gradcheck_naive(exp_cost, rng.normal(size=(3, 2)), verbose=False)


@pytest.mark.parametrize("source", ["python", "numpy"])
def test_gradcheck_resets_both_global_rngs_before_every_call(rng, source):
    # The cost adds noise drawn from a global RNG; only a reset before every
    # call makes the two sides of a centred difference agree.
    def noisy(x):
        noise = random.random() if source == "python" else np.random.rand()
        return float(np.sum(x**2) + noise), 2 * x

    assert gradcheck_naive(noisy, rng.normal(size=4), verbose=False)


def test_gradcheck_leaves_x_as_it_found_it(rng):
    x = rng.normal(size=(3, 3))
    before = x.copy()
    gradcheck_naive(quadratic, x, verbose=False)
    np.testing.assert_array_equal(x, before)


def test_gradcheck_rejects_a_gradient_of_the_wrong_shape():
    with pytest.raises(ValueError, match="shape"):
        gradcheck_naive(lambda x: (float(np.sum(x)), np.ones(2)), np.ones(3))


def test_gradcheck_fails_a_nan_gradient():
    assert not gradcheck_naive(
        lambda x: (float(np.sum(x)), np.full_like(x, np.nan)), np.ones(2), verbose=False
    )
