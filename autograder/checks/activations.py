"""Checks of softmax, sigmoid and sigmoid_grad (questions 1 and 2)."""

from __future__ import annotations

import numpy as np

from autograder.checks.base import Results, Setup, check, hidden_seed
from autograder.checks.helpers import function_of, no_warnings, unchanged
from autograder.feedback.compare import compare_array
from autograder.feedback.messages import message


def _softmax_alternatives(x: np.ndarray) -> dict[str, np.ndarray]:
    """Softmax computed over the wrong axes: the usual 2-D mistakes."""
    if x.ndim != 2:
        return {}
    shifted = np.exp(x - x.max())
    out = {message("act.softmax_whole_matrix"): shifted / shifted.sum()}
    cols = np.exp(x - x.max(axis=0))
    out[message("act.softmax_columns")] = cols / cols.sum(axis=0)
    return out


def _softmax_cases(s: Setup, xs: list[np.ndarray]) -> list[int]:
    return [s.call(x, record_args=True) for x in xs]


def _softmax_judge(r: Results, xs: list[np.ndarray], calls: list[int], warn: bool = False) -> None:
    for i, x in zip(calls, xs, strict=False):
        what = function_of("softmax", x, r.hidden)
        compare_array(
            r.value(i), r.expected(i), what=what, hidden=r.hidden, alternatives=_softmax_alternatives(x)
        )
        if warn:
            no_warnings(r, i, what)


@check("softmax", "a single vector", 0.5)
def _(s: Setup):
    xs = [np.array([1.0, 2.0]), np.array([0.0, 0.0, 0.0]), np.array([3.0, 1.0, -2.0, 0.5])]
    calls = _softmax_cases(s, xs)
    return lambda r: _softmax_judge(r, xs, calls)


@check("softmax", "rows of a matrix", 1.0)
def _(s: Setup):
    rng = np.random.default_rng(1)
    xs = [
        np.array([[1.0, 2.0], [3.0, 4.0]]),
        np.array([[1.0, 2.0, 3.0], [1.0, 0.0, 0.0]]),
        rng.normal(size=(3, 5)),
        rng.normal(size=(1, 4)),
        rng.normal(size=(4, 1)),
    ]
    calls = _softmax_cases(s, xs)
    return lambda r: _softmax_judge(r, xs, calls)


@check("softmax", "large inputs do not overflow", 1.0)
def _(s: Setup):
    xs = [
        np.array([1001.0, 1002.0]),
        np.array([-1001.0, -1002.0]),
        np.array([[1001.0, 1002.0], [3.0, 4.0]]),
        np.array([1e4, -1e4, 0.0]),
    ]
    calls = _softmax_cases(s, xs)
    return lambda r: _softmax_judge(r, xs, calls, warn=True)


@check("softmax", "the input is not modified", 0.5)
def _(s: Setup):
    xs = [np.array([3.0, 1.0, 2.0]), np.array([[1.0, 5.0], [2.0, -1.0]])]
    calls = _softmax_cases(s, xs)

    def judge(r: Results) -> None:
        # The property pays only with the right output (NaN, None or a string earn nothing).
        _softmax_judge(r, xs, calls)
        for i, x in zip(calls, xs, strict=False):
            unchanged(r, i, 0, x, function_of("softmax", x, r.hidden))

    return judge


@check("softmax", "random vectors and matrices", 2.0, hidden=True)
def _(s: Setup):
    rng = np.random.default_rng(hidden_seed(1))
    xs = [
        rng.normal(size=7) * 3,
        rng.normal(size=(6, 9)),
        rng.normal(size=(1, 12)) * 50,
        rng.normal(size=(20, 3)) * 300,
        rng.normal(size=(5, 5)),
    ]
    calls = _softmax_cases(s, xs)

    def judge(r: Results) -> None:
        _softmax_judge(r, xs, calls, warn=True)
        for i, x in zip(calls, xs, strict=False):
            unchanged(r, i, 0, x, message("act.softmax_hidden_input"))

    return judge


