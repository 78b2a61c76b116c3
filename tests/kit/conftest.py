"""Fixtures of the student-kit tests: the kit built once, installed alone in a fresh venv."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).resolve().parent / "kit_runner.py"


def _pin(package: str) -> str:
    """The pinned requirement of requirements.lock (the kit venv reuses the project's pins)."""
    for line in (REPO_ROOT / "requirements.lock").read_text().splitlines():
        if line.lower().startswith(f"{package}=="):
            return line.strip()
    raise LookupError(f"{package} is not pinned in requirements.lock")


@pytest.fixture(scope="session")
def kit_dir(tmp_path_factory) -> Path:
    """The kit, built by the real command into a scratch folder."""
    out = tmp_path_factory.mktemp("kit") / "dist"
    subprocess.run(
        [sys.executable, "-m", "notebooks.kit", "build", "--out", str(out)],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return out


@pytest.fixture(scope="session")
def kit_python(kit_dir, tmp_path_factory) -> Path:
    """A fresh virtual environment (no system site-packages) with pinned NumPy and only the kit."""
    venv = tmp_path_factory.mktemp("kitvenv") / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(venv)], check=True, timeout=300)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--no-deps", _pin("numpy")], check=True, timeout=600)
    wheel = next(kit_dir.glob("*.whl"))
    subprocess.run([*pip, "--no-deps", str(wheel)], check=True, timeout=300)
    return venv / "bin" / "python"


@pytest.fixture(scope="session")
def site_packages(kit_python) -> Path:
    out = subprocess.run(
        [str(kit_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(out.stdout.strip())


@pytest.fixture(scope="session")
def reference_copy(tmp_path_factory) -> Path:
    """The reference solutions as a student's own package `reference_answers` (outside the kit)."""
    folder = tmp_path_factory.mktemp("answers")
    target = folder / "reference_answers"
    shutil.copytree(REPO_ROOT / "solutions", target, ignore=shutil.ignore_patterns("__pycache__"))
    for path in target.glob("*.py"):
        text = re.sub(r"\bsolutions\b", "reference_answers", path.read_text())
        path.write_text(text)
    return target


def run_in_kit(kit_python: Path, spec: dict, cwd: Path) -> dict:
    """kit_runner.py in the kit venv (isolated: no PYTHONPATH, no repository on sys.path)."""
    spec_file = cwd / "spec.json"
    spec_file.write_text(json.dumps(spec))
    result = subprocess.run(
        [str(kit_python), "-I", str(RUNNER), str(spec_file)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)
