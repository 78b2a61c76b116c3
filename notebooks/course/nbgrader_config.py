"""nbgrader configuration of the CS224n Assignment 1 course.

Run every nbgrader command from this folder (notebooks/course/):

    nbgrader generate_assignment a1      # source/a1 -> release/a1
    nbgrader autograde a1                # submitted/<student>/a1 -> autograded/
    nbgrader generate_feedback a1        # autograded/ -> feedback/ (HTML)
    nbgrader export                      # grades.csv
"""
import sys
from pathlib import Path

# The repository root, so that `notebooks.grading` imports without installing it.
_REPO_ROOT = Path(__file__).resolve().parents[2]
if str(_REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(_REPO_ROOT))

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties,
    CheckCellMetadata,
    ClearHiddenTests,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    SaveAutoGrades,
)

from notebooks.grading import RobustExecute  # noqa: E402

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "cs224n-a1"
c.CourseDirectory.root = str(Path(__file__).resolve().parent)
# Notebook 4 writes its word vectors next to itself for notebook 5; they are
# regenerated when autograding, and never belong in a submission or feedback.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "word_vectors.npz"]

# Released solution cells: the function's signature and docstring stay, the body
# becomes this stub, so that the notebook still runs top to bottom.
c.ClearSolutions.code_stub = {
    "python": (
        "# YOUR CODE HERE\n"
        "raise NotImplementedError(\"Not written yet: replace these two lines with your code, \"\n"
        "                          \"then run the test cell below.\")"
    )
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Execution while autograding: every cell gets at most this long. Measured with
# benchmarks/bench_notebooks.py on a 2-core machine with a load average of 8-9:
# the slowest cell (notebook 4's 40,000 trainer iterations, exact mode) took 29 s,
# notebook 4 in all 94 s, the five notebooks 168 s.
c.Execute.timeout = 120
# Short tracebacks: no source lines of hidden tests in the outputs (nbgrader #917).
c.Execute.extra_arguments = ["--InteractiveShell.xmode=Minimal"]
# A cell that ignores the interrupt costs its own points only (see notebooks/grading.py).
c.Autograde.autograde_preprocessors = [
    RobustExecute,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]

# Feedback never shows hidden tests (nbgrader #917): remove them before the HTML export.
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
