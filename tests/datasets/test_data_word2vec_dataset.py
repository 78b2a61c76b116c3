"""The dataset object handed to word2vec: negative sampling and contexts."""

from __future__ import annotations

import bisect
import random
from collections import defaultdict

import numpy as np
import pytest
from scipy import stats

from cs224n_datasets import Word2VecDataset


@pytest.fixture(scope="module")
def toy_dataset(toy_treebank):
    # The toy corpus is tiny, so the default threshold would drop almost
    # every token; a larger one keeps real contexts.
    return Word2VecDataset(toy_treebank, subsample_threshold=1e-2)


@pytest.fixture(params=["toy", "real"])
def dataset(request):
    """Both corpora for the behavioural tests (the real one skips without data)."""
    name = "toy_dataset" if request.param == "toy" else "real_dataset"
    return request.getfixturevalue(name)


def test_tokens_returns_word2ind(dataset):
    assert dataset.tokens() is dataset.word2ind
    assert dataset.num_tokens == len(dataset.ind2word) == len(dataset.word2ind)


def test_negative_distribution_is_counts_to_three_quarters(dataset):
    weights = dataset.counts.astype(float) ** 0.75
    np.testing.assert_allclose(dataset.neg_prob, weights / weights.sum())
    assert dataset.neg_cdf.dtype == np.float64 and dataset.neg_cdf[-1] == 1.0
    assert np.all(np.diff(dataset.neg_cdf) > 0)


def test_sample_token_idx_follows_distribution(dataset):
    random.seed(2024)
    draws = np.array([dataset.sample_token_idx() for _ in range(200_000)])
    observed = np.bincount(draws, minlength=dataset.num_tokens)
    expected = dataset.neg_prob * draws.size
    # Chi-square over the 40 likeliest words, the rest lumped into one cell.
    top = np.argsort(-expected)[:40]
    rest = np.setdiff1d(np.arange(dataset.num_tokens), top)
    obs = np.append(observed[top], observed[rest].sum())
    exp = np.append(expected[top], expected[rest].sum())
    assert stats.chisquare(obs, exp).pvalue > 1e-3


def test_sample_token_idx_uses_one_global_random_per_draw(dataset):
    random.seed(11)
    draws = [dataset.sample_token_idx() for _ in range(2000)]
    random.seed(11)
    uniforms = [random.random() for _ in range(2000)]
    expected = [
        min(bisect.bisect_right(dataset.neg_cdf.tolist(), u), dataset.num_tokens - 1) for u in uniforms
    ]
    assert draws == expected
    assert all(isinstance(i, int) for i in draws)


def test_sample_token_idx_deterministic_under_seed(dataset):
    random.seed(5)
    first = [dataset.sample_token_idx() for _ in range(500)]
    np.random.seed(123)  # the NumPy global state must not matter
    random.seed(5)
    assert [dataset.sample_token_idx() for _ in range(500)] == first


def test_sample_token_idx_never_out_of_range(dataset, monkeypatch):
    monkeypatch.setattr(random, "random", lambda: 1.0 - 1e-17)
    assert dataset.sample_token_idx() == dataset.num_tokens - 1


def test_sample_token_indices_vectorised(dataset):
    rng = np.random.default_rng(0)
    draws = dataset.sample_token_indices(300_000, rng)
    assert draws.shape == (300_000,) and draws.dtype == np.int64
    assert draws.min() >= 0 and draws.max() < dataset.num_tokens
    frequencies = np.bincount(draws, minlength=dataset.num_tokens) / draws.size
    top = np.argsort(-dataset.neg_prob)[:20]
    np.testing.assert_allclose(frequencies[top], dataset.neg_prob[top], rtol=0.1)


@pytest.mark.parametrize("C", [1, 3, 5])
def test_context_centre_never_among_outside_words(dataset, C):
    random.seed(C)
    for _ in range(2000):
        centre, outside = dataset.get_random_context(C)
        assert centre not in outside
        assert 1 <= len(outside) <= 2 * C
        assert isinstance(centre, str) and all(isinstance(w, str) for w in outside)


