"""Units: the plain-data protocol, the diagnosis of mistakes, the submission loader."""

from __future__ import annotations

import json

import numpy as np
import pytest
from grader_fixtures import FULL

from autograder.feedback.diagnose import diagnose
from autograder.runtime import protocol
from autograder.submission import load_submission


def roundtrip(value):
    return protocol.decode(protocol.loads(protocol.dumps(protocol.encode(value))))


@pytest.mark.parametrize("value", [np.arange(6.0).reshape(2, 3), np.array(2.5), np.zeros((0, 3))])
def test_arrays_cross_exactly(value):
    back = roundtrip(value)
    assert type(back) is np.ndarray and back.shape == value.shape and np.array_equal(back, value)


def test_integer_arrays_arrive_as_float64():
    assert roundtrip(np.array([1, 2], dtype=np.int32)).dtype == np.float64


def test_special_floats_and_containers_cross():
    back = roundtrip((float("nan"), float("inf"), [1, "a", None], {"k": True}))
    assert (
        np.isnan(back[0]) and back[1] == float("inf") and back[2] == [1, "a", None] and back[3] == {"k": True}
    )


@pytest.mark.parametrize("value", [np.array([object()]), np.array([1 + 2j]), object(), {1: 2}])
def test_unsupported_values_become_markers(value):
    assert isinstance(roundtrip(value), protocol.Unsupported)


def test_ndarray_subclass_is_unsupported():
    class Sub(np.ndarray):
        pass

    back = roundtrip(np.zeros(3).view(Sub))
    assert isinstance(back, protocol.Unsupported) and "subclass" in back.describe()


@pytest.mark.parametrize(
    "bad",
    [
        {"__ndarray__": "float64", "shape": [3], "data": "AAAA"},
        {"__ndarray__": "float64", "shape": [-1], "data": ""},
        {"__mystery__": 1},
        {"__seq__": "list", "items": 5},
    ],
)
def test_malformed_data_is_rejected(bad):
    with pytest.raises(protocol.ProtocolError):
        protocol.decode(bad)


@pytest.mark.parametrize(
    ("actual", "phrase"),
    [
        (lambda e: -e, "sign flip"),
        (lambda e: 2 * e, "factor of 2"),
        (lambda e: e.T, "transposed"),
        (lambda e: np.zeros_like(e), "all zeros"),
        (lambda e: e * np.inf, "inf or NaN"),
    ],
)
def test_diagnose_recognises_common_mistakes(actual, phrase):
    expected = np.array([[1.0, 2.0], [3.0, -4.0]])
    assert phrase in diagnose(actual(expected), expected)


def test_diagnose_recognises_named_factors_and_alternatives():
    e = np.array([1.0, 2.0])
    assert "the batch size" in diagnose(e * 5, e, factors={"the batch size": 5})
    assert diagnose(e + 1, e, alternatives={"counted once": e + 1}) == "counted once"
    assert diagnose(e + 0.5, e) == ""


def _notebook(path, cells):
    nb = {
        "cells": [
            {"cell_type": "code", "metadata": {}, "source": src, "outputs": [], "execution_count": None}
            for src in cells
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb))


def test_notebook_functions_are_found_and_top_level_runs_are_dropped(tmp_path):
    _notebook(
        tmp_path / "assignment1.ipynb",
        [
            "%matplotlib inline\nimport numpy as np",
            "def normalizeRows(x):\n    return x / np.linalg.norm(x, axis=1, keepdims=True)",
            "wordVectors = sgd(f, x0, 0.3, 40000)\nprint(normalizeRows(np.ones((2, 2))))",
        ],
    )
    sub = load_submission(tmp_path)
    assert sub.functions["normalize_rows"] == ("assignment1_ipynb", "normalizeRows")
    text = sub.modules[0].text
    assert "%matplotlib" not in text and "sgd(f" not in text and "def normalizeRows" in text


def test_unparsable_block_is_dropped_and_the_rest_kept(tmp_path):
    (tmp_path / "s.py").write_text("def softmax(x):\n    return x +\n\ndef sigmoid(x):\n    return x\n")
    sub = load_submission(tmp_path / "s.py")
    assert "sigmoid" in sub.functions and "softmax" not in sub.functions
    assert sub.problems and "syntax error" in sub.problems[0]


def test_notebook_submission_is_graded_in_the_sandbox(tmp_path):
    from autograder.grade import grade_path

    _notebook(
        tmp_path / "nb.ipynb",
        [
            "import numpy as np\n!pip install nothing",
            "def softmax(x):\n    e = np.exp(x - x.max(axis=-1, keepdims=True))\n"
            "    return e / e.sum(axis=-1, keepdims=True)\n",
            "softmax(np.zeros(3))\nwhile True:\n    pass",
        ],
    )
    report = grade_path(tmp_path / "nb.ipynb", time_limit=10)
    assert report.by_function()["softmax"] == (FULL["softmax"], FULL["softmax"])
    assert report.by_function()["sigmoid"][0] == 0


def test_runtime_holds_no_reference_code():
    from pathlib import Path

    import autograder.runtime as runtime

    for path in Path(runtime.__file__).parent.glob("*.py"):
        text = path.read_text()
        for name in (
            "softmax",
            "sigmoid",
            "naive_softmax_loss_and_gradient",
            "neg_sampling_loss_and_gradient",
        ):
            assert f"def {name}(" not in text, path.name


