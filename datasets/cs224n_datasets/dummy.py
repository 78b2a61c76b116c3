"""A tiny synthetic context dataset for gradient checks and quick tests.

It offers the same two methods as the real treebank dataset and draws from
Python's global `random`, so gradcheck_naive's RNG reset makes it repeatable.
"""

from __future__ import annotations

import random

__all__ = ["DummyDataset"]


class DummyDataset:
    """Uniform random words from a small vocabulary ("a", "b", ...).

    Args:
        num_words: V, vocabulary size (at most 26).
    """

    def __init__(self, num_words: int = 5) -> None:
        if not 2 <= num_words <= 26:
            raise ValueError(f"num_words must be between 2 and 26; got {num_words}")
        self.ind2word = [chr(ord("a") + i) for i in range(num_words)]
        self.word2ind = {word: i for i, word in enumerate(self.ind2word)}

    def tokens(self) -> dict[str, int]:
        return self.word2ind

    def sample_token_idx(self) -> int:
        return random.randint(0, len(self.ind2word) - 1)

    def get_random_context(self, C: int) -> tuple[str, list[str]]:
        """A random centre word and 2C random outside words (repeats allowed)."""
        center = self.ind2word[self.sample_token_idx()]
        return center, [self.ind2word[self.sample_token_idx()] for _ in range(2 * C)]
