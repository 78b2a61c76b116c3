"""The generated toy corpus: reproducible, small, loadable, learnable."""

from __future__ import annotations

import numpy as np
import pytest

from cs224n_datasets import TOY_TREEBANK, load_treebank
from cs224n_datasets.toy import make_toy_corpus


def test_regeneration_is_byte_identical(tmp_path):
    output = make_toy_corpus.write_toy_zip(tmp_path / "toy_trees.zip")
    assert output.read_bytes() == TOY_TREEBANK.read_bytes()


def test_cli_make_toy_is_byte_identical(tmp_path):
    from cs224n_datasets.__main__ import main

    assert main(["make-toy", "--out", str(tmp_path / "toy.zip")]) == 0
    assert (tmp_path / "toy.zip").read_bytes() == TOY_TREEBANK.read_bytes()


def test_toy_is_small():
    assert TOY_TREEBANK.stat().st_size < 250_000


def test_toy_loads_through_load_treebank(toy_treebank):
    assert toy_treebank.is_toy
    assert toy_treebank.source == TOY_TREEBANK
    sizes = [int(np.sum(toy_treebank.split == s)) for s in range(3)]
    assert sizes == list(make_toy_corpus.SPLIT_SIZES.values())


def test_toy_vocabulary_size(toy_treebank):
    assert 150 <= toy_treebank.vocab_size <= 300


@pytest.mark.parametrize("split", ["train", "dev", "test"])
def test_toy_has_every_label(toy_treebank, split):
    assert np.all(toy_treebank.label_histogram(split) > 0)


def test_toy_sentences_are_distinct(toy_treebank):
    texts = [" ".join(s) for s in toy_treebank.sentences]
    assert len(set(texts)) == len(texts)


def test_toy_is_recognised_by_marker_not_path(tmp_path):
    copy = tmp_path / "renamed.zip"
    copy.write_bytes(TOY_TREEBANK.read_bytes())
    assert load_treebank(copy).is_toy


def test_toy_sentiment_is_learnable(toy_treebank):
    # Softmax regression on averaged one-hot word vectors (the simplest
    # "average of word vectors" model) must beat the majority class on dev.
    tb = toy_treebank

    def features(split: str) -> tuple[np.ndarray, np.ndarray]:
        pairs = tb.split_sentences(split)
        x = np.zeros((len(pairs), tb.vocab_size + 1))
        x[:, -1] = 1.0  # bias
        for row, (words, _) in enumerate(pairs):
            for word in words:
                x[row, tb.word2ind[word]] += 1 / len(words)
        return x, np.array([label for _, label in pairs])

    x_train, y_train = features("train")
    x_dev, y_dev = features("dev")
    weights = np.zeros((x_train.shape[1], 5))
    targets = np.eye(5)[y_train]
    for _ in range(3000):
        scores = x_train @ weights
        probs = np.exp(scores - scores.max(axis=1, keepdims=True))
        probs /= probs.sum(axis=1, keepdims=True)
        weights -= 5.0 * (x_train.T @ (probs - targets) / len(x_train) + 1e-4 * weights)
    accuracy = np.mean((x_dev @ weights).argmax(axis=1) == y_dev)
    majority = np.max(np.bincount(y_dev)) / y_dev.size
    assert accuracy > majority + 0.15, (accuracy, majority)
