"""Fixtures of the autograder's tests: the submission catalogues, graded once per session."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

SUBMISSIONS = Path(__file__).resolve().parent / "submissions"
BASE = SUBMISSIONS / "correct" / "vectorised.py"
FULL = {
    "softmax": 5, "sigmoid": 2, "sigmoid_grad": 2, "gradcheck_naive": 4, "forward_backward_prop": 8,
    "normalize_rows": 2, "naive_softmax_loss_and_gradient": 4, "neg_sampling_loss_and_gradient": 4,
    "skipgram": 2, "cbow": 2, "sgd": 4, "get_sentence_features": 2, "get_regularization_values": 1,
    "choose_best_model": 1,
}
HOSTILE_TIME_LIMIT = 5.0


def compose(extra: Path) -> str:
    """A full correct submission with the functions of `extra` appended (later definitions win)."""
    return BASE.read_text() + "\n\n# ---- appended by the tests ----\n" + extra.read_text()


def _grade_folder(folder: Path, out: Path, time_limit: float | None = None) -> dict[str, dict]:
    from autograder.batch import grade_folder

    grade_folder(folder, csv_path=out / "grades.csv", jobs=2, time_limit=time_limit, progress=False)
    graded = {}
    with (out / "grades.csv").open() as handle:
        for row in csv.DictReader(handle):
            report_file = out / "grades_reports" / f"{row['student']}.json"
            report = json.loads(report_file.read_text()) if report_file.exists() else None
            graded[row["student"]] = {"row": row, "report": report}
    return graded


@pytest.fixture(scope="session")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every buggy and correct submission, graded once through grade-all (CSV + JSON reports)."""
    folder = tmp_path_factory.mktemp("catalogue")
    for bug in sorted((SUBMISSIONS / "buggy").glob("*.py")):
        (folder / bug.name).write_text(compose(bug))
    for good in sorted((SUBMISSIONS / "correct").glob("*.py")):
        (folder / f"correct__{good.name}").write_text(good.read_text())
    return _grade_folder(folder, tmp_path_factory.mktemp("catalogue_out"))


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every hostile submission, graded once with a short time limit per function."""
    folder = tmp_path_factory.mktemp("hostile")
    for attack in sorted((SUBMISSIONS / "hostile").glob("*.py")):
        (folder / attack.name).write_text(compose(attack))
    return _grade_folder(folder, tmp_path_factory.mktemp("hostile_out"), time_limit=HOSTILE_TIME_LIMIT)


def scores(entry: dict) -> dict[str, float]:
    return {f: float(entry["row"][f]) for f in FULL}


def failed_outputs(entry: dict, function: str) -> list[str]:
    return [t["output"] for t in entry["report"]["tests"]
            if t["name"].startswith(function + ":") and t["score"] < t["max_score"]]
