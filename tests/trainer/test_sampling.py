"""The vectorised sampler draws windows and negatives as the assignment does."""

from __future__ import annotations

import numpy as np
import pytest

from word2vec_trainer import kernel
from word2vec_trainer.sampling import NegativeTable, WindowSampler

WINDOW = 4


def distinct_words_sampler(length: int = 400) -> WindowSampler:
    """One long sentence of distinct words: a window's reach shows its size c."""
    tokens = np.arange(length, dtype=np.int32)
    return WindowSampler(tokens, np.array([0, length]), np.cumsum(np.ones(length)), window_size=WINDOW)


def test_window_sizes_are_uniform_over_one_to_c(rng):
    batch = distinct_words_sampler().sample(20_000, rng)
    reach = np.maximum.reduceat(
        np.abs(batch.words - np.repeat(batch.centers, np.diff(batch.indptr))), batch.indptr[:-1]
    )
    inside = (batch.centers >= WINDOW) & (batch.centers < 400 - WINDOW)  # windows not cut by an edge
    freq = np.bincount(reach[inside], minlength=WINDOW + 1)[1:] / inside.sum()
    assert reach.max() == WINDOW and reach.min() >= 1
    np.testing.assert_allclose(freq, 1.0 / WINDOW, atol=0.02)


def test_outside_words_are_the_neighbours_in_order(rng):
    batch = distinct_words_sampler().sample(200, rng)
    for w in range(batch.num_windows):
        words = batch.words[batch.indptr[w] : batch.indptr[w + 1]]
        c = batch.centers[w]
        reach = np.abs(words - c).max()
        expected = [x for x in range(c - reach, c + reach + 1) if x != c and 0 <= x < 400]
        assert words.tolist() == expected


def test_windows_never_contain_their_centre_word_and_are_never_empty(corpus, rng):
    sampler = WindowSampler(corpus.context_tokens, corpus.context_offsets, corpus.neg_cdf, window_size=3)
    batch = sampler.sample(5_000, rng)
    assert np.all(np.diff(batch.indptr) >= 1)
    assert not np.any(batch.words == np.repeat(batch.centers, np.diff(batch.indptr)))


def test_one_word_sentences_are_never_used(rng):
    # Sentence [7] alone, then [1, 2]: word 7 can appear in no window.
    sampler = WindowSampler(np.array([7, 1, 2]), np.array([0, 1, 3]), np.cumsum(np.ones(8)), window_size=2)
    batch = sampler.sample(500, rng)
    assert set(batch.centers.tolist()) | set(batch.words.tolist()) == {1, 2}


@pytest.mark.parametrize("model", ["skipgram", "cbow"])
def test_negatives_never_equal_their_target(corpus, rng, model):
    sampler = WindowSampler(
        corpus.context_tokens, corpus.context_offsets, corpus.neg_cdf, model=model, num_negatives=10
    )
    batch = sampler.sample(3_000, rng)
    targets = batch.words if model == "skipgram" else batch.centers
    assert batch.negatives.shape == (targets.size, 10)
    assert not np.any(batch.negatives == targets[:, None])


def test_negatives_follow_the_unigram_power_distribution(corpus, rng):
    table = NegativeTable(corpus.neg_cdf)
    draws = table.sample(400_000, rng)
    probs = np.diff(corpus.neg_cdf, prepend=0.0)
    np.testing.assert_allclose(np.bincount(draws, minlength=probs.size) / draws.size, probs, atol=3e-3)


def test_only_sub_sampled_tokens_appear(corpus, rng):
    # A dataset's sub-sampling removes tokens from context_tokens; the sampler
    # must draw from what is left only: drop every copy of the most frequent word.
    keep = corpus.context_tokens != 0
    tokens = corpus.context_tokens[keep]
    kept_before = np.concatenate([[0], np.cumsum(keep)])
    offsets = kept_before[corpus.context_offsets]
    batch = WindowSampler(tokens, offsets, corpus.neg_cdf).sample(3_000, rng)
    assert not np.any(batch.centers == 0) and not np.any(batch.words == 0)


def test_the_same_generator_seed_gives_the_same_batch(corpus):
    sampler = WindowSampler(corpus.context_tokens, corpus.context_offsets, corpus.neg_cdf)
    first = sampler.sample(500, np.random.default_rng(3))
    second = sampler.sample(500, np.random.default_rng(3))
    for name in ("centers", "indptr", "words", "negatives"):
        np.testing.assert_array_equal(getattr(first, name), getattr(second, name))


def test_a_slice_holds_the_windows_of_its_range(corpus, rng):
    batch = WindowSampler(corpus.context_tokens, corpus.context_offsets, corpus.neg_cdf).sample(100, rng)
    part = batch.slice(10, 20)
    lo, hi = batch.indptr[10], batch.indptr[20]
    np.testing.assert_array_equal(part.words, batch.words[lo:hi])
    np.testing.assert_array_equal(part.negatives, batch.negatives[lo:hi])
    np.testing.assert_array_equal(part.centers, batch.centers[10:20])


def test_frequent_words_are_sub_sampled_in_the_windows(rng):
    # The real Word2VecDataset on the toy treebank: windows come from its
    # sub-sampled copies, so the most frequent word is rarer in them than in the text.
    cs224n_datasets = pytest.importorskip("cs224n_datasets")
    treebank = cs224n_datasets.load_treebank(cs224n_datasets.TOY_TREEBANK)
    dataset = cs224n_datasets.Word2VecDataset(treebank, subsample_threshold=1e-2)
    top = int(np.argmax(dataset.counts))
    assert dataset.keep_prob[top] < 0.8
    batch = WindowSampler.from_dataset(dataset).sample(20_000, rng)
    raw_share = dataset.counts[top] / dataset.counts.sum()
    window_share = np.mean(np.concatenate([batch.centers, batch.words]) == top)
    assert window_share < 0.8 * raw_share


needs_numba = pytest.mark.skipif(not kernel.AVAILABLE, reason="numba is not installed")


@needs_numba
@pytest.mark.parametrize("model", ["skipgram", "cbow"])
def test_compiled_windows_are_the_numpy_windows(corpus, model, monkeypatch):
    sampler = WindowSampler(corpus.context_tokens, corpus.context_offsets, None, model=model, window_size=4)
    compiled = sampler.sample(3_000, np.random.default_rng(11))
    monkeypatch.setattr(kernel, "AVAILABLE", False)
    plain = sampler.sample(3_000, np.random.default_rng(11))
    for name in ("centers", "indptr", "words", "pair_centers"):
        if getattr(plain, name) is None:
            assert getattr(compiled, name) is None
        else:
            np.testing.assert_array_equal(getattr(compiled, name), getattr(plain, name), err_msg=name)


@needs_numba
def test_compiled_negatives_follow_the_unigram_power_distribution(corpus, rng):
    table = NegativeTable(corpus.neg_cdf)
    targets = np.zeros(40_000, dtype=np.intp)  # word 0 is never drawn as a negative
    rows = table.prediction_rows(targets, 10, rng)
    assert rows.shape == (40_000, 11) and np.all(rows[:, 0] == 0) and not np.any(rows[:, 1:] == 0)
    probs = np.diff(corpus.neg_cdf, prepend=0.0)
    expected = probs[1:] / probs[1:].sum()  # without word 0, renormalised
    counts = np.bincount(rows[:, 1:].ravel(), minlength=probs.size)[1:]
    np.testing.assert_allclose(counts / counts.sum(), expected, atol=3e-3)
