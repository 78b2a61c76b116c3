"""Whose word vectors are these? Checks that tie notebook 4's fast training to the student's code.

Notebook 4 trains its word vectors with the project's vectorised trainer, because
the student's per-window code would take over an hour for the assignment's run.
The vectors may only be called the student's when the student's own functions
compute, on the same windows and negatives, the same update as the trainer in
its exact mode (one iteration per update). `compare_with_trainer` checks that to
1e-10, function by function (loss for one pair, skip-gram for one window, one
step of sgd on a minibatch), and names the first quantity that differs.
Notebook 5 reads the outcome from the saved file (`load_student_vectors`) and
refuses to call the vectors the student's when the check did not pass.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from cs224n_datasets.sst import Treebank
from word2vec_trainer.minibatch import batch_loss_and_gradient, sgd_step
from word2vec_trainer.sampling import WindowBatch

__all__ = [
    "TOLERANCE",
    "ReplayDataset",
    "StudentCheck",
    "VectorsRefused",
    "compare_with_trainer",
    "smooth",
    "treebank_slice",
    "save_vectors",
    "load_student_vectors",
    "neg_sampling_touched_rows",
    "place_labels",
]

TOLERANCE = 1e-10  # largest absolute difference allowed between the student's numbers and the trainer's


class ReplayDataset:
    """Hands the student's code the windows and negatives of a WindowBatch, in order.

    Offers what the assignment's dataset offers (get_random_context, sample_token_idx),
    so that word2vec_sgd_wrapper, skipgram and get_negative_samples see exactly the
    draws the trainer uses. The trainer's negatives never equal their target, so
    get_negative_samples never redraws and the two consume the same draws.
    """

    def __init__(self, batch: WindowBatch, ind2word: Sequence[str]) -> None:
        self.batch = batch
        self.ind2word = ind2word
        self.windows_used = 0
        self.negatives = [] if batch.negatives is None else batch.negatives.ravel().tolist()
        self.negatives_used = 0

    def get_random_context(self, C: int = 5) -> tuple[str, list[str]]:
        if self.windows_used >= self.batch.num_windows:
            raise LookupError("asked for more windows than the minibatch has")
        w = self.windows_used
        self.windows_used += 1
        lo, hi = self.batch.indptr[w], self.batch.indptr[w + 1]
        return self.ind2word[self.batch.centers[w]], [self.ind2word[i] for i in self.batch.words[lo:hi]]

    def sample_token_idx(self) -> int:
        if self.negatives_used >= len(self.negatives):
            raise LookupError("asked for more negative samples than K per (centre, outside) pair")
        self.negatives_used += 1
        return int(self.negatives[self.negatives_used - 1])


@dataclass
class StudentCheck:
    """The outcome of compare_with_trainer.

    Attributes:
        passed: every quantity agreed to TOLERANCE.
        message: one or two sentences for the student: what agreed, or what differs and what to fix.
        differences: largest absolute difference of each quantity compared, by name.
    """

    passed: bool
    message: str
    differences: dict[str, float] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message


def _single_window(batch: WindowBatch, window: int, pairs: slice | None = None) -> WindowBatch:
    """Window `window` of batch (its first pairs only, when `pairs` is given) as a batch of its own."""
    one = batch.slice(window, window + 1)
    if pairs is None:
        return one
    words = one.words[pairs]
    return WindowBatch(
        centers=one.centers,
        indptr=np.array([0, words.size], dtype=np.intp),
        words=words,
        negatives=None if one.negatives is None else one.negatives[pairs],
        model=one.model,
    )


def _max_difference(a: np.ndarray | float, b: np.ndarray | float) -> float:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        return float("inf")
    return float(np.max(np.abs(a - b))) if a.size else 0.0


def compare_with_trainer(
    *,
    loss_function: Callable,
    skipgram_function: Callable,
    sgd_function: Callable,
    sgd_wrapper: Callable,
    batch: WindowBatch,
    center_vectors: np.ndarray,
    outside_vectors: np.ndarray,
    ind2word: Sequence[str],
    step: float,
    window_size: int,
) -> StudentCheck:
    """Do the student's loss, skipgram and sgd give the trainer's numbers on the same draws?

    Three levels, the first difference stops the check and is named:
    1. `loss_function` (negative sampling) on the first (centre, outside) pair:
       loss, dJ/dv_c, dJ/dU;
    2. `skipgram_function` on the first window: loss, dJ/dv (all centre vectors), dJ/dU;
    3. one iteration of `sgd_function` on `sgd_wrapper` over all windows of `batch`
       (the minibatch): the parameters after the step, against word2vec_trainer.minibatch.sgd_step.

    Args:
        loss_function, skipgram_function, sgd_function: the student's functions.
        sgd_wrapper: word2vec_sgd_wrapper (given), which glues skipgram to sgd.
        batch: skip-gram windows with their negatives, from word2vec_trainer.sampling.WindowSampler.
        center_vectors: (V, D), v_w; outside_vectors: (V, D), U. Not modified.
        ind2word: (V,) the words, so that the student's code gets strings as usual.
        step: the SGD step.
        window_size: C, handed to the student's code.
    """
    center = np.array(center_vectors, dtype=np.float64)
    outside = np.array(outside_vectors, dtype=np.float64)
    word2ind = {word: i for i, word in enumerate(ind2word)}
    differences: dict[str, float] = {}

    def trainer_numbers(part: WindowBatch) -> tuple[float, np.ndarray, np.ndarray]:
        losses, grad_center, grad_outside = batch_loss_and_gradient(center, outside, part)
        return float(losses.sum()), grad_center, grad_outside

    def failed(function: str, problem: Exception) -> StudentCheck:
        if isinstance(problem, NotImplementedError):
            text = f"`{function}` is not written yet (it raised NotImplementedError)."
        else:
            text = f"`{function}` raised {type(problem).__name__}: {problem}."
        return StudentCheck(
            False,
            f"{text} Fix it first (its test cell above says more), then run this cell again.",
            differences,
        )

    def compare(level: str, function: str, mine, theirs, names) -> StudentCheck | None:
        for name, a, b in zip(names, mine, theirs, strict=True):
            key = f"{level}: {name}"
            differences[key] = _max_difference(a, b)
            if not differences[key] <= TOLERANCE:
                return StudentCheck(
                    False,
                    f"On the same window and negatives, {name} computed by your `{function}` differs from "
                    f"the trainer's by up to {differences[key]:.3g} (allowed: {TOLERANCE:g}). "
                    f"Fix `{function}` (or the functions it calls) first; until then the trained vectors "
                    "below are the trainer's, not yours.",
                    differences,
                )
        return None

    # 1. The loss on one pair: the first outside word of the first window.
    pair = _single_window(batch, 0, slice(0, 1))
    c, o = int(pair.centers[0]), int(pair.words[0])
    expected_loss, expected_gc, expected_go = trainer_numbers(pair)
    replay = ReplayDataset(pair, ind2word)
    try:
        loss, grad_center_vec, grad_outside = loss_function(center[c].copy(), o, outside.copy(), replay)
    except Exception as problem:  # noqa: BLE001 - any error of the student's code is reported
        return failed(getattr(loss_function, "__name__", "the loss"), problem)
    name = getattr(loss_function, "__name__", "the loss")
    if replay.negatives_used != len(replay.negatives):
        return StudentCheck(
            False,
            f"Your `{name}` drew {replay.negatives_used} negative samples for one pair; it must call "
            f"get_negative_samples exactly once, for K = {len(replay.negatives)}.",
            differences,
        )
    found = compare(
        "one pair",
        name,
        (loss, grad_center_vec, grad_outside),
        (expected_loss, expected_gc[c], expected_go),
        ("the loss J", "dJ/dv_c", "dJ/dU"),
    )
    if found:
        return found

    # 2. skipgram on the first window.
    window = _single_window(batch, 0)
    expected = trainer_numbers(window)
    replay = ReplayDataset(window, ind2word)
    centre_word, outside_words = replay.get_random_context(window_size)
    name = getattr(skipgram_function, "__name__", "skipgram")
    try:
        got = skipgram_function(
            centre_word,
            window_size,
            outside_words,
            word2ind,
            center.copy(),
            outside.copy(),
            replay,
            loss_function,
        )
    except Exception as problem:  # noqa: BLE001
        return failed(name, problem)
    found = compare(
        "one window",
        name,
        got,
        expected,
        ("the window's loss", "the gradient of the centre vectors", "the gradient of the outside vectors"),
    )
    if found:
        return found

    # 3. One sgd step on the whole minibatch, against the trainer's exact step.
    x0 = np.concatenate([center, outside])
    replay = ReplayDataset(batch, ind2word)
    costs: list[float] = []

    def minibatch_cost(x: np.ndarray) -> tuple[float, np.ndarray]:
        cost, grad = sgd_wrapper(
            skipgram_function, word2ind, x, replay, window_size, loss_function, batch.num_windows
        )
        costs.append(cost)
        return cost, grad

    name = getattr(sgd_function, "__name__", "sgd")
    state = random.getstate()
    try:
        x1 = sgd_function(minibatch_cost, x0, step, 1, print_every=10**9)
    except Exception as problem:  # noqa: BLE001
        return failed(name, problem)
    finally:
        random.setstate(state)  # the wrapper draws window sizes from Python's random
    trainer_center, trainer_outside = center.copy(), outside.copy()
    window_losses = sgd_step(trainer_center, trainer_outside, batch, step, batch.num_windows)
    found = compare(
        "one sgd step",
        name,
        (costs[0] if costs else np.nan, x1),
        (float(window_losses.mean()), np.concatenate([trainer_center, trainer_outside])),
        ("the minibatch cost", "the parameters after one step"),
    )
    if found:
        return found
    worst = max(differences.values())
    return StudentCheck(
        True,
        f"Your `{getattr(loss_function, '__name__', 'loss')}`, "
        f"`{getattr(skipgram_function, '__name__', 'skipgram')}` "
        f"and `{name}` give the trainer's numbers on the same windows and negatives: one pair, one window "
        f"and one step of {batch.num_windows} windows agree to {worst:.1e} (allowed {TOLERANCE:g}).",
        differences,
    )


def smooth(costs: Sequence[float] | np.ndarray, keep: float = 0.95) -> np.ndarray:
    """The exponential moving average sgd prints: s_i = keep * s_{i-1} + (1 - keep) * cost_i, s_0 = cost_0.

    Args:
        costs: (N,) one cost per iteration; may be empty.

    Returns:
        (N,) the smoothed costs (empty for no costs).
    """
    costs = np.asarray(costs, dtype=np.float64)
    out = np.empty_like(costs)
    value = costs[0] if costs.size else 0.0
    for i, cost in enumerate(costs):
        value = keep * value + (1 - keep) * cost
        out[i] = value
    return out


def treebank_slice(treebank: Treebank, num_sentences: int) -> Treebank:
    """The first num_sentences sentences of a treebank, with their own (smaller) vocabulary.

    The student's per-window code costs O(V D) per pair (dense gradients), so a
    slice with a few thousand words trains in seconds where the whole treebank
    would take an hour.
    """
    if num_sentences < 1:
        raise ValueError(f"num_sentences must be at least 1; got {num_sentences}")
    sentences = treebank.sentences[:num_sentences]
    word2ind: dict[str, int] = {}
    for sentence in sentences:
        for word in sentence:
            word2ind.setdefault(word, len(word2ind))
    token_ids = np.array([word2ind[w] for s in sentences for w in s], dtype=np.int32)
    offsets = np.zeros(len(sentences) + 1, dtype=np.int64)
    np.cumsum([len(s) for s in sentences], out=offsets[1:])
    return Treebank(
        sentences=sentences,
        labels=treebank.labels[:num_sentences].copy(),
        split=treebank.split[:num_sentences].copy(),
        source=treebank.source,
        is_toy=treebank.is_toy,
        word2ind=word2ind,
        ind2word=list(word2ind),
        counts=np.bincount(token_ids, minlength=len(word2ind)).astype(np.int64),
        token_ids=token_ids,
        sentence_offsets=offsets,
    )


class VectorsRefused(Exception):
    """The saved word vectors cannot be called the student's; the message says why and what to do."""


