"""The one table of feedback messages: both languages for every key, the same fields, no English
sentence left in the checks, and the language switch of the notebook API and the command line."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pytest

from autograder.checks import REGISTRY
from autograder.feedback import messages
from autograder.feedback.messages import (
    CHECK_NAMES_ZH,
    LANGUAGE_ENV,
    MESSAGES,
    current_language,
    message,
    placeholders,
    set_language,
)

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _english_by_default(monkeypatch):
    """Every test starts in English with no CS224N_LANGUAGE, and leaves the language as it was."""
    monkeypatch.setenv(LANGUAGE_ENV, "en")  # recorded, so that the original value comes back
    monkeypatch.delenv(LANGUAGE_ENV)
    set_language(None)
    yield
    set_language(None)


# --- the table -----------------------------------------------------------------------------------


def mismatched_placeholders(table: dict[str, dict[str, str]]) -> list[str]:
    """Keys whose languages are not exactly en and zh, or whose two texts have different fields."""
    bad = []
    for key, texts in table.items():
        if set(texts) != {"en", "zh"} or not all(texts.values()):
            bad.append(key)
        elif placeholders(texts["en"]) != placeholders(texts["zh"]):
            bad.append(key)
    return bad


def test_every_message_has_english_and_chinese_with_the_same_fields():
    assert mismatched_placeholders(MESSAGES) == []


def test_the_field_check_catches_a_missing_language_and_a_renamed_field():
    table = {
        "good": {"en": "{what} is wrong.", "zh": "{what} 不对。"},
        "renamed": {"en": "{what} is wrong.", "zh": "{thing} 不对。"},
        "dropped": {"en": "{what} is wrong at {where}.", "zh": "{what} 不对。"},
        "english_only": {"en": "{what} is wrong."},
    }
    assert mismatched_placeholders(table) == ["renamed", "dropped", "english_only"]


# Three plain words in a row, separated by spaces ("a sign flip"; not "f(x) = sum(x**2)").
ENGLISH_WORDS = re.compile(r"(?:^|\s)[A-Za-z]+[,.;:!?]?(?:\s+[A-Za-z]+[,.;:!?]?){2}(?=\s|$)")


def _prose(text: str) -> str:
    """The text without its fields and `code`: what a reader reads as words."""
    text = re.sub(r"\{[^{}]*\}", " ", text)
    return re.sub(r"`[^`]*`", " ", text)


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_chinese_text_is_chinese_where_the_english_is_prose(key):
    english, chinese = MESSAGES[key]["en"], MESSAGES[key]["zh"]
    if ENGLISH_WORDS.search(_prose(english)):
        assert CJK.search(chinese), f"{key}: the Chinese text has no Chinese: {chinese!r}"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_message_renders_with_its_fields(language):
    set_language(language)
    for key, texts in MESSAGES.items():
        fields = {name: f"<{name}>" for name in placeholders(texts["en"])}
        rendered = message(key, **fields)
        assert all(value in rendered or key == "notebook.not_graded" for value in fields.values()), key


def test_chinese_uses_the_standard_terms_of_the_field():
    chinese = " ".join(texts["zh"] for texts in MESSAGES.values()) + " ".join(CHECK_NAMES_ZH.values())
    for term in ("梯度", "数值梯度", "负采样", "词向量", "正则化", "形状", "行", "列", "期望值", "你的结果"):
        assert term in chinese, term


def test_every_check_has_a_chinese_name_and_no_name_is_stale():
    names = {c.name for c in REGISTRY}
    assert names - set(CHECK_NAMES_ZH) == set()
    assert set(CHECK_NAMES_ZH) - names == set()
    assert all(CJK.search(title) for title in CHECK_NAMES_ZH.values())


# --- choosing the language ----------------------------------------------------------------------


def test_the_default_language_is_english():
    assert current_language() == "en"
    assert message("result.passed") == "Passed."


def test_set_language_switches_and_none_goes_back(monkeypatch):
    assert set_language("zh") == "zh"
    assert message("result.passed") == "通过。"
    assert set_language(None) == "en"
    assert message("result.passed") == "Passed."


def test_the_environment_variable_chooses_the_language(monkeypatch):
    monkeypatch.setenv(LANGUAGE_ENV, "zh")
    assert current_language() == "zh"
    set_language("en")  # an explicit choice wins over the environment
    assert current_language() == "en"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language"):
        set_language("fr")
    assert current_language() == "en"


def test_notebook_api_exports_the_language_switch():
    from autograder import notebook

    assert notebook.set_language is messages.set_language
    assert notebook.current_language is messages.current_language


# --- no English sentence outside the table ------------------------------------------------------

# The literals of these files that reach a student go through message(); what is left is code.
# checks/__init__.py is left out: it builds the instructors' points table (README), not feedback.
SCANNED = sorted(p for p in (ROOT / "autograder" / "checks").glob("*.py") if p.name != "__init__.py") + [
    ROOT / "autograder" / "feedback" / "compare.py",
    ROOT / "autograder" / "feedback" / "diagnose.py",
    ROOT / "autograder" / "notebook.py",
]
# Sentences that never reach a student: the grader's own errors (a bug or a misconfiguration).
ALLOWED = (
    "the reference failed",
    "the reference fails its own visible checks",  # the kit builder's error
    "(In the student kit, ",  # KIT_NOTE_START: how the English note starts, for the kit tests
    "not an outcome",  # a malformed answer: the student sees outcome.bad_output, not this
    "the checks and the manifest disagree",
    "does not fit these checks; rebuild the kit",
    "is not a graded function; graded:",
    "loss center outside",  # the parts a loss check compares (an argument, never printed)
)


def _literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # f-string: its constant parts, a field as "{}"
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def _exempt_nodes(tree: ast.AST) -> set[int]:
    """Docstrings and the names given to @check(...) (the English names are stable identifiers)."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                exempt.add(id(body[0].value))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "check" and len(node.args) >= 2:
            exempt.add(id(node.args[1]))
        if isinstance(node, ast.JoinedStr):
            exempt.update(id(v) for v in node.values)  # judged as the whole f-string
    return exempt


