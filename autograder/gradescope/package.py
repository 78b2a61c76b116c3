"""The Gradescope autograder package: setup.sh, run_autograder and the grader's source.

Gradescope unpacks the zip into /autograder/source, runs setup.sh once when
the image is built, then run_autograder for every submission (the files are
in /autograder/submission); run_autograder must leave
/autograder/results/results.json, which `python -m autograder grade --json`
writes in Gradescope's format.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGES = ("autograder", "solutions")
REQUIREMENTS = "numpy==2.4.6\nscipy==1.17.1\ntqdm==4.70.1\n"

SETUP_SH = """#!/usr/bin/env bash
# Runs once when Gradescope builds the autograder image (Ubuntu, as root).
set -euo pipefail
apt-get update
# bubblewrap: the sandbox (the grader falls back to resource limits where namespaces are not allowed).
apt-get install -y bubblewrap software-properties-common
if ! command -v python3.11 >/dev/null; then
  add-apt-repository -y ppa:deadsnakes/ppa
  apt-get update
  apt-get install -y python3.11 python3.11-venv
fi
python3.11 -m venv /autograder/venv
/autograder/venv/bin/pip install --quiet -r /autograder/source/requirements-grader.txt
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Runs for every submission: grade /autograder/submission, write results.json.
cd /autograder/source
mkdir -p /autograder/results
/autograder/venv/bin/python -m autograder grade /autograder/submission \\
    --json /autograder/results/results.json > /autograder/results/grader_output.txt 2>&1
if [ ! -s /autograder/results/results.json ]; then
  # The grader itself failed (not the student's code): say so instead of a silent zero.
  printf '{"score": 0, "tests": [], "output": "The autograder could not run; tell the course staff."}' \\
    > /autograder/results/results.json
fi
"""


def build_package(out: Path) -> Path:
    """Write the Gradescope autograder zip to `out` and return its path."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in (("setup.sh", SETUP_SH), ("run_autograder", RUN_AUTOGRADER)):
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o755 << 16  # executable
            archive.writestr(info, text)
        archive.writestr("requirements-grader.txt", REQUIREMENTS)
        for package in PACKAGES:
            for path in sorted((ROOT / package).rglob("*.py")):
                if "__pycache__" not in path.parts:
                    archive.write(path, path.relative_to(ROOT).as_posix())
    return out
