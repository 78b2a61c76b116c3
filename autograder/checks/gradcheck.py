"""Checks of gradcheck_naive (question 2): right and wrong gradients of known functions.

The functions handed to the student's checker are evaluated by the grader
(`grader_function`): inside the sandbox each one is the same opaque stub, so
a checker cannot learn from the function itself whether its gradient is
right; and every call looks alike (same seed, x recorded every time).
"""

from __future__ import annotations

import numpy as np

from autograder.checks.base import Results, Setup, check, grader_function, hidden_seed
from autograder.checks.helpers import shown, unchanged
from autograder.feedback.compare import CheckFailed, describe_value
from autograder.feedback.messages import message

F = "gradcheck_naive"
FORMULAS = {
    "quadratic": "f(x) = sum(x**2)",
    "curved": "f(x) = sum(sin(x) + exp(x/2))",
    "large": "f(x) = 1e6 * sum(sin(x))",
}


def describe(kind: str) -> str:
    """The function handed to the checker, as the message names it."""
    return FORMULAS[kind] if kind in FORMULAS else message("gradcheck.random_cost")


def verdict(r: Results, i: int) -> bool:
    """What the checker answered; the 2017 starter's print-only style is read from its output."""
    value = r.value(i)
    if isinstance(value, bool):
        return value
    if value is None:
        printed = r.outcome(i).stdout.lower()
        if "passed" in printed:
            return True
        if "fail" in printed:
            return False
    raise CheckFailed(message("gradcheck.true_or_false", function=F, got=describe_value(value, r.hidden)))


def _case(s: Setup, x: np.ndarray, **params) -> int:
    return s.call(grader_function("gradcheck", **params), x, record_args=True, seed=7)


BASELINE_X = np.array([0.7, -1.3, 0.2])


def _baseline(s: Setup) -> int:
    """A correct gradient at an ordinary point: tells a broken checker from a specific mistake."""
    return _case(s, BASELINE_X, kind="quadratic")


def _control(s: Setup, x: np.ndarray) -> tuple[int, np.ndarray, dict, bool]:
    """A plainly wrong gradient: a checker that answers True to everything earns nothing."""
    params = {"kind": "quadratic", "wrong_factor": 3.0}
    return (_case(s, x, **params), x, params, False)


def _expect(r: Results, cases: list[tuple[int, np.ndarray, dict, bool]], baseline: int | None = None) -> None:
    for i, x, params, right in cases:
        answer = verdict(r, i)
        if answer == right:
            continue
        function = describe(params.get("kind", "quadratic"))
        where = "" if r.hidden else message("gradcheck.at_x", x=shown(x, False))
        if right:
            hint = ""
            if baseline is None or not verdict(r, baseline):
                hint = message("gradcheck.hint_centred")
            elif params.get("kind") == "large":
                hint = message("gradcheck.hint_relative")
            elif x.ndim == 0:
                hint = message("gradcheck.hint_0d")
            raise CheckFailed(
                message("gradcheck.rejected_right", function=F, cost=function, where=where, hint=hint)
            )
        if "wrong_index" in params:
            hint = message("gradcheck.hint_one_coordinate")
            raise CheckFailed(
                message("gradcheck.accepted_wrong_one", function=F, cost=function, where=where, hint=hint)
            )
        raise CheckFailed(
            message("gradcheck.accepted_wrong_all", function=F, cost=function, where=where, hint="")
        )


@check(F, "accepts a correct gradient", 0.5)
def _(s: Setup):
    xs = [np.array([1.0, -2.0, 0.5]), np.array([[0.3, -0.7, 1.1], [2.0, 0.0, -1.4]])]
    cases = [(_case(s, x, kind="quadratic"), x, {"kind": "quadratic"}, True) for x in xs]
    cases.append(_control(s, xs[1]))
    return lambda r: _expect(r, cases)


@check(F, "rejects a wrong gradient", 0.5)
def _(s: Setup):
    x = np.array([[0.3, -0.7, 1.1], [2.0, 0.5, -1.4]])
    cases = []
    for params in (
        {"kind": "quadratic", "wrong_factor": 1.1},
        {"kind": "quadratic", "wrong_index": 5, "wrong_delta": 0.5},
    ):
        cases.append((_case(s, x, **params), x, params, False))
    base = _baseline(s)

    def judge(r: Results) -> None:
        # A checker that says "wrong" to everything must not earn this test.
        _expect(r, cases + [(base, BASELINE_X, {"kind": "quadratic"}, True)], base)

    return judge


