"""The notebook API: run the grader's checks on a function defined in the notebook.

    from autograder.notebook import check, points, set_language
    set_language("zh")                       # feedback in Chinese (the Chinese notebooks; default "en")
    check("softmax", softmax)                # visible checks; returns the points earned
    check("softmax", softmax, hidden=True)   # the hidden checks (nbgrader test cells)

The checks are the command line's; only the evaluation differs: here the
student's function runs in the current process (the notebook kernel).

Two modes, chosen by what is installed:

- **The full repository** (a self-learner, an instructor): the expected values
  come from the reference solutions, computed here, and the function's graded
  dependencies are temporarily replaced by the reference versions in its module
  namespace, so one bug costs points in one place. Hidden checks are available.
- **The student kit** (`python -m notebooks.kit build`): this package then ships
  `kit_expected.json`, the reference's outcomes of every visible check recorded
  at build time; there is no reference code and there are no hidden checks. The
  function runs with the student's own dependencies (their `softmax`, their
  losses, ...) and a failed check says so.

Everything is printed to stdout (nbgrader gives 0 to a test cell that writes
to stderr).
"""

from __future__ import annotations

import hashlib
import json
import random
import signal
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from autograder.checks import DEPENDENCIES, checks_for, max_points
from autograder.checks.base import Outcome, Results
from autograder.checks.engine import CheckResult, build_calls, reference_functions, round_trip, run_checks
from autograder.feedback.compare import CheckFailed
from autograder.feedback.messages import check_title, current_language, message, set_language
from autograder.runtime import protocol
from autograder.runtime.execute import run_call
from autograder.runtime.names import GRADED, aliases_of, canonical

__all__ = [
    "KIT_DATA",
    "check",
    "check_line",
    "check_results",
    "in_kit",
    "in_process_evaluator",
    "points",
    "record_visible_outcomes",
    "set_language",
    "current_language",
]

# Present only in the student kit (written by notebooks/kit.py, never in the repository).
KIT_DATA = Path(__file__).resolve().parent / "kit_expected.json"
KIT_FORMAT = 1
KIT_NOTE_START = "\n     (In the student kit, "  # how the English kit note ("notebook.kit_note") starts


def _graded_name(function_name: str) -> str:
    name = canonical(function_name) if function_name not in GRADED else function_name
    if name is None or name not in GRADED:
        raise KeyError(message("notebook.not_graded", name=function_name, graded=", ".join(GRADED)))
    return name


NOTEBOOK_TIME_LIMIT = 60.0  # seconds per graded function, below nbgrader's usual cell timeouts


class GraderTimeout(BaseException):
    """Raised inside the student's function when its time is up (a BaseException: `except
    Exception` in student code does not swallow it)."""


def _alarm(_signum: int, _frame: object) -> None:
    raise GraderTimeout


def in_process_evaluator(
    student_function: Callable,
    time_limit: float = NOTEBOOK_TIME_LIMIT,
    deps: dict[str, Callable] | None = None,
) -> Callable[[str, list[dict]], list[dict]]:
    """Evaluate calls by calling student_function here, with dependencies injected.

    deps: the graded functions student_function calls, by contract name; None means the
    reference versions (the full repository).

    In the main thread a timer stops a function that runs longer than time_limit seconds for
    all its cases, so that a hang costs this function's tests with a clear message.
    """

    def evaluate(function: str, calls: list[dict]) -> list[dict]:
        if deps is None:
            refs = reference_functions()
            injected = {name: refs[name] for name in DEPENDENCIES.get(function, ())}
        else:
            injected = deps
        outcomes: list[dict] = []
        use_timer = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
        previous = signal.signal(signal.SIGALRM, _alarm) if use_timer else None
        if use_timer:
            signal.setitimer(signal.ITIMER_REAL, time_limit)
        try:
            for call in calls:
                outcome = run_call(student_function, call, injected)
                if outcome.get("error_type") == "GraderTimeout":
                    limit = message("limit.time", seconds=f"{time_limit:g}")
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


# --- the student kit: recorded expected outcomes instead of the reference ----------------------


class KitDataError(RuntimeError):
    """The kit's recorded outcomes are missing or do not fit these checks."""


def in_kit() -> bool:
    """True when this package is the student kit (recorded outcomes, no reference)."""
    return KIT_DATA.exists()


@lru_cache(maxsize=1)
def _kit_data() -> dict:
    data = json.loads(KIT_DATA.read_text(encoding="utf-8"))
    if data.get("format") != KIT_FORMAT:
        raise KitDataError(f"{KIT_DATA.name} has format {data.get('format')!r}; expected {KIT_FORMAT}")
    return data


