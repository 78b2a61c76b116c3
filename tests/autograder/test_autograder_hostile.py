"""Hostile submissions are contained: each loses the points of the function it attacks, nothing else,
and the report says why. Student code never runs in the grader's process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from grader_fixtures import BASE, FULL, SUBMISSIONS, failed_outputs, scores

from autograder.grade import grade_path
from autograder.sandbox.runner import _bwrap_works

pytestmark = pytest.mark.slow  # grades whole submission catalogues in the sandbox

ATTACKS = sorted(p.stem for p in (SUBMISSIONS / "hostile").glob("*.py"))
REASONS = {
    "softmax__infinite_loop": "did not finish within its time limit",
    "sigmoid__os_exit": "made the process it ran in die",
    "normalize_rows__memory_hog": "memory",
    "sigmoid_grad__output_flood": "printed far too much output",
    "sgd__monkeypatch_numpy": "expected",
    "get_sentence_features__imports_reference": "cannot be imported while grading",
    "get_regularization_values__imports_grader": "cannot be imported while grading",
    "choose_best_model__malicious_reduce": "Payload",
    "softmax__ndarray_subclass": "subclass of numpy.ndarray",
    "sigmoid__returns_nan": "NaN",
    "normalize_rows__wrong_type": "got a list",
    "gradcheck_naive__kills_parent": "not allowed while grading",
    "forward_backward_prop__raises": "raised ValueError",
    "normalize_rows__deletes_files": "Error",
}
MODES = [
    "rlimits",
    pytest.param("bwrap", marks=pytest.mark.skipif(not _bwrap_works(), reason="bwrap unusable")),
]


def test_every_attack_has_an_expected_reason():
    assert set(ATTACKS) == set(REASONS)


@pytest.mark.parametrize("attack", ATTACKS)
def test_attack_costs_only_the_attacked_function(hostile, attack):
    function = attack.split("__")[0]
    got = scores(hostile[attack])
    assert got[function] < FULL[function]
    assert {f: s for f, s in got.items() if f != function and s != FULL[f]} == {}


@pytest.mark.parametrize("attack", ATTACKS)
def test_report_says_what_happened(hostile, attack):
    outputs = failed_outputs(hostile[attack], attack.split("__")[0])
    assert any(REASONS[attack] in text for text in outputs), outputs


def test_malicious_reduce_is_never_unpickled(hostile):
    assert hostile["choose_best_model__malicious_reduce"]["row"]["status"] == "graded"
    assert not Path("/tmp/autograder_pwned_by_reduce").exists()


@pytest.mark.parametrize("mode", MODES)
def test_submission_cannot_delete_or_overwrite_files_outside_its_folder(tmp_path, mode):
    victim_dir = Path("/tmp/autograder_victim_dir")
    victim_dir.mkdir(exist_ok=True)
    (victim_dir / "keep.txt").write_text("precious")
    victim_file = Path("/tmp/autograder_victim_file")
    victim_file.write_text("precious")
    attack = SUBMISSIONS / "hostile" / "normalize_rows__deletes_files.py"
    path = tmp_path / "deleter.py"
    path.write_text(BASE.read_text() + "\n\n" + attack.read_text())
    report = grade_path(path, mode=mode, time_limit=10)
    assert report.by_function()["normalize_rows"][0] == 0
    assert (victim_dir / "keep.txt").read_text() == "precious"
    assert victim_file.read_text() == "precious"


def test_hidden_feedback_does_not_echo_an_exception_message(hostile):
    outputs = failed_outputs(hostile["forward_backward_prop__raises"], "forward_backward_prop")
    hidden = [t for t in outputs if "hidden" in t]
    assert hidden and all("leak" not in t for t in hidden)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.mark.parametrize("mode", MODES)
def test_submission_cannot_read_or_import_the_reference(tmp_path, mode):
    reference_file = Path(__file__).resolve().parents[2] / "solutions" / "sentiment.py"
    cheat = f"""
def get_sentence_features(word2ind, word_vectors, sentence):
    namespace = {{}}
    exec(open({str(reference_file)!r}).read(), namespace)
    return namespace["get_sentence_features"](word2ind, word_vectors, sentence)


def choose_best_model(results):
    import importlib
    return importlib.import_module("solutions").choose_best_model(results)
"""
    path = _write(tmp_path, "cheater.py", BASE.read_text() + cheat)
    report = grade_path(path, mode=mode, time_limit=10)
    by_function = report.by_function()
    assert by_function["get_sentence_features"][0] == 0
    assert by_function["choose_best_model"][0] == 0
    assert by_function["softmax"] == (FULL["softmax"], FULL["softmax"])
    expected = "bubblewrap" if mode == "bwrap" else "resource limits"
    assert expected in report.isolation


def test_syntax_error_grades_the_rest(tmp_path):
    broken = BASE.read_text().replace("def sigmoid(x):\n", "def sigmoid(x) oops:\n", 1)
    report = grade_path(_write(tmp_path, "broken.py", broken), time_limit=10)
    got = report.by_function()
    assert got["sigmoid"][0] == 0
    assert got["softmax"] == (FULL["softmax"],) * 2 and got["sgd"] == (FULL["sgd"],) * 2
    assert any("syntax error at line" in p for p in report.problems)


def test_exit_at_import_is_not_run_and_a_killing_class_body_is_survived(tmp_path):
    text = (
        "import os\nimport sys\nsys.exit('bye')\n\n\nclass Boom:\n    os._exit(7)\n\n\n"
        + BASE.read_text()
        + "\nwhile True:\n    pass\n"
    )
    report = grade_path(_write(tmp_path, "exits.py", text), time_limit=10)
    assert report.score == sum(FULL.values())
    assert any("loaded again with only its imports and function definitions" in n for n in report.notes)
    assert any("were not run" in n for n in report.notes)


def test_missing_and_unimplemented_functions_score_zero_for_their_question_only(tmp_path):
    text = BASE.read_text().replace("def cbow(", "def cbow_unused(") + (
        "\n\ndef sgd(f, x0, step, iterations, postprocessing=None, use_saved=False, print_every=10):\n"
        "    raise NotImplementedError\n"
    )
    report = grade_path(_write(tmp_path, "partial.py", text), time_limit=10)
    got = report.by_function()
    assert got["cbow"][0] == 0 and got["sgd"][0] == 0
    assert got["skipgram"] == (FULL["skipgram"], FULL["skipgram"])
    outputs = " ".join(r.output for r in report.results if r.function in ("cbow", "sgd"))
    assert "was not found in the submission" in outputs and "not implemented yet" in outputs


def test_grader_process_never_imports_student_modules(tmp_path):
    import sys

    path = _write(tmp_path, "tracer_student_module.py", BASE.read_text())
    grade_path(path, time_limit=10)
    assert "tracer_student_module" not in sys.modules
    assert os.getpid() > 0