def save_vectors(path: str | Path, vectors: np.ndarray, words: Sequence[str], check: StudentCheck) -> Path:
    """Save notebook 4's word vectors with the outcome of the check that makes them the student's.

    Args:
        vectors: (V, 2D), centre and outside vectors side by side.
        words: (V,) the vocabulary, in row order.
        check: compare_with_trainer's outcome.
    """
    path = Path(path)
    np.savez(
        path,
        vectors=np.asarray(vectors, dtype=np.float64),
        words=np.array(list(words)),
        student_code_verified=np.bool_(check.passed),
        check_message=np.array(check.message),
    )
    return path


def load_student_vectors(path: str | Path, words: Sequence[str]) -> np.ndarray:
    """The word vectors notebook 4 saved, only when they are the student's.

    Args:
        path: notebook 4's word_vectors.npz.
        words: (V,) the vocabulary the vectors must be over, in row order.

    Returns:
        (V, 2D) the vectors.

    Raises:
        VectorsRefused: the file is missing, is over another vocabulary, or notebook 4
            did not verify the student's functions against the trainer (the message says which).
    """
    path = Path(path)
    if not path.is_file():
        raise VectorsRefused(f"{path.name} is not here: run notebook 4 to the end first (in this folder).")
    with np.load(path, allow_pickle=False) as saved:
        if "student_code_verified" not in saved.files:
            raise VectorsRefused(
                f"{path.name} does not say whether your word2vec code was checked: run notebook 4 again."
            )
        if not bool(saved["student_code_verified"]):
            raise VectorsRefused(
                "Notebook 4 could not confirm that these vectors are what your code computes: "
                f"{saved['check_message']}"
            )
        if saved["words"].tolist() != list(words):
            raise VectorsRefused(f"{path.name} was trained on another vocabulary: run notebook 4 again.")
        return saved["vectors"].copy()


