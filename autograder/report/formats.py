"""Writing a grading report as a table and as Gradescope JSON (grade-all writes the class CSV)."""

from __future__ import annotations

import os

from autograder.checks import BONUS, QUESTIONS
from autograder.grade import Report
from autograder.gradescope.schema import VISIBILITIES
from autograder.manifest import HANDOUT_QUESTIONS
from autograder.runtime.names import GRADED


def header_text(report: Report) -> str:
    lines = [f"Submission: {report.path}", f"Isolation: {report.isolation}"]
    lines += [f"Problem: {p}" for p in report.problems]
    lines += [f"Note: {n}" for n in report.notes]
    return "\n".join(lines)


def text_table(report: Report) -> str:
    """Per-question table, then the feedback of every failed test."""
    by_function = report.by_function()
    width = max(len(f) for f in GRADED) + 2
    lines = [header_text(report), ""]
    lines.append(f"{'question / function':<{width + 2}} {'score':>7} {'max':>6}")
    lines.append("-" * (width + 17))
    questions = list(dict.fromkeys(QUESTIONS[f] for f in GRADED))
    for question in questions:
        members = [f for f in GRADED if QUESTIONS[f] == question]
        q_got = sum(by_function.get(f, (0, 0))[0] for f in members)
        q_max = sum(by_function.get(f, (0, 0))[1] for f in members)
        lines.append(f"{question:<{width + 2}} {q_got:>7g} {q_max:>6g}")
        for function in members:
            got, out_of = by_function.get(function, (0.0, 0.0))
            mark = "" if got >= out_of else "  <-"
            lines.append(f"  {function:<{width}} {got:>7g} {out_of:>6g}{mark}")
    lines.append("-" * (width + 17))
    # max_score leaves out the bonus, so a full score with the bonus exceeds it.
    lines.append(f"{'total (max without the bonus)':<{width + 2}} {report.score:>7g} {report.max_score:>6g}")
    failed = [r for r in report.results if not r.passed]
    if failed:
        lines += ["", "Failed tests:"]
        for r in failed:
            tag = " (hidden)" if r.hidden else ""
            lines.append(f"- {r.title}{tag} [{r.score:g}/{r.points:g}]")
            lines.append(f"    {r.output}")
    return "\n".join(lines)


SCORE_VISIBILITY_ENV = "AUTOGRADER_SCORE_VISIBILITY"


def results_json(report: Report, *, score_visibility: str | None = None) -> dict:
    """Gradescope's results.json (gradescope-autograders.readthedocs.io, "Autograder Specifications").

    `score` is the sum of every test's score, hidden tests included (the contract's
    report, and the grade that reaches the gradebook). Hidden tests are listed with
    visibility "after_published": their names, scores and feedback appear when the
    instructor publishes the grades, and, as Gradescope's specification says, while
    test cases are hidden students cannot see their total score, so a resubmission does
    not tell whether the hidden tests pass. Visible tests are "visible". The top-level
    visibility is score_visibility, else the environment variable
    AUTOGRADER_SCORE_VISIBILITY, else "visible" (a test's own visibility wins over it).
    """
    score_visibility = score_visibility or os.environ.get(SCORE_VISIBILITY_ENV, "").strip() or "visible"
    if score_visibility not in VISIBILITIES:
        score_visibility = "visible"
    tests = []
    numbers: dict[str, int] = {}
    for r in report.results:
        question = HANDOUT_QUESTIONS.get(r.function, "")
        numbers[question] = numbers.get(question, 0) + 1
        entry = {
            "name": r.title,
            "number": f"{question}.{numbers[question]}",
            "score": r.score,
            "max_score": r.points,
            "status": "passed" if r.passed else "failed",
            "output": r.output,
            "tags": [r.function, f"question {question}"] + (["extra credit"] if r.function in BONUS else []),
            "visibility": "after_published" if r.hidden else "visible",
        }
        tests.append(entry)
    return {
        "score": report.score,
        "execution_time": round(report.seconds, 3),
        "output": header_text(report),
        "visibility": score_visibility,
        "stdout_visibility": "hidden",  # the grader's log is for the course staff
        "tests": tests,
    }
