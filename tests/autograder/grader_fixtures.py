"""Shared constants and helpers of the autograder's tests (conftest.py holds the fixtures)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from autograder import manifest

SUBMISSIONS = Path(__file__).resolve().parent / "submissions"
BASE = SUBMISSIONS / "correct" / "vectorised.py"
# Every function's full points (the extra credit included), from the manifest.
FULL = {f.name: f.points for f in manifest.FUNCTIONS}
HOSTILE_TIME_LIMIT = 5.0


def compose(extra: Path) -> str:
    """A full correct submission with the functions of `extra` appended (later definitions win)."""
    return BASE.read_text() + "\n\n# ---- appended by the tests ----\n" + extra.read_text()


def grade_folder_once(folder: Path, out: Path, time_limit: float | None = None) -> dict[str, dict]:
    from autograder.batch import grade_folder

    grade_folder(folder, csv_path=out / "grades.csv", jobs=2, time_limit=time_limit, progress=False)
    graded = {}
    with (out / "grades.csv").open() as handle:
        for row in csv.DictReader(handle):
            report_file = out / "grades_reports" / f"{row['student']}.json"
            report = json.loads(report_file.read_text()) if report_file.exists() else None
            graded[row["student"]] = {"row": row, "report": report}
    return graded


def scores(entry: dict) -> dict[str, float]:
    return {f: float(entry["row"][f]) for f in FULL}


def failed_outputs(entry: dict, function: str) -> list[str]:
    return [
        t["output"]
        for t in entry["report"]["tests"]
        if t["name"].startswith(function + ":") and t["score"] < t["max_score"]
    ]
