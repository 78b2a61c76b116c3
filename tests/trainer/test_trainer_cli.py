"""`python -m word2vec_trainer` on the toy corpus: files written, the toy said loudly."""

from __future__ import annotations

import json

import numpy as np
import pytest

from word2vec_trainer.__main__ import main

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def trained_toy(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    status = main(["train", "--toy", "--iterations", "1000", "--no-progress", "--out", str(out)])
    return status, out


def test_train_writes_vectors_and_figures(trained_toy, capsys):
    status, out = trained_toy
    assert status == 0
    with np.load(out / "word_vectors.npz") as saved:
        assert saved["center"].shape == saved["outside"].shape == (saved["words"].size, 10)
        assert bool(saved["is_toy"])
        costs = saved["costs"]
    assert costs.shape == (1000,) and costs[-200:].mean() < costs[:20].mean()  # the loss falls
    assert (out / "word_vectors.png").read_bytes()[:8] == PNG_MAGIC
    assert (out / "training_cost.png").read_bytes()[:8] == PNG_MAGIC
    assert (out / "checkpoints" / "word2vec" / "word2vec_1000.npz").is_file()


def test_train_says_loudly_that_it_used_the_toy_corpus(tmp_path, capsys):
    main(["train", "--toy", "--iterations", "500", "--no-progress", "--out", str(tmp_path)])
    assert "TOY CORPUS" in capsys.readouterr().out


def test_a_second_train_resumes_from_the_checkpoint(trained_toy, capsys):
    _, out = trained_toy
    capsys.readouterr()
    assert main(["train", "--toy", "--iterations", "1500", "--no-progress", "--out", str(out)]) == 0
    assert "Resumed from the checkpoint at iteration 1,000" in capsys.readouterr().out


@pytest.mark.parametrize("glove", ["configured", "absent"])
def test_sentiment_writes_the_summary_for_each_kind_of_vectors(
    trained_toy, monkeypatch, tmp_path, expected_vector_kinds, glove
):
    _, out = trained_toy
    if glove == "absent":
        monkeypatch.setenv("CS224N_GLOVE_DIR", str(tmp_path / "no-glove-here"))
    assert main(["sentiment", "--toy", "--out", str(out)]) == 0
    summary = json.loads((out / "sentiment" / "summary.json").read_text())
    assert summary["is_toy"] is True
    # GloVe is compared when it loads (CS224N_GLOVE_DIR, or the kumo package), skipped otherwise.
    assert [r["vectors"] for r in summary["results"]] == expected_vector_kinds()
    assert (out / "sentiment" / "trained_dev_predictions.txt").is_file()


def test_sentiment_without_vectors_fails_with_a_clear_message(tmp_path, capsys):
    assert main(["sentiment", "--toy", "--out", str(tmp_path)]) == 2
    assert "run `python -m word2vec_trainer train` first" in capsys.readouterr().err
