"""grade-all: every submission of a folder, in parallel, one JSON report each, and a CSV.

Each entry of the folder is one student: a .py file, a notebook, or a folder
(e.g. an nbgrader `submitted/<student>/<assignment>/` tree). A submission that
breaks anything is recorded with its status and the batch goes on.
"""

from __future__ import annotations

import csv
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from tqdm import tqdm

SUBMISSION_SUFFIXES = (".py", ".ipynb")


def student_entries(folder: Path) -> list[tuple[str, Path]]:
    """(student name, submission path) for every entry of the folder, sorted."""
    entries = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "_")):
            continue
        if path.is_dir() or path.suffix in SUBMISSION_SUFFIXES:
            entries.append((path.stem if path.is_file() else path.name, path))
    return entries


def _grade_one(
    student: str, path: str, report_path: str, time_limit: float | None
) -> tuple[str, dict | None, str]:
    """Worker: grade one submission and write its JSON report; never raises."""
    try:
        from autograder.grade import grade_path
        from autograder.report.formats import results_json

        report = grade_path(path, time_limit=time_limit)
        data = results_json(report)
        Path(report_path).write_text(json.dumps(data, indent=2), encoding="utf-8")
        scores = {f: s for f, (s, _) in report.by_function().items()}
        return student, {"total": report.score, "functions": scores}, "graded"
    except Exception as exc:  # noqa: BLE001 - one bad submission never stops the batch
        return student, None, f"grader error: {type(exc).__name__}: {str(exc)[:200]}"


def grade_folder(
    folder: Path,
    *,
    csv_path: Path,
    out_dir: Path | None = None,
    jobs: int | None = None,
    time_limit: float | None = None,
    progress: bool = True,
) -> str:
    """Grade every submission in folder; write the CSV and one JSON report per student."""
    from autograder.runtime.names import GRADED

    started = time.monotonic()
    entries = student_entries(folder)
    out_dir = out_dir or csv_path.parent / (csv_path.stem + "_reports")
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = max(1, jobs or os.cpu_count() or 1)
    rows: dict[str, tuple[dict | None, str]] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [
            pool.submit(_grade_one, student, str(path), str(out_dir / f"{student}.json"), time_limit)
            for student, path in entries
        ]
        for future in tqdm(
            as_completed(futures), total=len(futures), desc="grading", unit="submission", disable=not progress
        ):
            try:
                student, data, status = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker process died
                student, data, status = "?", None, f"worker died: {type(exc).__name__}"
            rows[student] = (data, status)
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
    failed = sum(1 for d, _ in rows.values() if d is None)
    return (
        f"Graded {len(entries) - failed} of {len(entries)} submissions in {seconds:.1f} s "
        f"({jobs} parallel); scores in {csv_path}, reports in {out_dir}"
    )
