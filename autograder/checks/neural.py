"""Checks of forward_backward_prop (question 2): cost, gradient, and their consistency."""

from __future__ import annotations

import numpy as np

from autograder.checks.base import Results, Setup, check, hidden_seed
from autograder.checks.helpers import (
    NUMERIC_STEP,
    blocks,
    consistent_gradient,
    numeric_gradient,
    perturbations,
    rows_cols,
)
from autograder.feedback.compare import CheckFailed, compare_array, compare_number
from autograder.feedback.messages import message

F = "forward_backward_prop"


def _problem(rng: np.random.Generator, m: int, dims: tuple[int, int, int]):
    dx, h, dy = dims
    X = rng.normal(size=(m, dx))
    labels = np.zeros((m, dy))
    labels[np.arange(m), rng.integers(0, dy, size=m)] = 1.0
    params = rng.normal(size=(dx + 1) * h + (h + 1) * dy)
    return X, labels, params, dims


def _layout(dims: tuple[int, int, int]) -> list[tuple[str, tuple]]:
    dx, h, dy = dims
    return [("W1", (dx, h)), ("b1", (h,)), ("W2", (h, dy)), ("b2", (dy,))]


def _locator(dims: tuple[int, int, int]):
    return rows_cols(_layout(dims))


def _outputs(r: Results, i: int) -> tuple:
    return r.tuple_of(i, 2, "cost, grad")


def _where(r: Results, problem) -> str:
    """The batch, as the message names it (nothing of a hidden one)."""
    if r.hidden:
        return message("neural.hidden_batch")
    return message("neural.batch", m=problem[0].shape[0], dims=problem[3])


def _judge_cost(r: Results, i: int, problem) -> None:
    X = problem[0]
    cost, _ = _outputs(r, i)
    expected, _ = r.expected(i)
    compare_number(
        cost,
        expected,
        what=message("neural.cost", where=_where(r, problem)),
        hidden=r.hidden,
        factors={message("neural.factor_mean"): X.shape[0]},
    )


def _judge_grad(r: Results, i: int, problem) -> None:
    X = problem[0]
    _, grad = _outputs(r, i)
    _, expected = r.expected(i)
    compare_array(
        grad,
        expected,
        what=message("neural.gradient", where=_where(r, problem)),
        hidden=r.hidden,
        locate=_locator(problem[3]),
        region=blocks(_layout(problem[3])),
        factors={message("neural.factor_divide"): X.shape[0]},
    )


@check(F, "cost on small batches", 1.5)
def _(s: Setup):
    rng = np.random.default_rng(11)
    problems = [_problem(rng, 4, (5, 3, 2)), _problem(rng, 1, (3, 2, 3))]
    calls = [s.call(*p) for p in problems]

    def judge(r: Results) -> None:
        for i, p in zip(calls, problems, strict=False):
            _judge_cost(r, i, p)

    return judge


@check(F, "gradient on small batches", 2.0)
def _(s: Setup):
    rng = np.random.default_rng(12)
    problems = [_problem(rng, 4, (5, 3, 2)), _problem(rng, 1, (3, 2, 3))]
    calls = [s.call(*p) for p in problems]

    def judge(r: Results) -> None:
        for i, p in zip(calls, problems, strict=False):
            _judge_grad(r, i, p)

    return judge


@check(F, "gradient matches the numeric gradient of your own cost", 1.5)
def _(s: Setup):
    rng = np.random.default_rng(13)
    X, labels, params, dims = _problem(rng, 3, (3, 4, 2))
    base = s.call(X, labels, params, dims)
    pairs = [(s.call(X, labels, p, dims), s.call(X, labels, m, dims)) for p, m in perturbations(params)]

    def judge(r: Results) -> None:
        # Consistency pays only with the right cost (a zero cost with a zero gradient is consistent).
        _judge_cost(r, base, (X, labels, params, dims))
        _, grad = _outputs(r, base)
        grad = np.asarray(grad) if isinstance(grad, np.ndarray) else grad
        if not isinstance(grad, np.ndarray) or grad.shape != params.shape:
            raise CheckFailed(message("neural.flat_gradient", shape=params.shape))
        plus, minus = [], []
        for ip, im in pairs:
            plus.append(_as_cost(r, ip))
            minus.append(_as_cost(r, im))
        numeric = numeric_gradient(plus, minus, params.shape, NUMERIC_STEP)
        consistent_gradient(
            grad, numeric, what=message("neural.your_gradient"), hidden=r.hidden, locate=_locator(dims)
        )

    return judge


def _as_cost(r: Results, i: int) -> float:
    cost, _ = _outputs(r, i)
    if isinstance(cost, np.ndarray) and cost.shape == ():
        cost = float(cost)
    if isinstance(cost, bool) or not isinstance(cost, (int, float)):
        raise CheckFailed(message("neural.single_cost"))
    return float(cost)


@check(F, "random sizes: cost and gradient", 3.0, hidden=True)
def _(s: Setup):
    rng = np.random.default_rng(hidden_seed(5))
    problems = [_problem(rng, 20, (10, 7, 4)), _problem(rng, 1, (2, 1, 3)), _problem(rng, 9, (6, 5, 5))]
    calls = [s.call(*p) for p in problems]

    def judge(r: Results) -> None:
        for i, p in zip(calls, problems, strict=False):
            _judge_cost(r, i, p)
            _judge_grad(r, i, p)

    return judge