def _rng_fingerprint() -> str:
    """The state of Python's and NumPy's global generators (a reference call may draw from them)."""
    legacy = np.random.get_state(legacy=True)
    assert isinstance(legacy, tuple)  # legacy=True: always the MT19937 state tuple
    state = repr((random.getstate(), legacy[0], legacy[1].tobytes(), *legacy[2:]))
    return hashlib.sha256(state.encode()).hexdigest()[:16]


def _judge_call_key(name: str, args: tuple, kwargs: dict) -> str:
    encoded = [protocol.encode(a) for a in args], {k: protocol.encode(v) for k, v in kwargs.items()}
    return protocol.dumps([name, encoded, _rng_fingerprint()])


def _recording_references(log: dict[str, Any]) -> Callable[[], dict]:
    """reference_functions() whose functions also log their results (calls made by the judges)."""
    real = reference_functions()

    def wrap(name: str, fn: Callable) -> Callable:
        def recorded(*args: Any, **kwargs: Any) -> Any:
            key = _judge_call_key(name, args, kwargs)
            value = fn(*args, **kwargs)
            log[key] = protocol.encode(value)
            return value

        return recorded

    return lambda: {name: wrap(name, fn) for name, fn in real.items()}


def _replaying_references() -> dict:
    """The kit's reference_functions(): each returns what the reference returned at build time."""
    recorded = _kit_data()["judge_calls"]

    def replay(name: str) -> Callable:
        def replayed(*args: Any, **kwargs: Any) -> Any:
            key = _judge_call_key(name, args, kwargs)
            if key not in recorded:
                raise KitDataError(message("kit.no_reference", function=name))
            return protocol.decode(recorded[key])

        return replayed

    return {name: replay(name) for name in (*GRADED, "get_negative_samples")}


def _own_dependencies(function: str, student_function: Callable) -> dict[str, Callable]:
    """The student's own versions of the graded functions `function` calls (from its namespace).

    A dependency the namespace lacks becomes a function that raises NameError with a message:
    the student's code would fail the same way when it calls it.
    """
    namespace = getattr(student_function, "__globals__", None)
    namespace = namespace if type(namespace) is dict else {}
    deps: dict[str, Callable] = {}
    for dep in DEPENDENCIES.get(function, ()):
        found = next((namespace[a] for a in aliases_of(dep) if callable(namespace.get(a))), None)
        if found is None:

            def missing(*_args: Any, _dep: str = dep, **_kwargs: Any) -> Any:
                raise NameError(message("notebook.dependency_missing", name=_dep))

            found = missing
        deps[dep] = found
    return deps


def _run_visible(
    function: str, evaluate: Callable[[str, list[dict]], list[dict]], reference: Callable[[dict], Outcome]
) -> list[CheckResult]:
    """The visible checks of `function`, judged against `reference(call)` (recorded or computed).

    The same steps as autograder.checks.engine.run_checks; only the source of the expected
    outcomes differs.
    """
    checks = checks_for(function, hidden=False)
    built, calls = build_calls(checks)
    raw = evaluate(function, calls) if calls else []
    if len(raw) != len(calls):
        raw = list(raw)[: len(calls)] + [{"status": "bad_output"}] * (len(calls) - len(raw))
    outcomes = [o if isinstance(o, Outcome) else round_trip(o) for o in raw]
    results = []
    for c, judge, start, count in built:
        res = Results(
            function, False, calls[start : start + count], outcomes[start : start + count], reference
        )
        try:
            judge(res)
            score, output = c.points, message("result.passed")
        except CheckFailed as failed:
            score, output = 0.0, str(failed)
        except KitDataError as exc:
            score, output = 0.0, message("result.kit_unavailable", error=exc)
        except RuntimeError as exc:
            score, output = 0.0, message("result.unchecked", error=type(exc).__name__)
        except Exception as exc:  # noqa: BLE001 - odd student output must never crash the checker
            score, output = 0.0, message("result.unexpected_form", error=type(exc).__name__)
        results.append(CheckResult(function, c.name, c.points, score, False, output))
    return results


