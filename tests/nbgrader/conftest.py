"""A real nbgrader course with an honest class and students who try to forge their scores.

One `nbgrader generate_assignment`, one `nbgrader autograde` of every student (scores by the
sandboxed grader, notebooks/nbgrader_scores.py), `generate_feedback` and `export`, as an
instructor runs them. Every attack is written into an otherwise honest submission unless
said otherwise, so "gains nothing" means: it scores at most what the honest part earns.
"""

from __future__ import annotations

import csv

import nbformat
import pytest
from course_fixtures import filled_with_solutions, points_per_function, submit
from forgery_fixtures import GRADER_TIME_LIMIT, attacking_students, folder_digest

from notebooks.build import SOURCE_DIR, notebook_names
from notebooks.nbgrader_cli import copy_course, nbgrader_env, run_nbgrader


@pytest.fixture(scope="session")
def source_notebooks() -> dict[str, nbformat.NotebookNode]:
    return {stem: nbformat.read(SOURCE_DIR / f"{stem}.ipynb", as_version=4) for stem in notebook_names()}


@pytest.fixture(scope="session")
def max_points(source_notebooks) -> dict[str, float]:
    """Autograded points per graded function (visible + hidden), from the source notebooks."""
    out: dict[str, float] = {}
    for nb in source_notebooks.values():
        out.update(points_per_function(nb))
    return out


@pytest.fixture(scope="session")
def attacked_course(tmp_path_factory, source_notebooks) -> dict:
    course = copy_course(tmp_path_factory.mktemp("attacks") / "course").resolve()
    env = nbgrader_env()
    env["CS224N_GRADER_TIME_LIMIT"] = GRADER_TIME_LIMIT
    run_nbgrader(course, "generate_assignment", "a1", env=env)
    release = {s: nbformat.read(course / "release/a1" / f"{s}.ipynb", as_version=4) for s in notebook_names()}
    honest = {s: filled_with_solutions(release[s], source_notebooks[s]) for s in notebook_names()}
    students: dict[str, dict] = {"honest": honest, "untouched": release}
    students.update(attacking_students(course, release, honest))
    for student, nbs in students.items():
        submit(course, student, nbs)
    honest_digest = folder_digest(course / "submitted" / "honest")
    autograded = run_nbgrader(course, "autograde", "a1", env=env, timeout=3600)
    run_nbgrader(course, "generate_feedback", "a1", env=env)
    run_nbgrader(course, "export", env=env)
    with (course / "grades.csv").open() as handle:
        exported = {row["student_id"]: row for row in csv.DictReader(handle)}
    return {
        "course": course,
        "students": sorted(students),
        "honest_digest": honest_digest,
        "exported": exported,
        "autograde_log": autograded.stdout + autograded.stderr,
    }
