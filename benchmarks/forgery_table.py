"""Forged scores, side by side: plain `nbgrader autograde` against this course's way.

    python benchmarks/forgery_table.py [--only softmax] [--keep]

Builds a class of students from the real release (nbgrader generate_assignment of
notebooks/course): an honest student, an untouched release, a victim classmate, and one
student per attack of tests/nbgrader/forgery_fixtures.py (the attacks of issue 12: inside a
graded function, from the student's kernel, and on the test cells). Every attack that edits
a function is written into an otherwise honest submission; the kernel attacks and
`edits_test_cell` start from the untouched release (they hope to score without writing
code). Two copies of the course grade the same submission files:

  (a) plain: `nbgrader autograde a1` with nbgrader's default configuration (the notebooks
      executed in the student's kernel, the test cells' outputs scored), the way the issue's
      outsider tried it. The students are graded one `--student` at a time in nbgrader's own
      order (sorted), so that the table can show what each student had right after their own
      grading and what the gradebook holds at the end (after the classmates graded later ran).
  (b) this course: `nbgrader autograde a1` once for the class, with notebooks/course's
      nbgrader_config.py (scores by the sandboxed grader, notebooks/nbgrader_scores.py), as
      the README's instructor section says.

The victim, `zz_victim`, is an honest classmate graded after every attacker; `honest` is
graded before the attackers whose names sort after it. Totals add every cell of the
gradebook in the notebooks graded (nbgrader's `score`: a manual score where one is set,
else the auto score), the written answers included: nobody has graded those yet, so any
points in them are forged. "max" is the autograded points of those notebooks.

--only NAME restricts both ways to the notebook whose name contains NAME (nbgrader's
`--notebook`): `--only softmax` runs notebook 1, where the attacks live (the plain way then
executes only notebook 1; without it the plain way executes all five notebooks per student,
notebook 4's demo training cut to CS224N_W2V_ITERATIONS=20, about a minute or two each).
The grader's time limit is the tests' (forgery_fixtures.GRADER_TIME_LIMIT seconds per
function); nbgrader's default cell timeout (30 s) stops the plain way's looping student.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "tests" / "nbgrader"))  # forgery_fixtures: the attacks
sys.path.insert(2, str(ROOT / "tests"))  # course_fixtures: students of the nbgrader course

import nbformat  # noqa: E402
from course_fixtures import filled_with_solutions, submit  # noqa: E402
from forgery_fixtures import GRADER_TIME_LIMIT, attacking_students, folder_digest  # noqa: E402

from notebooks.build import ASSIGNMENT, SOURCE_DIR, notebook_names  # noqa: E402
from notebooks.nbgrader_cli import copy_course, nbgrader_env  # noqa: E402

COURSE_ID = "cs224n-a1"
VICTIM = "zz_victim"  # sorts after every attacker: graded last
W2V_ITERATIONS = "20"  # the plain way runs notebook 4's demo training: keep it short

# nbgrader's defaults; the course id only so that both gradebooks read alike.
PLAIN_CONFIG = f'c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = "{COURSE_ID}"\n'

LABELS = {
    "honest": "honest (every function right)",
    "untouched": "untouched release",
    VICTIM: "victim classmate, graded last",
    "reads_source": "softmax reads source/ notebooks",
    "imports_reference": "softmax imports solutions",
    "writes_gradebook": "softmax writes gradebook.db",
    "writes_other_student": "softmax rewrites others' submissions",
    "exits": "softmax exits the process",
    "loops_ignoring_sigint": "softmax loops, ignores SIGINT",
    "patches_what_check_calls": "softmax replaces np.allclose",
    "replaces_check": "kernel: check returns 100",
    "replaces_check_quietly": "kernel: check returns None",
    "kernel_writes_gradebook": "kernel writes gradebook.db",
    "kernel_exits": "kernel exits",
    "edits_test_cell": "test cell + points rewritten",
    "flips_test_cell_flags": "test cell grade flag off",
    "renames_test_cell": "test cell grade_id renamed",
}


@dataclass
class Outcome:
    """What one way of grading gave a student."""

    own: float | None = None  # right after their own grading (plain way only)
    final: float | None = None  # in the gradebook at the end
    error: bool = False  # nbgrader reported an error for this student
    notes: list[str] = field(default_factory=list)


def build_students(course: Path, release: dict, source: dict) -> dict[str, dict]:
    """Student id -> {notebook stem: notebook}; attacks aimed at this course's folder."""
    honest = {s: filled_with_solutions(release[s], source[s]) for s in notebook_names()}
    students: dict[str, dict] = {"honest": honest, "untouched": dict(release), VICTIM: honest}
    students.update(attacking_students(course, release, honest))
    return students


