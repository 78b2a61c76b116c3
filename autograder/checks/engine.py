"""Running the checks of a function through a pluggable evaluator.

    evaluate(function_name, calls) -> raw outcomes (plain data, one per call)

The notebook's evaluator calls the student's function in the kernel; the
command line's sends the calls to a sandboxed child process. Either way the
judging below happens here, in the grader, with the reference computed here.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from autograder.checks import DEPENDENCIES, GRADED, checks_for
from autograder.checks.base import Check, Outcome, Results, Setup
from autograder.feedback.compare import CheckFailed
from autograder.feedback.messages import message
from autograder.runtime import protocol
from autograder.runtime.execute import run_call

Evaluate = Callable[[str, list[dict]], Sequence[Mapping[str, Any]]]
# Functions whose calls go out in a fresh random order at every grading: a gradient checker's
# answers are True or False, and a fixed order would let it answer by counting its calls.
SHUFFLED = frozenset({"gradcheck_naive"})
_REFERENCE_CACHE: dict[tuple[str, str], Outcome] = {}


@dataclass
class CheckResult:
    function: str
    name: str
    points: float
    score: float
    hidden: bool
    output: str

    @property
    def title(self) -> str:
        return f"{self.function}: {self.name}"

    @property
    def passed(self) -> bool:
        return self.score >= self.points


def build_calls(checks: list) -> tuple[list[tuple], list[dict]]:
    """Every check's calls in one list, and per check (check, judge, first call, call count)."""
    built = []
    calls: list[dict] = []
    for c in checks:
        setup = Setup()
        judge = c.build(setup)
        built.append((c, judge, len(calls), len(setup.calls)))
        calls.extend(setup.calls)
    return built, calls


def reference_functions() -> dict:
    """The reference implementations (imported only in the grader's own process)."""
    import solutions
    from solutions.word2vec import get_negative_samples

    table = {name: getattr(solutions, name) for name in GRADED}
    table["get_negative_samples"] = get_negative_samples
    return table


def round_trip(raw: dict) -> Outcome:
    """Plain data -> JSON text -> validated outcome (the same path as the child's answers)."""
    try:
        return Outcome.from_raw(protocol.loads(protocol.dumps(raw)))
    except (ValueError, TypeError) as exc:
        return Outcome(status="bad_output", message=str(exc)[:200])


def run_checks(
    function: str, evaluate: Evaluate, *, hidden: bool | None = None, checks: list[Check] | None = None
) -> list[CheckResult]:
    """Build the calls of every check, evaluate them in one batch, and judge each check."""
    checks = checks if checks is not None else checks_for(function, hidden)
    refs = reference_functions()
    ref_fn = refs[function]
    deps = {name: refs[name] for name in DEPENDENCIES.get(function, ())}

    def run_reference(call: dict) -> Outcome:
        # The same call always gives the same reference outcome (seeded): grading a class
        # computes each expected value once per process.
        key = (function, protocol.dumps(call))
        if key not in _REFERENCE_CACHE:
            if len(_REFERENCE_CACHE) > 20_000:
                _REFERENCE_CACHE.clear()
            _REFERENCE_CACHE[key] = round_trip(run_call(ref_fn, call, deps, inject_deps=False))
        return copy.deepcopy(_REFERENCE_CACHE[key])

    built, calls = build_calls(checks)
    order = list(range(len(calls)))
    if function in SHUFFLED:
        random.SystemRandom().shuffle(order)
    sent = evaluate(function, [calls[k] for k in order]) if calls else []
    if len(sent) != len(calls):
        sent = list(sent)[: len(calls)] + [{"status": "bad_output"}] * (len(calls) - len(sent))
    raw: list = [None] * len(calls)
    for position, k in enumerate(order):
        raw[k] = sent[position]
    outcomes = [o if isinstance(o, Outcome) else round_trip(o) for o in raw]

    results = []
    for c, judge, start, count in built:
        res = Results(
            function, c.hidden, calls[start : start + count], outcomes[start : start + count], run_reference
        )
        try:
            judge(res)
            score, output = c.points, message("result.passed")
        except CheckFailed as failed:
            score, output = 0.0, str(failed)
        except RuntimeError as exc:
            if "the reference failed" in str(exc):
                raise
            score, output = 0.0, message("result.unchecked", error=type(exc).__name__)
        except Exception as exc:  # noqa: BLE001 - odd student output must never crash the grader
            score, output = 0.0, message("result.unexpected_form", error=type(exc).__name__)
        results.append(CheckResult(function, c.name, c.points, score, c.hidden, output))
    return results