@check(F, "curved functions", 0.5)
def _(s: Setup):
    x = np.array([0.4, -1.2, 2.5, 0.1])
    cases = []
    for params, right in (
        ({"kind": "curved"}, True),
        ({"kind": "curved", "wrong_index": 2, "wrong_delta": 0.01}, False),
    ):
        cases.append((_case(s, x, **params), x, params, right))
    base = _baseline(s)
    return lambda r: _expect(r, cases, base)


@check(F, "large-magnitude functions", 0.5)
def _(s: Setup):
    x = np.array([0.3, -1.0, 2.0, 0.7])
    cases = []
    for params, right in (
        ({"kind": "large", "scale": 1e6}, True),
        ({"kind": "large", "scale": 1e6, "wrong_factor": 1.001}, False),
    ):
        cases.append((_case(s, x, **params), x, params, right))
    base = _baseline(s)
    return lambda r: _expect(r, cases, base)


@check(F, "0-d input", 0.5)
def _(s: Setup):
    x = np.array(1.3)
    cases = []
    for params, right in (({"kind": "quadratic"}, True), ({"kind": "quadratic", "wrong_factor": 2.0}, False)):
        cases.append((_case(s, x, **params), x, params, right))
    base = _baseline(s)
    return lambda r: _expect(r, cases, base)


@check(F, "a cost with built-in randomness (both RNGs reset before every call)", 0.5)
def _(s: Setup):
    x = np.array([0.5, -1.5, 1.0])
    both = _case(s, x, kind="random", sources=["python", "numpy"])
    python_only = _case(s, x, kind="random", sources=["python"])
    numpy_only = _case(s, x, kind="random", sources=["numpy"])
    base = _baseline(s)
    control = _control(s, x)

    def judge(r: Results) -> None:
        if verdict(r, both):
            _expect(r, [control])  # a checker that answers True to everything earns nothing
            return
        if not verdict(r, base):
            raise CheckFailed(
                message(
                    "gradcheck.rejected_right",
                    function=F,
                    cost=describe("random"),
                    where="",
                    hint=message("gradcheck.hint_centred"),
                )
            )
        missing = []
        if not verdict(r, python_only):
            missing.append(message("gradcheck.python_random"))
        if not verdict(r, numpy_only):
            missing.append(message("gradcheck.numpy_random"))
        detail = message("gradcheck.and").join(missing) if missing else message("gradcheck.random_state")
        raise CheckFailed(message("gradcheck.not_reset", function=F, cost=describe("random"), detail=detail))

    return judge


@check(F, "leaves x as it found it", 0.5)
def _(s: Setup):
    x = np.array([[1.5, -0.5], [0.25, 2.0]])
    i = _case(s, x, kind="quadratic")
    control = _control(s, x.copy())

    def judge(r: Results) -> None:
        # Only right answers earn the property: True for the right gradient, False for the wrong one.
        _expect(r, [(i, x, {"kind": "quadratic"}, True), control])
        unchanged(r, i, 1, x, f"{F}(f, x)")

    return judge


@check(F, "finds a wrong gradient in any coordinate, at the right tolerance", 0.5, hidden=True)
def _(s: Setup):
    rng = np.random.default_rng(hidden_seed(4))
    x = rng.normal(size=(3, 4)) + 2.0
    y = rng.normal(size=(2, 2, 2))
    cases: list[tuple[int, np.ndarray, dict, bool]] = [
        (
            _case(s, x, kind="quadratic", wrong_index=11, wrong_delta=0.05),
            x,
            {"kind": "quadratic", "wrong_index": 11},
            False,
        ),
        (
            _case(s, y, kind="curved", wrong_index=0, wrong_delta=0.002),
            y,
            {"kind": "curved", "wrong_index": 0},
            False,
        ),
        (
            _case(s, x, kind="quadratic", wrong_index=6, wrong_delta=0.003),
            x,
            {"kind": "quadratic", "wrong_index": 6},
            False,
        ),
        (_case(s, y, kind="curved"), y, {"kind": "curved"}, True),
    ]
    base = _baseline(s)
    return lambda r: _expect(r, cases, base)
