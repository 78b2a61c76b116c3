"""Checks that cannot be gamed: the functions handed to a gradient checker are opaque, and a test of
a property (input unchanged, gradient consistent, says right or wrong) pays only for right output."""

from __future__ import annotations

import json

import numpy as np
import pytest
from grader_fixtures import FULL

from autograder.checks import checks_for
from autograder.checks.base import Setup
from autograder.runtime import protocol, remote

LABEL_READER = '''
import gc
import sys


def _labels_of(f):
    """Everything a checker can learn about f without calling it, as text."""
    names = ("__dict__", "__closure__", "__defaults__", "__kwdefaults__", "__qualname__", "__doc__", "params")
    seen = [repr(getattr(f, name, None)) for name in names]
    code = getattr(f, "__code__", None)
    if code is not None:
        seen.append(repr(code.co_consts))
    for cell in getattr(f, "__closure__", None) or ():
        seen.append(repr(getattr(cell, "cell_contents", None)))
        seen.append(repr(getattr(getattr(cell, "cell_contents", None), "__dict__", None)))
    for holder in gc.get_referrers(f):
        seen.append(repr(holder)[:20000])
    frame = sys._getframe(1)
    while frame is not None:
        seen.append(repr(frame.f_locals)[:20000])
        frame = frame.f_back
    return "\\n".join(seen)


def gradcheck_naive(f, x):
    """Never computes a gradient: answers from the labels it finds."""
    text = _labels_of(f)
    return not ("wrong_factor" in text or "wrong_index" in text or "wrong_delta" in text)
'''


def _grade(tmp_path, text: str, mode: str | None = None):
    from autograder.grade import grade_path

    (tmp_path / "submission.py").write_text(text)
    return grade_path(tmp_path / "submission.py", time_limit=20, mode=mode)


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["bwrap", "rlimits"])
def test_a_checker_that_reads_labels_instead_of_checking_earns_nothing(tmp_path, mode):
    from autograder.sandbox.runner import isolation_mode

    if mode == "bwrap" and isolation_mode() != "bwrap":
        pytest.skip("bubblewrap does not work here")
    report = _grade(tmp_path, "import numpy as np\n" + LABEL_READER, mode)
    got, out_of = report.by_function()["gradcheck_naive"]
    outputs = [r.output for r in report.results if r.function == "gradcheck_naive"]
    assert (got, out_of) == (0.0, FULL["gradcheck_naive"]), outputs


def _gradcheck_calls() -> list[dict]:
    calls = []
    for c in checks_for("gradcheck_naive"):
        setup = Setup()
        c.build(setup)
        calls.extend(setup.calls)
    return calls


def test_the_child_receives_no_recipe_of_a_gradcheck_function():
    calls = _gradcheck_calls()
    sent = json.dumps(remote.for_child(calls))
    assert "wrong" not in sent and "quadratic" not in sent and "scale" not in sent
    assert "wrong_factor" in json.dumps(calls)  # the grader keeps them


def test_every_gradcheck_call_looks_the_same_apart_from_x():
    shapes = set()
    for call in remote.for_child(_gradcheck_calls()):
        f, x = call["args"]
        shapes.add(json.dumps({**call, "args": [f]}, sort_keys=True))
    assert len(shapes) == 1


def test_grader_side_value_matches_the_recipe():
    spec = {"probe": "gradcheck", "params": {"kind": "quadratic", "wrong_index": 1, "wrong_delta": 0.5}}
    call = {"args": [{"__remote__": spec}, protocol.encode(np.zeros(3))], "kwargs": {}}
    x = np.array([1.0, 2.0, 3.0])
    answer = remote.reply(call, {"x": protocol.encode(x), "draws": [0.25, 0.5]})
    cost, grad = protocol.decode(answer["value"])
    assert cost == pytest.approx(14.0) and np.allclose(grad, [2.0, 4.5, 6.0])


