"""The Gradescope package as Gradescope runs it: setup.sh, then run_autograder per submission, in a
throwaway /autograder (AUTOGRADER_ROOT), on a correct, a buggy and a hostile submission; every
results.json follows Gradescope's format."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from grader_fixtures import BASE, FULL, SUBMISSIONS, compose

from autograder.gradescope.package import FALLBACK_RESULTS, build_package, grader_requirements
from autograder.gradescope.schema import RESULTS_SCHEMA, validate

pytestmark = pytest.mark.slow  # builds an autograder tree and grades three submissions

FULL_TOTAL = float(sum(FULL.values()))
HOSTILE = '''
import json

ROOT = {root!r}


def _attack():
    """Forge the report, tamper with the grader, read the reference: none of it may work."""
    for path, text in ((ROOT + "/results/results.json", json.dumps({{"score": 1000.0, "tests": []}})),
                       (ROOT + "/source/autograder/cli.py", "\\nraise SystemExit(0)\\n")):
        try:
            with open(path, "a" if path.endswith(".py") else "w") as handle:
                handle.write(text)
        except Exception:
            pass


_attack()


def softmax(x):
    _attack()
    with open(ROOT + "/source/solutions/softmax.py") as handle:
        namespace = {{}}
        exec(handle.read(), namespace)
    return namespace["softmax"](x)
'''


def _env(root: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUTOGRADER_")}
    # The jail setup.sh builds (hard links, about a second) beside the throwaway /autograder.
    jail = str(root.parent / "jail")
    env.update({"AUTOGRADER_ROOT": str(root), "AUTOGRADER_SKIP_APT": "1", "AUTOGRADER_JAIL": jail, **extra})
    return env


def _link_grader_packages(venv: Path) -> None:
    """Make the project's installed numpy/scipy/tqdm visible in the new venv (no download in a test)."""
    import numpy

    source = Path(numpy.__file__).resolve().parent.parent
    target = next((venv / "lib").glob("python3*/site-packages"))
    for name in ("numpy", "scipy", "tqdm"):
        for entry in [
            *source.glob(f"{name}"),
            *source.glob(f"{name}.libs"),
            *source.glob(f"{name}-*.dist-info"),
        ]:
            (target / entry.name).symlink_to(entry)


