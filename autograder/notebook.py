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

from collections.abc import Callable

from autograder.checks import DEPENDENCIES, checks_for, max_points
from autograder.checks.engine import CheckResult, reference_functions, run_checks
from autograder.runtime.execute import run_call
from autograder.runtime.names import GRADED, canonical

__all__ = ["check", "points", "in_process_evaluator"]


def _graded_name(function_name: str) -> str:
    name = canonical(function_name) if function_name not in GRADED else function_name
    if name is None or name not in GRADED:
        raise KeyError(f"{function_name!r} is not a graded function; graded: {', '.join(GRADED)}")
    return name


def in_process_evaluator(student_function: Callable) -> Callable[[str, list[dict]], list[dict]]:
    """Evaluate calls by calling student_function here, with reference dependencies injected."""

    def evaluate(function: str, calls: list[dict]) -> list[dict]:
        refs = reference_functions()
        deps = {name: refs[name] for name in DEPENDENCIES.get(function, ())}
        outcomes = []
        for call in calls:
            outcome = run_call(student_function, call, deps)
            outcomes.append(outcome)
            if outcome["status"] == "not_implemented":
                # The remaining calls would fail the same way.
                outcomes.extend([outcome] * (len(calls) - len(outcomes)))
                break
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
    results = run_checks(function, in_process_evaluator(student_function), hidden=hidden)
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
    print(f"{function}: {earned:g} / {sum(r.points for r in results):g} points"
          + (" (hidden tests)" if hidden else ""))
    return earned
