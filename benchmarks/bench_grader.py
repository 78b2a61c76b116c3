"""Speed of the autograder, next to nbgrader's `autograde` on the same submissions as notebooks.

    python benchmarks/bench_grader.py [--students 100] [--runs 7]
                                      [--nbgrader-students 10] [--plain-students 2]
    python benchmarks/bench_grader.py --sandbox-only [--compare-with /path/to/other/checkout]

--sandbox-only times `grade` and `grade-all` in each isolation mode (AUTOGRADER_SANDBOX=bwrap
and rlimits), side by side with another checkout of the project when --compare-with is given
(its `autograder` package run from its own folder, on the same submissions, in the same run).

Prints, in one table:
  - one complete submission end to end (`python -m autograder grade FILE`): median of --runs;
  - a class of --students submissions with `python -m autograder grade-all` (all cores);
  - nbgrader `autograde` of the real course (the five notebooks), students made from the
    release (honest, or one bug of the catalogue each): plain nbgrader settings (executing
    every notebook in the student's kernel) for --plain-students, and this course's settings
    (scores by the sandboxed grader, notebooks/nbgrader_scores.py) for --nbgrader-students;
    seconds per student and the time for a class of --students.
Targets (issue): one submission <= 5 s median; 100 submissions <= 3 minutes; nbgrader
autograde with trustworthy scores <= 10 s per student.
"""

from __future__ import annotations

import argparse
import csv
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
sys.path.insert(0, str(ROOT / "tests"))  # course_fixtures: students of the nbgrader course
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


# --- nbgrader, on the real course (the five notebooks of notebooks/course) -------------------

PLAIN_W2V_ITERATIONS = "20"  # plain nbgrader runs notebook 4's demo training: keep it short


def notebook_class(count: int) -> dict[str, dict]:
    """count students as the five released notebooks: every third honest (the reference
    filled in), the others with one function replaced by a bug of the catalogue (cycling)."""
    import ast

    import nbformat
    from course_fixtures import filled_with_solutions, replace_solution

    from notebooks.build import SOURCE_DIR, notebook_names

    released = release_notebooks()
    source = {s: nbformat.read(SOURCE_DIR / f"{s}.ipynb", as_version=4) for s in notebook_names()}
    honest = {s: filled_with_solutions(released[s], source[s]) for s in notebook_names()}
    owner = {}
    for stem, nb in source.items():
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if grade_id.startswith("solution-"):
                owner[grade_id.removeprefix("solution-")] = stem
    buggy = sorted((SUBMISSIONS / "buggy").glob("*.py"))
    students = {}
    for i in range(count):
        notebooks = dict(honest)
        if i % 3:
            bug = buggy[i % len(buggy)]
            function = bug.stem.split("__")[0]
            text = bug.read_text()
            node = next(
                n for n in ast.parse(text).body if isinstance(n, ast.FunctionDef) and n.name == function
            )
            stem = owner[function]
            notebooks[stem] = replace_solution(honest[stem], function, ast.get_source_segment(text, node))
        students[f"student{i:03d}"] = notebooks
    return students


_RELEASE: dict = {}


def release_notebooks() -> dict:
    """The released notebooks (nbgrader generate_assignment in a scratch copy, once)."""
    if not _RELEASE:
        import nbformat

        from notebooks.build import notebook_names
        from notebooks.nbgrader_cli import copy_course, run_nbgrader

        with tempfile.TemporaryDirectory() as scratch:
            course = copy_course(Path(scratch) / "course")
            run_nbgrader(course, "generate_assignment", "a1", "--force")
            for stem in notebook_names():
                _RELEASE[stem] = nbformat.read(course / "release" / "a1" / f"{stem}.ipynb", as_version=4)
    return _RELEASE


PLAIN_CONFIG = """c = get_config()
c.CourseDirectory.root = {root!r}
c.CourseDirectory.course_id = "cs224n-a1"
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "word_vectors.npz"]
c.Execute.timeout = 120
"""


def real_course(folder: Path, students: dict[str, dict], *, plain: bool) -> Path:
    """A copy of the real course with the students submitted; plain: stock nbgrader settings
    (every notebook executed in the student's kernel, scores from the test cells)."""
    from course_fixtures import submit

    from notebooks.nbgrader_cli import copy_course, run_nbgrader

    course = copy_course(folder)
    if plain:
        (course / "nbgrader_config.py").write_text(PLAIN_CONFIG.format(root=str(course)))
    run_nbgrader(course, "generate_assignment", "a1", "--force")
    for student, notebooks in students.items():
        submit(course, student, notebooks)
    return course


