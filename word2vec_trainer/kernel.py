"""The compiled kernels (Numba): the SGD of skip-gram with negative sampling, and the sampling.

`word2vec_trainer.minibatch.sgd_step` does one update in about 20 NumPy calls on
arrays of a few thousand rows. On a machine where a NumPy call costs more
(a slower core, another BLAS, a busier memory bus) those calls dominate: at
D = 10 a pair is only about 680 floating-point operations, less than the
fixed cost of one call. This module does the same update as one compiled
loop over the pairs, so the time per update is the arithmetic and the memory
traffic and nothing else, whatever the machine.

The update is exactly `sgd_step`'s (and so the assignment's when one update
is one iteration): every gradient of the update is taken at the parameters
before it, and only then applied,

    dJ/ds_t = sigma(s_t) - 1,   dJ/ds_{w_k} = sigma(s_{w_k}),     s_j = u_j . v_c
    dJ/dv_c = sum_j (dJ/ds_j) u_j,   dJ/du_j = (dJ/ds_j) v_c,
    x <- x - (step / batch_size) * sum over the update's pairs of grad J,

in three passes: (1) scores, losses, coefficients dJ/ds_j and dJ/dv_c of
every pair, reading only; (2) U += scale * coef_j v_c, reading the centre
vectors before they change; (3) v_c += scale * dJ/dv_c. The sums are the
same, added in another order: the result matches the NumPy step and the
per-window reference loop to round-off (tests/trainer).

The sampler's hot loops are here too (`window_counts` / `window_fill`: the
outside words of each window from NumPy-drawn sentences and positions, the
same windows as the NumPy draw; `draw_prediction_rows`: the negatives, one
table lookup per 32 random bits), so that drawing a block costs a handful of
calls as well.

The kernels release the GIL (`nogil=True`): the sampler draws the next block on
one thread while the kernel trains on another (see word2vec_trainer.train for why the
updates themselves stay on one thread). Plain Python threads, no Numba threading layer:
nothing to configure in a fresh environment or a sandbox.

Numba is a pinned dependency; if it cannot be imported (another platform,
another NumPy) `AVAILABLE` is False and the trainer and the sampler use NumPy.
The kernels are compiled once and cached next to this file (`cache=True`);
`warm_up` loads them before a run's clock starts.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "AVAILABLE",
    "draw_prediction_rows",
    "window_counts",
    "window_fill",
    "skipgram_neg_sampling_block",
    "skipgram_neg_sampling_step",
    "warm_up",
]

try:
    import numba
except ImportError:  # pragma: no cover - numba is pinned; a platform without it uses NumPy
    numba = None  # type: ignore[assignment,unused-ignore]  # optional: None marks it missing

AVAILABLE = numba is not None


def _compile(function, **options):
    """numba.njit(nogil=True, cache=True, **options)(function); without the on-disk cache when
    no cache folder is writable (a read-only checkout in a sandbox): compiled anew each run."""
    try:
        return numba.njit(nogil=True, cache=True, **options)(function)
    except RuntimeError:  # numba: "cannot cache function ...: no locator available"
        return numba.njit(nogil=True, **options)(function)


# As in word2vec_trainer.minibatch: z = s_t or -s_w is clipped at -60 inside sigma and the loss.
_SCORE_CLIP = 60.0


def _block_impl(
    center, outside, pair_centers, rows, indptr, update_windows, scale, one, clip, window_losses, coef, grad_h
):
    """The kernel (compiled below); the arguments are those of `skipgram_neg_sampling_block`,
    plus one = 1 and clip = -60 in the vectors' dtype (so that float32 stays float32) and
    scratch coef (P, K + 1) and grad_h (P, D)."""
    width = rows.shape[1]
    dim = center.shape[1]
    e = np.empty(width, dtype=center.dtype)  # e^{-z_j} of the current pair
    for update in range(update_windows.size - 1):
        first_window, end_window = update_windows[update], update_windows[update + 1]
        first_pair, end_pair = indptr[first_window], indptr[end_window]
        # Pass 1, reading only: s_j = u_j . v_c; z_t = s_t, z_w = -s_w; the loss
        # sum_j log(1 + e^{-z_j}) as the log of a product (one log a pair, not K + 1);
        # coef_j = dJ/ds_j; dJ/dv_c = sum_j coef_j u_j. Each step runs over all j of the
        # pair before the next starts, so that the K + 1 row loads, dot products and
        # exponentials are independent and the core overlaps them.
        for window in range(first_window, end_window):
            window_loss = 0.0
            for p in range(indptr[window], indptr[window + 1]):
                c = pair_centers[p]
                for j in range(width):
                    r = rows[p, j]
                    s = one - one
                    for d in range(dim):
                        s += outside[r, d] * center[c, d]
                    e[j] = -s  # -z_j for a negative
                e[0] = -e[0]  # z_t for the target
                for j in range(width):
                    e[j] = np.exp(-max(e[j], clip))  # z clipped at -60: e^{-z} must not overflow
                product = 1.0  # float64 always: (1 + e^60)^(K + 1) must not overflow
                for j in range(width):
                    product *= one + e[j]
                    coef[p, j] = e[j] / (one + e[j])  # sigma(-z_j)
                # dJ/ds_t = sigma(s_t) - 1 = -sigma(-z_t); dJ/ds_w = sigma(s_w) = sigma(-z_w).
                coef[p, 0] = -coef[p, 0]
                for d in range(dim):
                    grad_h[p, d] = 0
                for j in range(width):
                    r, g = rows[p, j], coef[p, j]
                    for d in range(dim):
                        grad_h[p, d] += g * outside[r, d]
                window_loss += np.log(product)
            window_losses[window] = window_loss
        # Pass 2: U += scale * coef_j v_c, while the centre vectors are still unchanged.
        for p in range(first_pair, end_pair):
            c = pair_centers[p]
            for j in range(width):
                r, g = rows[p, j], scale * coef[p, j]
                for d in range(dim):
                    outside[r, d] += g * center[c, d]
        # Pass 3: v_c += scale * dJ/dv_c.
        for p in range(first_pair, end_pair):
            c = pair_centers[p]
            for d in range(dim):
                center[c, d] += scale * grad_h[p, d]


if AVAILABLE:
    # nogil: the next block of windows is sampled on another thread meanwhile.
    # reassoc/contract let LLVM vectorise the length-D dot products (no NaN/inf assumptions).
    _block = _compile(_block_impl, error_model="numpy", fastmath={"reassoc", "contract", "nsz", "arcp"})
else:  # pragma: no cover
    _block = None


def skipgram_neg_sampling_block(
    center_vectors: np.ndarray,
    outside_vectors: np.ndarray,
    pair_centers: np.ndarray,
    rows: np.ndarray,
    indptr: np.ndarray,
    update_windows: np.ndarray,
    scale: float,
) -> np.ndarray:
    """Several updates, one after the other, in place; returns every window's loss.

    Update i uses windows update_windows[i]:update_windows[i + 1]; all of its
    gradients are taken at the parameters left by update i - 1, then applied:
    x <- x + scale * sum of the update's pair gradients.

    Args:
        center_vectors: (V, D), v_w, C-contiguous, updated in place.
        outside_vectors: (V, D), U, same dtype, C-contiguous, updated in place.
        pair_centers: (P,) intp, the centre word c of every pair.
        rows: (P, K + 1) intp, [o, w_1, ..., w_K] of every pair.
        indptr: (W + 1,) intp, window w's pairs are indptr[w]:indptr[w + 1].
        update_windows: (U + 1,) intp, increasing, from 0 to W.
        scale: -step / batch_size.

    Returns:
        (W,) float64, each window's loss at the parameters of its update.
    """
    if not AVAILABLE:  # pragma: no cover
        raise RuntimeError("numba is not installed: use word2vec_trainer.minibatch.sgd_step")
    dtype = center_vectors.dtype
    if not (center_vectors.flags.c_contiguous and outside_vectors.flags.c_contiguous):
        raise ValueError("the vectors must be C-contiguous arrays")
    if outside_vectors.dtype != dtype or dtype not in (np.float64, np.float32):
        raise ValueError("the centre and outside vectors must both be float64 or both float32")
    num_windows = indptr.size - 1
    window_losses = np.zeros(num_windows, dtype=np.float64)
    rows = np.ascontiguousarray(rows, dtype=np.intp)
    _block(
        center_vectors,
        outside_vectors,
        np.ascontiguousarray(pair_centers, dtype=np.intp),
        rows,
        np.ascontiguousarray(indptr, dtype=np.intp),
        np.ascontiguousarray(update_windows, dtype=np.intp),
        dtype.type(scale),
        dtype.type(1.0),
        dtype.type(-_SCORE_CLIP),
        window_losses,
        np.empty(rows.shape, dtype=dtype),
        np.empty((rows.shape[0], center_vectors.shape[1]), dtype=dtype),
    )
    return window_losses


def skipgram_neg_sampling_step(
    center_vectors: np.ndarray,
    outside_vectors: np.ndarray,
    pair_centers: np.ndarray,
    rows: np.ndarray,
    indptr: np.ndarray,
    scale: float,
) -> np.ndarray:
    """One update from all windows given (see `skipgram_neg_sampling_block`); returns their losses."""
    windows = np.array([0, indptr.size - 1], dtype=np.intp)
    return skipgram_neg_sampling_block(
        center_vectors, outside_vectors, pair_centers, rows, indptr, windows, scale
    )


def _negatives_impl(table, targets, raw, rows, clashes):
    """Fill rows (P, K + 1) with [t, w_1..w_K]: w = table[(x * size) >> 32] for the 32-bit
    halves x of raw; write the flat indices p * K + k of draws equal to t into clashes and
    return how many there are."""
    num_pred, width = rows.shape
    size = np.uint64(table.size)
    found = 0
    i = 0
    for p in range(num_pred):
        target = targets[p]
        rows[p, 0] = target
        for k in range(width - 1):
            word = raw[i >> 1]
            x = (word >> np.uint64(32)) if i & 1 else (word & np.uint64(0xFFFFFFFF))
            drawn = table[(x * size) >> np.uint64(32)]
            rows[p, k + 1] = drawn
            if drawn == target:
                clashes[found] = p * (width - 1) + k
                found += 1
            i += 1
    return found


if AVAILABLE:
    _negatives = _compile(_negatives_impl)
else:  # pragma: no cover
    _negatives = None


def draw_prediction_rows(
    table: np.ndarray, targets: np.ndarray, k: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """[t, w_1, ..., w_K] for every target, negatives drawn from `table` in one compiled pass.

    A table entry is drawn with 32 random bits, as floor(x * size / 2^32): uniform over the
    entries to within size / 2^32 (2e-4 of a probability for the million-entry table).

    Args:
        table: (size,) int32 or uint16, the negative-sampling table (word2vec_trainer.sampling.NegativeTable).
        targets: (P,) the predicted words.
        k: K.

    Returns:
        (rows (P, K + 1) intp, clashes): clashes holds the flat indices p * K + k of the
        negatives that equal their target; the caller draws those again.
    """
    num_pred = targets.size
    raw = rng.bit_generator.random_raw((num_pred * k + 1) // 2)
    rows = np.empty((num_pred, k + 1), dtype=np.intp)
    clashes = np.empty(num_pred * k, dtype=np.intp)
    found = _negatives(table, np.ascontiguousarray(targets, dtype=np.intp), raw, rows, clashes)
    return rows, clashes[:found]


def _window_counts_impl(tokens, starts, lengths, sizes, sentence, position, counts):
    """counts[w]: the outside words of window w (positions within sizes[w] of its centre,
    inside its sentence, not a copy of the centre word)."""
    for w in range(sizes.size):
        start, length, pos, size = starts[sentence[w]], lengths[sentence[w]], position[w], sizes[w]
        centre = tokens[start + pos]
        count = 0
        for at in range(max(pos - size, 0), min(pos + size + 1, length)):
            if at != pos and tokens[start + at] != centre:
                count += 1
        counts[w] = count


def _window_fill_impl(
    tokens, starts, lengths, sizes, sentence, position, indptr, centers, words, pair_centers
):
    """Write centres (W,), outside words (N,) in left-to-right order, and each pair's centre (N,)."""
    for w in range(sizes.size):
        start, length, pos, size = starts[sentence[w]], lengths[sentence[w]], position[w], sizes[w]
        centre = tokens[start + pos]
        centers[w] = centre
        out = indptr[w]
        for at in range(max(pos - size, 0), min(pos + size + 1, length)):
            word = tokens[start + at]
            if at != pos and word != centre:
                words[out] = word
                pair_centers[out] = centre
                out += 1


