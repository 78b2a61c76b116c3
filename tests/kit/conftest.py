"""Fixtures of the student-kit tests: the kit built once, installed alone in a fresh venv."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from kit_fixtures import REPO_ROOT


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
