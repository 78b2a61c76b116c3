"""Grade one submission end to end: parse, evaluate in the sandbox, judge, report."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from autograder.checks import BONUS, DEPENDENCIES, QUESTIONS, checks_for, total_points
from autograder.checks.engine import CheckResult, reference_functions, run_checks
from autograder.runtime.names import GRADED
from autograder.sandbox.runner import ChildEvaluator
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
    path: str | Path | None = None,
    *,
    time_limit: float | None = None,
    mode: str | None = None,
    require_sandbox: bool | None = None,
) -> Report:
    """Grade a submission (the reference solutions when path is None). Never raises for bad code.

    Raises:
        SandboxUnavailable: the isolation asked for (a forced bubblewrap, or a real sandbox with
            `require_sandbox` / AUTOGRADER_REQUIRE_SANDBOX=1) is not possible here.
    """
    started = time.monotonic()
    path = Path(path) if path is not None else REFERENCE_PATH
    submission = load_submission(path)
    report = Report(path=str(path), problems=list(submission.problems), notes=list(submission.notes))
    kwargs: dict = {
        "mode": mode,
        "references": reference_functions,
        "dependencies": DEPENDENCIES,
        "require_sandbox": require_sandbox,
    }
    if time_limit is not None:
        kwargs["time_limit"] = time_limit
    with ChildEvaluator(submission, **kwargs) as evaluator:
        report.isolation = evaluator.isolation
        if report.isolation.startswith("WEAK"):
            report.problems.append(f"Isolation: {report.isolation}.")
        for function in GRADED:
            reason = evaluator.missing(function)
            if reason is not None:
                report.results.extend(_missing_results(function, reason))
                continue
            report.results.extend(run_checks(function, evaluator.evaluate))
        report.notes.extend(n for n in evaluator.notes if n not in report.notes)
        if evaluator.load_failure:
            report.problems.append(f"The submission could not be loaded: {evaluator.load_failure}.")
    # Every process of the submission is dead here (close() above): only now is a report made.
    report.seconds = time.monotonic() - started
    return report


__all__ = ["Report", "grade_path", "QUESTIONS", "BONUS"]