def test_context_words_come_from_one_sentence(dataset):
    treebank = dataset.treebank
    sentences_with = defaultdict(set)
    for index, sentence in enumerate(treebank.sentences):
        for word in sentence:
            sentences_with[word].add(index)
    random.seed(99)
    for _ in range(500):
        centre, outside = dataset.get_random_context(5)
        common = set.intersection(*(sentences_with[w] for w in [centre, *outside]))
        assert common, (centre, outside)


def test_context_deterministic_under_seed(dataset):
    random.seed(3)
    first = [dataset.get_random_context(4) for _ in range(300)]
    random.seed(3)
    assert [dataset.get_random_context(4) for _ in range(300)] == first


def test_keep_probabilities_formula(dataset):
    treebank = dataset.treebank
    total = treebank.num_tokens
    threshold = dataset.subsample_threshold
    for word in treebank.ind2word[:50]:
        count = treebank.counts[treebank.word2ind[word]]
        expected = min(1.0, (threshold * total / count) ** 0.5)
        assert dataset.keep_prob[treebank.word2ind[word]] == pytest.approx(expected)
    assert dataset.keep_prob.shape == (dataset.num_tokens,)
    assert np.all((dataset.keep_prob > 0) & (dataset.keep_prob <= 1))


def test_keep_rate_of_frequent_words(real_dataset):
    # A word is kept at most at its keep probability (dropped sentences lower it).
    kept = np.bincount(real_dataset.context_tokens, minlength=real_dataset.num_tokens)
    for word in ["the", "film", "movie"]:
        index = real_dataset.word2ind[word]
        rate = kept[index] / (real_dataset.copies * real_dataset.counts[index])
        assert 0.8 * real_dataset.keep_prob[index] < rate < 1.05 * real_dataset.keep_prob[index]


def test_context_table_is_consistent(dataset):
    offsets, tokens = dataset.context_offsets, dataset.context_tokens
    assert tokens.dtype == np.int32 and offsets.dtype == np.int64
    assert offsets[0] == 0 and offsets[-1] == tokens.size
    assert np.all(np.diff(offsets) >= 2)
    assert dataset.num_context_sentences == offsets.size - 1
    assert dataset.num_context_sentences <= dataset.copies * dataset.treebank.num_sentences


def test_subsampling_reproducible_for_table_seed(toy_treebank):
    first = Word2VecDataset(toy_treebank, subsample_threshold=1e-2, table_seed=7)
    np.random.seed(1)
    random.seed(1)  # global states must not matter
    second = Word2VecDataset(toy_treebank, subsample_threshold=1e-2, table_seed=7)
    other = Word2VecDataset(toy_treebank, subsample_threshold=1e-2, table_seed=8)
    np.testing.assert_array_equal(first.context_tokens, second.context_tokens)
    np.testing.assert_array_equal(first.context_offsets, second.context_offsets)
    assert not np.array_equal(first.context_tokens, other.context_tokens)


def test_real_table_matches_known_size(real_dataset):
    # Pinned so a change in the sub-sampling draws is noticed.
    assert real_dataset.num_context_sentences == 299_640
    assert real_dataset.context_tokens.size == 1_524_730


def test_without_subsampling_table_is_corpus_copies(toy_treebank):
    dataset = Word2VecDataset(toy_treebank, subsample_threshold=1e9, copies=2)
    tb = toy_treebank
    lengths = np.diff(tb.sentence_offsets)
    long_enough = np.repeat(lengths >= 2, lengths)
    np.testing.assert_array_equal(dataset.context_tokens, np.tile(tb.token_ids[long_enough], 2))


@pytest.mark.parametrize("kwargs", [{"copies": 0}, {"subsample_threshold": 0.0}])
def test_bad_arguments_rejected(toy_treebank, kwargs):
    with pytest.raises(ValueError):
        Word2VecDataset(toy_treebank, **kwargs)


def test_options_are_keyword_only(toy_treebank):
    with pytest.raises(TypeError):
        Word2VecDataset(toy_treebank, 1e-5)  # type: ignore[misc]