@pytest.fixture(scope="module")
def autograder_root(tmp_path_factory) -> Path:
    """A throwaway /autograder: source unpacked from the built zip, setup.sh run."""
    root = tmp_path_factory.mktemp("gradescope") / "autograder"
    package = build_package(root.parent / "autograder.zip")
    with zipfile.ZipFile(package) as archive:
        archive.extractall(root / "source")
    for script in ("setup.sh", "run_autograder"):
        (root / "source" / script).chmod(0o755)
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")  # as Gradescope does
    base_python = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base_python, "-m", "venv", str(root / "venv")], check=True, timeout=120)
    _link_grader_packages(root / "venv")
    done = subprocess.run(
        ["bash", str(root / "source" / "setup.sh")],
        env=_env(root, AUTOGRADER_PYTHON=base_python),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return root


def _run(root: Path, files: dict[str, str], **env: str) -> tuple[subprocess.CompletedProcess, dict]:
    submission = root / "submission"
    shutil.rmtree(submission, ignore_errors=True)
    submission.mkdir()
    for name, text in files.items():
        (submission / name).write_text(text)
    done = subprocess.run(
        [str(root / "run_autograder")],
        cwd=root,
        env=_env(root, **env),
        capture_output=True,
        text=True,
        timeout=300,
    )
    results = json.loads((root / "results" / "results.json").read_text())
    return done, results


def _source_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((root / "source").rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _assert_valid(results: dict) -> None:
    assert validate(results) == []
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(results, RESULTS_SCHEMA)


@pytest.mark.skipif(os.geteuid() != 0, reason="the jail is built as root, as on Gradescope")
def test_setup_builds_the_jail(autograder_root):
    from autograder.sandbox.jail import jail_ready

    assert jail_ready(autograder_root.parent / "jail")


def test_setup_goes_on_with_a_warning_when_the_jail_cannot_be_built(autograder_root):
    done = subprocess.run(
        ["bash", str(autograder_root / "source" / "setup.sh")],
        env=_env(autograder_root, AUTOGRADER_JAIL="/proc/no-jail-here"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "the chroot jail could not be built" in done.stderr


def test_require_sandbox_refuses_weak_isolation_with_the_fallback_report(autograder_root):
    weak = {
        "AUTOGRADER_SANDBOX": "rlimits",
        "AUTOGRADER_ROOT_VIEW": "none",
        "AUTOGRADER_REQUIRE_SANDBOX": "1",
    }
    done, results = _run(autograder_root, {"assignment1.py": BASE.read_text()}, **weak)
    assert results == FALLBACK_RESULTS
    assert "a real sandbox is required" in done.stdout


def test_require_sandbox_is_a_package_option_off_by_default(tmp_path):
    with zipfile.ZipFile(build_package(tmp_path / "a.zip")) as archive:
        assert "AUTOGRADER_REQUIRE_SANDBOX:-0}" in archive.read("run_autograder").decode()
    with zipfile.ZipFile(build_package(tmp_path / "b.zip", require_sandbox=True)) as archive:
        assert "AUTOGRADER_REQUIRE_SANDBOX:-1}" in archive.read("run_autograder").decode()


def test_setup_makes_the_source_root_only(autograder_root):
    assert (autograder_root / "venv" / "bin" / "python").exists()
    assert (autograder_root / "source").stat().st_mode & 0o077 == 0


def test_correct_submission_gets_full_marks_in_gradescope_format(autograder_root):
    done, results = _run(autograder_root, {"assignment1.py": BASE.read_text()})
    assert done.returncode == 0
    _assert_valid(results)
    assert results["score"] == FULL_TOTAL
    assert results["score"] == pytest.approx(sum(t["score"] for t in results["tests"]))
    assert all(t["status"] == "passed" for t in results["tests"])
    assert "total" in done.stdout  # the grader's table reaches Gradescope's stdout log


def test_hidden_tests_show_after_publication_and_visible_ones_at_once(autograder_root):
    from autograder.checks import REGISTRY

    _, results = _run(autograder_root, {"assignment1.py": BASE.read_text()})
    assert results["visibility"] == "visible" and results["stdout_visibility"] == "hidden"
    hidden = {c.title for c in REGISTRY if c.hidden}
    for test in results["tests"]:
        assert test["visibility"] == ("after_published" if test["name"] in hidden else "visible")
    # Gradescope hides the total while a test is not yet shown: hidden tests must carry points.
    assert all(t["max_score"] > 0 for t in results["tests"] if t["visibility"] == "after_published")


def test_score_visibility_is_a_package_option(tmp_path):
    package = build_package(tmp_path / "a.zip", score_visibility="after_due_date")
    with zipfile.ZipFile(package) as archive:
        assert "after_due_date" in archive.read("run_autograder").decode()
    with pytest.raises(ValueError):
        build_package(tmp_path / "b.zip", score_visibility="sometimes")


def test_buggy_submission_loses_points_in_its_function_only(autograder_root):
    bug = SUBMISSIONS / "buggy" / "softmax__no_max_shift.py"
    _, results = _run(autograder_root, {"assignment1.py": compose(bug)})
    _assert_valid(results)
    lost = {t["name"].split(":")[0] for t in results["tests"] if t["score"] < t["max_score"]}
    assert lost == {"softmax"}
    assert any("overflow" in t["output"] for t in results["tests"] if t["status"] == "failed")


@pytest.mark.parametrize("mode", ["auto", "rlimits", "jail"])
def test_hostile_submission_forges_nothing_and_reads_no_reference(autograder_root, mode):
    before = _source_digest(autograder_root)
    text = BASE.read_text() + "\n\n" + HOSTILE.format(root=str(autograder_root))
    env = {
        "auto": {},
        "rlimits": {"AUTOGRADER_SANDBOX": "rlimits"},
        # Gradescope's case: no namespaces, the jail setup.sh built.
        "jail": {"AUTOGRADER_SANDBOX": "rlimits", "AUTOGRADER_ROOT_VIEW": "jail"},
    }[mode]
    done, results = _run(autograder_root, {"assignment1.py": text}, **env)
    if mode == "jail":
        assert "chroot jail" in done.stdout, done.stdout
    _assert_valid(results)
    assert results["score"] == pytest.approx(sum(t["score"] for t in results["tests"]))
    assert results["score"] == FULL_TOTAL - FULL["softmax"], done.stdout
    assert _source_digest(autograder_root) == before


def test_a_failing_grader_prints_its_traceback_and_leaves_a_valid_report(autograder_root):
    done, results = _run(
        autograder_root, {"assignment1.py": BASE.read_text()}, AUTOGRADER_TIME_LIMIT="not-a-number"
    )
    assert done.returncode == 0
    assert "Traceback" in done.stdout and "ValueError" in done.stdout
    assert "Traceback" in (autograder_root / "results" / "grader_output.txt").read_text()
    assert results == FALLBACK_RESULTS
    _assert_valid(results)


def test_grader_requirements_are_the_locked_versions():
    lines = grader_requirements().splitlines()
    assert [line.split("==")[0].lower() for line in lines] == ["numpy", "scipy", "tqdm"]
    import numpy

    assert f"numpy=={numpy.__version__}" in lines


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        ({"score": 1.0, "visibility": "students"}, "visibility"),
        ({"score": 1.0, "tests": [{"name": "x", "score": "1"}]}, "tests[0].score"),
        ({"tests": [{"name": "x"}]}, "score"),
        ({"score": 1.0, "grade": 3}, "unknown field"),
        ({"score": 1.0, "tests": [{"status": "ok", "score": 1.0}]}, "status"),
    ],
)
def test_validator_rejects_what_gradescope_does_not_accept(broken, problem):
    assert any(problem in p for p in validate(broken))
