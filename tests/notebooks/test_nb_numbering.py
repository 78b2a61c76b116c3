"""notebooks/README.md maps the handout's questions to cells, and notebooks 1-3 follow it.

The table's rows for notebooks 1-3 must name every graded or solution cell of those
notebooks, with nbgrader's points; the code rows of every notebook must name cells
that exist, with the autograder's points; headings and answer cells use the numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from autograder.checks import BONUS as EXTRA_CREDIT
from autograder.notebook import points
from notebooks.build import SOURCE_DIR, TEMPLATE_DIR, render

README = Path(__file__).resolve().parents[2] / "notebooks" / "README.md"
CHECKED_NOTEBOOKS = ["01_softmax", "02_neural_basics", "03_two_layer_network", "04_word2vec", "05_sentiment"]
# Notebooks whose every written question states its points as "**Question 1 (a), 2 points.**".
POINTS_STATED_NOTEBOOKS = ["01_softmax", "02_neural_basics", "03_two_layer_network"]
HANDOUT_QUESTIONS = ["1a", "1b"] + [f"2{c}" for c in "abcdefg"] + [f"3{c}" for c in "abcdefgh"]
HANDOUT_QUESTIONS += [f"4{c}" for c in "abcdefg"]
_ROW = re.compile(
    r"^\| (?P<question>\d[a-h]) \| (?P<what>[^|]*) \| `(?P<notebook>\d\d_\w+)` \|"
    r" (?P<ids>[^|]*) \| (?P<function>[^|]*) \| (?P<points>[^|]*) \|$"
)


def _rows() -> list[dict[str, str]]:
    rows = [
        m.groupdict() for line in README.read_text(encoding="utf-8").splitlines() if (m := _ROW.match(line))
    ]
    for row in rows:
        row["ids"] = re.findall(r"`([\w-]+)`", row["ids"])
    return rows


def _grade_cells(stem: str) -> dict[str, dict]:
    nb = nbformat.read(SOURCE_DIR / f"{stem}.ipynb", as_version=4)
    return {
        cell.metadata["nbgrader"]["grade_id"]: cell.metadata["nbgrader"]
        for cell in nb.cells
        if cell.metadata.get("nbgrader", {}).get("grade") or cell.metadata.get("nbgrader", {}).get("solution")
    }


def _table_points(row: dict) -> list[float]:
    return [float(p) for p in row["points"].split("+")]


def test_the_table_covers_every_question_of_the_handout():
    assert sorted({row["question"] for row in _rows()}) == HANDOUT_QUESTIONS


@pytest.mark.parametrize("stem", CHECKED_NOTEBOOKS)
def test_the_table_lists_every_graded_cell_of_the_notebook(stem):
    listed = {grade_id for row in _rows() if row["notebook"] == stem for grade_id in row["ids"]}
    assert listed == set(_grade_cells(stem))


@pytest.mark.parametrize("stem", CHECKED_NOTEBOOKS)
def test_written_answer_rows_give_the_cells_points(stem):
    cells = _grade_cells(stem)
    for row in _rows():
        if row["notebook"] == stem and row["ids"][0].startswith("answer-"):
            assert [cells[i]["points"] for i in row["ids"]] == _table_points(row), row["question"]


@pytest.mark.parametrize("stem", CHECKED_NOTEBOOKS)
def test_answer_ids_carry_the_question_number(stem):
    for row in _rows():
        for grade_id in row["ids"]:
            if row["notebook"] == stem and grade_id.startswith("answer-"):
                assert grade_id.startswith(f"answer-q{row['question']}_")


def test_code_rows_give_the_autograders_points_and_existing_cells():
    code_rows = [row for row in _rows() if row["ids"][0].startswith("solution-")]
    assert code_rows
    for row in code_rows:
        function = row["ids"][0].removeprefix("solution-")
        assert row["function"].strip() == f"`{function}`"
        cells = _grade_cells(row["notebook"])
        assert set(row["ids"]) <= set(cells), row["question"]
        expected = [points(function, hidden=False)]
        if points(function, hidden=True):
            expected.append(points(function, hidden=True))
        assert _table_points(row) == expected, function
        # Extra credit is worth 0 required points in nbgrader; the bonus is printed, not scored.
        in_cells = [0.0] * len(expected) if function in EXTRA_CREDIT else expected
        assert [cells[i]["points"] for i in row["ids"] if "test-" in i] == in_cells


@pytest.mark.parametrize("stem", CHECKED_NOTEBOOKS)
def test_every_question_of_the_notebook_is_named_in_a_heading_or_its_text(stem):
    text = "\n".join(c.source for c in render(TEMPLATE_DIR / f"{stem}.py").cells if c.cell_type == "markdown")
    for row in _rows():
        if row["notebook"] == stem:
            number, part = row["question"][0], row["question"][1]
            named = rf"Question {number} \({part}\)|\b{number}\(?{part}\)?(?![\w(])"
            assert re.search(named, text), row["question"]


@pytest.mark.parametrize("stem", POINTS_STATED_NOTEBOOKS)
def test_points_stated_in_a_question_are_the_answer_cells_points(stem):
    nb = render(TEMPLATE_DIR / f"{stem}.py")
    stated = 0
    for index, cell in enumerate(nb.cells):
        for match in re.finditer(
            r"\*\*Question (\d) \(([a-h])\), (\d+(?:\.\d+)?) points?\.\*\*", cell.source
        ):
            answer = nb.cells[index + 1].metadata["nbgrader"]
            assert answer["grade_id"].startswith(f"answer-q{match[1]}{match[2]}_")
            assert answer["points"] == float(match[3])
            stated += 1
    assert stated == sum(
        1 for row in _rows() if row["notebook"] == stem and row["ids"][0].startswith("answer-")
    )
