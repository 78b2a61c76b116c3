"""Fixtures of the autograder's tests: the submission catalogues, graded once per session."""

from __future__ import annotations

import pytest
from grader_fixtures import HOSTILE_TIME_LIMIT, SUBMISSIONS, compose, grade_folder_once


@pytest.fixture(scope="session")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every buggy and correct submission, graded once through grade-all (CSV + JSON reports)."""
    folder = tmp_path_factory.mktemp("catalogue")
    for bug in sorted((SUBMISSIONS / "buggy").glob("*.py")):
        (folder / bug.name).write_text(compose(bug))
    for good in sorted((SUBMISSIONS / "correct").glob("*.py")):
        (folder / f"correct__{good.name}").write_text(good.read_text())
    return grade_folder_once(folder, tmp_path_factory.mktemp("catalogue_out"))


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every hostile submission, graded once with a short time limit per function."""
    folder = tmp_path_factory.mktemp("hostile")
    for attack in sorted((SUBMISSIONS / "hostile").glob("*.py")):
        (folder / attack.name).write_text(compose(attack))
    return grade_folder_once(folder, tmp_path_factory.mktemp("hostile_out"), time_limit=HOSTILE_TIME_LIMIT)