def neg_sampling_touched_rows(
    v_c: np.ndarray, o: int, U: np.ndarray, negatives: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
    """Negative-sampling loss with the gradient of only the K + 1 rows of U it touches (for timing).

    Args:
        v_c: (D,), the centre vector. o: the outside word. U: (V, D).
        negatives: (K,) word indices.

    Returns:
        (loss, dJ/dv_c (D,), rows (K + 1,) = [o, negatives], dJ/dU[rows] (K + 1, D)).
    """
    rows = np.concatenate([[o], negatives])
    scores = U[rows] @ v_c  # (K + 1,)
    sign = np.ones(rows.size)
    sign[1:] = -1.0  # the observed word is labelled 1, the negatives 0
    z = sign * scores
    loss = float(np.sum(np.logaddexp(0.0, -z)))  # sum of -log sigma(z)
    coef = -sign / (1.0 + np.exp(z))  # dJ/dscore per row
    return loss, coef @ U[rows], rows, np.outer(coef, v_c)


def place_labels(ax, xy: np.ndarray, labels: Sequence[str], fontsize: int = 9) -> None:
    """Annotate points with labels that do not overlap each other (greedy, in screen space).

    Each label tries a ring of offsets around its point and takes the first whose box
    overlaps no label placed before it; the axes limits must be final.

    Args:
        xy: (N, 2) the points, in data coordinates.
    """
    ax.figure.canvas.draw()
    screen = ax.transData.transform(xy)
    char_w, height = 0.62 * fontsize, 1.3 * fontsize  # approximate box of a character, in pixels
    placed: list[tuple[float, float, float, float]] = []
    offsets: list[tuple[float, float]] = [
        (4, 2),
        (4, -12),
        (-4, 2),
        (-4, -12),
        (4, 12),
        (-4, 12),
        (4, -22),
        (-4, -22),
        (12, -5),
    ]
    for (x, y), label in sorted(zip(screen, labels, strict=True), key=lambda item: -item[0][1]):
        width = char_w * len(label)
        chosen = None
        for radius in (1.0, 1.8, 2.6):
            for dx, dy in offsets:
                left = x + radius * dx - (width if dx < 0 else 0)
                bottom = y + radius * dy
                box = (left, bottom, left + width, bottom + height)
                if all(box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in placed):
                    chosen = (box, radius * dx, radius * dy)
                    break
            if chosen:
                break
        if chosen is None:
            chosen = ((x, y, x + width, y + height), 4, 2)
        box, dx, dy = chosen
        placed.append(box)
        ha = "right" if dx < 0 else "left"
        ax.annotate(
            label,
            xy=ax.transData.inverted().transform((x, y)),
            xytext=(dx, dy),
            textcoords="offset pixels",
            ha=ha,
            va="bottom",
            fontsize=fontsize,
            arrowprops={"arrowstyle": "-", "lw": 0.4, "color": "gray"} if abs(dy) > 12 else None,
        )
