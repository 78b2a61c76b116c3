"""Every instructor notebook runs top to bottom on the real data, passes its tests, draws its figures.

One fresh kernel per notebook, in the assignment's order, as
`python -m notebooks.execute` runs them. No timing assertions here (a busy CI
machine would make them flaky): `benchmarks/bench_notebooks.py` measures each
notebook and its slowest cell against the course's cell timeout.
"""

from __future__ import annotations

import re

import pytest

from cs224n_datasets import load_treebank
from notebooks.build import notebook_names
from notebooks.execute import execute_notebooks

pytestmark = pytest.mark.slow

# Figures each notebook draws (at least).
FIGURES = {
    "01_softmax": 2,
    "02_neural_basics": 2,
    "03_two_layer_network": 1,
    "04_word2vec": 6,
    "05_sentiment": 2,
}


@pytest.fixture(scope="module")
def executed(tmp_path_factory, real_data):
    results = execute_notebooks(out_dir=tmp_path_factory.mktemp("executed"))
    for result in results:
        print(f"{result.name}: {result.seconds:.1f} s")
    return {result.name: result for result in results}


def _outputs(nb, output_type):
    return [
        (cell, out)
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == output_type
    ]


def _stdout(cell) -> str:
    return "".join(
        o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout"
    )


def test_every_notebook_ran(executed):
    assert sorted(executed) == notebook_names()


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_has_no_errors(executed, name):
    assert _outputs(executed[name].notebook, "error") == []


@pytest.mark.parametrize("name", notebook_names())
def test_every_test_cell_gives_full_points(executed, name):
    for cell in executed[name].notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            assert not any(o.output_type == "stream" and o.name == "stderr" for o in cell.outputs)
            if meta["points"] == 0:  # extra credit: the bonus is printed, in full
                assert re.search(r"extra credit earned: ([\d.]+)( of \1)? \(", _stdout(cell)), meta[
                    "grade_id"
                ]
                continue
            results = [o for o in cell.outputs if o.output_type == "execute_result"]
            assert float(results[-1].data["text/plain"]) == meta["points"], meta["grade_id"]


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_draws_its_figures(executed, name):
    pngs = [out for _, out in _outputs(executed[name].notebook, "display_data") if "image/png" in out.data]
    assert len(pngs) >= FIGURES[name]
    assert executed[name].html.read_text(encoding="utf-8").count("data:image/png;base64") >= FIGURES[name]


def test_notebook_4_ran_on_the_real_treebank(executed):
    treebank = load_treebank()
    assert not treebank.is_toy
    text = "".join(out.get("text", "") for _, out in _outputs(executed["04_word2vec"].notebook, "stream"))
    assert f"{treebank.vocab_size:,} words" in text and "toy corpus" not in text


def _text(executed, name: str) -> str:
    return "".join(out.get("text", "") for _, out in _outputs(executed[name].notebook, "stream"))


def test_notebook_4_checks_the_reference_functions_against_the_trainer(executed):
    text = _text(executed, "04_word2vec")
    assert (
        "PASSED: Your `neg_sampling_loss_and_gradient`, `skipgram` and `sgd` give the trainer's numbers"
        in text
    )
    assert "These vectors are yours." in text and "your code matched the trainer: True" in text


def test_notebook_4_students_own_code_visibly_learns(executed):
    match = re.search(r"smoothed cost ([\d.]+) -> ([\d.]+)", _text(executed, "04_word2vec"))
    assert match, "notebook 4 did not report the cost of the student's own run"
    first, last = map(float, match.groups())
    assert last < 0.75 * first


def test_notebook_4_first_plot_axis_is_word_frequency(executed):
    # The reference answer of 3(g) reads the plot this way; it must stay true of the data.
    match = re.search(r"first axis against log count: r = ([-\d.]+)", _text(executed, "04_word2vec"))
    assert match and float(match.group(1)) > 0.8


def test_notebook_4_word2vec_c_transcription_agrees_with_the_gradient(executed):
    match = re.search(
        r"4 distinct negatives, exact sigma\s+4\s+(\S+)\s+(\S+)", _text(executed, "04_word2vec")
    )
    assert match and max(float(match.group(1)), float(match.group(2))) < 1e-12


def test_notebook_5_uses_the_vectors_of_notebook_4_as_the_students(executed):
    text = _text(executed, "05_sentiment")
    assert "notebook 4 checked that your functions compute them" in text and "random stand-in" not in text


def test_notebook_5_objective_is_scikit_learns(executed):
    # Every line: the summed objective's gradient vanishes at the fit, the mean-loss reading's does not.
    lines = re.findall(
        r"sum CE \+ reg/2 \|\|W\|\|\^2: (\S+)\s+mean CE \+ reg/2 \|\|W\|\|\^2: (\S+)",
        _text(executed, "05_sentiment"),
    )
    assert len(lines) == 2
    assert all(float(summed) < 1e-6 and float(mean) > 1e-3 for summed, mean in lines)


def test_notebook_4_raw_cosines_are_all_close_to_one(executed):
    # The reference answer of 3(g): before centring, every pair of chosen words looks alike.
    match = re.search(r"raw vectors:\s+mean ([\d.]+)", _text(executed, "04_word2vec"))
    assert match and float(match.group(1)) > 0.95


def test_notebook_5_glove_accuracy_is_where_the_reference_answer_says(executed):
    # 4(d): GloVe's dev accuracy within a point of the handout's 36.5%, its test accuracy at or above it.
    text = _text(executed, "05_sentiment")
    dev = re.search(r"GloVe dev accuracy ([\d.]+)%", text)
    test = re.search(r"GloVe test accuracy ([\d.]+)%", text)
    assert dev and test
    assert abs(float(dev.group(1)) - 36.5) < 1.0 and float(test.group(1)) >= 36.5