def english_sentences(source: str) -> list[str]:
    """String literals of `source` that read as English prose (three words in a row)."""
    tree = ast.parse(source)
    exempt = _exempt_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in exempt:
            continue
        text = _literal_text(node)
        if text is None or not ENGLISH_WORDS.search(_prose(text)):
            continue
        if any(allowed in text for allowed in ALLOWED):
            continue
        found.append(text)
    return found


@pytest.mark.parametrize("path", SCANNED, ids=lambda p: p.name)
def test_no_english_feedback_left_outside_the_table(path):
    assert english_sentences(path.read_text(encoding="utf-8")) == []


def test_the_scan_finds_english_feedback_in_literals_and_f_strings():
    source = '''
"""A docstring: it is allowed to be English prose."""
@check("softmax", "rows of a matrix", 1.0)
def _(s):
    raise CheckFailed(f"{what} has the wrong shape: expected {shape}.")
HINT = " Likely mistake: a sign flip."
CODE = {"kind": "quadratic", "formula": "f(x) = sum(x**2)"}
'''
    assert sorted(english_sentences(source)) == [
        " Likely mistake: a sign flip.",
        "{} has the wrong shape: expected {}.",
    ]


# --- the feedback in Chinese --------------------------------------------------------------------


def _whole_matrix_softmax(x):
    e = np.exp(x)
    return e / e.sum()


def test_notebook_check_prints_chinese_after_set_language_zh(capsys):
    from autograder.notebook import check

    set_language("zh")
    earned = check("softmax", _whole_matrix_softmax)
    out = capsys.readouterr().out
    assert "通过 [0.5/0.5] softmax：单个向量" in out
    assert "未通过" in out and "可能的错误：对整个矩阵做了归一化" in out
    assert "Likely mistake" not in out and "is wrong" not in out
    set_language("en")
    assert check("softmax", _whole_matrix_softmax) == earned
    english = capsys.readouterr().out
    assert "ok   [0.5/0.5] softmax: a single vector" in english and "whole matrix" in english


def test_notebook_check_raises_in_chinese_when_not_implemented():
    from autograder.notebook import check

    def softmax(x):
        raise NotImplementedError

    set_language("zh")
    with pytest.raises(AssertionError, match="softmax 还没有实现"):
        check("softmax", softmax)


def test_hidden_feedback_in_chinese_reveals_no_size(capsys):
    from autograder.notebook import check_results

    set_language("zh")

    def forward_backward_prop(X, labels, params, dimensions):
        from solutions import forward_backward_prop as ref

        cost, grad = ref(X, labels, params, dimensions)
        return cost * X.shape[0], grad  # the sum, not the mean: a factor of the hidden batch size

    hidden = check_results("forward_backward_prop", forward_backward_prop, hidden=True)
    text = " ".join(r.output for r in hidden if not r.passed)
    assert "批大小 M" in text and "乘以这个倍数" in text
    assert not re.search(r"\d", text), text  # no batch size, no shape, no position


# --- the command line ---------------------------------------------------------------------------


@pytest.mark.slow
def test_cli_grades_in_chinese_with_the_same_scores(tmp_path, capsys):
    import json

    from autograder.cli import main

    submission = ROOT / "tests" / "autograder" / "submissions" / "buggy" / "softmax__sums_whole_matrix.py"
    reports = {}
    for language in ("en", "zh"):
        out = tmp_path / f"{language}.json"
        args = ["grade", str(submission), "--json", str(out), "--time-limit", "10"]
        assert main(args + (["--language", language] if language == "zh" else [])) == 0
        reports[language] = json.loads(out.read_text(encoding="utf-8"))
    printed = capsys.readouterr().out
    en, zh = reports["en"]["tests"], reports["zh"]["tests"]
    assert [(t["name"], t["score"]) for t in en] == [(t["name"], t["score"]) for t in zh]
    failed = [t for t in zh if t["score"] < t["max_score"] and t["name"].startswith("softmax:")]
    assert failed and all(CJK.search(t["output"]) for t in failed)
    assert "可能的错误" in printed


