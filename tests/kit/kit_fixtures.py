"""Paths and helpers of the student-kit tests (conftest.py holds the fixtures)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).resolve().parent / "kit_runner.py"


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
