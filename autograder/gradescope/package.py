"""The Gradescope autograder package: setup.sh, run_autograder and the grader's source.

Gradescope unpacks the zip into /autograder/source, runs setup.sh once (as
root) when it builds the image, then, in a fresh container per submission,
run_autograder (as root) with the student's files in /autograder/submission;
run_autograder must leave /autograder/results/results.json, which
`python -m autograder grade --json` writes in Gradescope's format.

Both scripts take the folder from AUTOGRADER_ROOT (default /autograder), so a
test can lay the same tree out in a temporary folder and run them there.

Isolation on Gradescope: the container runs as root, where bubblewrap and mount
namespaces are usually refused (Docker's default settings). The child then runs
in the chroot jail that setup.sh builds (`python -m autograder build-jail`, into
AUTOGRADER_JAIL or /opt/autograder-jail, about 300 MB: Python, NumPy, SciPy and
the grader's runtime, nothing of the project) under a uid of the job's own. If
the jail cannot be built, setup.sh warns and goes on: the child still drops to
its own unprivileged uid, and run_autograder makes the grader's source, the
student's original files and the results folder readable and writable by root
only, so it cannot read the reference solutions or forge results.json; but it
could read whatever else in the image is world-readable (the report says "WEAK
ISOLATION"). AUTOGRADER_SKIP_JAIL=1 skips the jail (tests; machines where
namespaces work).

`--require-sandbox` is not passed by default: on an image where the jail could
not be built it would turn every submission into the "could not run" report,
while the root-only files above already keep the reference and the results out
of reach. A course that prefers no grade to a weakly isolated one builds the
package with `build_package(..., require_sandbox=True)` (or sets
AUTOGRADER_REQUIRE_SANDBOX=1 in the container): run_autograder then refuses to
grade without a private view. The grader's Python must be one the job's uid can
run (a system python3.11 and /autograder/venv are; a pyenv Python under /root is
not): the grader checks and refuses with a clear message otherwise.

Scores: results.json's `score` includes the hidden tests (the contract's report: the
sum of every test; the gradebook gets the whole grade at once, no re-run after the
deadline). It does not tell a student at each resubmission whether the hidden tests
pass: hidden tests are listed with visibility "after_published", and Gradescope's
specification says that while test cases are hidden students cannot see their total
score (only tests with visibility "hidden", which must carry no points, do not hide
it). Visible tests, their feedback and the report's top-level output are shown at
once; the hidden tests and the total when the instructor publishes the grades.
`score_visibility` sets the report's top-level visibility (default "visible"; e.g.
"after_due_date" hides everything but what a test itself marks "visible" until the
deadline). Set the assignment's autograder points on Gradescope to the maximum without
the extra credit (the total `python -m autograder points` prints); CBOW's points,
extra credit (autograder/manifest.py), come on top.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from autograder.gradescope.schema import VISIBILITIES

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGES = ("autograder", "solutions")
GRADER_REQUIREMENTS = ("numpy", "scipy", "tqdm")  # what the grader and typical submissions import

SETUP_SH = r"""#!/usr/bin/env bash
# Runs once when Gradescope builds the autograder image (Ubuntu, as root).
# AUTOGRADER_ROOT: the autograder folder (default /autograder); AUTOGRADER_PYTHON: the Python
# to build the grader's environment with (default python3.11); AUTOGRADER_SKIP_APT=1: install
# no system packages (a test, or an image that has them).
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
PYTHON="${AUTOGRADER_PYTHON:-python3.11}"
if [ "${AUTOGRADER_SKIP_APT:-0}" != 1 ] && command -v apt-get >/dev/null; then
  missing=()
  # bubblewrap: the sandbox where namespaces are allowed (otherwise the grader drops privileges).
  command -v bwrap >/dev/null || missing+=(bubblewrap)
  if ! command -v "$PYTHON" >/dev/null; then
    apt-get update
    apt-get install -y software-properties-common
    add-apt-repository -y ppa:deadsnakes/ppa
    missing+=(python3.11 python3.11-venv)
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update
    apt-get install -y "${missing[@]}"
  fi
fi
if [ ! -x "$ROOT/venv/bin/python" ]; then
  "$PYTHON" -m venv "$ROOT/venv"
fi
"$ROOT/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r "$ROOT/source/requirements-grader.txt"
# The chroot jail (AUTOGRADER_JAIL, default /opt/autograder-jail): the child's private file system
# view where the container refuses bubblewrap and mount namespaces, as Docker run as root does by
# default. Without it the grader still drops to a uid of the job's own (weaker isolation).
# AUTOGRADER_SKIP_JAIL=1: build none (a test, or a machine where namespaces work).
if [ "${AUTOGRADER_SKIP_JAIL:-0}" != 1 ]; then
  if ! (cd "$ROOT/source" && "$ROOT/venv/bin/python" -m autograder build-jail); then
    echo "setup.sh: WARNING: the chroot jail could not be built; submissions will be graded with" \
         "weaker isolation where namespaces are refused (see the grader's report)." >&2
  fi
