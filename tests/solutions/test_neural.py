import numpy as np
import pytest

from solutions import forward_backward_prop, gradcheck_naive
from solutions.neural import param_count, unpack_params


def random_problem(rng, m, dims):
    dx, _, dy = dims
    X = rng.normal(size=(m, dx))
    labels = np.zeros((m, dy))
    labels[np.arange(m), rng.integers(dy, size=m)] = 1
    params = rng.normal(size=param_count(dims))
    return X, labels, params


@pytest.mark.parametrize("m, dims", [(20, (10, 5, 10)), (1, (3, 4, 2)), (7, (1, 1, 3)), (5, (4, 8, 6))])
@pytest.mark.parametrize("seed", [0, 1])
def test_forward_backward_prop_passes_a_numeric_gradient_check(m, dims, seed):
    rng = np.random.default_rng(seed)
    X, labels, params = random_problem(rng, m, dims)
    assert gradcheck_naive(lambda p: forward_backward_prop(X, labels, p, dims), params, verbose=False)


def test_forward_backward_prop_cost_is_the_mean_over_rows(rng):
    dims = (4, 3, 5)
    X, labels, params = random_problem(rng, 6, dims)
    cost, grad = forward_backward_prop(X, labels, params, dims)
    cost2, grad2 = forward_backward_prop(np.vstack([X, X]), np.vstack([labels, labels]), params, dims)
    assert cost2 == pytest.approx(cost)
    np.testing.assert_allclose(grad2, grad)


def test_forward_backward_prop_matches_a_direct_computation(rng):
    dims = (3, 4, 2)
    X, labels, params = random_problem(rng, 5, dims)
    w1, b1, w2, b2 = unpack_params(params, dims)
    h = 1 / (1 + np.exp(-(X @ w1 + b1)))
    scores = h @ w2 + b2
    y_hat = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    expected = -np.mean(np.log(y_hat[labels.astype(bool)]))
    assert forward_backward_prop(X, labels, params, dims)[0] == pytest.approx(expected)


def test_forward_backward_prop_cost_is_finite_when_a_probability_underflows():
    dims = (1, 1, 2)
    X = np.array([[1.0]])
    labels = np.array([[1.0, 0.0]])
    params = np.array([0.0, 0.0, -2000.0, 2000.0, 0.0, 0.0])  # W1, b1, W2 (1x2), b2
    cost, grad = forward_backward_prop(X, labels, params, dims)
    assert np.isfinite(cost) and cost > 100
    assert np.all(np.isfinite(grad))


def test_forward_backward_prop_does_not_modify_its_inputs(rng):
    dims = (3, 4, 2)
    X, labels, params = random_problem(rng, 5, dims)
    copies = [X.copy(), labels.copy(), params.copy()]
    forward_backward_prop(X, labels, params, dims)
    for before, after in zip(copies, [X, labels, params], strict=True):
        np.testing.assert_array_equal(before, after)


def test_param_count_is_dx_plus_one_h_plus_h_plus_one_dy():
    assert param_count((10, 5, 10)) == 11 * 5 + 6 * 10


def test_forward_backward_prop_rejects_params_of_the_wrong_size():
    with pytest.raises(ValueError, match="115"):
        forward_backward_prop(np.zeros((2, 10)), np.zeros((2, 10)), np.zeros(114), (10, 5, 10))
