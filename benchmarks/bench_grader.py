"""Speed of the autograder, next to nbgrader's `autograde` on the same submissions as notebooks.

    python benchmarks/bench_grader.py [--students 100] [--runs 7] [--nbgrader-students 10]
    python benchmarks/bench_grader.py --sandbox-only [--compare-with /path/to/other/checkout]

--sandbox-only times `grade` and `grade-all` in each isolation mode (AUTOGRADER_SANDBOX=bwrap
and rlimits), side by side with another checkout of the project when --compare-with is given
(its `autograder` package run from its own folder, on the same submissions, in the same run).

Prints, in one table:
  - one complete submission end to end (`python -m autograder grade FILE`): median of --runs;
  - a class of --students submissions with `python -m autograder grade-all` (all cores);
  - nbgrader `autograde` of the same submissions as notebooks whose test cells call
    autograder.notebook.check: one student, and --nbgrader-students students (extrapolated
    to the class size when fewer, and the table says so).
Targets (issue): one submission <= 5 s median; 100 submissions <= 3 minutes.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SUBMISSIONS = ROOT / "tests" / "autograder" / "submissions"
BASE = SUBMISSIONS / "correct" / "vectorised.py"


def make_class(folder: Path, count: int) -> list[Path]:
    """count submissions: every third a correct style, the others one bug each (cycling)."""
    folder.mkdir(parents=True, exist_ok=True)
    # snake_case styles only: the notebook's test cells call the contract's names
    correct = [p for p in sorted((SUBMISSIONS / "correct").glob("*.py")) if "legacy" not in p.name]
    buggy = sorted((SUBMISSIONS / "buggy").glob("*.py"))
    paths = []
    for i in range(count):
        if i % 3 == 0:
            text = correct[(i // 3) % len(correct)].read_text()
        else:
            text = BASE.read_text() + "\n\n" + buggy[i % len(buggy)].read_text()
        path = folder / f"student{i:03d}.py"
        path.write_text(text)
        paths.append(path)
    return paths


def timed(cmd: list[str], env: dict | None = None, cwd: Path = ROOT) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


# --- nbgrader -------------------------------------------------------------------------


def _cell(kind: str, source: str, grade_id: str, points: float | None = None) -> dict:
    meta = {
        "grade_id": grade_id,
        "schema_version": 3,
        "locked": kind != "solution",
        "solution": kind == "solution",
        "grade": kind == "test",
    }
    if points is not None:
        meta["points"] = points
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {"nbgrader": meta},
        "outputs": [],
        "source": source,
    }


def source_notebook() -> dict:
    from autograder.notebook import points
    from autograder.runtime.names import GRADED

    cells = [
        _cell("solution", "### BEGIN SOLUTION\n" + BASE.read_text() + "\n### END SOLUTION\n", "functions")
    ]
    for function in GRADED:
        cells.append(
            _cell(
                "test",
                f"from autograder.notebook import check\ncheck({function!r}, {function})",
                f"test_{function}",
                points(function),
            )
        )
        if points(function, hidden=True):
            cells.append(
                _cell(
                    "test",
                    "### BEGIN HIDDEN TESTS\n"
                    f"check({function!r}, {function}, hidden=True)\n### END HIDDEN TESTS",
                    f"hidden_{function}",
                    points(function, hidden=True),
                )
            )
    return {
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def nbgrader_env() -> dict:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def build_course(course: Path, students: list[Path]) -> None:
    """A course with one assignment; every student's notebook holds their file in the solution cell."""
    (course / "source" / "a1").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(course)!r}\n"
        "c.CourseDirectory.course_id = 'bench'\n"
        "c.Execute.timeout = 120\n"
    )
    (course / "source" / "a1" / "a1.ipynb").write_text(json.dumps(source_notebook()))
    env = nbgrader_env()
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    subprocess.run(
        [nbgrader, "generate_assignment", "a1", "--force"],
        cwd=course,
        env=env,
        check=True,
        capture_output=True,
    )
    released = json.loads((course / "release" / "a1" / "a1.ipynb").read_text())
    for path in students:
        notebook = json.loads(json.dumps(released))
        for cell in notebook["cells"]:
            if cell["metadata"].get("nbgrader", {}).get("solution"):
                cell["source"] = path.read_text()
        target = course / "submitted" / path.stem / "a1"
        target.mkdir(parents=True)
        (target / "a1.ipynb").write_text(json.dumps(notebook))


def time_nbgrader(course: Path, student: str | None) -> float:
    cmd = [str(Path(sys.executable).parent / "nbgrader"), "autograde", "a1", "--force"]
    if student:
        cmd += ["--student", student]
    return timed(cmd, env=nbgrader_env(), cwd=course)