fi
# The grader's source (with the reference solutions) is root's only.
chmod -R go-rwx "$ROOT/source"
"""

RUN_AUTOGRADER = r"""#!/usr/bin/env bash
# Runs for every submission (as root): grade $ROOT/submission, write $ROOT/results/results.json.
# The grader's output (and its traceback, if it fails) goes to stdout, which Gradescope keeps
# for the course staff, and to $ROOT/results/grader_output.txt.
set -uo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
RESULTS="$ROOT/results"
mkdir -p "$RESULTS"
rm -f "$RESULTS/results.json"
# Root's only: the child process runs student code under another uid when it can.
chmod -R go-rwx "$ROOT/source" "$RESULTS" 2>/dev/null || true
[ -e "$ROOT/submission" ] && chmod -R go-rwx "$ROOT/submission" 2>/dev/null
export AUTOGRADER_SCORE_VISIBILITY="${AUTOGRADER_SCORE_VISIBILITY:-@SCORE_VISIBILITY@}"
# 1: refuse to grade (the fallback report below) unless the child gets a private file system view.
export AUTOGRADER_REQUIRE_SANDBOX="${AUTOGRADER_REQUIRE_SANDBOX:-@REQUIRE_SANDBOX@}"
cd "$ROOT/source" || exit 0
"$ROOT/venv/bin/python" -m autograder grade "$ROOT/submission" --json "$RESULTS/results.json" 2>&1 \
    | tee "$RESULTS/grader_output.txt"
status="${PIPESTATUS[0]}"
if [ "$status" != 0 ] || [ ! -s "$RESULTS/results.json" ]; then
  # The grader itself failed (not the student's code): say so instead of a silent zero.
  echo "The grader failed (exit status $status); its output is above and in $RESULTS/grader_output.txt."
  printf '%s\n' '@FALLBACK@' \
    > "$RESULTS/results.json"
fi
exit 0
"""


# results.json when the grader itself fails: a valid report that says so (no student code's fault).
FALLBACK_RESULTS = {
    "score": 0.0,
    "output": "The autograder could not run on this submission; the course staff have the details. "
    "Please tell them.",
    "visibility": "visible",
    "stdout_visibility": "hidden",
    "tests": [],
}


def run_autograder_script(score_visibility: str = "visible", *, require_sandbox: bool = False) -> str:
    """The text of run_autograder (require_sandbox: see build_package)."""
    fallback = json.dumps(FALLBACK_RESULTS)
    if "'" in fallback:  # it is pasted between single quotes in the shell script
        raise ValueError("the fallback report must not contain a single quote")
    return (
        RUN_AUTOGRADER.replace("@SCORE_VISIBILITY@", score_visibility)
        .replace("@REQUIRE_SANDBOX@", "1" if require_sandbox else "0")
        .replace("@FALLBACK@", fallback)
    )


def grader_requirements(lock: Path = ROOT / "requirements.lock") -> str:
    """The pinned versions of the grader's packages, taken from the project's lock file."""
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)", line.strip())
        if match and match.group(1).lower() in GRADER_REQUIREMENTS:
            pins[match.group(1).lower()] = f"{match.group(1)}=={match.group(2)}"
    missing = [name for name in GRADER_REQUIREMENTS if name not in pins]
    if missing:
        raise ValueError(f"requirements.lock pins no version of {', '.join(missing)}")
    return "\n".join(pins[name] for name in GRADER_REQUIREMENTS) + "\n"


def build_package(out: Path, *, score_visibility: str = "visible", require_sandbox: bool = False) -> Path:
    """Write the Gradescope autograder zip to `out` and return its path.

    Args:
        out: the zip file to write.
        score_visibility: the report's top-level visibility ("visible" by default): one of
            Gradescope's "hidden", "after_due_date", "after_published", "visible"; see the module
            docstring.
        require_sandbox: run_autograder refuses to grade (every submission gets the fallback
            report) unless the child has a private file system view; off by default, see the
            module docstring. AUTOGRADER_REQUIRE_SANDBOX in the container overrides it.
    """
    if score_visibility not in VISIBILITIES:
        raise ValueError(f"score_visibility must be one of {', '.join(VISIBILITIES)}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    scripts = (
        ("setup.sh", SETUP_SH),
        ("run_autograder", run_autograder_script(score_visibility, require_sandbox=require_sandbox)),
    )
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in scripts:
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o755 << 16  # executable
            archive.writestr(info, text)
        archive.writestr("requirements-grader.txt", grader_requirements())
        for package in PACKAGES:
            for path in sorted((ROOT / package).rglob("*.py")):
                if "__pycache__" not in path.parts:
                    archive.write(path, path.relative_to(ROOT).as_posix())
    return out
