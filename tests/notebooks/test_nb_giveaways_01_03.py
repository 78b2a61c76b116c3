"""The released notebooks 1-3 leave the written answers to the student.

The release is made here with nbgrader's own ClearSolutions preprocessor (what
`nbgrader generate_assignment` runs on solution cells), without a course folder.
"""

from __future__ import annotations

import contextlib
import io
import re

import nbformat
import numpy as np
import pytest
from nbgrader.preprocessors import ClearSolutions

from notebooks.build import TEMPLATE_DIR, render

CODE_STUB = 'raise NotImplementedError("Not written yet")'


def _released(stem: str) -> nbformat.NotebookNode:
    nb = render(TEMPLATE_DIR / f"{stem}.py")
    clear = ClearSolutions(code_stub={"python": CODE_STUB}, text_stub="YOUR ANSWER HERE")
    released, _ = clear.preprocess(nb, {})
    return released


def _cell(nb: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


@pytest.fixture(scope="module")
def released() -> dict[str, nbformat.NotebookNode]:
    return {stem: _released(stem) for stem in ("01_softmax", "03_two_layer_network")}


# Subtracting a maximum, in code or in LaTeX, or naming it in words.
MAX_SHIFT = re.compile(r"-\s*[\w.]*\.max\(|-\s*np\.a?max\(|-\s*max\(|-\s*\\max|\bmaximum\b|\bmax_")


def test_released_notebook_1_never_shows_the_max_shift(released):
    for cell in released["01_softmax"].cells:
        assert not MAX_SHIFT.search(cell.source), cell.source[:300]


def test_the_instructor_notebook_1_has_the_max_shift_in_its_answers_only():
    nb = render(TEMPLATE_DIR / "01_softmax.py")
    holders = {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells if MAX_SHIFT.search(c.source)}
    assert holders == {"answer-q1a_softmax_shift", "solution-softmax"}


COUNT_FORMULAS = ["(dx + 1)", "(Dx + 1)", "(D_x + 1)", "(h + 1)", "(H + 1)", "115"]


@pytest.mark.parametrize("formula", COUNT_FORMULAS)
def test_released_notebook_3_does_not_give_the_parameter_count_away(released, formula):
    for cell in released["03_two_layer_network"].cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "solution-forward_backward_prop":
            continue  # its docstring comes from solutions/: the test below
        assert formula not in cell.source, cell.source[:200]


def test_released_forward_backward_prop_docstring_does_not_give_the_count_away(released):
    cell = _cell(released["03_two_layer_network"], "solution-forward_backward_prop")
    assert not any(formula in cell.source for formula in COUNT_FORMULAS)


def test_released_param_count_is_a_stub_for_the_student(released):
    cell = _cell(released["03_two_layer_network"], "exercise-param_count")
    assert CODE_STUB in cell.source and "def param_count(dimensions):" in cell.source


def test_param_count_check_says_it_is_not_written_yet_in_the_release(released):
    nb = released["03_two_layer_network"]
    index = nb.cells.index(_cell(nb, "exercise-param_count"))
    namespace: dict = {"np": np}
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(nb.cells[index].source, namespace)  # defines the stub
        exec(nb.cells[index + 2].source, namespace)  # the provided helpers and the check loop
    assert "param_count is not written yet" in output.getvalue()


def test_param_count_check_flags_a_wrong_count():
    nb = render(TEMPLATE_DIR / "03_two_layer_network.py")
    index = nb.cells.index(_cell(nb, "exercise-param_count"))
    namespace: dict = {"np": np, "param_count": lambda dims: dims[0] * dims[1] + dims[1] * dims[2]}
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(nb.cells[index + 2].source, namespace)
    assert "DIFFERS" in output.getvalue()


def test_exercise_cells_are_ungraded_solution_cells():
    meta = _cell(render(TEMPLATE_DIR / "03_two_layer_network.py"), "exercise-param_count").metadata[
        "nbgrader"
    ]
    assert meta["solution"] and not meta["grade"] and not meta["locked"]


def test_builder_rejects_an_exercise_without_its_answer_markers(tmp_path):
    template = tmp_path / "99_bad.py"
    template.write_text('# %% exercise="thing"\ndef thing():\n    return 1\n', encoding="utf-8")
    with pytest.raises(ValueError, match="BEGIN SOLUTION"):
        render(template)
