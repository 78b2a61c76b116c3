"""The loader on the real Stanford Sentiment Treebank (skipped when it is absent)."""

from __future__ import annotations

import zipfile
from collections import Counter

import numpy as np
import pytest

from cs224n_datasets import DEV, TEST, TRAIN, load_treebank
from cs224n_datasets.sst import SPLIT_NAMES

SPLIT_SIZES = {"train": 8544, "dev": 1101, "test": 2210}
NUM_TOKENS = 227_242
# Root labels 0..4 per split, computed once from the official files and
# cross-checked below by an independent count of the raw lines.
LABEL_HISTOGRAMS = {
    "train": [1092, 2218, 1624, 2322, 1288],
    "dev": [139, 289, 229, 279, 165],
    "test": [279, 633, 389, 510, 399],
}


def test_sentence_count(real_treebank):
    assert real_treebank.num_sentences == 11_855
    assert len(real_treebank.sentences) == len(real_treebank.labels) == len(real_treebank.split)


@pytest.mark.parametrize("split", SPLIT_NAMES)
def test_split_sizes(real_treebank, split):
    assert int(np.sum(real_treebank.split_mask(split))) == SPLIT_SIZES[split]


def test_splits_in_file_order(real_treebank):
    expected = np.repeat([TRAIN, DEV, TEST], [8544, 1101, 2210])
    np.testing.assert_array_equal(real_treebank.split, expected)
    assert real_treebank.split.dtype == np.int8


def test_token_count(real_treebank, real_tree_lines):
    assert real_treebank.num_tokens == NUM_TOKENS
    # Independent count: in a line split at spaces, leaves are the pieces
    # that do not open a node.
    raw = sum(
        sum(1 for piece in line.split(" ") if not piece.startswith("("))
        for lines in real_tree_lines.values()
        for line in lines
    )
    assert raw == NUM_TOKENS


@pytest.mark.parametrize("split", SPLIT_NAMES)
def test_label_histogram(real_treebank, real_tree_lines, split):
    histogram = real_treebank.label_histogram(split)
    assert histogram.tolist() == LABEL_HISTOGRAMS[split]
    counted = Counter(int(line[1]) for line in real_tree_lines[split])
    assert [counted[label] for label in range(5)] == LABEL_HISTOGRAMS[split]


def test_label_histogram_of_whole_corpus(real_treebank):
    assert (
        real_treebank.label_histogram().tolist() == np.sum(list(LABEL_HISTOGRAMS.values()), axis=0).tolist()
    )


def test_labels_dtype_and_range(real_treebank):
    assert real_treebank.labels.dtype == np.int64
    assert real_treebank.labels.min() == 0 and real_treebank.labels.max() == 4


def test_first_sentence(real_treebank):
    words, label = real_treebank.split_sentences("train")[0]
    assert words[:6] == ["the", "rock", "is", "destined", "to", "be"]
    assert label == 3


def test_tokens_are_lower_case(real_treebank):
    assert not any(any(c.isupper() for c in word) for word in real_treebank.ind2word)


def test_bracket_escapes_become_brackets(real_treebank, real_tree_lines):
    vocabulary = real_treebank.word2ind
    assert "-lrb-" not in vocabulary and "-rrb-" not in vocabulary
    raw_open = sum(line.count(" -LRB-)") for lines in real_tree_lines.values() for line in lines)
    raw_close = sum(line.count(" -RRB-)") for lines in real_tree_lines.values() for line in lines)
    assert raw_open == 493 and raw_close == 495
    assert real_treebank.counts[vocabulary["("]] == raw_open
    assert real_treebank.counts[vocabulary[")"]] == raw_close


def test_slash_escapes_removed(real_treebank):
    assert "writer/director" in real_treebank.word2ind
    assert not any("\\" in word for word in real_treebank.ind2word)


def test_vocabulary_is_consistent(real_treebank):
    tb = real_treebank
    assert len(tb.ind2word) == len(tb.word2ind) == tb.counts.shape[0] == tb.vocab_size
    assert all(tb.word2ind[word] == i for i, word in enumerate(tb.ind2word))
    assert tb.counts.dtype == np.int64 and tb.counts.min() >= 1
    np.testing.assert_array_equal(tb.counts, np.bincount(tb.token_ids, minlength=tb.vocab_size))
    # Words are numbered by first occurrence in the corpus.
    _, first = np.unique(tb.token_ids, return_index=True)
    assert np.all(np.diff(first) > 0)


def test_offsets_rebuild_every_sentence(real_treebank):
    tb = real_treebank
    assert tb.token_ids.dtype == np.int32 and tb.sentence_offsets.dtype == np.int64
    assert tb.sentence_offsets.shape == (tb.num_sentences + 1,)
    assert tb.sentence_offsets[0] == 0 and tb.sentence_offsets[-1] == tb.num_tokens
    words = np.array(tb.ind2word, dtype=object)
    for i, sentence in enumerate(tb.sentences):
        ids = tb.token_ids[tb.sentence_offsets[i] : tb.sentence_offsets[i + 1]]
        assert words[ids].tolist() == sentence


@pytest.mark.parametrize("split", [DEV, "dev", "DEV", np.int64(1)])
def test_split_sentences_accepts_index_or_name(real_treebank, split):
    pairs = real_treebank.split_sentences(split)
    assert len(pairs) == 1101
    rows = np.flatnonzero(real_treebank.split == DEV)
    assert [label for _, label in pairs] == real_treebank.labels[rows].tolist()


def test_load_from_unpacked_folder_matches_zip(real_treebank, real_sst_zip, tmp_path):
    with zipfile.ZipFile(real_sst_zip) as archive:
        archive.extractall(tmp_path)
    unpacked = load_treebank(tmp_path)
    assert unpacked.source == tmp_path
    assert unpacked.sentences == real_treebank.sentences
    np.testing.assert_array_equal(unpacked.labels, real_treebank.labels)
    np.testing.assert_array_equal(unpacked.token_ids, real_treebank.token_ids)


def test_load_from_zip_path_or_its_folder(real_sst_zip):
    by_file = load_treebank(real_sst_zip)
    by_folder = load_treebank(str(real_sst_zip.parent))
    assert by_file.source == by_folder.source == real_sst_zip
    assert not by_file.is_toy