@pytest.mark.parametrize(
    "request_",
    [
        {"x": protocol.encode(np.zeros(remote.MAX_ELEMENTS + 1)), "draws": [0.1, 0.2]},
        {"x": protocol.encode(np.zeros(2)), "draws": [0.1]},
        {"x": {"__mystery__": 1}, "draws": [0.1, 0.2]},
        "not a request",
    ],
)
def test_malformed_callbacks_get_an_error_not_a_crash(request_):
    spec = {"probe": "gradcheck", "params": {"kind": "quadratic"}}
    call = {"args": [{"__remote__": spec}], "kwargs": {}}
    assert "error" in remote.reply(call, request_)


def test_a_callback_outside_a_gradcheck_call_gets_an_error():
    assert "error" in remote.reply({"args": [1.0], "kwargs": {}}, {"x": protocol.encode(np.zeros(2))})


# --- property checks pay only for right output ---------------------------------------------

WRONG_OUTPUTS = {
    "nan": "float('nan') * np.ones_like(x)",
    "none": "None",
    "string": "'done'",
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(WRONG_OUTPUTS))
def test_the_input_is_not_modified_pays_nothing_for_a_wrong_output(tmp_path, kind):
    value = WRONG_OUTPUTS[kind]
    text = (
        "import numpy as np\n\n"
        f"def softmax(x):\n    return {value}\n\n"
        f"def normalize_rows(x):\n    return {value}\n"
    )
    report = _grade(tmp_path, text)
    scores = {r.title: r.score for r in report.results if r.function in ("softmax", "normalize_rows")}
    assert scores["softmax: the input is not modified"] == 0
    assert scores["normalize_rows: the input is not modified"] == 0


@pytest.mark.slow
def test_constant_answers_and_zero_outputs_earn_nothing(tmp_path):
    text = (
        "import numpy as np\n\n"
        "def gradcheck_naive(f, x):\n    return True\n\n"
        "def forward_backward_prop(X, labels, params, dimensions):\n"
        "    return 0.0, np.zeros_like(params)\n\n"
        "def naive_softmax_loss_and_gradient(v, o, U, dataset):\n"
        "    return 0.0, np.zeros_like(v), np.zeros_like(U)\n"
    )
    report = _grade(tmp_path, text)
    by_function = report.by_function()
    assert by_function["gradcheck_naive"][0] == 0
    assert by_function["forward_backward_prop"][0] == 0
    assert by_function["naive_softmax_loss_and_gradient"][0] == 0
    (tmp_path / "false").mkdir()
    report = _grade(tmp_path / "false", "def gradcheck_naive(f, x):\n    return False\n")
    assert report.by_function()["gradcheck_naive"][0] == 0


def _answers_in_fixed_order() -> list[bool]:
    """Whether each gradcheck call's gradient is right, in the order the checks build them."""
    answers = []
    for call in _gradcheck_calls():
        params = call["args"][0]["__remote__"]["params"]
        answers.append("wrong_factor" not in params and "wrong_index" not in params)
    return answers


def _call_counter(answers: list[bool]) -> str:
    return (
        f"ANSWERS = {answers!r}\n"
        "CALLS = [0]\n\n\n"
        "def gradcheck_naive(f, x):\n"
        "    CALLS[0] += 1\n"
        "    return ANSWERS[(CALLS[0] - 1) % len(ANSWERS)]\n"
    )


@pytest.mark.slow
def test_a_checker_that_answers_by_counting_its_calls_fails(tmp_path, monkeypatch):
    import autograder.checks.engine as engine

    text = _call_counter(_answers_in_fixed_order())
    monkeypatch.setattr(engine, "SHUFFLED", frozenset())
    (tmp_path / "fixed").mkdir()
    full = FULL["gradcheck_naive"]
    assert _grade(tmp_path / "fixed", text).by_function()["gradcheck_naive"][0] == full  # the attack works...
    monkeypatch.undo()
    assert _grade(tmp_path, text).by_function()["gradcheck_naive"][0] < full  # ...until the order is random
