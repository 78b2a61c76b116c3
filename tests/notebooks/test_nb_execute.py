"""Every instructor notebook runs top to bottom on the real data, passes its tests, draws its figures.

One fresh kernel per notebook, in the assignment's order, as
`python -m notebooks.execute` runs them; each must finish within 3 minutes.
"""

from __future__ import annotations

import pytest

from datasets import load_treebank
from notebooks.build import notebook_names
from notebooks.execute import execute_notebooks

pytestmark = pytest.mark.slow

TIME_LIMIT_SECONDS = 180
# Figures each notebook draws (at least).
FIGURES = {
    "01_softmax": 2,
    "02_neural_basics": 2,
    "03_two_layer_network": 1,
    "04_word2vec": 4,
    "05_sentiment": 3,
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


def test_every_notebook_ran(executed):
    assert sorted(executed) == notebook_names()


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_runs_within_three_minutes(executed, name):
    assert executed[name].seconds < TIME_LIMIT_SECONDS


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_has_no_errors(executed, name):
    assert _outputs(executed[name].notebook, "error") == []


@pytest.mark.parametrize("name", notebook_names())
def test_every_test_cell_gives_full_points(executed, name):
    for cell in executed[name].notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            results = [o for o in cell.outputs if o.output_type == "execute_result"]
            assert float(results[-1].data["text/plain"]) == meta["points"], meta["grade_id"]
            assert not any(o.output_type == "stream" and o.name == "stderr" for o in cell.outputs)


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
