"""Attacks and helpers of the nbgrader tests (conftest.py holds the fixtures)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat
from course_fixtures import replace_solution

GRADER_TIME_LIMIT = "3"  # seconds per graded function: the looping student costs little time

# Function bodies that attack from inside a graded function (the only student code the grader
# runs). {course} is the course folder's absolute path: the strongest attacker knows it.
ATTACK_BODIES = {
    # Runs the source's solution cell in the notebook's own globals (its helpers included):
    # where the source is readable, this scores.
    "reads_source": """def softmax(x):
    import json
    nb = json.load(open("{course}/source/a1/01_softmax.ipynb"))
    ids = [c["metadata"].get("nbgrader", {{}}).get("grade_id") for c in nb["cells"]]
    space = dict(globals())
    exec("".join(nb["cells"][ids.index("solution-softmax")]["source"]), space)
    return space["softmax"](x)""",
    # "or anything it calls": the comparison the checks make, replaced from inside the function.
    "patches_what_check_calls": """def softmax(x):
    import numpy as np
    np.allclose = lambda *args, **kwargs: True
    return np.zeros(np.shape(x))""",
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
    # check returning 100 is refused by plain nbgrader (more than the cell's points); None is not.
    "replaces_check_quietly": """import autograder.notebook as _notebook
_notebook.check = lambda *args, **kwargs: None
check = _notebook.check""",
}


def attacking_students(course: Path, release: dict, honest: dict) -> dict[str, dict]:
    """Student id -> {notebook stem: notebook}: one student per attack, aimed at `course`.

    release: the released notebooks; honest: the same filled with the reference. An attack on a
    function is written into an otherwise honest submission; the kernel attacks and
    `edits_test_cell` start from the release (they hope to score without writing code).
    """
    students: dict[str, dict] = {}
    for name, body in ATTACK_BODIES.items():
        nbs = dict(honest)
        nbs["01_softmax"] = replace_solution(honest["01_softmax"], "softmax", body.format(course=course))
        students[name] = nbs
    for name, code in KERNEL_ATTACKS.items():
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

    for name, edit, base in (
        ("edits_test_cell", rewrite_test, release),
        ("flips_test_cell_flags", flip_flags, honest),
        ("renames_test_cell", rename, honest),
    ):
        nbs = dict(base)
        nbs["01_softmax"] = _edit_cell(base["01_softmax"], "test-softmax", edit)
        students[name] = nbs
    return students


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


def log_of(log: str, student: str) -> str:
    """The lines nbgrader autograde logged while sanitizing and grading one student."""
    lines, mine = [], False
    for line in log.splitlines():
        if "Sanitizing " in line:
            mine = f"/submitted/{student}/" in line
        if mine:
            lines.append(line)
    return "\n".join(lines)
