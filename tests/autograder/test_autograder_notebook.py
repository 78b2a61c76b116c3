"""The notebook API: same checks, evaluated in the current process, nbgrader-friendly output."""

from __future__ import annotations

import re

import numpy as np
import pytest

import solutions
from autograder.checks import max_points
from autograder.notebook import check, points
from autograder.runtime.names import GRADED


@pytest.mark.parametrize("function", GRADED)
def test_reference_earns_every_visible_point(function, capsys):
    assert check(function, getattr(solutions, function)) == points(function)
    captured = capsys.readouterr()
    assert captured.err == "" and "ok " in captured.out


@pytest.mark.parametrize(
    "function", ["softmax", "forward_backward_prop", "neg_sampling_loss_and_gradient", "sgd"]
)
def test_reference_earns_every_hidden_point(function):
    assert check(function, getattr(solutions, function), hidden=True) == points(function, hidden=True) > 0


def test_points_split_into_visible_and_hidden():
    for function in GRADED:
        assert points(function) + points(function, hidden=True) == max_points(function)


def test_not_implemented_raises_assertion_error():
    def softmax(x):
        raise NotImplementedError

    with pytest.raises(AssertionError, match="not implemented yet"):
        check("softmax", softmax)


def test_every_check_failing_raises_assertion_error():
    def sigmoid(x):
        return np.zeros(np.shape(x))

    with pytest.raises(AssertionError, match="sigmoid"):
        check("sigmoid", sigmoid)


def test_partial_failure_prints_feedback_to_stdout_and_returns_partial_points(capsys):
    def softmax(x):  # unstable: fails only the large-input checks
        e = np.exp(x)
        return e / e.sum(axis=-1, keepdims=True)

    with np.errstate(all="ignore"):
        earned = check("softmax", softmax)
    captured = capsys.readouterr()
    assert 0 < earned < points("softmax")
    assert "FAIL" in captured.out and "overflow" in captured.out
    assert captured.err == ""


def test_hidden_failure_message_shows_no_inputs():
    def normalize_rows(x):
        return x / np.sum(x**2, axis=1, keepdims=True)

    with pytest.raises(AssertionError) as failure:
        check("normalize_rows", normalize_rows, hidden=True)
    assert "hidden" in str(failure.value)
    feedback = re.sub(r"\[[\d.]+/[\d.]+\]", "", str(failure.value))  # the points are fine
    assert not re.search(r"\d\.\d", feedback)


def test_camelcase_name_is_accepted():
    assert check("normalizeRows", solutions.normalize_rows) == points("normalize_rows")


def test_dependencies_are_restored_after_the_check():
    namespace: dict = {"np": np}
    exec(  # a student's module: its own (wrong) softmax, and the network using it
        "def softmax(x):\n    return x\n"
        "def forward_backward_prop(X, labels, params, dimensions):\n"
        "    return _fbp(X, labels, params, dimensions)\n",
        namespace,
    )
    namespace["_fbp"] = solutions.forward_backward_prop
    student_softmax = namespace["softmax"]
    check("forward_backward_prop", namespace["forward_backward_prop"])
    assert namespace["softmax"] is student_softmax
    assert "sigmoid" not in namespace


def test_graded_dependency_is_the_reference_during_the_check():
    namespace: dict = {"np": np}
    exec(
        "def softmax(x):\n    return x * 0\n"
        "def naive_softmax_loss_and_gradient(v, o, U, dataset):\n"
        "    y = softmax(U @ v)\n"
        "    loss = -np.log(y[o])\n"
        "    y[o] -= 1\n"
        "    return loss, U.T @ y, np.outer(y, v)\n",
        namespace,
    )
    assert check("naive_softmax_loss_and_gradient", namespace["naive_softmax_loss_and_gradient"]) == points(
        "naive_softmax_loss_and_gradient"
    )


def test_a_hanging_function_fails_with_a_time_limit_message(monkeypatch):
    import autograder.notebook as notebook

    monkeypatch.setattr(notebook, "NOTEBOOK_TIME_LIMIT", 0.5)

    def sigmoid(x):
        while True:
            try:
                pass
            except Exception:  # noqa: BLE001 - a student swallowing errors
                pass

    with pytest.raises(AssertionError, match="did not finish within its time limit"):
        notebook.check("sigmoid", sigmoid)
