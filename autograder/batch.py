"""grade-all: every submission of a folder, in parallel, one JSON report each, and a CSV.

Each entry of the folder is one student: a .py file, a notebook, or a folder (e.g. an
nbgrader `submitted/<student>/<assignment>/` tree); `alice.py` and `alice/` are two students
(named `alice.py` and `alice` then). A submission that breaks anything is recorded with its
status and the batch goes on: when a worker process dies, the students it had not finished
are graded again, each in a worker of its own; every student gets a CSV row and a report,
and the summary counts what really happened.
"""

from __future__ import annotations

import csv
import json
import os
import time
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path

from tqdm import tqdm

SUBMISSION_SUFFIXES = (".py", ".ipynb")
MAX_ATTEMPTS = 2  # a student whose grading killed its worker this often is reported, not retried


def student_entries(folder: Path) -> list[tuple[str, Path]]:
    """(student name, submission path) for every entry of the folder, sorted.

    The name is the file's stem (`alice.py` -> `alice`), unless two entries share a stem
    (`alice.py` and `alice/`): then each keeps its full name, so neither hides the other.
    Links are students too (the loader refuses to follow them, and the report says so).
    """
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "_")):
            continue
        if path.is_symlink() or path.is_dir() or path.suffix in SUBMISSION_SUFFIXES:
            is_file = path.is_symlink() or not path.is_dir()
            found.append((path.stem if is_file else path.name, path))
    stems: dict[str, int] = {}
    for stem, _ in found:
        stems[stem] = stems.get(stem, 0) + 1
    return [(stem if stems[stem] == 1 else path.name, path) for stem, path in found]


def _failure_report(student: str, status: str) -> dict:
    return {
        "score": 0.0,
        "output": f"This submission could not be graded ({status}). Please contact the course staff.",
        "tests": [],
    }


def _write_private(path: Path, text: str) -> None:
    """Write a report readable by its owner only (no student process may read it)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def _grade_one(
    student: str, path: str, report_path: str, time_limit: float | None, mode: str | None = None
) -> tuple[str, dict | None, str]:
    """Worker: grade one submission and write its JSON report; never raises."""
    try:
        from autograder.grade import grade_path
        from autograder.report.formats import results_json

        report = grade_path(path, time_limit=time_limit, mode=mode)
        data = results_json(report)
        _write_private(Path(report_path), json.dumps(data, indent=2))
        scores = {f: s for f, (s, _) in report.by_function().items()}
        return student, {"total": report.score, "functions": scores}, "graded"
    except Exception as exc:  # noqa: BLE001 - one bad submission never stops the batch
        status = f"grader error: {type(exc).__name__}: {str(exc)[:200]}"
        try:
            _write_private(Path(report_path), json.dumps(_failure_report(student, status), indent=2))
        except OSError:
            pass
        return student, None, status


def _run_round(
    todo: list[tuple[str, Path]],
    jobs: int,
    out_dir: Path,
    time_limit: float | None,
    mode: str | None,
    bar: tqdm,
) -> tuple[dict[str, tuple[dict | None, str]], list[str]]:
    """Grade `todo` in one pool; returns the rows and the students whose worker died."""
    rows: dict[str, tuple[dict | None, str]] = {}
    died: list[str] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures: dict[Future, str] = {
            pool.submit(
                _grade_one, student, str(path), str(out_dir / f"{student}.json"), time_limit, mode
            ): student
            for student, path in todo
        }
        for future in as_completed(futures):
            student = futures[future]
            try:
                _, data, status = future.result()
            except Exception:  # noqa: BLE001 - the worker process died (BrokenProcessPool)
                died.append(student)
                continue
            rows[student] = (data, status)
            bar.update(1)
    return rows, died


def grade_folder(
    folder: Path,
    *,
    csv_path: Path,
    out_dir: Path | None = None,
    jobs: int | None = None,
    time_limit: float | None = None,
    progress: bool = True,
    mode: str | None = None,
    require_sandbox: bool | None = None,
) -> str:
    """Grade every submission in folder; write the CSV and one JSON report per student.

    Raises:
        SandboxUnavailable: the isolation asked for is not possible here (nothing is graded).
    """
    from autograder.runtime.names import GRADED
    from autograder.sandbox.runner import (
        SandboxUnavailable,
        isolation_is_strong,
        isolation_mode,
        isolation_text,
        require_sandbox_from_env,
    )

    started = time.monotonic()
    mode = mode or isolation_mode()  # a forced but broken bubblewrap fails here, before any grading
    if (require_sandbox if require_sandbox is not None else require_sandbox_from_env()) and not (
        isolation_is_strong(mode)
    ):
        raise SandboxUnavailable("a real sandbox is required, but here: " + isolation_text(mode))
    if require_sandbox:
        os.environ["AUTOGRADER_REQUIRE_SANDBOX"] = "1"  # the workers check it again
    entries = student_entries(folder)
    out_dir = out_dir or csv_path.parent / (csv_path.stem + "_reports")
    out_dir.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        out_dir.chmod(0o700)
    jobs = max(1, jobs or os.cpu_count() or 1)
    rows: dict[str, tuple[dict | None, str]] = {}
    attempts: dict[str, int] = {}
    paths = dict(entries)
    with tqdm(total=len(entries), desc="grading", unit="submission", disable=not progress) as bar:
        got, died = _run_round(entries, jobs, out_dir, time_limit, mode, bar)
        rows.update(got)
        # A dead worker takes every student it had queued with it: those are graded again, each
        # in a worker of its own, so that only the student who kills a worker loses anything.
        while died:
            retry = []
            for student in died:
                attempts[student] = attempts.get(student, 1) + 1
                if attempts[student] > MAX_ATTEMPTS:
                    status = f"worker died {MAX_ATTEMPTS} times while grading this submission"
                    rows[student] = (None, status)
                    _write_private(out_dir / f"{student}.json", json.dumps(_failure_report(student, status)))
                    bar.update(1)
                else:
                    retry.append(student)
            died = []
            for student in retry:
                got, lost = _run_round([(student, paths[student])], 1, out_dir, time_limit, mode, bar)
                rows.update(got)
                died.extend(lost)
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "total", *GRADED, "status"])
        for student, _ in entries:
            data, status = rows.get(student, (None, "not graded"))
            if data is None:
                writer.writerow([student, "", *[""] * len(GRADED), status])
            else:
                writer.writerow(
                    [
                        student,
                        f"{data['total']:g}",
                        *[f"{data['functions'].get(f, 0):g}" for f in GRADED],
                        status,
                    ]
                )
    seconds = time.monotonic() - started
    failed = sorted(s for s, _ in entries if rows.get(s, (None, ""))[0] is None)
    summary = (
        f"Graded {len(entries) - len(failed)} of {len(entries)} submissions in {seconds:.1f} s "
        f"({jobs} parallel); scores in {csv_path}, reports in {out_dir}"
    )
    if failed:
        summary += (
            f"\nNot graded ({len(failed)}): " + ", ".join(failed[:20]) + (" ..." if len(failed) > 20 else "")
        )
    if not isolation_is_strong(mode):
        summary += "\nIsolation: " + isolation_text(mode)
    return summary
