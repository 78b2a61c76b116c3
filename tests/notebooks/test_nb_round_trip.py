"""The nbgrader round trip, with the real nbgrader command line and real kernels.

Release -> three students (reference solutions, untouched release, one broken
function) -> autograde -> feedback -> export, once per test session.
"""

from __future__ import annotations

import csv

import nbformat
import pytest
from course_fixtures import grades, points_per_function

from notebooks.build import notebook_names, solution_source

pytestmark = pytest.mark.slow


def _autograded_cells(nb):
    """(grade_id, max points) of the autograded (test) cells of a notebook."""
    return {
        cell.metadata["nbgrader"]["grade_id"]: float(cell.metadata["nbgrader"]["points"])
        for cell in nb.cells
        if cell.metadata.get("nbgrader", {}).get("grade") and not cell.metadata["nbgrader"].get("solution")
    }


def _function_of(grade_id: str) -> str:
    return grade_id.removeprefix("hidden-").removeprefix("test-")


def test_release_keeps_signatures_and_replaces_every_body_by_the_stub(released_notebooks):
    stub = [
        "# YOUR CODE HERE",
        'raise NotImplementedError("Not written yet: replace these two lines with your code, "',
        '"then run the test cell below.")',
    ]
    for nb in released_notebooks.values():
        assert "BEGIN SOLUTION" not in nbformat.writes(nb)
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if grade_id.startswith("solution-"):
                head, _ = solution_source(grade_id.removeprefix("solution-"))
                assert cell.source.startswith(head + "\n")
                assert [line.strip() for line in cell.source[len(head) + 1 :].splitlines()] == stub


def test_release_has_no_hidden_tests_and_no_reference_answers(released_notebooks, source_notebooks):
    for stem, nb in released_notebooks.items():
        text = nbformat.writes(nb)
        assert "HIDDEN TESTS" not in text and "hidden=True" not in text
        answers = {
            c.metadata["nbgrader"]["grade_id"]: c.source
            for c in source_notebooks[stem].cells
            if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("answer-")
        }
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if grade_id in answers:
                assert cell.source == "YOUR ANSWER HERE"


def test_release_stubs_raise_not_implemented_with_a_message(released_notebooks):
    stubs = [
        cell.source
        for nb in released_notebooks.values()
        for cell in nb.cells
        if cell.metadata.get("nbgrader", {}).get("grade_id", "").startswith("solution-")
    ]
    assert len(stubs) == 14
    assert all('raise NotImplementedError("Not written yet' in source for source in stubs)


def test_release_never_imports_solutions(released_notebooks):
    for nb in released_notebooks.values():
        text = nbformat.writes(nb)
        assert "import solutions" not in text and "from solutions" not in text


def test_reference_solutions_get_full_marks(graded_course, source_notebooks):
    scores = grades(graded_course, "reference")
    for stem in notebook_names():
        expected = _autograded_cells(source_notebooks[stem])
        got = {grade_id: scores[stem][grade_id] for grade_id in expected}
        assert got == expected, f"{stem}: not full marks"


def test_untouched_release_scores_zero_everywhere(graded_course, source_notebooks):
    scores = grades(graded_course, "untouched")
    assert sorted(scores) == notebook_names()  # every notebook was graded
    for stem in notebook_names():
        for grade_id in _autograded_cells(source_notebooks[stem]):
            assert scores[stem][grade_id] == 0.0, f"{stem}: {grade_id} scored on the untouched release"
        answers = [g for g in scores[stem] if g.startswith("answer-")]
        assert all(scores[stem][g] == 0.0 for g in answers)  # unchanged answer cells: 0, not "needs grading"


def test_untouched_release_shows_the_not_implemented_message(graded_course):
    nb = nbformat.read(graded_course / "autograded" / "untouched" / "a1" / "01_softmax.ipynb", as_version=4)
    test_cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "test-softmax")
    # The grader's lines are the cell's output (notebooks/nbgrader_scores.py).
    text = "".join(
        o.get("text", "") + o.get("evalue", "") + "".join(o.get("traceback", [])) for o in test_cell.outputs
    )
    assert "not implemented" in text.lower()


def test_one_broken_function_loses_exactly_its_points(graded_course, source_notebooks, broken_function):
    reference, broken = grades(graded_course, "reference"), grades(graded_course, "broken")
    lost = {}
    for stem in notebook_names():
        for grade_id in _autograded_cells(source_notebooks[stem]):
            if broken[stem][grade_id] != reference[stem][grade_id]:
                lost[grade_id] = reference[stem][grade_id] - broken[stem][grade_id]
    assert lost, "breaking a function cost nothing"
    assert {_function_of(g) for g in lost} == {broken_function}
    all_points = {}
    for nb in source_notebooks.values():
        all_points.update(points_per_function(nb))
    assert 0 < sum(lost.values()) <= all_points[broken_function]


@pytest.mark.parametrize("student", ["reference", "untouched", "broken"])
def test_feedback_contains_no_hidden_test_code(graded_course, student):
    pages = sorted((graded_course / "feedback" / student / "a1").iterdir())
    assert [p.name for p in pages] == [f"{stem}.html" for stem in notebook_names()]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "hidden=True" not in html and "HIDDEN TESTS" not in html, f"{page.name} leaks hidden tests"


def test_feedback_shows_the_scores(graded_course):
    html = (graded_course / "feedback" / "reference" / "a1" / "01_softmax.html").read_text(encoding="utf-8")
    assert "Score:" in html or "score" in html.lower()


def test_export_writes_every_students_total(graded_course):
    with open(graded_course / "grades.csv", newline="", encoding="utf-8") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert set(rows) == {"reference", "untouched", "broken"}
    assert float(rows["untouched"]["raw_score"]) == 0.0
    assert float(rows["reference"]["raw_score"]) > float(rows["broken"]["raw_score"])


def test_notebook_5_calls_the_reference_students_vectors_theirs(students_run_notebooks_4_5):
    notebook_5 = students_run_notebooks_4_5["reference"]["05_sentiment"]
    assert "notebook 4 checked that your functions compute them" in notebook_5


@pytest.mark.parametrize(
    "student, reason",
    [
        # Nothing written: notebook 4 names the first function to write.
        ("untouched", "is not written yet"),
        # A tanh for the sigmoid of notebook 2: the loss differs from the trainer's.
        ("broken", "differs from the trainer's"),
    ],
)
def test_notebook_5_refuses_vectors_the_students_code_did_not_compute(
    students_run_notebooks_4_5, student, reason
):
    notebook_4 = students_run_notebooks_4_5[student]["04_word2vec"]
    notebook_5 = students_run_notebooks_4_5[student]["05_sentiment"]
    assert "NOT PASSED" in notebook_4 and reason in notebook_4
    assert "These vectors are yours" not in notebook_4
    assert "Not using notebook 4's vectors as yours" in notebook_5 and reason in notebook_5
    assert "checked that your functions compute them" not in notebook_5
