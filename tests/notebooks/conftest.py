"""Fixtures of the notebook tests: real nbgrader, real kernels, the real data.

The slow fixtures are session-scoped: the instructor notebooks execute once,
and the release is generated and autograded once for every submission kind.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest
from course_fixtures import filled_with_solutions, grades, replace_solution, submit
from nbclient import NotebookClient

from cs224n_datasets import MissingDataError, glove_dir, sst_dir
from cs224n_datasets.glove import find_glove_file
from cs224n_datasets.sst import SST_ZIP_NAME
from notebooks.build import SOURCE_DIR, notebook_names
from notebooks.execute import CELL_TIMEOUT, kernel_env
from notebooks.nbgrader_cli import copy_course, nbgrader_env, run_nbgrader

# Training in notebook 4 during the round trip: a few iterations are enough to
# exercise the cells (the execution test runs the notebook's own schedule).
ROUND_TRIP_W2V_ITERATIONS = "20"

# The one function broken in the "broken" submission, and its bug: tanh instead
# of the sigmoid. Notebooks 3 and 4 load this sigmoid too; their graded
# functions must keep every point.
BROKEN_FUNCTION = "sigmoid"
BROKEN_NOTEBOOK = "02_neural_basics"
BROKEN_SOURCE = '''def sigmoid(x):
    """A plausible mistake: tanh instead of the logistic sigmoid."""
    return np.tanh(x)'''


def _absent(what: str, exc: Exception) -> None:
    if os.environ.get("CS224N_REQUIRE_DATA") == "1":
        pytest.fail(f"CS224N_REQUIRE_DATA=1 but {what} is missing: {exc}")
    pytest.skip(f"{what} not available: {exc}")


@pytest.fixture(scope="session")
def real_data() -> None:
    """The treebank and GloVe vectors are where CS224N_SST_DIR / CS224N_GLOVE_DIR say."""
    if not (sst_dir() / SST_ZIP_NAME).is_file():
        _absent("the SST treebank", FileNotFoundError(str(sst_dir() / SST_ZIP_NAME)))
    try:
        find_glove_file(50)
    except MissingDataError as exc:
        _absent(f"GloVe vectors in {glove_dir()}", exc)


@pytest.fixture(scope="session")
def source_notebooks() -> dict[str, nbformat.NotebookNode]:
    return {stem: nbformat.read(SOURCE_DIR / f"{stem}.ipynb", as_version=4) for stem in notebook_names()}


@pytest.fixture(scope="session")
def released_course(tmp_path_factory, real_data) -> Path:
    """A scratch copy of the course with `nbgrader generate_assignment a1` done."""
    course = copy_course(tmp_path_factory.mktemp("round_trip") / "course")
    run_nbgrader(course, "generate_assignment", "a1")
    return course


@pytest.fixture(scope="session")
def released_notebooks(released_course) -> dict[str, nbformat.NotebookNode]:
    folder = released_course / "release" / "a1"
    return {stem: nbformat.read(folder / f"{stem}.ipynb", as_version=4) for stem in notebook_names()}


@pytest.fixture(scope="session")
def graded_course(released_course, released_notebooks, source_notebooks) -> Path:
    """Three students autograded in one `nbgrader autograde a1`, then feedback and export.

    - "reference": the release filled in with the reference solutions;
    - "untouched": the release as handed out;
    - "broken": the reference filling with one function broken.
    """
    filled = {
        stem: filled_with_solutions(nb, source_notebooks[stem]) for stem, nb in released_notebooks.items()
    }
    submit(released_course, "reference", filled)
    submit(released_course, "untouched", released_notebooks)
    broken = dict(filled)
    broken[BROKEN_NOTEBOOK] = replace_solution(filled[BROKEN_NOTEBOOK], BROKEN_FUNCTION, BROKEN_SOURCE)
    submit(released_course, "broken", broken)
    env = nbgrader_env()
    env["CS224N_W2V_ITERATIONS"] = ROUND_TRIP_W2V_ITERATIONS
    run_nbgrader(released_course, "autograde", "a1", env=env)
    run_nbgrader(released_course, "generate_feedback", "a1", env=env)
    run_nbgrader(released_course, "export", env=env)
    for student in ("reference", "untouched", "broken"):
        scores = grades(released_course, student)
        earned = sum(v or 0.0 for nb in scores.values() for g, v in nb.items() if not g.startswith("answer-"))
        print(f"round trip: {student}: {earned:g} autograded points")
    return released_course


@pytest.fixture(scope="session")
def broken_function() -> str:
    """The graded function broken in the "broken" submission."""
    return BROKEN_FUNCTION


# The course's nbgrader_config.py does not execute the notebooks while autograding (the scores
# come from the sandboxed grader, notebooks/nbgrader_scores.py): what notebooks 4 and 5 print to
# a student is checked by running the student's submitted notebooks here, in a fresh kernel each.
_STUDENTS_RUN = ("reference", "untouched", "broken")


@pytest.fixture(scope="session")
def students_run_notebooks_4_5(graded_course, tmp_path_factory) -> dict[str, dict[str, str]]:
    """{student: {notebook stem: the text its code cells printed}} for notebooks 4 and 5.

    Each student's five submitted notebooks are copied to a scratch folder (notebooks 4 and 5
    read functions from the earlier ones, notebook 5 reads the vectors notebook 4 saves) and
    notebooks 4 then 5 run there, errors allowed (a student's unwritten function raises).
    """
    env = kernel_env()
    env["CS224N_W2V_ITERATIONS"] = ROUND_TRIP_W2V_ITERATIONS
    texts: dict[str, dict[str, str]] = {}
    for student in _STUDENTS_RUN:
        folder = tmp_path_factory.mktemp(f"run_{student}")
        for path in (graded_course / "submitted" / student / "a1").glob("*.ipynb"):
            shutil.copyfile(path, folder / path.name)
        texts[student] = {}
        for stem in ("04_word2vec", "05_sentiment"):
            nb = nbformat.read(folder / f"{stem}.ipynb", as_version=4)
            client = NotebookClient(
                nb,
                timeout=CELL_TIMEOUT,
                kernel_name="python3",
                allow_errors=True,
                resources={"metadata": {"path": str(folder)}},
            )
            client.execute(env=env)
            texts[student][stem] = "".join(
                out.get("text", "") + out.get("evalue", "")
                for cell in nb.cells
                if cell.cell_type == "code"
                for out in cell.outputs
            )
    return texts
