"""The index's map from the handout's questions to sections is read from the notebooks."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from notebooks.build import SOURCE_DIR, notebook_names
from website.questions import (
    HANDOUT_QUESTIONS,
    question_map,
    question_mentions,
    sections_of,
    with_anchors,
)


def _answer_cell(grade_id: str) -> nbformat.NotebookNode:
    cell = new_markdown_cell("The reference answer.")
    cell.metadata["nbgrader"] = {"grade": True, "solution": True, "grade_id": grade_id, "points": 2}
    return cell


@pytest.fixture
def notebook() -> nbformat.NotebookNode:
    return new_notebook(
        cells=[
            new_markdown_cell("# Part 4: word2vec\n\nThis notebook answers 3a, 3b (3f) and Question 3 (g)."),
            new_markdown_cell("## 1. The loss\n\n**Question 3 (a), 3 points.** Derive the gradient."),
            _answer_cell("answer-q3b_loss"),
            new_code_cell("x = 1  # Question 3 (c) in code does not count"),
            new_markdown_cell("Some text.\n\n## 2. Training (3f, 3g)\n\nMore text on Question 4 (e, f)."),
            new_markdown_cell("```\n## not a heading (3h)\n```\n### A subsection"),
        ]
    )


def test_a_heading_inside_a_cell_starts_a_section_with_its_own_anchor(notebook):
    sections = sections_of("04_x", notebook)
    assert [(s.title, s.anchor, s.level) for s in sections] == [
        ("Part 4: word2vec", "s0", 1),
        ("1. The loss", "s1", 2),
        ("2. Training (3f, 3g)", "s4", 2),
        ("A subsection", "s5", 3),
    ]


def test_the_introduction_does_not_count_as_where_a_question_is_taught(notebook):
    mentions = question_mentions("04_x", notebook)
    assert all(m.anchor != "s0" for m in mentions)


def test_headings_answers_and_question_text_are_read_and_code_is_not(notebook):
    found = {(m.question, m.anchor, m.kind) for m in question_mentions("04_x", notebook)}
    assert found == {
        ("3a", "s1", "text"),
        ("3b", "s1", "answer"),
        ("3f", "s4", "heading"),
        ("3g", "s4", "heading"),
        ("4e", "s4", "text"),
        ("4f", "s4", "text"),
    }


def test_a_heading_in_a_code_fence_is_not_a_section(notebook):
    assert "3h" not in {m.question for m in question_mentions("04_x", notebook)}


def test_the_map_lists_every_question_and_the_strongest_mention_first():
    nb = new_notebook(
        cells=[
            new_markdown_cell("## A\n\nAs in Question 2 (c)."),
            new_markdown_cell("## B (2c)"),
        ]
    )
    by_question = question_map(question_mentions("03_x", nb))
    assert list(by_question) == HANDOUT_QUESTIONS
    assert [(m.anchor, m.kind) for m in by_question["2c"]] == [("s1", "heading"), ("s0", "text")]
    assert by_question["1a"] == []


def test_anchors_are_placed_before_their_headings(notebook):
    source = with_anchors(notebook.cells[4].source, 4)
    assert source.index('id="s4"') < source.index("## 2. Training")
    assert source.startswith("Some text.")


@pytest.mark.parametrize("stem", notebook_names())
def test_every_mention_in_the_course_notebooks_points_at_one_of_their_sections(stem):
    nb = nbformat.read(SOURCE_DIR / f"{stem}.ipynb", as_version=4)
    anchors = {s.anchor for s in sections_of(stem, nb)}
    for mention in question_mentions(stem, nb):
        assert mention.anchor in anchors


def test_every_handout_question_is_found_in_the_course_notebooks():
    mentions = []
    for stem in notebook_names():
        mentions += question_mentions(stem, nbformat.read(SOURCE_DIR / f"{stem}.ipynb", as_version=4))
    if not any(m.kind == "heading" for m in mentions):
        pytest.skip("the notebooks' headings do not carry the handout's numbers yet (issue 9 adds them)")
    missing = [q for q, places in question_map(mentions).items() if not places]
    assert missing == [], f"no notebook names these handout questions: {missing}"
