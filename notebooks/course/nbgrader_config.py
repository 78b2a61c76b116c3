"""nbgrader configuration of the CS224n Assignment 1 course.

Run every nbgrader command from this folder (notebooks/course/):

    nbgrader generate_assignment a1      # source/a1 -> release/a1
    nbgrader autograde a1                # submitted/<student>/a1 -> autograded/, scores by the grader
    nbgrader generate_feedback a1        # autograded/ -> feedback/ (HTML)
    nbgrader export                      # grades.csv
"""
import sys
from pathlib import Path

# The repository root, so that `notebooks.nbgrader_scores` imports without installing it.
_REPO_ROOT = Path(__file__).resolve().parents[2]
if str(_REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(_REPO_ROOT))

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties,
    CheckCellMetadata,
    ClearHiddenTests,
    ClearOutput,
    DeduplicateIds,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    OverwriteCells,
    OverwriteKernelspec,
)

from notebooks.nbgrader_scores import GraderScores, GuardGradeCells  # noqa: E402

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

# Autograding: the points of every test cell come from the project's grader, run on the
# submitted files in its sandbox (notebooks/nbgrader_scores.py), never from the student's
# kernel. The notebooks are not executed: nothing a student's cell does while autograding
# can reach the course folder, the gradebook or another student (and a class grades in
# seconds per student). nbgrader still sanitizes each notebook first (test cells restored
# from the source, outputs cleared), records the submission and late penalties, and keeps
# the written answers for manual grading.
c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    GuardGradeCells,  # a test cell with flipped flags loses its points, not the whole student
    OverwriteCells,
    CheckCellMetadata,
]
c.Autograde.autograde_preprocessors = [
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    GraderScores,
    AssignLatePenalties,
    CheckCellMetadata,
]
# For executing notebooks elsewhere (nbgrader validate, feedback with outputs): short
# tracebacks, no source lines of hidden tests in outputs (nbgrader #917). Each cell gets
# at most 120 s. Measured with benchmarks/bench_notebooks.py on a 2-core machine with a
# load average of 8-9: the slowest cell (notebook 4's 40,000 trainer iterations, exact
# mode) took 29 s, notebook 4 in all 94 s, the five notebooks 168 s.
c.Execute.timeout = 120
c.Execute.extra_arguments = ["--InteractiveShell.xmode=Minimal"]

# Feedback never shows hidden tests (nbgrader #917): remove them before the HTML export.
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
