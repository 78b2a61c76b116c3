"""Vectorised sampling of training windows and negative samples.

The assignment draws, for every one of the 50 windows of an iteration, one at
a time with Python's `random`:

1. a window size c uniform in 1..C (`word2vec_sgd_wrapper`);
2. a sentence uniform among the sub-sampled sentence copies that have at least
   two words, a position uniform in it, and as outside words the words at most
   c positions away, leaving out copies of the centre word; a window left with
   no outside word is drawn again with the same c (`get_random_context`);
3. for every prediction, K negatives from the unigram^0.75 table, a negative
   equal to the predicted word drawn again (`get_negative_samples`).

`WindowSampler.sample` does the same for thousands of windows in a few NumPy
calls, from an explicit `np.random.Generator`.  The sub-sampling of frequent
words is the dataset's: it hands over the sub-sampled copies of the sentences
as one token array plus offsets (`Word2VecDataset.context_tokens` and
`.context_offsets`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from word2vec_trainer import kernel as _kernel

__all__ = ["NegativeTable", "WindowBatch", "WindowSampler", "MODELS"]

MODELS = ("skipgram", "cbow")
NEGATIVE_TABLE_SIZE = 1_000_000  # the assignment's sampling table has a million entries


class NegativeTable:
    """Draws word indices from a fixed distribution through a lookup table.

    Entry i of the table is the word whose cumulative-probability interval
    holds (i + 0.5) / size, so a word of probability p fills about p * size
    entries; a uniform entry then draws it with probability p (to 1 / size).

    Args:
        cdf: (V,), the cumulative distribution over the vocabulary (the
            dataset's `neg_cdf`, unigram counts to the power 0.75); need not
            end exactly at 1.
        size: number of table entries.
    """

    def __init__(self, cdf: np.ndarray, size: int = NEGATIVE_TABLE_SIZE) -> None:
        cdf = np.asarray(cdf, dtype=np.float64)
        if cdf.ndim != 1 or cdf.size == 0 or cdf[-1] <= 0:
            raise ValueError("the negative-sampling cdf must be a non-empty increasing array")
        probs = np.diff(cdf, prepend=0.0)
        if np.count_nonzero(probs > 0) < 2:
            raise ValueError("negative sampling needs at least two words with non-zero probability")
        points = (np.arange(size) + 0.5) / size * cdf[-1]
        table = np.searchsorted(cdf, points, side="right")
        self.table = np.minimum(table, cdf.size - 1).astype(np.int32)
        self.vocab_size = cdf.size
        # The same table in 2 bytes an entry when the words fit: the compiled draw reads one
        # random entry a negative, and half the bytes means fewer cache misses (2 MB, not 4).
        self._compact = self.table.astype(np.uint16) if cdf.size <= 2**16 else self.table

    def sample(self, shape: int | tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        """Independent draws, int32 of the given shape."""
        return self.table[rng.integers(0, self.table.size, shape)]

    def sample_excluding(self, targets: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
        """K draws for each target, redrawing any draw equal to its target.

        Args:
            targets: (P,), the predicted word of each prediction (o in the handout).
            k: K, negatives per prediction.

        Returns:
            (P, K) int32; row p never contains targets[p], repeats allowed.
        """
        targets = np.asarray(targets)
        negatives = self.sample((targets.size, k), rng)
        flat = negatives.reshape(-1)
        clash = np.flatnonzero(negatives == targets[:, None])
        # Redraw only the clashing entries, as get_negative_samples does one at a time.
        while clash.size:
            flat[clash] = self.sample(clash.size, rng)
            clash = clash[flat[clash] == targets[clash // k]]
        return negatives

    def prediction_rows(self, targets: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
        """(P, K + 1) intp: each target t followed by K negatives, none equal to t.

        With numba the negatives are drawn in one compiled pass (word2vec_trainer.kernel; 32
        random bits a draw), else with `sample_excluding`; both redraw a negative equal
        to its target, as get_negative_samples does.
        """
        if not _kernel.AVAILABLE:
            rows = np.empty((targets.size, k + 1), dtype=np.intp)
            rows[:, 0] = targets
            rows[:, 1:] = self.sample_excluding(targets, k, rng)
            return rows
        rows, clash = _kernel.draw_prediction_rows(self._compact, targets, k, rng)
        negatives = rows[:, 1:]
        while clash.size:
            pred, slot = np.divmod(clash, k)
            negatives[pred, slot] = self.sample(clash.size, rng)
            clash = clash[negatives[pred, slot] == targets[pred]]
        return rows


@dataclass
class WindowBatch:
    """Many training windows, their outside words, and the negatives.

    Windows are stored like a sparse matrix's rows: the outside words of window
    w are `words[indptr[w]:indptr[w + 1]]`, in the window's left-to-right order.

    Attributes:
        centers: (W,) intp, the centre word c of every window.
        indptr: (W + 1,) int64, where each window's outside words start.
        words: (N,) intp, the outside words o of all windows.
        negatives: (P, K) intp or None; one row per prediction: per outside
            word for skip-gram (P = N, in the order of `words`), per window for
            CBOW (P = W). None for naive softmax.
        model: "skipgram" or "cbow" (which predictions the negatives belong to).
        prediction_rows: (P, K + 1) intp or None, the rows of U each
            prediction scores: its target t (o for skip-gram, c for CBOW),
            then its negatives. Made by the sampler so that the training
            thread does not have to.
        pair_centers: (N,) intp or None, the centre word of every pair.
        indptr: (W + 1,) intp.

    Every index array is intp: np.take then uses it without a converted copy,
    and SciPy's sparse kernels take it with an intp indptr.
    """

    centers: np.ndarray
    indptr: np.ndarray
    words: np.ndarray
    negatives: np.ndarray | None
    model: str
    prediction_rows: np.ndarray | None = None
    pair_centers: np.ndarray | None = None

    @property
    def num_windows(self) -> int:
        return int(self.centers.size)

    @property
    def num_pairs(self) -> int:
        """Centre/outside pairs, the unit of throughput (N)."""
        return int(self.words.size)

    def slice(self, start: int, stop: int) -> WindowBatch:
        """Windows start..stop-1 as a batch of their own (views, no copies)."""
        lo, hi = int(self.indptr[start]), int(self.indptr[stop])
        # Predictions are per pair for skip-gram, per window for CBOW.
        first, last = (lo, hi) if self.model == "skipgram" else (start, stop)
        return WindowBatch(
            centers=self.centers[start:stop],
            indptr=self.indptr[start : stop + 1] - lo,
            words=self.words[lo:hi],
            negatives=None if self.negatives is None else self.negatives[first:last],
            model=self.model,
            prediction_rows=None if self.prediction_rows is None else self.prediction_rows[first:last],
            pair_centers=None if self.pair_centers is None else self.pair_centers[lo:hi],
        )


class WindowSampler:
    """Draws batches of windows (and their negatives) as the assignment does.

    Args:
        context_tokens: (T',) int, the sub-sampled sentence copies back to back.
        context_offsets: (S' + 1,) int, sentence s is
            context_tokens[context_offsets[s]:context_offsets[s + 1]].
        neg_cdf: (V,), cumulative unigram^0.75 distribution, or None for no
            negatives (naive softmax).
        model: "skipgram" (negatives per outside word) or "cbow" (per window).
        window_size: C, the largest window half-width.
        num_negatives: K.
    """

    def __init__(
        self,
        context_tokens: np.ndarray,
        context_offsets: np.ndarray,
        neg_cdf: np.ndarray | None,
        *,
        model: str = "skipgram",
        window_size: int = 5,
        num_negatives: int = 10,
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"model must be one of {MODELS}; got {model!r}")
        if window_size < 1:
            raise ValueError(f"window_size must be at least 1; got {window_size}")
        tokens = np.asarray(context_tokens, dtype=np.int32)
        offsets = np.asarray(context_offsets, dtype=np.int64)
        lengths = np.diff(offsets)
        # get_random_context only ever sees sentences of two words or more.
        keep = lengths >= 2
        if not keep.any():
            raise ValueError("no sentence has two or more words after sub-sampling")
        self.tokens = tokens
        index: type[np.signedinteger] = np.int32 if offsets[-1] < 2**31 else np.int64
        self.starts = offsets[:-1][keep].astype(index)
        self.lengths = lengths[keep].astype(index)
        self._starts_intp, self._lengths_intp = self.starts.astype(np.intp), self.lengths.astype(np.intp)
        self.model = model
        self.window_size = int(window_size)
        self.num_negatives = int(num_negatives)
        self.negative_table = None if neg_cdf is None else NegativeTable(neg_cdf)
        # Relative positions of the 2C slots, left ones first as in the handout.
        self._rel = np.concatenate([np.arange(-window_size, 0), np.arange(1, window_size + 1)]).astype(
            np.int32
        )
        self._abs_rel = np.abs(self._rel)

    @classmethod
    def from_dataset(cls, dataset, *, negatives: bool = True, **kwargs) -> WindowSampler:
        """A sampler over a `cs224n_datasets.Word2VecDataset` (its sub-sampled copies and neg_cdf)."""
        return cls(
            dataset.context_tokens,
            dataset.context_offsets,
            dataset.neg_cdf if negatives else None,
            **kwargs,
        )

    def sample(self, num_windows: int, rng: np.random.Generator) -> WindowBatch:
        """Draw num_windows windows, each with at least one outside word.

        Args:
            num_windows: W (iterations x batch size).
            rng: the source of all randomness.
        """
        sizes = rng.integers(1, self.window_size + 1, num_windows).astype(np.int32)  # c in 1..C
        pair_centers: np.ndarray | None  # per pair for skip-gram; None for CBOW
        if _kernel.AVAILABLE:
            centers, indptr, words, pair_centers = self._draw_compiled(sizes, rng)
        else:
            centers, indptr, words = self._draw_numpy(sizes, rng)
            pair_centers = np.repeat(centers, np.diff(indptr))
        if self.model != "skipgram":
            pair_centers = None

        negatives = rows = None
        targets = words if self.model == "skipgram" else centers
        if self.negative_table is not None:
            rows = self.negative_table.prediction_rows(targets, self.num_negatives, rng)
            negatives = rows[:, 1:]
        return WindowBatch(
            centers=centers,
            indptr=indptr,
            words=words,
            negatives=negatives,
            model=self.model,
            prediction_rows=rows,
            pair_centers=pair_centers,
        )

    def _draw_numpy(self, sizes: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
        """(centers (W,), indptr (W + 1,), words (N,)) with NumPy calls on (W, 2C) arrays."""
        num_windows = sizes.size
        # at[w, j]: where in context_tokens slot j of window w reads (clipped
        # into the sentence); valid[w, j]: whether that slot is an outside word.
        at, valid, centers = self._draw_windows(sizes, rng)
        counts = np.count_nonzero(valid, axis=1)
        pending = np.flatnonzero(counts == 0)
        while pending.size:
            # Windows left without context are drawn again keeping their size c,
            # as get_random_context(c) calls itself again.
            at[pending], valid[pending], centers[pending] = self._draw_windows(sizes[pending], rng)
            counts[pending] = np.count_nonzero(valid[pending], axis=1)
            pending = pending[counts[pending] == 0]
        # Flat order is window by window, slots left to right.
        words = self.tokens[at.ravel()[np.flatnonzero(valid)]].astype(np.intp)
        indptr = np.zeros(num_windows + 1, dtype=np.intp)
        np.cumsum(counts, out=indptr[1:])
        return centers, indptr, words

    def _draw_compiled(self, sizes: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
        """(centers, indptr, words, pair_centers): the same draws as _draw_numpy (the same
        generator calls in the same order), counted and written by two compiled passes."""
        sizes = sizes.astype(np.intp)
        sentence = rng.integers(0, self.starts.size, sizes.size)
        position = rng.integers(0, self.lengths[sentence])
        args = (self.tokens, self._starts_intp, self._lengths_intp)
        counts = _kernel.window_counts(*args, sizes, sentence, position)
        pending = np.flatnonzero(counts == 0)
        while pending.size:
            # Windows left without context are drawn again keeping their size c,
            # as get_random_context(c) calls itself again.
            sentence[pending] = rng.integers(0, self.starts.size, pending.size)
            position[pending] = rng.integers(0, self.lengths[sentence[pending]])
            counts[pending] = _kernel.window_counts(
                *args, sizes[pending], sentence[pending], position[pending]
            )
            pending = pending[counts[pending] == 0]
        indptr = np.zeros(sizes.size + 1, dtype=np.intp)
        np.cumsum(counts, out=indptr[1:])
        centers, words, pair_centers = _kernel.window_fill(*args, sizes, sentence, position, indptr)
        return centers, indptr, words, pair_centers

    def _draw_windows(
        self, sizes: np.ndarray, rng: np.random.Generator
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """A sentence and position per window: (slot positions (n, 2C), valid (n, 2C), centres (n,))."""
        sentence = rng.integers(0, self.starts.size, sizes.size)
        lengths = self.lengths[sentence]
        position = rng.integers(0, lengths).astype(np.int32)
        start = self.starts[sentence]
        rel = position[:, None] + self._rel[None, :]  # slot positions inside the sentence
        valid = (self._abs_rel[None, :] <= sizes[:, None]) & (rel >= 0) & (rel < lengths[:, None])
        np.clip(rel, 0, (lengths - 1)[:, None], out=rel)
        rel += start[:, None]
        centers = self.tokens[start + position].astype(np.intp)
        # The handout drops copies of the centre word from its own context.
        valid &= self.tokens[rel] != centers[:, None]
        return rel, valid, centers
