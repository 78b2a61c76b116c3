"""Scores nobody can forge: every attack gains nothing and harms nobody (real nbgrader)."""

from __future__ import annotations

import warnings

import pytest
from forgery_fixtures import ATTACK_BODIES, KERNEL_ATTACKS, folder_digest, log_of

from notebooks.build import ASSIGNMENT

pytestmark = pytest.mark.slow  # a real course: generate, autograde a class, feedback, export


def _grades(course, student: str) -> dict[str, tuple[float | None, float | None, float]]:
    """{grade_id: (auto_score, manual_score, max_score)} of a student's autograded cells."""
    from nbgrader.api import Gradebook

    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id="cs224n-a1") as gb:
            for notebook in gb.find_submission(ASSIGNMENT, student).notebooks:
                for grade in notebook.grades:
                    if not grade.name.startswith("answer-"):
                        out[grade.name] = (grade.auto_score, grade.manual_score, float(grade.max_score))
    return out


def _autograded_total(course, student: str) -> float:
    return sum(auto or 0.0 for auto, manual, _ in _grades(course, student).values())


def _extra_credit(course, student: str) -> dict[str, float]:
    """{grade_id: extra credit} of a student's grades that carry some, and the submission's
    score and maximum as nbgrader computes them (extra credit in the score only)."""
    from nbgrader.api import Gradebook

    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id="cs224n-a1") as gb:
            submission = gb.find_submission(ASSIGNMENT, student)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.extra_credit:
                        out[grade.name] = float(grade.extra_credit)
            out["score"], out["max_score"] = float(submission.score), float(submission.max_score)
    return out


def test_honest_student_scores_every_autograded_point(attacked_course, max_points):
    total = _autograded_total(attacked_course["course"], "honest")
    assert total == pytest.approx(sum(max_points.values()))


def test_untouched_release_scores_zero(attacked_course):
    assert _autograded_total(attacked_course["course"], "untouched") == 0.0
    assert _extra_credit(attacked_course["course"], "untouched")["score"] == 0.0


def test_extra_credit_reaches_nbgrader_as_extra_credit(attacked_course, source_notebooks):
    from autograder import manifest
    from autograder.notebook import points
    from autograder.regen import nbgrader_totals

    got = _extra_credit(attacked_course["course"], "honest")
    (function,) = manifest.EXTRA_CREDIT
    assert {k: v for k, v in got.items() if "test-" in k} == {
        f"test-{function}": points(function),
        f"hidden-test-{function}": points(function, hidden=True),
    }
    # The score is the required autograded points plus the bonus (no written answer is graded
    # yet); the maximum is the required points and the written answers, without the bonus.
    assert got["score"] == pytest.approx(manifest.total_points() + manifest.extra_credit_points())
    assert got["max_score"] == pytest.approx(nbgrader_totals(source_notebooks.values()).maximum)


@pytest.mark.parametrize("student", sorted(ATTACK_BODIES))
def test_attack_inside_a_function_gains_nothing_and_costs_only_that_function(
    attacked_course, max_points, student
):
    grades = _grades(attacked_course["course"], student)
    softmax = grades["test-softmax"][0] + grades["hidden-test-softmax"][0]
    # The attack either fails the function (0), or, when the sandbox merely stopped it
    # (writes_other_student goes on to compute a correct softmax), earns the honest points.
    honest_softmax = max_points["softmax"] if student == "writes_other_student" else 0.0
    assert softmax == pytest.approx(honest_softmax)
    others = sum(a or 0.0 for g, (a, _, _) in grades.items() if not g.endswith("-softmax"))
    assert others == pytest.approx(sum(max_points.values()) - max_points["softmax"])


@pytest.mark.parametrize("student", sorted(KERNEL_ATTACKS))
def test_attack_from_the_kernel_gains_nothing(attacked_course, student):
    assert _autograded_total(attacked_course["course"], student) == 0.0


def test_nobody_has_a_manual_score_or_more_than_the_maximum(attacked_course):
    course = attacked_course["course"]
    for student in attacked_course["students"]:
        for grade_id, (auto, manual, maximum) in _grades(course, student).items():
            assert manual is None, (student, grade_id)
            assert auto is None or 0.0 <= auto <= maximum, (student, grade_id)


def test_no_student_changed_another_students_submission(attacked_course):
    course = attacked_course["course"]
    assert folder_digest(course / "submitted" / "honest") == attacked_course["honest_digest"]


def test_edited_test_cell_gains_nothing(attacked_course):
    assert _autograded_total(attacked_course["course"], "edits_test_cell") == 0.0


@pytest.mark.parametrize("student", ["flips_test_cell_flags", "renames_test_cell"])
def test_mangled_test_cell_loses_that_cell_only(attacked_course, max_points, student):
    grades = _grades(attacked_course["course"], student)
    assert not grades["test-softmax"][0]  # no points (None: never graded, or 0)
    total = sum(a or 0.0 for a, _, _ in grades.values())
    assert total == pytest.approx(sum(max_points.values()) - grades["test-softmax"][2])


def test_export_has_every_student_with_the_gradebook_total(attacked_course):
    exported = attacked_course["exported"]
    course = attacked_course["course"]
    assert set(exported) == set(attacked_course["students"])
    for student, row in exported.items():
        # nbgrader's export adds the extra credit (CBOW's) to the autograded points.
        total = _autograded_total(course, student) + sum(
            v for k, v in _extra_credit(course, student).items() if "test-" in k
        )
        assert float(row["raw_score"]) == pytest.approx(total), student


def test_feedback_shows_the_graders_lines_and_no_hidden_test_code(attacked_course):
    page = attacked_course["course"] / "feedback" / "honest" / ASSIGNMENT / "01_softmax.html"
    html = page.read_text()
    assert "[1/1] softmax: rows of a matrix" in html
    assert "hidden=True" not in html and "HIDDEN TESTS" not in html


def test_honest_student_causes_no_warning_and_tampering_does(attacked_course):
    log = attacked_course["autograde_log"]
    honest = log_of(log, "honest")
    assert "Sanitizing" in honest
    assert "WARNING" not in honest
    assert "has changed" in log_of(log, "edits_test_cell")
