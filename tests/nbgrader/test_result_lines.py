"""The lines GraderScores writes into a test cell's output, in the course's language."""

from __future__ import annotations

import pytest

from autograder.checks.engine import CheckResult
from autograder.feedback.messages import set_language
from notebooks.nbgrader_scores import result_lines

PASSED = CheckResult("softmax", "rows of a matrix", 1.0, 1.0, False, "")
FAILED = CheckResult("softmax", "a single vector", 0.5, 0.0, False, "expected [0.5 0.5], got [1 0]")


@pytest.fixture(autouse=True)
def _language(monkeypatch):
    monkeypatch.delenv("CS224N_LANGUAGE", raising=False)
    set_language(None)
    yield
    set_language(None)


def test_english_lines_are_the_notebook_checkers():
    assert result_lines([PASSED, FAILED]) == (
        "ok   [1/1] softmax: rows of a matrix\n"
        "FAIL [0/0.5] softmax: a single vector\n"
        "     expected [0.5 0.5], got [1 0]\n"
    )


def test_chinese_course_writes_chinese_lines(monkeypatch):
    # notebooks/course_zh/nbgrader_config.py sets CS224N_LANGUAGE=zh for its grading run.
    monkeypatch.setenv("CS224N_LANGUAGE", "zh")
    text = result_lines([PASSED, FAILED])
    assert text.startswith("通过 [1/1] softmax：") and "\n未通过 [0/0.5] softmax：" in text
    assert "rows of a matrix" not in text and "ok   [" not in text


@pytest.mark.parametrize(("language", "word"), [("en", "not graded"), ("zh", "不由")])
def test_a_cell_without_results_says_it_is_not_graded(language, word):
    set_language(language)
    assert word in result_lines(None) and word in result_lines([])
