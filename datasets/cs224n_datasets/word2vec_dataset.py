"""The dataset object handed to the word2vec code.

It offers what the assignment's word2vec functions call:

* ``sample_token_idx()``: one word index drawn from the unigram distribution
  raised to the 3/4 power (the negative-sampling distribution);
* ``get_random_context(C)``: a centre word and its outside words, taken from a
  randomly chosen sentence of a sub-sampled copy of the corpus.

Both draw from Python's *global* ``random`` module on purpose: the gradient
checker resets that module's state before every call of the cost function, and
the grader seeds it so that two implementations see the same negatives and
contexts.  The tables behind them are built once, with NumPy, at construction.
"""

from __future__ import annotations

import bisect
import random

import numpy as np

from .sst import Treebank

__all__ = ["Word2VecDataset"]


class Word2VecDataset:
    """Negative-sampling and context tables over a :class:`Treebank`.

    Args:
        treebank: the corpus; all its sentences (every split) are used.
        subsample_threshold: t in the keep probability
            ``min(1, sqrt(t * T / count(w)))`` (T = tokens in the corpus).
        copies: how many sub-sampled copies of the corpus the context table
            holds (each copy draws its own keep/drop decisions).
        neg_power: exponent applied to the counts for negative sampling.
        table_seed: seed of the NumPy generator that makes the keep/drop draws,
            so the context table depends on this seed only.

    On the toy corpus (under 3,000 tokens) the default threshold drops almost
    every token; pass ``subsample_threshold=1e-2`` there.

    Attributes:
        word2ind: word -> index (the treebank's vocabulary).
        ind2word: (V,) index -> word.
        num_tokens: V, the vocabulary size (the name comes from the starter code).
        counts: (V,) int64, corpus counts.
        keep_prob: (V,) float64, probability of keeping each word when
            sub-sampling.
        neg_prob: (V,) float64, ``counts ** neg_power`` normalised to sum 1.
        neg_cdf: (V,) float64, cumulative sum of ``neg_prob``; last entry 1.0.
        context_tokens: (T',) int32, the kept tokens of all kept sentences of
            all copies, flat.
        context_offsets: (S'+1,) int64; kept sentence j is
            ``context_tokens[context_offsets[j]:context_offsets[j + 1]]``.
    """

    def __init__(
        self,
        treebank: Treebank,
        *,
        subsample_threshold: float = 1e-5,
        copies: int = 30,
        neg_power: float = 0.75,
        table_seed: int = 0,
    ) -> None:
        if copies < 1:
            raise ValueError(f"copies must be at least 1, got {copies}")
        if subsample_threshold <= 0:
            raise ValueError(f"subsample_threshold must be positive, got {subsample_threshold}")
        self.treebank = treebank
        self.word2ind: dict[str, int] = treebank.word2ind
        self.ind2word: list[str] = treebank.ind2word
        self.num_tokens: int = len(self.ind2word)
        self.counts: np.ndarray = treebank.counts
        if self.num_tokens == 0:
            raise ValueError("the treebank has no tokens")
        self.subsample_threshold = float(subsample_threshold)
        self.copies = int(copies)
        self.neg_power = float(neg_power)
        self.table_seed = int(table_seed)

        self._build_negative_table()
        self._build_context_table()

    # ------------------------------------------------------------------ tables
    def _build_negative_table(self) -> None:
        weights = self.counts.astype(np.float64) ** self.neg_power
        self.neg_prob: np.ndarray = weights / weights.sum()
        cdf = np.cumsum(self.neg_prob)
        cdf[-1] = 1.0  # no rounding gap above the last word
        self.neg_cdf: np.ndarray = cdf
        # bisect on a Python list is several times faster than on an ndarray
        # for one draw at a time.
        self._neg_cdf_list: list[float] = cdf.tolist()

    def _build_context_table(self) -> None:
        tb = self.treebank
        total = tb.num_tokens
        counts = self.counts.astype(np.float64)
        self.keep_prob: np.ndarray = np.minimum(1.0, np.sqrt(self.subsample_threshold * total / counts))

        # One keep/drop draw per token per copy, all at once: (copies, T).
        rng = np.random.default_rng(self.table_seed)
        token_keep = self.keep_prob[tb.token_ids]
        keep = rng.random((self.copies, total)) < token_keep

        # Kept tokens per sentence and copy, from cumulative sums (robust to
        # empty sentences, unlike reduceat): (copies, N).
        cumulative = np.zeros((self.copies, total + 1), dtype=np.int64)
        np.cumsum(keep, axis=1, out=cumulative[:, 1:])
        offsets = tb.sentence_offsets
        kept_per_sentence = cumulative[:, offsets[1:]] - cumulative[:, offsets[:-1]]

        # Sentences with fewer than two kept tokens have no context: drop them.
        sentence_ok = kept_per_sentence >= 2
        lengths = np.diff(offsets)
        keep &= np.repeat(sentence_ok, lengths, axis=1)

        # Row-major flattening gives copy 0's sentences, then copy 1's, ...
        self.context_tokens: np.ndarray = np.broadcast_to(tb.token_ids, keep.shape)[keep].astype(np.int32)
        kept_lengths = kept_per_sentence[sentence_ok]
        self.context_offsets: np.ndarray = np.zeros(kept_lengths.size + 1, dtype=np.int64)
        np.cumsum(kept_lengths, out=self.context_offsets[1:])
        if kept_lengths.size == 0:
            raise ValueError(
                "no sentence keeps two tokens after sub-sampling; "
                "raise subsample_threshold or use a larger corpus"
            )
        self._num_contexts = int(kept_lengths.size)

    # ------------------------------------------------------------- the API
    @property
    def num_context_sentences(self) -> int:
        """S', the number of sub-sampled sentences in the context table."""
        return self._num_contexts

    def tokens(self) -> dict[str, int]:
        """The word -> index mapping (``word2ind``; name kept from the starter code)."""
        return self.word2ind

    def sample_token_idx(self) -> int:
        """One word index drawn with probability proportional to ``count ** 0.75``.

        Uses exactly one ``random.random()`` of the global ``random`` module.
        """
        index = bisect.bisect_right(self._neg_cdf_list, random.random())
        return min(index, self.num_tokens - 1)

    def sample_token_indices(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """(n,) int64: ``n`` independent draws of :meth:`sample_token_idx`'s law, vectorised."""
        draws = np.searchsorted(self.neg_cdf, rng.random(n), side="right")
        return np.minimum(draws, self.num_tokens - 1).astype(np.int64)

    def get_random_context(self, C: int = 5) -> tuple[str, list[str]]:
        """A centre word and up to ``C`` outside words on each side of it.

        A sub-sampled sentence and a position in it are drawn uniformly with
        the global ``random`` module; outside words equal to the centre word
        are removed, and the draw is repeated if none remain.

        Returns:
            ``(center_word, outside_words)`` as strings; ``len(outside_words)``
            is between 1 and ``2 * C``.
        """
        if C < 1:
            raise ValueError(f"C must be at least 1, got {C}")
        offsets = self.context_offsets
        tokens = self.context_tokens
        ind2word = self.ind2word
        while True:
            sentence = random.randint(0, self._num_contexts - 1)
            start = int(offsets[sentence])
            length = int(offsets[sentence + 1]) - start
            position = random.randint(0, length - 1)
            window = tokens[start + max(0, position - C) : start + min(length, position + C + 1)].tolist()
            centre_offset = min(position, C)
            centre = window.pop(centre_offset)
            outside = [ind2word[i] for i in window if i != centre]
            if outside:
                return ind2word[centre], outside

    def __repr__(self) -> str:
        return (
            f"Word2VecDataset(V={self.num_tokens}, contexts={self._num_contexts}, "
            f"copies={self.copies}, table_seed={self.table_seed})"
        )
