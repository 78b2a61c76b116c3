"""The command line per contract §3, the points table, the Gradescope package."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from autograder.checks import GRADED, points_table, total_points
from autograder.gradescope import build_package

ROOT = Path(__file__).resolve().parents[2]
START, END = "<!-- points-table:start -->", "<!-- points-table:end -->"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "autograder", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def reference_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "results.json"
    done = run_cli("grade", "--json", str(out))
    return done, json.loads(out.read_text())


def test_grade_without_path_gives_the_reference_full_marks(reference_run):
    done, results = reference_run
    assert done.returncode == 0
    assert results["score"] == total_points(bonus=True)
    assert "Q1 softmax" in done.stdout and "total" in done.stdout


def test_results_json_follows_gradescope_format(reference_run):
    _, results = reference_run
    assert set(results) >= {"score", "tests"}
    for test in results["tests"]:
        assert set(test) >= {"name", "score", "max_score", "output"}
        assert test["name"].split(":")[0] in GRADED
    assert results["score"] == pytest.approx(sum(t["score"] for t in results["tests"]))


def test_exit_status_is_zero_for_a_failing_submission(tmp_path):
    (tmp_path / "empty.py").write_text("x = 1\n")
    done = run_cli("grade", str(tmp_path / "empty.py"), "--json", str(tmp_path / "r.json"))
    assert done.returncode == 0
    assert json.loads((tmp_path / "r.json").read_text())["score"] == 0


def test_points_markdown_prints_the_table():
    done = run_cli("points", "--markdown")
    assert done.returncode == 0 and done.stdout.strip() == points_table().strip()


def test_points_follow_the_handout_weights():
    table = points_table()
    assert "| Q1 softmax | 5 |" in table and "| Q2 neural network basics | 16 |" in table
    assert "| Q3 word2vec | 16 |" in table and "| Q4 sentiment analysis | 4 |" in table
    assert "| Q3 word2vec (bonus: CBOW) | 2 |" in table and total_points() == 41


def test_readme_contains_exactly_the_points_table():
    readme = ROOT / "README.md"
    if not readme.exists() or START not in readme.read_text():
        pytest.skip("README.md has no points-table markers yet")
    text = readme.read_text()
    between = text.split(START, 1)[1].split(END, 1)[0]
    assert between.strip() == points_table().strip()


def test_gradescope_package_has_setup_and_run_scripts(tmp_path):
    path = build_package(tmp_path / "autograder.zip")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        assert {"setup.sh", "run_autograder", "autograder/cli.py", "solutions/softmax.py"} <= names
        assert archive.getinfo("run_autograder").external_attr >> 16 & 0o111
        assert "results.json" in archive.read("run_autograder").decode()


def test_grade_all_command_writes_csv_and_reports(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "alice.py").write_text((ROOT / "solutions" / "softmax.py").read_text())
    (folder / "bob.py").write_text("def softmax(x):\n    return x\n")
    (folder / "carol.py").write_text("this is not python(\n")
    done = run_cli("grade-all", str(folder), "--csv", str(tmp_path / "grades.csv"), "--jobs", "2")
    assert done.returncode == 0, done.stderr
    rows = (tmp_path / "grades.csv").read_text().splitlines()
    assert rows[0].startswith("student,total,softmax") and len(rows) == 4
    assert sorted(p.name for p in (tmp_path / "grades_reports").iterdir()) == [
        "alice.json",
        "bob.json",
        "carol.json",
    ]
    assert rows[1].split(",")[2] == "5" and rows[2].split(",")[2] != "5"


def test_a_path_that_does_not_exist_is_an_error_not_a_grade(tmp_path):
    done = run_cli("grade", str(tmp_path / "nowhere.py"))
    assert done.returncode == 2 and "does not exist" in done.stderr
