"""The nbgrader command line, run on a scratch copy of the course in notebooks/course/.

The kit builder (notebooks/kit.py) releases the assignment this way; the tests and
benchmarks/bench_grader.py drive whole courses with it. Everything calls the real `nbgrader`
command line, exactly as an instructor would from notebooks/course/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from notebooks.build import course_dir

__all__ = ["COURSE_IDS", "copy_course", "run_nbgrader", "nbgrader_env"]

REPO_ROOT = Path(__file__).resolve().parent.parent
_GENERATED = ("release", "submitted", "autograded", "feedback", "gradebook.db")


COURSE_IDS = {"en": "cs224n-a1", "zh": "cs224n-a1-zh"}  # as each course's nbgrader_config.py sets it


def copy_course(target: Path, language: str = "en") -> Path:
    """A copy of an edition's course folder (English or "zh") without any generated state."""
    ignore = shutil.ignore_patterns(*_GENERATED, "__pycache__")
    shutil.copytree(course_dir(language), target, ignore=ignore)
    return target


def nbgrader_env(extra_pythonpath: list[str] | None = None) -> dict[str, str]:
    """The environment nbgrader and its kernels need.

    The venv's bin/ on PATH (nbgrader runs alembic from there), the repository importable.
    """
    env = dict(os.environ)
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join([bin_dir, env.get("PATH", "")])
    paths = (extra_pythonpath or []) + [str(REPO_ROOT), str(REPO_ROOT / "datasets")]  # cs224n_datasets
    paths += [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    return env


def run_nbgrader(
    course: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 900
) -> subprocess.CompletedProcess:
    """`nbgrader ARGS` run in the course folder; raises when nbgrader fails."""
    executable = Path(sys.executable).parent / "nbgrader"
    command = [str(executable) if executable.exists() else "nbgrader", *args]
    result = subprocess.run(
        command, cwd=course, env=env or nbgrader_env(), capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result