def nbgrader_scores(course: Path) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {s.student.id: s.score for s in gradebook.assignment_submissions("a1")}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--nbgrader-students",
        type=int,
        default=10,
        help="students autograded by nbgrader (extrapolated to --students)",
    )
    parser.add_argument("--sandbox-only", action="store_true", help="time each isolation mode, no nbgrader")
    parser.add_argument("--compare-with", type=Path, default=None, help="another checkout to time alike")
    args = parser.parse_args()
    if args.sandbox_only:
        sandbox_modes(args)
        return

    from autograder.sandbox.runner import isolation_mode

    work = Path(tempfile.mkdtemp(prefix="bench-grader-"))
    try:
        students = make_class(work / "class", args.students)
        one = students[1]  # a buggy one: feedback paths included
        single = [
            timed([sys.executable, "-m", "autograder", "grade", str(one), "--json", str(work / "one.json")])
            for _ in range(args.runs)
        ]
        print(
            f"grade (one submission): {args.runs} runs, median {statistics.median(single):.2f} s", flush=True
        )
        batch = timed(
            [
                sys.executable,
                "-m",
                "autograder",
                "grade-all",
                str(work / "class"),
                "--csv",
                str(work / "grades.csv"),
            ]
        )
        print(f"grade-all ({args.students} submissions): {batch:.1f} s", flush=True)

        nb_count = min(args.nbgrader_students, args.students)
        course = work / "course"
        build_course(course, students[:nb_count])
        nb_single = time_nbgrader(course, students[1].stem)
        print(f"nbgrader autograde (one student): {nb_single:.1f} s", flush=True)
        nb_batch = time_nbgrader(course, None)
        print(f"nbgrader autograde ({nb_count} students): {nb_batch:.1f} s", flush=True)
        extrapolated = nb_batch / nb_count * args.students
        scores = nbgrader_scores(course)

        cores = os.cpu_count()
        rows = [
            (
                "one submission, end to end",
                f"{statistics.median(single):.2f} s (median of {args.runs})",
                f"{nb_single:.1f} s (one run)",
                "<= 5 s",
            ),
            (
                f"class of {args.students} submissions",
                f"{batch:.1f} s ({cores} cores)",
                f"{extrapolated:.0f} s"
                + (
                    ""
                    if nb_count == args.students
                    else f" (extrapolated from {nb_count} students: {nb_batch:.1f} s)"
                ),
                "<= 180 s",
            ),
        ]
        print()
        load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
        print(
            f"Isolation: {isolation_mode()}; machine: {cores} cores, load average at the end {load} "
            f"(other work on a shared machine slows both sides); Python {sys.version.split()[0]}"
        )
        print(f"{'task':<32} | {'python -m autograder':<28} | {'nbgrader autograde':<48} | target")
        print("-" * 126)
        for task, ours, theirs, target in rows:
            print(f"{task:<32} | {ours:<28} | {theirs:<48} | {target}")
        ok_single = statistics.median(single) <= 5.0
        ok_batch = batch <= 180.0
        with (work / "grades.csv").open() as handle:
            cli_scores = {row["student"]: float(row["total"]) for row in csv.DictReader(handle)}
        agree = sum(abs(cli_scores.get(student, -1) - score) < 1e-9 for student, score in scores.items())
        print(
            f"Same scores from the command line (sandbox) and nbgrader (notebook API): "
            f"{agree} of {len(scores)} students."
        )
        print(
            f"\nTargets met: one submission {'yes' if ok_single else 'NO'}, "
            f"class {'yes' if ok_batch else 'NO'}."
            f" nbgrader scored {len(scores)} notebooks (mean {statistics.mean(scores.values()):.1f} points)."
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def sandbox_modes(args: argparse.Namespace) -> None:
    """grade and grade-all per isolation mode, this checkout next to --compare-with."""
    work = Path(tempfile.mkdtemp(prefix="bench-grader-"))
    checkouts = [("this checkout", ROOT)] + ([("compared", args.compare_with)] if args.compare_with else [])
    try:
        students = make_class(work / "class", args.students)
        rows = []
        for mode in ("bwrap", "rlimits"):
            env = {**os.environ, "AUTOGRADER_SANDBOX": mode}
            for label, folder in checkouts:
                single = [
                    timed(
                        [
                            sys.executable,
                            "-m",
                            "autograder",
                            "grade",
                            str(students[1]),
                            "--json",
                            str(work / "a.json"),
                        ],
                        env=env,
                        cwd=folder,
                    )
                    for _ in range(args.runs)
                ]
                csv_file = work / f"grades-{mode}-{len(rows)}.csv"
                batch = timed(
                    [
                        sys.executable,
                        "-m",
                        "autograder",
                        "grade-all",
                        str(work / "class"),
                        "--csv",
                        str(csv_file),
                    ],
                    env=env,
                    cwd=folder,
                )
                with csv_file.open() as handle:
                    total = sum(float(row["total"] or 0) for row in csv.DictReader(handle))
                rows.append((mode, label, statistics.median(single), batch, total))
                print(rows[-1], flush=True)
        load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
        print(f"\nmachine: {os.cpu_count()} cores, load average at the end {load}; root: {os.geteuid() == 0}")
        print(
            f"{'mode':<8} | {'checkout':<14} | {'one submission (median)':<24} | "
            f"{args.students} submissions | points"
        )
        for mode, label, one, batch, total in rows:
            print(f"{mode:<8} | {label:<14} | {one:<22.2f} s | {batch:>9.1f} s | {total:g}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
