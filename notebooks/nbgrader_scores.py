"""nbgrader's autograded scores, from the sandboxed grader instead of the student's kernel.

`GraderScores` takes the place of nbgrader's `SaveAutoGrades` in `nbgrader autograde`
(see notebooks/course/nbgrader_config.py). For each student it grades the submitted
notebook files once with the project's grader (`autograder.grade.grade_path`: student code
runs in the grader's sandbox, away from the course folder, the gradebook and the
reference; the students of one `autograde` run are graded ahead in a pool of worker
processes, one per core, while nbgrader converts the notebooks), then writes, for every
autograded test cell, keyed by its grade_id:

    test-<function>          the points of <function>'s visible checks
    hidden-test-<function>   the points of its hidden checks

scaled to the cell's maximum *as recorded in the gradebook from the source notebook* (a
student who edits a cell's points changes nothing). The test cells of an extra-credit function
(CBOW; `extra_credit` in autograder/manifest.py) are worth 0 points in the source: the points
their checks earn go to the grade's `extra_credit`, nbgrader's own extra credit (added to the
student's score, not to the maximum; formgrader shows it in the cell's extra-credit field).
The cell's outputs are replaced by the grader's lines (one per check, and why a check
failed), which `nbgrader generate_feedback` shows. What the student's kernel printed,
returned or raised in a test cell plays no part, so replacing `check`, importing the
reference or editing a test cell gains nothing.

A test cell whose grade_id the student changed is not found: that cell scores 0 (its
grade keeps no auto score), the others are graded as usual. `GuardGradeCells` (before
nbgrader's OverwriteCells) does the same for a cell whose `grade` or `solution` flag the
student flipped: stock nbgrader stops on such a cell ("Inconsistent checksums") and
records nothing for the whole student. The written answers are left to
nbgrader as before (manual grading in the formgrader).
"""

from __future__ import annotations

import glob
import os
import re
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor, SaveAutoGrades

from autograder.feedback.messages import message
from autograder.notebook import check_line

__all__ = ["GraderScores", "GuardGradeCells", "cell_function", "grader_report"]

# Submission folder -> the grader's report, being computed in a pool of worker processes: while
# nbgrader converts one student's notebooks (one core), the next students are graded.
_REPORTS: dict[str, Future] = {}
_POOL: ProcessPoolExecutor | None = None


def cell_function(grade_id: str) -> tuple[str, bool] | None:
    """(graded function, hidden) of an autograded test cell's grade_id, or None."""
    from autograder.runtime.names import GRADED

    for prefix, hidden in (("hidden-test-", True), ("test-", False)):
        if grade_id.startswith(prefix) and grade_id[len(prefix) :] in GRADED:
            return grade_id[len(prefix) :], hidden
    return None


def _extra_credit(grade_id: str) -> bool:
    """Whether an autograded test cell checks an extra-credit function (the manifest says)."""
    from autograder.manifest import EXTRA_CREDIT

    found = cell_function(grade_id)
    return found is not None and found[0] in EXTRA_CREDIT


def _grade(folder: str, time_limit: float | None) -> Any:
    from autograder.grade import grade_path

    return grade_path(folder, time_limit=time_limit)


def prefetch(folders: list[Path]) -> None:
    """Start grading these submission folders in the background (at most one process per core)."""
    global _POOL
    if _POOL is None:
        workers = max(1, min(2, os.cpu_count() or 1))
        _POOL = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))
    limit = os.environ.get("CS224N_GRADER_TIME_LIMIT")
    for folder in folders:
        key = str(folder.resolve())
        if key not in _REPORTS:
            _REPORTS[key] = _POOL.submit(_grade, key, float(limit) if limit else None)


def grader_report(folder: Path) -> Any:
    """The grader's report on a submission folder (graded once per process)."""
    prefetch([folder])
    return _REPORTS[str(folder.resolve())].result()


def released_text(source: str) -> str:
    """A test cell's source as nbgrader releases it: the hidden-test block removed."""
    return re.sub(r"\n?### BEGIN HIDDEN TESTS\n.*?### END HIDDEN TESTS\n?", "", source, flags=re.DOTALL)


def result_lines(results: list | None) -> str:
    """A test cell's output: the notebook checker's lines for the grader's results.

    In the language of the course (CS224N_LANGUAGE, which notebooks/course_zh sets to "zh").
    """
    if not results:
        return message("nbgrader.not_graded") + "\n"
    return (
        "\n".join(
            message("notebook.ok" if r.passed else "notebook.fail", line=check_line(r), output=r.output)
            for r in results
        )
        + "\n"
    )