# --- sigmoid ----------------------------------------------------------------


def _value_checks(s: Setup, xs: list) -> list[int]:
    return [s.call(x) for x in xs]


def _sigmoid_judge(r: Results, xs: list, calls: list[int], warn: bool = False, name: str = "sigmoid") -> None:
    for i, x in zip(calls, xs, strict=False):
        what = function_of(name, np.asarray(x), r.hidden)
        alternatives = {}
        if name == "sigmoid_grad":
            sx = 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))
            alternatives[message("act.sigmoid_grad_of_s")] = sx * (1 - sx)
            alternatives[message("act.sigmoid_grad_plus")] = np.asarray(x) * (1 + np.asarray(x))
        compare_array(r.value(i), r.expected(i), what=what, hidden=r.hidden, alternatives=alternatives)
        if warn:
            no_warnings(r, i, what)


@check("sigmoid", "known values", 0.5)
def _(s: Setup):
    xs = [np.array([0.0, 1.0, -1.0, 2.0, -3.0])]
    calls = _value_checks(s, xs)
    return lambda r: _sigmoid_judge(r, xs, calls)


@check("sigmoid", "scalars, 0-d, 1-D and 2-D inputs keep their shape", 0.5)
def _(s: Setup):
    xs = [0.5, np.array(-1.5), np.array([0.25, -0.75, 3.0]), np.array([[1.0, -2.0, 0.0], [4.0, -0.5, 2.0]])]
    calls = _value_checks(s, xs)
    return lambda r: _sigmoid_judge(r, xs, calls)


@check("sigmoid", "large inputs (|x| up to 10,000): no NaN, no overflow warning", 0.5)
def _(s: Setup):
    xs = [np.array([-1e4, -800.0, -50.0, 0.0, 50.0, 800.0, 1e4]), np.array([[1e4, -1e4], [-710.0, 710.0]])]
    calls = _value_checks(s, xs)
    return lambda r: _sigmoid_judge(r, xs, calls, warn=True)


@check("sigmoid", "random arrays of several shapes", 0.5, hidden=True)
def _(s: Setup):
    rng = np.random.default_rng(hidden_seed(2))
    xs = [
        rng.normal(size=9) * 4,
        rng.normal(size=(4, 6)) * 20,
        np.array(rng.normal() * 900),
        rng.normal(size=(2, 3, 2)),
    ]
    calls = _value_checks(s, xs)
    return lambda r: _sigmoid_judge(r, xs, calls, warn=True)


# --- sigmoid_grad -------------------------------------------------------------


@check("sigmoid_grad", "known values of s", 0.5)
def _(s: Setup):
    xs = [np.array([0.5, 0.2, 0.9, 0.0, 1.0])]
    calls = _value_checks(s, xs)
    return lambda r: _sigmoid_judge(r, xs, calls, name="sigmoid_grad")


@check("sigmoid_grad", "written through s = sigmoid(x), on a matrix", 0.5)
def _(s: Setup):
    x = np.array([[-2.0, 0.0, 1.0], [3.0, -0.5, 0.7]])
    xs = [1.0 / (1.0 + np.exp(-x))]
    calls = _value_checks(s, xs)
    return lambda r: _sigmoid_judge(r, xs, calls, name="sigmoid_grad")


@check("sigmoid_grad", "scalars and 0-d inputs keep their shape", 0.5)
def _(s: Setup):
    xs = [0.3, np.array(0.75)]
    calls = _value_checks(s, xs)
    return lambda r: _sigmoid_judge(r, xs, calls, name="sigmoid_grad")


@check("sigmoid_grad", "random values of s", 0.5, hidden=True)
def _(s: Setup):
    rng = np.random.default_rng(hidden_seed(3))
    xs = [rng.uniform(size=8), rng.uniform(size=(5, 4)), np.array(rng.uniform())]
    calls = _value_checks(s, xs)
    return lambda r: _sigmoid_judge(r, xs, calls, name="sigmoid_grad")
