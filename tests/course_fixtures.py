"""Students of the nbgrader course, for the tests and benchmarks/bench_grader.py.

Released notebooks filled in (with the reference, or one function replaced), placed in
submitted/<student>/a1/ as nbgrader's `collect` would, and the gradebook read back. The
course itself is copied and driven by notebooks/nbgrader_cli.py, as the kit builder does.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import nbformat
from nbformat.notebooknode import NotebookNode

from notebooks.build import ASSIGNMENT
from notebooks.nbgrader_cli import COURSE_IDS

__all__ = [
    "filled_with_solutions",
    "replace_solution",
    "submit",
    "grades",
    "points_per_function",
]


def _cells_by_id(nb: NotebookNode) -> dict[str, NotebookNode]:
    return {cell.metadata["nbgrader"]["grade_id"]: cell for cell in nb.cells if "nbgrader" in cell.metadata}


def filled_with_solutions(release: NotebookNode, source: NotebookNode) -> NotebookNode:
    """The released notebook with every solution cell (code and written) answered as in the source."""
    filled = nbformat.from_dict(release)
    answers = _cells_by_id(source)
    for cell in filled.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            lines = answers[meta["grade_id"]].source.split("\n")
            cell.source = "\n".join(
                line for line in lines if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")
            )
    return filled


def replace_solution(nb: NotebookNode, function: str, new_source: str) -> NotebookNode:
    """A copy of nb whose solution cell for `function` reads new_source."""
    changed = nbformat.from_dict(nb)
    for cell in changed.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == f"solution-{function}":
            cell.source = new_source
            return changed
    raise LookupError(f"no solution cell for {function}")


def submit(course: Path, student: str, notebooks: dict[str, NotebookNode]) -> Path:
    """Place a student's notebooks (file stem -> notebook) in submitted/<student>/a1/."""
    folder = course / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    for stem, nb in notebooks.items():
        nbformat.write(nb, folder / f"{stem}.ipynb")
    return folder


def grades(course: Path, student: str, language: str = "en") -> dict[str, dict[str, float | None]]:
    """Autograded points per notebook and grade cell: {notebook: {grade_id: points}}."""
    from nbgrader.api import Gradebook

    out: dict[str, dict[str, float | None]] = {}
    # nbgrader's SQLAlchemy use emits SAWarnings (RuntimeWarnings) that say nothing about the grades.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id=COURSE_IDS[language]) as gb:
            submission = gb.find_submission(ASSIGNMENT, student)
            for notebook in submission.notebooks:
                out[notebook.name] = {grade.name: grade.auto_score for grade in notebook.grades}
    return out


def points_per_function(source: NotebookNode) -> dict[str, float]:
    """Max autograded points of each graded function in a source notebook (public + hidden)."""
    totals: dict[str, float] = {}
    for cell in source.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            name = meta["grade_id"].removeprefix("hidden-").removeprefix("test-")
            totals[name] = totals.get(name, 0.0) + float(meta["points"])
    return totals