# --- the catalogue of one-bug submissions, graded in Chinese ------------------------------------


@pytest.fixture(scope="session")
def catalogue_zh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """The catalogue of the `catalogue` fixture graded through grade-all with CS224N_LANGUAGE=zh."""
    import os

    from grader_fixtures import SUBMISSIONS, compose, grade_folder_once

    folder = tmp_path_factory.mktemp("catalogue_zh")
    for bug in sorted((SUBMISSIONS / "buggy").glob("*.py")):
        (folder / bug.name).write_text(compose(bug))
    for good in sorted((SUBMISSIONS / "correct").glob("*.py")):
        (folder / f"correct__{good.name}").write_text(good.read_text())
    before = os.environ.get(LANGUAGE_ENV)
    os.environ[LANGUAGE_ENV] = "zh"  # the batch's worker processes and the sandboxed children read it
    try:
        return grade_folder_once(folder, tmp_path_factory.mktemp("catalogue_zh_out"))
    finally:
        if before is None:
            del os.environ[LANGUAGE_ENV]
        else:
            os.environ[LANGUAGE_ENV] = before


def _tests_by_name(entry: dict) -> list[tuple[str, float, float]]:
    return [(t["name"], t["score"], t["max_score"]) for t in entry["report"]["tests"]]


@pytest.mark.slow
def test_catalogue_in_chinese_scores_exactly_as_in_english(catalogue, catalogue_zh):
    assert sorted(catalogue_zh) == sorted(catalogue)
    for name in catalogue:
        assert _tests_by_name(catalogue_zh[name]) == _tests_by_name(catalogue[name]), name
        assert catalogue_zh[name]["row"] == catalogue[name]["row"], name


@pytest.mark.slow
def test_catalogue_feedback_in_chinese_has_no_english_sentence_left(catalogue_zh):
    for name, entry in catalogue_zh.items():
        for test in entry["report"]["tests"]:
            text = test["output"]
            if test["score"] >= test["max_score"]:
                assert text == "通过。", (name, text)
                continue
            assert CJK.search(text), (name, text)
            assert not re.search(r"Likely mistake|is wrong|expected|did you|must return", text), (name, text)


ZH_LIKELY_MISTAKES = {
    "softmax__no_max_shift": "数值溢出",
    "softmax__sums_whole_matrix": "对整个矩阵做了归一化",
    "softmax__modifies_input": "修改了它的输入数组",
    "sigmoid_grad__recomputes_sigmoid": "参数已经是 s = sigmoid(x)",
    "gradcheck_naive__absolute_error": "相对误差",
    "gradcheck_naive__numpy_rng_not_reset": "NumPy 的全局随机数生成器",
    "forward_backward_prop__sum_not_mean": "批大小 M",
    "normalize_rows__squared_norm": "除以了范数的平方",
    "naive_softmax_loss_and_gradient__center_sign_flip": "符号反了",
    "neg_sampling_loss_and_gradient__no_accumulation": "np.add.at",
    "neg_sampling_loss_and_gradient__own_sampling": "get_negative_samples 被调用了 0 次",
    "skipgram__averages": "外部词的个数",
    "skipgram__set_of_words": "被调用了 3 次；期望 6 次",
    "cbow__mean_not_sum": "上下文词向量的平均值",
    "sgd__no_annealing": "步长从不减半",
    "get_sentence_features__sum_not_mean": "词的个数",
    "get_regularization_values__too_narrow": "三个数量级",
    "choose_best_model__by_test": "测试集准确率",
    "choose_best_model__lowest_dev": "开发集准确率最低",
}


@pytest.mark.slow
@pytest.mark.parametrize(("bug", "phrase"), sorted(ZH_LIKELY_MISTAKES.items()))
def test_chinese_feedback_names_the_likely_mistake(catalogue_zh, bug, phrase):
    from grader_fixtures import failed_outputs

    outputs = failed_outputs(catalogue_zh[bug], bug.split("__")[0])
    assert any(phrase in text for text in outputs), outputs


NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.mark.slow
def test_chinese_hidden_feedback_reveals_no_more_than_the_english(catalogue, catalogue_zh):
    """No number (size, count, position) in a hidden test's Chinese feedback that its English
    feedback, already checked for giveaways, does not have; no Chinese position or shape."""
    compared = 0
    for name, entry in catalogue_zh.items():
        english = {t["name"]: t["output"] for t in catalogue[name]["report"]["tests"]}
        for test in entry["report"]["tests"]:
            if test.get("visibility") != "after_published" or test["score"] >= test["max_score"]:
                continue
            compared += 1
            text = test["output"]
            assert set(NUMBER.findall(text)) <= set(NUMBER.findall(english[test["name"]])), (name, text)
            assert not re.search(r"形状为 \(|第 \d+ (个|行|列)|调用了 \d+ 次|含 \d+ 项", text), (name, text)
    assert compared >= 20
