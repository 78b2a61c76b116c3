"""A real nbgrader course with an honest class and students who try to forge their scores.

One `nbgrader generate_assignment`, one `nbgrader autograde` of every student (scores by the
sandboxed grader, notebooks/nbgrader_scores.py), `generate_feedback` and `export`, as an
instructor runs them. Every attack is written into an otherwise honest submission unless
said otherwise, so "gains nothing" means: it scores at most what the honest part earns.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import nbformat
import pytest

from notebooks.build import SOURCE_DIR, notebook_names
from notebooks.course_tools import (
    copy_course,
    filled_with_solutions,
    nbgrader_env,
    points_per_function,
    replace_solution,
    run_nbgrader,
    submit,
)

GRADER_TIME_LIMIT = "3"  # seconds per graded function: the looping student costs little time

# Function bodies that attack from inside a graded function (the only student code the grader
# runs). {course} is the course folder's absolute path: the strongest attacker knows it.
ATTACK_BODIES = {
    "reads_source": """def softmax(x):
    import json
    nb = json.load(open("{course}/source/a1/01_softmax.ipynb"))
    ids = [c["metadata"].get("nbgrader", {{}}).get("grade_id") for c in nb["cells"]]
    cell = nb["cells"][ids.index("solution-softmax")]
    space = {{}}
    exec("import numpy as np\\n" + "".join(cell["source"]), space)
    return space["softmax"](x)""",
    "imports_reference": """def softmax(x):
    from solutions import softmax as reference
    return reference(x)""",
    "writes_gradebook": """def softmax(x):
    import sqlite3
    db = sqlite3.connect("{course}/gradebook.db")
    db.execute("UPDATE grade SET manual_score = 100")
    db.execute("UPDATE grade SET auto_score = 0 WHERE id IN (SELECT grade.id FROM grade)")
    db.commit()
    raise SystemExit(0)""",
    "writes_other_student": """def softmax(x):
    import pathlib
    for path in pathlib.Path("{course}/submitted").glob("*/a1/*.ipynb"):
        path.write_text("{{}}")
    import numpy as np
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)""",
    "exits": """def softmax(x):
    import os
    os._exit(0)""",
    "loops_ignoring_sigint": """def softmax(x):
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        pass""",
}

# Whole-notebook attacks: a top-level cell of 01_softmax that runs in the student's kernel.
KERNEL_ATTACKS = {
    "replaces_check": """import autograder.notebook as _notebook
_notebook.check = lambda *args, **kwargs: 100.0
check = _notebook.check""",
    "kernel_writes_gradebook": """import sqlite3
_db = sqlite3.connect("{course}/gradebook.db")
_db.execute("UPDATE grade SET manual_score = 100")
_db.commit()""",
    "kernel_exits": "import os\nos._exit(0)",
}


def _edit_cell(nb: nbformat.NotebookNode, grade_id: str, edit) -> nbformat.NotebookNode:
    changed = nbformat.from_dict(nb)
    for cell in changed.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            edit(cell)
            return changed
    raise LookupError(grade_id)


def _prepend_code_cell(nb: nbformat.NotebookNode, source: str) -> nbformat.NotebookNode:
    changed = nbformat.from_dict(nb)
    changed.cells.insert(1, nbformat.v4.new_code_cell(source))
    return changed


def folder_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


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
    for name, body in ATTACK_BODIES.items():
        nbs = dict(honest)
        nbs["01_softmax"] = replace_solution(honest["01_softmax"], "softmax", body.format(course=course))
        students[name] = nbs
    for name, code in KERNEL_ATTACKS.items():
        # On the untouched release: these students wrote nothing and hope the kernel scores them.
        nbs = dict(release)
        nbs["01_softmax"] = _prepend_code_cell(release["01_softmax"], code.format(course=course))
        students[name] = nbs

    def rewrite_test(cell):
        cell.source = "print('ok'); 100.0"
        cell.metadata.nbgrader["points"] = 100.0

    def flip_flags(cell):
        cell.metadata.nbgrader["grade"] = False

    def rename(cell):
        cell.metadata.nbgrader["grade_id"] = "test-softmax-mine"

    for name, grade_id, edit, base in (
        ("edits_test_cell", "test-softmax", rewrite_test, release),
        ("flips_test_cell_flags", "test-softmax", flip_flags, honest),
        ("renames_test_cell", "test-softmax", rename, honest),
    ):
        nbs = dict(base)
        nbs["01_softmax"] = _edit_cell(base["01_softmax"], grade_id, edit)
        students[name] = nbs
    for student, nbs in students.items():
        submit(course, student, nbs)
    honest_digest = folder_digest(course / "submitted" / "honest")
    run_nbgrader(course, "autograde", "a1", env=env, timeout=3600)
    run_nbgrader(course, "generate_feedback", "a1", env=env)
    run_nbgrader(course, "export", env=env)
    with (course / "grades.csv").open() as handle:
        exported = {row["student_id"]: row for row in csv.DictReader(handle)}
    return {
        "course": course,
        "students": sorted(students),
        "honest_digest": honest_digest,
        "exported": exported,
    }