def nbgrader(course: Path, *args: str, env: dict, timeout: float = 3600) -> subprocess.CompletedProcess:
    """`nbgrader ARGS` in the course folder; a failure is returned, not raised (attacks make
    plain nbgrader fail for some students)."""
    executable = Path(sys.executable).parent / "nbgrader"
    command = [str(executable) if executable.exists() else "nbgrader", *args]
    return subprocess.run(command, cwd=course, env=env, capture_output=True, text=True, timeout=timeout)


def failed_students(result: subprocess.CompletedProcess) -> set[str]:
    log = result.stdout + result.stderr
    return set(re.findall(r"error processing assignment '[^']*' for student '([^']*)'", log))


def totals(course: Path, notebooks: list[str]) -> tuple[dict[str, float], float]:
    """({student: sum of every cell's score in these notebooks}, autograded max points)."""
    from nbgrader.api import Gradebook

    out: dict[str, float] = {}
    maximum = 0.0
    with warnings.catch_warnings():  # SQLAlchemy's warnings say nothing about the grades
        warnings.simplefilter("ignore")
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id=COURSE_ID) as gb:
            for nb in gb.find_assignment(ASSIGNMENT).notebooks:
                if nb.name in notebooks:
                    maximum += sum(
                        float(c.max_score) for c in nb.grade_cells if not c.name.startswith("answer-")
                    )
            for submission in gb.assignment_submissions(ASSIGNMENT):
                out[submission.student.id] = sum(
                    float(grade.score or 0.0)
                    for nb in submission.notebooks
                    if nb.name in notebooks
                    for grade in nb.grades
                )
    return out, maximum


def set_up(folder: Path, *, plain: bool, env: dict, release: dict | None, source: dict) -> tuple:
    course = copy_course(folder).resolve()
    if plain:
        (course / "nbgrader_config.py").write_text(PLAIN_CONFIG)
    result = nbgrader(course, "generate_assignment", ASSIGNMENT, env=env)
    if result.returncode:
        raise RuntimeError(f"generate_assignment failed:\n{result.stdout}\n{result.stderr}")
    if release is None:  # the release students get: the course's (both ways grade the same files)
        release = {
            s: nbformat.read(course / "release" / ASSIGNMENT / f"{s}.ipynb", as_version=4)
            for s in notebook_names()
        }
    students = build_students(course, release, source)
    for student, nbs in students.items():
        submit(course, student, nbs)
    return course, release, sorted(students)


