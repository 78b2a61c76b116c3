"""Grade one submission end to end: parse, evaluate in the sandbox, judge, report."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from autograder.checks import BONUS, QUESTIONS, checks_for, total_points
from autograder.checks.engine import CheckResult, run_checks
from autograder.runtime.names import ALIASES, GRADED
from autograder.sandbox.runner import ISOLATION_TEXT, ChildEvaluator
from autograder.submission.loader import load_submission

REFERENCE_PATH = Path(__file__).resolve().parent.parent / "solutions"


@dataclass
class Report:
    """Everything the grader found about one submission."""

    path: str
    results: list[CheckResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    isolation: str = ""
    seconds: float = 0.0

    @property
    def score(self) -> float:
        return float(sum(r.score for r in self.results))

    @property
    def max_score(self) -> float:
        return total_points()

    def by_function(self) -> dict[str, tuple[float, float]]:
        table: dict[str, tuple[float, float]] = {}
        for r in self.results:
            got, out_of = table.get(r.function, (0.0, 0.0))
            table[r.function] = (got + r.score, out_of + r.points)
        return table


def _missing_results(function: str, message: str) -> list[CheckResult]:
    return [CheckResult(function, c.name, c.points, 0.0, c.hidden, message) for c in checks_for(function)]


def grade_path(
    path: str | Path | None = None, *, time_limit: float | None = None, mode: str | None = None
) -> Report:
    """Grade a submission (the reference solutions when path is None). Never raises for bad code."""
    started = time.monotonic()
    path = Path(path) if path is not None else REFERENCE_PATH
    submission = load_submission(path)
    report = Report(path=str(path), problems=list(submission.problems), notes=list(submission.notes))
    kwargs = {"mode": mode}
    if time_limit is not None:
        kwargs["time_limit"] = time_limit
    with ChildEvaluator(submission, **kwargs) as evaluator:
        report.isolation = ISOLATION_TEXT[evaluator.mode]
        for function in GRADED:
            if function not in submission.functions:
                names = ", ".join(ALIASES[function])
                report.results.extend(
                    _missing_results(
                        function,
                        f"{function} was not found in the submission (looked for a top-level function "
                        f"named {names}). Its tests score zero; the other functions are graded normally.",
                    )
                )
                continue
            results = run_checks(function, evaluator.evaluate)
            if evaluator.found and not evaluator.found.get(function, True):
                results = _missing_results(
                    function,
                    f"{function} is written in the submission but could not be loaded (see the notes "
                    "above: an import or a definition failed). Its tests score zero.",
                )
            report.results.extend(results)
        report.notes.extend(n for n in evaluator.notes if n not in report.notes)
        if evaluator.load_failure:
            report.problems.append(f"The submission could not be loaded: {evaluator.load_failure}.")
    report.seconds = time.monotonic() - started
    return report


__all__ = ["Report", "grade_path", "QUESTIONS", "BONUS"]
