"""The notebooks are generated from the templates and solutions/, and say what they should."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest

from autograder import manifest
from autograder.notebook import points
from notebooks.build import (
    LANGUAGES,
    TEMPLATE_DIR,
    build,
    notebook_names,
    render,
    solution_source,
    source_dir,
)
from notebooks.reuse import functions_from_notebook

NOTEBOOKS = ["01_softmax", "02_neural_basics", "03_two_layer_network", "04_word2vec", "05_sentiment"]


def _cells(nb, *, kind: str):
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        grade_id = meta.get("grade_id", "")
        if grade_id.startswith(kind):
            yield grade_id, cell, meta


@pytest.fixture(scope="module")
def rendered() -> dict[str, nbformat.NotebookNode]:
    return {stem: render(TEMPLATE_DIR / f"{stem}.py") for stem in notebook_names()}


def test_there_are_five_notebooks_in_order():
    assert notebook_names() == NOTEBOOKS


@pytest.mark.parametrize("language", LANGUAGES)
def test_committed_notebooks_are_what_the_builder_makes(tmp_path, language):
    build(tmp_path, languages=(language,))
    for stem in NOTEBOOKS:
        committed = (source_dir(language) / f"{stem}.ipynb").read_text(encoding="utf-8")
        generated = (tmp_path / language / f"{stem}.ipynb").read_text(encoding="utf-8")
        assert committed == generated, (
            f"{stem}.ipynb ({language}) is out of date: run `python -m notebooks.build`"
        )


def test_build_check_command_passes_on_the_committed_notebooks():
    result = subprocess.run(
        [sys.executable, "-m", "notebooks.build", "--check"],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_graded_function_has_one_solution_cell(rendered):
    found = [
        grade_id.removeprefix("solution-")
        for nb in rendered.values()
        for grade_id, _, _ in _cells(nb, kind="solution-")
    ]
    assert sorted(found) == sorted(manifest.GRADED)


@pytest.mark.parametrize("name", manifest.GRADED)
def test_solution_cell_holds_the_reference_code_between_the_markers(rendered, name):
    head, body = solution_source(name)
    cells = [
        cell
        for nb in rendered.values()
        for grade_id, cell, _ in _cells(nb, kind="solution-")
        if grade_id == f"solution-{name}"
    ]
    assert cells[0].source == f"{head}\n    ### BEGIN SOLUTION\n{body}\n    ### END SOLUTION"


BONUS = manifest.EXTRA_CREDIT  # 0 required points in nbgrader, extra credit in both graders


@pytest.mark.parametrize("hidden", [False, True], ids=["public", "hidden"])
def test_test_cells_carry_the_autograders_points(rendered, hidden):
    prefix = "hidden-test-" if hidden else "test-"
    for nb in rendered.values():
        for grade_id, cell, meta in _cells(nb, kind=prefix):
            name = grade_id.removeprefix(prefix)
            if name in BONUS:
                continue
            assert meta["points"] == points(name, hidden=hidden)
            assert meta["grade"] and meta["locked"] and not meta["solution"]
            assert f'check("{name}", {name}' in cell.source


@pytest.mark.parametrize("prefix", ["test-", "hidden-test-"])
def test_extra_credit_cells_are_worth_no_required_points_and_print_the_bonus(rendered, prefix):
    cells = [(cell, meta) for nb in rendered.values() for g, cell, meta in _cells(nb, kind=prefix + "cbow")]
    assert len(cells) == 1
    cell, meta = cells[0]
    assert meta["points"] == 0.0 and meta["grade"] and meta["locked"]
    # nbgrader reads a cell's last value as its score and rejects one above the cell's points:
    # the bonus is printed, never the cell's value.
    assert "print(f\"extra credit earned: {check('cbow', cbow" in cell.source


def test_nbgrader_total_is_the_autograders_without_the_bonus(rendered):
    total = sum(
        meta["points"]
        for nb in rendered.values()
        for prefix in ("test-", "hidden-test-")
        for _, _, meta in _cells(nb, kind=prefix)
    )
    assert total == sum(points(n) + points(n, hidden=True) for n in manifest.GRADED if n not in BONUS)


def test_hidden_checks_sit_inside_hidden_test_markers(rendered):
    for nb in rendered.values():
        for _, cell, _ in _cells(nb, kind="hidden-test-"):
            lines = cell.source.splitlines()
            begin, end = lines.index("### BEGIN HIDDEN TESTS"), lines.index("### END HIDDEN TESTS")
            assert all("hidden=True" not in line for line in lines[:begin] + lines[end:])


def test_written_answers_are_manually_graded_markdown_cells(rendered):
    answers = [(cell, meta) for nb in rendered.values() for _, cell, meta in _cells(nb, kind="answer-")]
    assert len(answers) >= 12
    for cell, meta in answers:
        assert cell.cell_type == "markdown" and meta["grade"] and meta["solution"] and meta["points"] > 0


def test_instructor_notebooks_never_import_solutions(rendered):
    for nb in rendered.values():
        for cell in nb.cells:
            assert "import solutions" not in cell.source and "from solutions" not in cell.source


def test_builder_rejects_unknown_cell_metadata(tmp_path):
    template = tmp_path / "99_bad.py"
    template.write_text('# %% something="odd"\nx = 1\n', encoding="utf-8")
    with pytest.raises(ValueError, match="99_bad.py:1: cannot read the cell metadata"):
        render(template)


def test_builder_rejects_bonus_on_a_cell_that_is_not_a_tests_cell(tmp_path):
    template = tmp_path / "99_bad.py"
    template.write_text('# %% solution="softmax" bonus=true\n', encoding="utf-8")
    with pytest.raises(ValueError, match="only on a tests cell"):
        render(template)


def test_templates_are_notebooks_jupytext_reads_with_their_markdown(rendered):
    # A maintainer opens a template as a notebook: its prose must come out as Markdown cells
    # (the English ones; a lang="zh" cell is the Chinese twin, left out of the English build).
    for stem in notebook_names():
        nb = jupytext.read(TEMPLATE_DIR / f"{stem}.py")
        markdown = [
            c.source for c in nb.cells if c.cell_type == "markdown" and c.metadata.get("lang") != "zh"
        ]
        built = [c.source for c in rendered[stem].cells if c.cell_type == "markdown"]
        assert markdown == built


def test_builder_rejects_code_written_into_a_solution_cell(tmp_path):
    template = tmp_path / "99_bad.py"
    template.write_text('# %% solution="softmax"\nreturn x\n', encoding="utf-8")
    with pytest.raises(ValueError, match="comes from solutions"):
        render(template)


def test_builder_rejects_an_include_that_needs_a_global_the_notebook_lacks(tmp_path):
    # solutions.sgd:checkpoint_dir reads __file__, which a notebook does not have (issue 10).
    template = tmp_path / "99_bad.py"
    template.write_text(
        "# %% provided=true\nimport os\nfrom pathlib import Path\n# include: solutions.sgd:checkpoint_dir\n"
    )
    with pytest.raises(ValueError, match="__file__"):
        render(template)


def test_builder_accepts_an_include_whose_names_the_notebook_defines(tmp_path):
    template = tmp_path / "99_good.py"
    template.write_text(
        "# %% provided=true\nimport numpy as np\n# include: solutions.word2vec_c:exp_table\n"
        "EXP_TABLE_SIZE, MAX_EXP = 1000, 6\n"
    )
    assert "def exp_table" in render(template).cells[0].source


def _notebook_file(path: Path, sources: list[str]) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nbformat.write(nb, path)
    return path


def test_functions_from_notebook_takes_definitions_and_imports_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _notebook_file(
        tmp_path / "earlier.ipynb",
        [
            "import math\nSCALE = 3",
            "def triple(x):\n    return SCALE * math.floor(x)\nwhile True:\n    pass",
            "%matplotlib inline",
        ],
    )
    namespace: dict = {}
    (triple,) = functions_from_notebook("earlier.ipynb", ["triple"], namespace)
    assert triple(2.5) == 6  # SCALE (a constant) and math (an import) came along


def test_functions_from_notebook_names_what_is_missing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _notebook_file(tmp_path / "earlier.ipynb", ["def f():\n    return 1"])
    with pytest.raises(LookupError, match="does not define g"):
        functions_from_notebook("earlier.ipynb", ["f", "g"], {})