def digests(course: Path, students: list[str]) -> dict[str, str]:
    return {s: folder_digest(course / "submitted" / s) for s in students}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", help="grade only the notebook whose name contains this (e.g. softmax)")
    parser.add_argument("--keep", action="store_true", help="keep the two course folders (path printed)")
    args = parser.parse_args()
    stems = notebook_names()
    if args.only:
        stems = [s for s in stems if args.only in s]
        if len(stems) != 1:
            parser.error(f"--only {args.only!r} must name exactly one of {', '.join(notebook_names())}")
    select = ["--notebook", stems[0]] if args.only else []

    env = nbgrader_env()
    env["CS224N_W2V_ITERATIONS"] = W2V_ITERATIONS
    env["CS224N_GRADER_TIME_LIMIT"] = GRADER_TIME_LIMIT
    source = {s: nbformat.read(SOURCE_DIR / f"{s}.ipynb", as_version=4) for s in notebook_names()}
    work = Path(tempfile.mkdtemp(prefix="forgery-table-"))
    try:
        ours, release, students = set_up(work / "course", plain=False, env=env, release=None, source=source)
        plain, _, _ = set_up(work / "plain", plain=True, env=env, release=release, source=source)
        outcomes = {s: (Outcome(), Outcome()) for s in students}

        before = digests(plain, students)
        started = time.perf_counter()
        for student in students:  # nbgrader's own order; one at a time to see each own score
            result = nbgrader(plain, "autograde", ASSIGNMENT, "--student", student, *select, env=env)
            outcome = outcomes[student][0]
            outcome.error = result.returncode != 0
            outcome.own = totals(plain, stems)[0].get(student)
            print(f"plain nbgrader: {student} graded ({'error' if outcome.error else 'ok'})", flush=True)
        plain_seconds = time.perf_counter() - started
        plain_changed = [s for s, d in digests(plain, students).items() if d != before[s]]

        before = digests(ours, students)
        started = time.perf_counter()
        result = nbgrader(ours, "autograde", ASSIGNMENT, *select, env=env)
        ours_seconds = time.perf_counter() - started
        ours_changed = [s for s, d in digests(ours, students).items() if d != before[s]]
        for student in failed_students(result):
            outcomes[student][1].error = True
        print(f"this course: class graded ({len(failed_students(result))} errors)", flush=True)

        plain_final, maximum = totals(plain, stems)
        ours_final, ours_max = totals(ours, stems)
        assert maximum == ours_max, (maximum, ours_max)
        for student in students:
            outcomes[student][0].final = plain_final.get(student)
            outcomes[student][1].final = ours_final.get(student)
        print_table(outcomes, maximum, stems, args.only is not None)
        print()
        print(
            f"Submitted folders changed while grading: plain: {changed(plain_changed, students)}; "
            f"this course: {changed(ours_changed, students)}."
        )
        load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
        print(
            f"Wall time: plain {plain_seconds:.0f} s ({len(students)} students, one --student at a time), "
            f"this course {ours_seconds:.0f} s (one run); {os.cpu_count()} cores, load average {load}."
        )
        if args.keep:
            print(f"Courses kept in {work}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def changed(names: list[str], students: list[str]) -> str:
    if len(names) == len(students):
        return f"all {len(names)}"
    return ", ".join(names) or "none"


def _cell(value: float | None, error: bool) -> str:
    text = "no grade" if value is None else f"{value:g}"
    return text + (" (error)" if error else "")


def print_table(
    outcomes: dict[str, tuple[Outcome, Outcome]], maximum: float, stems: list, only: bool
) -> None:
    scope = f"notebook {stems[0]}" if only else "all five notebooks"
    print()
    print(f"Scores in the gradebook ({scope}; written answers included, nobody has graded them):")
    header = ["student", "attack", "plain: own grading", "plain: at the end", "this course", "max"]
    order = ["honest", "untouched"] + sorted(s for s in outcomes if s not in ("honest", "untouched", VICTIM))
    rows = [
        [
            f"`{s}`",
            LABELS.get(s, s),
            _cell(outcomes[s][0].own, outcomes[s][0].error),
            _cell(outcomes[s][0].final, False),
            _cell(outcomes[s][1].final, outcomes[s][1].error),
            f"{maximum:g}",
        ]
        for s in [*order, VICTIM]
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
    print("| " + " | ".join("-" * w if i < 2 else "-" * (w - 1) + ":" for i, w in enumerate(widths)) + " |")
    for row in rows:
        cells = [
            c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