class GraderScores(SaveAutoGrades):
    """SaveAutoGrades whose autograded scores come from the sandboxed grader (see the module)."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        student = resources["nbgrader"]["student"]
        assignment = resources["nbgrader"]["assignment"]
        course = CourseDirectory(config=self.config)
        folder = Path(course.format_path(course.submitted_directory, student, assignment))
        if not _REPORTS:
            prefetch([folder, *self._next_students(course, assignment)])
        self._report = grader_report(folder)
        return super().preprocess(nb, resources)

    def _next_students(self, course: CourseDirectory, assignment: str) -> list[Path]:
        """The submissions this `nbgrader autograde` run will grade (those it will not redo
        without --force are left out)."""
        force = any(bool(self.config[app].get("force", False)) for app in ("BaseConverter", "Autograde"))
        pattern = course.format_path(course.submitted_directory, course.student_id, assignment)
        folders = []
        for folder in sorted(Path(p) for p in glob.glob(pattern)):
            student = folder.parent.name
            done = Path(course.format_path(course.autograded_directory, student, assignment))
            if folder.is_dir() and (force or not done.exists()):
                folders.append(folder)
        return folders

    def _results(self, grade_id: str) -> list | None:
        found = cell_function(grade_id)
        if found is None:
            return None
        function, hidden = found
        return [r for r in self._report.results if r.function == function and r.hidden == hidden]

    def _add_score(self, cell: NotebookNode, resources: dict) -> None:
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        if utils.is_solution(cell):  # a written answer: nbgrader's own handling (manual grading)
            return super()._add_score(cell, resources)
        grade = self.gradebook.find_grade(grade_id, self.notebook_id, self.assignment_id, self.student_id)
        results = self._results(grade_id)
        if results is None:  # an autograded cell the grader does not know: nobody's points
            grade.auto_score = 0.0
            grade.needs_manual_grade = True
        else:
            possible = sum(r.points for r in results)
            earned = sum(r.score for r in results)
            maximum = float(grade.max_score)
            grade.auto_score = round(maximum * earned / possible, 6) if possible else 0.0
            if _extra_credit(grade_id) and maximum == 0:
                # nbgrader's own extra credit: added to the grade's score, not to the maximum.
                grade.extra_credit = round(earned, 6)
            grade.needs_manual_grade = grade.manual_score is not None
        self.gradebook.db.commit()

    def preprocess_cell(self, cell: NotebookNode, resources: dict, cell_index: int):
        if utils.is_grade(cell) and not utils.is_solution(cell):
            results = self._results(cell.metadata["nbgrader"]["grade_id"])
            text = result_lines(results)
            cell.outputs = [NotebookNode(output_type="stream", name="stdout", text=text)]
        return super().preprocess_cell(cell, resources, cell_index)


class GuardGradeCells(NbGraderPreprocessor):
    """Drop the nbgrader metadata of a cell whose id or grade/solution flags are not the source's.

    Runs in the sanitizing step, before OverwriteCells. Such a cell then counts as missing:
    it scores 0, and the rest of the notebook is graded (stock nbgrader aborts the student).
    """

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        self._ids = (resources["nbgrader"]["notebook"], resources["nbgrader"]["assignment"])
        self._student = resources["nbgrader"]["student"]
        with Gradebook(resources["nbgrader"]["db_url"]) as gradebook:
            self._gradebook = gradebook
            return super().preprocess(nb, resources)

    def _exists(self, finder: str, grade_id: str) -> bool:
        try:
            getattr(self._gradebook, finder)(grade_id, *self._ids)
        except MissingEntry:
            return False
        return True

    def _restore_released_hidden_tests(self, cell: NotebookNode, grade_id: str) -> None:
        """A hidden-test cell exactly as released gets its source back without nbgrader's
        "checksum has changed" warning (one per hidden-test cell and student otherwise, which
        buries real tampering); any other change is left to OverwriteCells, which warns."""
        source = self._gradebook.find_source_cell(grade_id, *self._ids)
        if source.locked and cell.source != source.source and cell.source == released_text(source.source):
            cell.source = source.source

    def preprocess_cell(self, cell: NotebookNode, resources: dict, cell_index: int):
        if "nbgrader" not in cell.metadata:
            return cell, resources
        meta = cell.metadata["nbgrader"]
        grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
        if not isinstance(grade_id, str) or not self._exists("find_source_cell", grade_id):
            reason = "an nbgrader id that is not in the assignment"
        else:
            expected = (
                self._exists("find_graded_cell", grade_id),
                self._exists("find_solution_cell", grade_id),
            )
            if (bool(meta.get("grade")), bool(meta.get("solution"))) == expected:
                self._restore_released_hidden_tests(cell, grade_id)
                return cell, resources
            reason = "its nbgrader flags (grade/solution) changed"
        self.log.warning(
            "Student %s, cell %d (%s): %s; it is not graded (0 points), the rest of the notebook is.",
            self._student,
            cell_index,
            grade_id,
            reason,
        )
        del cell.metadata["nbgrader"]
        return cell, resources