def record_visible_outcomes() -> dict:
    """Run every visible check on the reference and record the expected outcomes it needs.

    Used by the kit builder (notebooks/kit.py) in the full repository. Returns the
    JSON-ready data of `kit_expected.json`; raises AssertionError if the reference fails
    a visible check (the recorded data would then be wrong).
    """
    from autograder.checks import engine

    refs = reference_functions()
    expected: dict[str, dict[str, Any]] = {}
    judge_calls: dict[str, Any] = {}
    real_references = engine.reference_functions
    engine.reference_functions = _recording_references(judge_calls)
    try:
        for function in GRADED:
            deps = {name: refs[name] for name in DEPENDENCIES.get(function, ())}
            table: dict[str, Any] = {}

            def reference(call: dict, _fn: Callable = refs[function], _deps: dict = deps, _t: dict = table):
                raw = run_call(_fn, call, _deps, inject_deps=False)
                _t[protocol.dumps(call)] = raw
                return round_trip(raw)

            evaluate = in_process_evaluator(refs[function], deps=deps)
            results = _run_visible(function, evaluate, reference)
            failed = [f"{r.title}: {r.output}" for r in results if not r.passed]
            assert not failed, f"the reference fails its own visible checks: {failed}"
            expected[function] = table
    finally:
        engine.reference_functions = real_references
    return {"format": KIT_FORMAT, "expected": expected, "judge_calls": judge_calls}


def _kit_reference(function: str) -> Callable[[dict], Outcome]:
    table = _kit_data()["expected"].get(function, {})

    def reference(call: dict) -> Outcome:
        raw = table.get(protocol.dumps(call))
        if raw is None:
            raise KitDataError(message("kit.no_expected"))
        return round_trip(raw)

    return reference


def _kit_results(function: str, student_function: Callable) -> list[CheckResult]:
    from autograder.checks import engine

    deps = _own_dependencies(function, student_function)
    evaluate = in_process_evaluator(student_function, time_limit=NOTEBOOK_TIME_LIMIT, deps=deps)
    real_references = engine.reference_functions
    engine.reference_functions = _replaying_references  # judges that compute a variant replay it
    try:
        results = _run_visible(function, evaluate, _kit_reference(function))
    finally:
        engine.reference_functions = real_references
    graded_deps = [name for name in deps if name in GRADED]  # get_negative_samples is provided
    if graded_deps:
        separator = message("notebook.list_separator")
        note = message("notebook.kit_note", function=function, dependencies=separator.join(graded_deps))
        for r in results:
            if not r.passed:
                r.output += note
    return results


# --- the public API ----------------------------------------------------------------------------


def points(function_name: str, hidden: bool = False) -> float:
    """The points of the visible (or hidden) checks of a graded function."""
    return max_points(_graded_name(function_name), hidden)


def check_results(
    function_name: str, student_function: Callable, *, hidden: bool = False
) -> list[CheckResult]:
    """The result of every visible (or hidden) check of a graded function, without printing."""
    function = _graded_name(function_name)
    if in_kit():
        if hidden:
            raise AssertionError(message("notebook.no_hidden_in_kit"))
        return _kit_results(function, student_function)
    evaluate = in_process_evaluator(student_function, time_limit=NOTEBOOK_TIME_LIMIT)
    return run_checks(function, evaluate, hidden=hidden)


def check_line(result: CheckResult) -> str:
    """ "[1/1] softmax: rows of a matrix", the test's name in the current language."""
    colon = "：" if current_language() == "zh" else ": "
    return f"[{result.score:g}/{result.points:g}] {result.function}{colon}{check_title(result.name)}"


def check(function_name: str, student_function: Callable, *, hidden: bool = False) -> float:
    """Run the visible (or hidden) checks of a graded function on student_function.

    Prints one line per passed check, in the language of `set_language` ("en" by default, "zh"
    for the Chinese notebooks; also the environment variable CS224N_LANGUAGE). Returns the
    points earned as a float;
    raises AssertionError with the feedback when every check failed or the
    function is not implemented yet; on a partial failure prints the feedback
    (to stdout) and returns the partial score.
    """
    function = _graded_name(function_name)
    if not callable(student_function):
        raise AssertionError(
            message("notebook.not_a_function", name=function_name, type_name=type(student_function).__name__)
        )
    results = check_results(function, student_function, hidden=hidden)
    earned = float(sum(r.score for r in results))
    failed = [r for r in results if not r.passed]
    for r in results:
        if r.passed:
            print(message("notebook.ok", line=check_line(r)))
    feedback = "\n".join(message("notebook.fail", line=check_line(r), output=r.output) for r in failed)
    not_yet = message("outcome.not_implemented", function=function)
    not_implemented = any(r.output.startswith(not_yet) for r in failed)
    if failed and (not_implemented or len(failed) == len(results)):
        raise AssertionError("\n" + feedback)
    if failed:
        print(feedback)
    total = sum(r.points for r in results)
    key = "notebook.total_hidden" if hidden else "notebook.total"
    print(message(key, function=function, earned=f"{earned:g}", total=f"{total:g}"))
    return earned