if AVAILABLE:
    _window_counts = _compile(_window_counts_impl)
    _window_fill = _compile(_window_fill_impl)
else:  # pragma: no cover
    _window_counts = _window_fill = None


def window_counts(tokens, starts, lengths, sizes, sentence, position) -> np.ndarray:
    """(W,) intp, the number of outside words of each window (see WindowSampler.sample)."""
    counts = np.empty(sizes.size, dtype=np.intp)
    _window_counts(tokens, starts, lengths, sizes, sentence, position, counts)
    return counts


def window_fill(tokens, starts, lengths, sizes, sentence, position, indptr):
    """(centers (W,), words (N,), pair_centers (N,)), all intp, for windows with the given indptr."""
    centers = np.empty(sizes.size, dtype=np.intp)
    words = np.empty(int(indptr[-1]), dtype=np.intp)
    pair_centers = np.empty_like(words)
    _window_fill(tokens, starts, lengths, sizes, sentence, position, indptr, centers, words, pair_centers)
    return centers, words, pair_centers


def warm_up(dtype: str | np.dtype) -> None:
    """Compile (or load from the cache) the kernels for `dtype`, on a problem of one pair.

    Loading from the cache takes a fraction of a second; a training run does it before its clock starts.
    """
    if not AVAILABLE:
        return
    dtype = np.dtype(dtype)
    tokens, one = np.array([0, 1], dtype=np.int32), np.ones(1, dtype=np.intp)
    spans = (tokens, np.zeros(1, dtype=np.intp), np.full(1, 2, dtype=np.intp), one, one - 1, one - 1)
    window_fill(*spans, np.concatenate([[0], window_counts(*spans)]).astype(np.intp))
    for table_dtype in (np.int32, np.uint16):
        draw_prediction_rows(np.array([0, 1], dtype=table_dtype), one, 1, np.random.default_rng(0))
    index = np.zeros(2, dtype=np.intp)
    _block(
        np.zeros((2, 2), dtype=dtype),
        np.zeros((2, 2), dtype=dtype),
        index[:1],
        np.zeros((1, 2), dtype=np.intp),
        np.array([0, 1], dtype=np.intp),
        np.array([0, 1], dtype=np.intp),
        dtype.type(0.0),
        dtype.type(1.0),
        dtype.type(-_SCORE_CLIP),
        np.zeros(1),
        np.zeros((1, 2), dtype=dtype),
        np.zeros((1, 2), dtype=dtype),
    )
