"""A cell that loops forever and ignores interrupts costs nothing but its own time.

Plain nbgrader interrupts a cell after `Execute.timeout`; a loop with SIGINT
ignored does not stop, and plain nbgrader then records no grade at all for the
student. This course does not execute the notebooks when autograding: the
scores come from the sandboxed grader, which runs only the graded functions
(notebooks/nbgrader_scores.py). The loop at the top level of a cell never runs;
the correct sigmoid_grad above it keeps its points, and so does everything else.
(A graded function that loops forever is stopped by the grader's time limit:
tests/nbgrader.)
"""

from __future__ import annotations

import shutil

import nbformat
import pytest
from course_fixtures import filled_with_solutions, grades, submit

from notebooks.nbgrader_cli import nbgrader_env, run_nbgrader

pytestmark = pytest.mark.slow

NOTEBOOK = "02_neural_basics"
# The student's sigmoid_grad cell: a correct function, then a loop that ignores SIGINT.
HANGING_CELL = """def sigmoid_grad(s):
    s = np.asarray(s, dtype=np.float64)
    g = s * (1.0 - s)
    return g[()] if g.ndim == 0 else g


import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    pass"""


@pytest.fixture(scope="module")
def hanging_course(released_course, released_notebooks, source_notebooks, tmp_path_factory):
    # A copy of the released course (gradebook included), so that the round trip's
    # `nbgrader autograde a1` never meets this student.
    course = tmp_path_factory.mktemp("hanging") / "course"
    skip = shutil.ignore_patterns("submitted", "autograded", "feedback")
    shutil.copytree(released_course, course, ignore=skip)
    nb = filled_with_solutions(released_notebooks[NOTEBOOK], source_notebooks[NOTEBOOK])
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "solution-sigmoid_grad":
            cell.source = HANGING_CELL
    submit(course, "hanging", {NOTEBOOK: nb})
    # A short timeout keeps the test quick; the course's own is longer.
    run_nbgrader(course, "autograde", "a1", "--student", "hanging", env=nbgrader_env(), timeout=600)
    return course


def test_student_with_a_hanging_cell_is_graded(hanging_course):
    assert (hanging_course / "autograded" / "hanging" / "a1" / f"{NOTEBOOK}.ipynb").is_file()
    scores = grades(hanging_course, "hanging")[NOTEBOOK]
    assert all(score is not None for grade_id, score in scores.items() if not grade_id.startswith("answer-"))


def test_hanging_cell_costs_no_point(hanging_course, source_notebooks):
    scores = grades(hanging_course, "hanging")[NOTEBOOK]
    maximum = {
        c.metadata["nbgrader"]["grade_id"]: float(c.metadata["nbgrader"]["points"])
        for c in source_notebooks[NOTEBOOK].cells
        if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata["nbgrader"]["solution"]
    }
    assert maximum
    for grade_id, points in maximum.items():
        assert scores[grade_id] == points, grade_id


def test_graded_cells_show_the_graders_lines(hanging_course):
    nb = nbformat.read(hanging_course / "autograded" / "hanging" / "a1" / f"{NOTEBOOK}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "test-sigmoid_grad")
    text = "".join(o.get("text", "") for o in cell.outputs)
    assert "ok   [0.5/0.5] sigmoid_grad: known values of s" in text