def test_child_runtime_imports_nothing_of_the_grader_or_the_reference():
    from pathlib import Path

    import autograder.runtime as runtime

    for path in Path(runtime.__file__).parent.glob("*.py"):
        text = path.read_text()
        assert "import solutions" not in text and "from solutions" not in text, path.name
        assert "from autograder" not in text and "import autograder" not in text, path.name


def test_notebooks_of_one_assignment_share_their_helpers(tmp_path):
    from autograder.grade import grade_path

    _notebook(
        tmp_path / "01_helpers.ipynb",
        ["import numpy as np\n\ndef _shift(x):\n    return x - x.max(axis=-1, keepdims=True)"],
    )
    _notebook(
        tmp_path / "02_softmax.ipynb",
        [
            # a run-time import of notebook 1 (not run), then data made by a cell that is not run
            "import numpy as np\nload_helpers('01_helpers.ipynb')\nscores = data @ weights",
            "def softmax(x):\n    e = np.exp(_shift(x))\n    return e / e.sum(axis=-1, keepdims=True)",
        ],
    )
    report = grade_path(tmp_path, time_limit=10)
    assert report.by_function()["softmax"] == (FULL["softmax"], FULL["softmax"])
    assert any("could not be evaluated" in n for n in report.notes)


def test_a_notebook_with_large_outputs_is_still_read(tmp_path):
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "execution_count": 1,
                "source": "def sigmoid(x):\n    return x",
                "outputs": [
                    {"output_type": "display_data", "data": {"image/png": "A" * 3_000_000}, "metadata": {}}
                ],
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / "big.ipynb").write_text(json.dumps(nb))
    assert "sigmoid" in load_submission(tmp_path / "big.ipynb").functions


def test_a_notebook_cell_that_does_not_parse_is_left_out_alone(tmp_path):
    _notebook(
        tmp_path / "nb.ipynb",
        [
            "%%bash\necho hello",
            "import numpy as np\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x)",
            "def sigmoid_grad(s):\n    return s * (1 - s)",
        ],
    )
    sub = load_submission(tmp_path / "nb.ipynb")
    assert "sigmoid_grad" in sub.functions and "sigmoid" not in sub.functions
    assert len(sub.problems) == 1 and "code cell 2" in sub.problems[0]


# --- hidden feedback reveals no sizes, positions or values ------------------------------------


def test_hidden_factor_is_named_without_its_value():
    from autograder.feedback.diagnose import diagnose

    e = np.array([1.0, 2.0])
    text = diagnose(e * 20, e, factors={"the batch size M": 20}, hidden=True)
    assert "the batch size M" in text and "20" not in text
    assert "20 times too large" in diagnose(e * 20, e, factors={"the batch size M": 20})


def test_hidden_shape_mismatch_names_no_shape():
    from autograder.feedback.compare import CheckFailed, compare_array

    with pytest.raises(CheckFailed) as failed:
        compare_array(np.zeros((20, 3)), np.zeros((3, 20)), what="the result", hidden=True)
    assert "20" not in str(failed.value) and "transposed" in str(failed.value)


def test_hidden_flat_vector_difference_names_the_block_not_the_entry():
    from autograder.checks.helpers import blocks, rows_cols
    from autograder.feedback.compare import CheckFailed, compare_array

    layout = [("W1", (10, 7)), ("b1", (7,)), ("W2", (7, 4)), ("b2", (4,))]
    expected = np.arange(1.0, 110.0)
    actual = expected.copy()
    actual[74] += 1.0  # b1[4]
    kwargs = {"what": "the gradient", "locate": rows_cols(layout), "region": blocks(layout)}
    with pytest.raises(CheckFailed) as hidden:
        compare_array(actual, expected, hidden=True, **kwargs)
    with pytest.raises(CheckFailed) as visible:
        compare_array(actual, expected, hidden=False, **kwargs)
    assert "b1" in str(hidden.value) and "74" not in str(hidden.value) and "[" not in str(hidden.value)
    assert "entry 74 of the flat vector" in str(visible.value)


def test_hidden_inconsistent_gradient_names_no_position():
    from autograder.checks.helpers import consistent_gradient
    from autograder.feedback.compare import CheckFailed

    numeric = np.zeros((6, 5))
    analytic = numeric.copy()
    analytic[5, 4] = 1.0
    with pytest.raises(CheckFailed) as failed:
        consistent_gradient(analytic, numeric, what="your gradient", hidden=True)
    assert not any(ch.isdigit() for ch in str(failed.value))


@pytest.mark.parametrize("value", [np.zeros((20, 3)), [1.0] * 20, (1.0,) * 20, 20.5])
def test_hidden_description_of_a_value_has_no_size(value):
    from autograder.feedback.compare import describe_value

    assert "20" not in describe_value(value, hidden=True)
    assert "20" in describe_value(value)


class _SeededDataset:
    """sample_token_idx() from a seeded generator over a small vocabulary (repeats likely)."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)

    def sample_token_idx(self) -> int:
        return int(self.rng.integers(0, 4))


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("outside", [0, 3])
def test_child_copy_of_get_negative_samples_draws_as_the_provided_function(seed, outside):
    # The child cannot import solutions/, so it runs its own copy of this handout function;
    # both must consume the same draws and return the same negatives.
    from autograder.runtime.provided import get_negative_samples as child_copy
    from solutions.word2vec import get_negative_samples as provided

    ours, theirs = _SeededDataset(seed), _SeededDataset(seed)
    assert child_copy(outside, ours, 10) == provided(outside, theirs, 10)
    assert ours.rng.integers(0, 1 << 30) == theirs.rng.integers(0, 1 << 30)  # same number of draws
