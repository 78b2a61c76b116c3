"""The notebook API: run the grader's checks on a function defined in the notebook.

    from autograder.notebook import check, points
    check("softmax", softmax)                # visible checks; returns the points earned
    check("softmax", softmax, hidden=True)   # the hidden checks (nbgrader test cells)

The checks are the command line's; only the evaluation differs: here the
student's function runs in the current process (the notebook kernel, where
nbgrader already runs the student's code), with its graded dependencies
temporarily replaced by the reference versions in its module namespace.
Everything is printed to stdout (nbgrader gives 0 to a test cell that
writes to stderr).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable

from autograder.checks import DEPENDENCIES, max_points
from autograder.checks.engine import CheckResult, reference_functions, run_checks
from autograder.runtime.execute import run_call
from autograder.runtime.names import GRADED, canonical

__all__ = ["check", "points", "in_process_evaluator"]


def _graded_name(function_name: str) -> str:
    name = canonical(function_name) if function_name not in GRADED else function_name
    if name is None or name not in GRADED:
        raise KeyError(f"{function_name!r} is not a graded function; graded: {', '.join(GRADED)}")
    return name


NOTEBOOK_TIME_LIMIT = 60.0  # seconds per graded function, below nbgrader's usual cell timeouts


class GraderTimeout(BaseException):
    """Raised inside the student's function when its time is up (a BaseException: `except
    Exception` in student code does not swallow it)."""


def _alarm(_signum: int, _frame: object) -> None:
    raise GraderTimeout


def in_process_evaluator(
    student_function: Callable, time_limit: float = NOTEBOOK_TIME_LIMIT
) -> Callable[[str, list[dict]], list[dict]]:
    """Evaluate calls by calling student_function here, with reference dependencies injected.

    In the main thread a timer stops a function that runs longer than time_limit seconds for
    all its cases, so that a hang costs this function's tests with a clear message.
    """

    def evaluate(function: str, calls: list[dict]) -> list[dict]:
        refs = reference_functions()
        deps = {name: refs[name] for name in DEPENDENCIES.get(function, ())}
        outcomes: list[dict] = []
        use_timer = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
        previous = signal.signal(signal.SIGALRM, _alarm) if use_timer else None
        if use_timer:
            signal.setitimer(signal.ITIMER_REAL, time_limit)
        try:
            for call in calls:
                outcome = run_call(student_function, call, deps)
                if outcome.get("error_type") == "GraderTimeout":
                    limit = f"(limit: {time_limit:g} s for all its test cases)"
                    outcome = {"status": "timeout", "message": limit}
                outcomes.append(outcome)
                if outcome["status"] in ("not_implemented", "timeout"):
                    # The remaining calls would fail the same way (or were not run).
                    rest = outcome if outcome["status"] == "not_implemented" else {"status": "skipped"}
                    outcomes.extend([rest] * (len(calls) - len(outcomes)))
                    break
        finally:
            if use_timer:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
        return outcomes

    return evaluate


def points(function_name: str, hidden: bool = False) -> float:
    """The points of the visible (or hidden) checks of a graded function."""
    return max_points(_graded_name(function_name), hidden)


def _line(result: CheckResult) -> str:
    return f"[{result.score:g}/{result.points:g}] {result.title}"


def check(function_name: str, student_function: Callable, *, hidden: bool = False) -> float:
    """Run the visible (or hidden) checks of a graded function on student_function.

    Prints one line per passed check. Returns the points earned as a float;
    raises AssertionError with the feedback when every check failed or the
    function is not implemented yet; on a partial failure prints the feedback
    (to stdout) and returns the partial score.
    """
    function = _graded_name(function_name)
    if not callable(student_function):
        raise AssertionError(f"{function_name} must be a function; got {type(student_function).__name__}.")
    evaluate = in_process_evaluator(student_function, time_limit=NOTEBOOK_TIME_LIMIT)
    results = run_checks(function, evaluate, hidden=hidden)
    earned = float(sum(r.score for r in results))
    failed = [r for r in results if not r.passed]
    for r in results:
        if r.passed:
            print(f"ok   {_line(r)}")
    feedback = "\n".join(f"FAIL {_line(r)}\n     {r.output}" for r in failed)
    not_implemented = any("not implemented yet" in r.output for r in failed)
    if failed and (not_implemented or len(failed) == len(results)):
        raise AssertionError("\n" + feedback)
    if failed:
        print(feedback)
    print(
        f"{function}: {earned:g} / {sum(r.points for r in results):g} points"
        + (" (hidden tests)" if hidden else "")
    )
    return earned
