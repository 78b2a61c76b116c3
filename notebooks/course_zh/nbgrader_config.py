"""nbgrader configuration of the Chinese (Simplified) edition of the CS224n Assignment 1 course.

The same course as notebooks/course/ (its nbgrader_config.py is read first: the same
grader, sandbox, stubs and preprocessors); only the course id and the folder differ.
Run every nbgrader command from this folder (notebooks/course_zh/), exactly as in English:

    nbgrader generate_assignment a1      # source/a1 -> release/a1 (the Chinese notebooks)
    nbgrader autograde a1                # the same points as the English edition
    nbgrader generate_feedback a1
    nbgrader export
"""

import os
import sys
from pathlib import Path

# The repository root, so that `notebooks` imports without installing it (nbgrader's tests
# copy this folder elsewhere and put the repository on PYTHONPATH instead).
_REPO_ROOT = Path(__file__).resolve().parents[2]
if str(_REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(_REPO_ROOT))

import notebooks  # noqa: E402

_ENGLISH_CONFIG = Path(notebooks.__file__).resolve().parent / "course" / "nbgrader_config.py"
exec(  # noqa: S102  (the English course's configuration, as if it were written here)
    compile(_ENGLISH_CONFIG.read_text(encoding="utf-8"), str(_ENGLISH_CONFIG), "exec"),
    {"get_config": get_config, "__file__": str(_ENGLISH_CONFIG), "__name__": "nbgrader_config"},  # noqa: F821
)

# The grader's feedback lines in Chinese (the checks' message table, autograder/runtime/messages.py).
os.environ.setdefault("CS224N_LANGUAGE", "zh")

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)
c.CourseDirectory.course_id = "cs224n-a1-zh"
c.CourseDirectory.root = str(Path(__file__).resolve().parent)
