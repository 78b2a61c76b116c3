"""Helpers for driving the nbgrader course in a scratch copy (used by the tests).

Everything here calls the real `nbgrader` command line, exactly as an
instructor would from notebooks/course/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import nbformat
from nbformat.notebooknode import NotebookNode

from notebooks.build import ASSIGNMENT, course_dir

__all__ = [
    "copy_course",
    "run_nbgrader",
    "nbgrader_env",
    "filled_with_solutions",
    "replace_solution",
    "submit",
    "grades",
    "points_per_function",
]

REPO_ROOT = Path(__file__).resolve().parent.parent
_GENERATED = ("release", "submitted", "autograded", "feedback", "gradebook.db")


COURSE_IDS = {"en": "cs224n-a1", "zh": "cs224n-a1-zh"}  # as each course's nbgrader_config.py sets it


def copy_course(target: Path, language: str = "en") -> Path:
    """A copy of an edition's course folder (English or "zh") without any generated state."""
    ignore = shutil.ignore_patterns(*_GENERATED, "__pycache__")
    shutil.copytree(course_dir(language), target, ignore=ignore)
    return target


def nbgrader_env(extra_pythonpath: list[str] | None = None) -> dict[str, str]:
    """The environment nbgrader and its kernels need.

    The venv's bin/ on PATH (nbgrader runs alembic from there), the repository importable.
    """
    env = dict(os.environ)
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join([bin_dir, env.get("PATH", "")])
    paths = (extra_pythonpath or []) + [str(REPO_ROOT)]
    paths += [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    return env


def run_nbgrader(
    course: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 900
) -> subprocess.CompletedProcess:
    """`nbgrader ARGS` run in the course folder; raises when nbgrader fails."""
    executable = Path(sys.executable).parent / "nbgrader"
    command = [str(executable) if executable.exists() else "nbgrader", *args]
    result = subprocess.run(
        command, cwd=course, env=env or nbgrader_env(), capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result


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