def time_autograde(course: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of nbgrader and every process it waited for)."""
    import resource

    from notebooks.nbgrader_cli import nbgrader_env

    env = nbgrader_env()
    env["CS224N_W2V_ITERATIONS"] = PLAIN_W2V_ITERATIONS
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(
        [str(Path(sys.executable).parent / "nbgrader"), "autograde", "a1", "--force"], env=env, cwd=course
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def autograded_totals(course: Path) -> dict[str, float]:
    """Required autograded points per student (written answers and extra credit excluded).

    The auto scores, not nbgrader's `score`: this course writes CBOW's points into nbgrader's
    extra credit, which `score` adds and plain nbgrader (a 0-point cell) has no way to give.
    """
    import warnings

    from nbgrader.api import Gradebook

    totals: dict[str, float] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id="cs224n-a1") as gradebook:
            for submission in gradebook.assignment_submissions("a1"):
                totals[submission.student.id] = sum(
                    grade.auto_score or 0.0
                    for notebook in submission.notebooks
                    for grade in notebook.grades
                    if not grade.name.startswith("answer-")
                )
    return totals


def bench_nbgrader(work: Path, ours_count: int, plain_count: int, class_size: int) -> None:
    """nbgrader autograde on the real five notebooks: stock settings against this course's."""
    students = notebook_class(max(ours_count, plain_count))
    ours_students = dict(list(students.items())[:ours_count])
    plain_students = dict(list(students.items())[:plain_count])
    ours_course = real_course(work / "ours", ours_students, plain=False)
    ours, ours_cpu = time_autograde(ours_course)
    print(f"nbgrader autograde, this course ({ours_count} students): {ours:.1f} s", flush=True)
    plain_course = real_course(work / "plain", plain_students, plain=True)
    plain, plain_cpu = time_autograde(plain_course)
    print(f"nbgrader autograde, plain ({plain_count} students): {plain:.1f} s", flush=True)
    ours_scores = autograded_totals(ours_course)
    plain_scores = autograded_totals(plain_course)
    both = sorted(set(ours_scores) & set(plain_scores))
    agree = sum(abs(ours_scores[s] - plain_scores[s]) < 1e-6 for s in both)
    print()
    print(
        f"nbgrader autograde of the real five notebooks (an honest student, then one bug each), "
        f"{os.cpu_count()} cores, load average {', '.join(f'{v:.1f}' for v in os.getloadavg())}:"
    )
    header = (
        f"{'':<46} | {'wall s per student':>18} | {f'{class_size} students':>13} | {'CPU s per student':>17}"
    )
    print(header + " | students timed")
    print("-" * (len(header) + 17))
    for label, seconds, cpu, count in (
        (f"plain (executes them, W2V iterations {PLAIN_W2V_ITERATIONS})", plain, plain_cpu, plain_count),
        ("this course (scores by the sandboxed grader)", ours, ours_cpu, ours_count),
    ):
        per = seconds / count
        minutes = per * class_size / 60
        print(f"{label:<46} | {per:>16.1f} s | {minutes:>9.1f} min | {cpu / count:>15.1f} s | {count}")
    print(f"Same required autograded totals both ways: {agree} of {len(both)} students.")


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
        help="students autograded by nbgrader with this course's settings (0: skip nbgrader)",
    )
    parser.add_argument(
        "--plain-students",
        type=int,
        default=2,
        help="students autograded by plain nbgrader (executing the notebooks; slow)",
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

        cores = os.cpu_count()
        print()
        load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
        print(
            f"Isolation: {isolation_mode()}; machine: {cores} cores, load average at the end {load} "
            f"(other work on a shared machine slows both sides); Python {sys.version.split()[0]}"
        )
        print(f"{'task':<32} | {'python -m autograder':<28} | target")
        print("-" * 74)
        print(
            f"{'one submission, end to end':<32} | "
            f"{statistics.median(single):.2f} s (median of {args.runs}) | <= 5 s"
        )
        print(f"{f'class of {args.students} submissions':<32} | {batch:.1f} s ({cores} cores) | <= 180 s")
        if args.nbgrader_students:
            print()
            bench_nbgrader(work / "nbgrader", args.nbgrader_students, args.plain_students, 100)
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
