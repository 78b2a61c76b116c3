"""Checks of sgd (question 3): steps, postprocessing, annealing."""

from __future__ import annotations

import numpy as np

from autograder.checks.base import Results, Setup, callback, check, hidden_seed
from autograder.feedback.compare import CheckFailed, compare_array
from autograder.feedback.messages import message

F = "sgd"
NEVER_PRINT = 10**9  # print_every: large, never 0 (the 2017 starter computes iter % PRINT_EVERY)
ANNEAL_EVERY = 20_000


def _gradient(f: dict, x: np.ndarray) -> np.ndarray:
    if f["kind"] == "linear":
        return np.asarray(f["g"], dtype=float)
    return np.asarray(f["a"], dtype=float) * (x - np.asarray(f["t"], dtype=float))


def _post(p: dict | None, x: np.ndarray) -> np.ndarray:
    if p is None:
        return x
    if p["kind"] == "shrink":
        return x * p["factor"]
    return np.clip(x, -p["bound"], p["bound"])


def simulate(
    f: dict,
    x0: np.ndarray,
    step: float,
    iterations: int,
    post: dict | None,
    *,
    sign: float = -1.0,
    use_post: bool = True,
    anneal_every: int | None = ANNEAL_EVERY,
    first: int = 1,
    halve_before: bool = False,
) -> np.ndarray:
    """SGD with a chosen mistake, to recognise what a wrong answer did.

    Iterations are numbered first .. first + iterations - 1; the step halves
    after an iteration whose number is a multiple of anneal_every.
    """
    x = np.array(x0, dtype=float)
    for it in range(first, first + iterations):
        if halve_before and anneal_every and it % anneal_every == 0:
            step *= 0.5
        new = x + sign * step * _gradient(f, x)
        post_x = _post(post, new)
        x = post_x if use_post else new
        if not halve_before and anneal_every and it % anneal_every == 0:
            step *= 0.5
    return x


def _alternatives(f: dict, x0: np.ndarray, step: float, iterations: int, post: dict | None) -> dict:
    alts = {
        message("sgd.uphill"): simulate(f, x0, step, iterations, post, sign=1.0),
        message("sgd.never_halves"): simulate(f, x0, step, iterations, post, anneal_every=None),
        message("sgd.counter_zero"): simulate(f, x0, step, iterations, post, first=0),
        message("sgd.counter_zero_before"): simulate(
            f, x0, step, iterations, post, first=0, halve_before=True
        ),
        message("sgd.too_few"): simulate(f, x0, step, iterations - 1, post),
        message("sgd.too_many"): simulate(f, x0, step, iterations + 1, post),
    }
    if post is not None:
        alts[message("sgd.post_unused")] = simulate(f, x0, step, iterations, post, use_post=False)
    return alts


def _sgd_case(s: Setup, f: dict, x0: np.ndarray, step: float, iterations: int, post: dict | None) -> int:
    post_arg = None if post is None else callback("postprocess", **post)
    return s.call(callback("sgd", **f), x0, step, iterations, post_arg, False, NEVER_PRINT, seed=17)


def _judge(r: Results, cases: list) -> None:
    for i, (f, x0, step, iterations, post) in cases:
        value = r.value(i)
        if r.hidden:
            what = message("sgd.hidden_case")
        else:
            key = "sgd.final_x" if post is None else "sgd.final_x_post"
            what = message(key, iterations=iterations, x0=x0.tolist(), step=step)
        observed = r.outcome(i).observations
        if post is not None and len(observed) >= 2 and observed[1].get("calls") == 0:
            raise CheckFailed(message("sgd.post_never_called", what=what))
        compare_array(
            value,
            r.expected(i),
            what=what,
            hidden=r.hidden,
            alternatives=_alternatives(f, x0, step, iterations, post),
        )


@check(F, "plain steps on a quadratic", 1.0)
def _(s: Setup):
    f = {"kind": "quadratic", "a": [1.0, 2.0, 0.5], "t": [1.0, -1.0, 2.0]}
    x0 = np.array([0.0, 0.5, -1.0])
    cases = [(_sgd_case(s, f, x0, 0.1, 25, None), (f, x0, 0.1, 25, None))]
    return lambda r: _judge(r, cases)


@check(F, "the result of postprocessing is used", 1.0)
def _(s: Setup):
    f = {"kind": "linear", "g": [1.0, -2.0]}
    x0 = np.array([0.5, 0.5])
    cases = []
    for post in ({"kind": "shrink", "factor": 0.9}, {"kind": "clip", "bound": 0.8}):
        cases.append((_sgd_case(s, f, x0, 0.1, 12, post), (f, x0, 0.1, 12, post)))
    return lambda r: _judge(r, cases)


@check(F, "the step halves after every 20,000 iterations", 1.5)
def _(s: Setup):
    f = {"kind": "linear", "g": [1.0, -0.5]}
    x0 = np.array([0.0, 0.0])
    cases = [(_sgd_case(s, f, x0, 0.001, 40_004, None), (f, x0, 0.001, 40_004, None))]
    return lambda r: _judge(r, cases)


@check(F, "random start points, steps and postprocessing", 0.5, hidden=True)
def _(s: Setup):
    rng = np.random.default_rng(hidden_seed(11))
    cases = []
    for shape, post in (((2, 3), {"kind": "clip", "bound": 1.5}), ((4,), None)):
        f = {
            "kind": "quadratic",
            "a": rng.uniform(0.5, 2.0, size=shape).tolist(),
            "t": rng.normal(size=shape).tolist(),
        }
        x0 = rng.normal(size=shape)
        step = float(rng.uniform(0.05, 0.3))
        cases.append((_sgd_case(s, f, x0, step, 30, post), (f, x0, step, 30, post)))
    return lambda r: _judge(r, cases)
