"""The vectorised SGD step on a batch of windows.

Notation of the handout: v_w is row w of the centre matrix, u_w row w of the
outside matrix U. A *prediction* is one use of the loss:

- skip-gram: one per (centre c, outside word o) pair, input h = v_c, target o;
- CBOW: one per window, input h = v_hat = sum of the outside words' v_w,
  target c.

For a prediction with input h, target t and negatives w_1..w_K the
negative-sampling loss is

    J = -log sigma(u_t . h) - sum_k log sigma(-u_{w_k} . h),

and with s_j = u_j . h the score of row j of the prediction's target list
[t, w_1, ..., w_K], the only derivatives needed are

    dJ/ds_t = sigma(s_t) - 1,   dJ/ds_{w_k} = sigma(s_{w_k}),
    dJ/dh   = sum_j (dJ/ds_j) u_j,   dJ/du_j = (dJ/ds_j) h.

All predictions of a batch are done at once: the rows u_j are gathered
(np.take), the scores are batched dot products, and the gradients are
scatter-added with sparse matrix products: with A the (P, V) sparse matrix
holding dJ/ds_j at (prediction, word j), dJ/dU = A^T H and dJ/dh = A U.
A word that occurs twice (a repeated negative, the same word in two windows)
simply has two entries, which the products add up, exactly as the reference's
np.add.at does.

A batch's loss is the *sum* over its windows; `sgd_step` scales the summed
gradient by step / batch_size, which is word2vec_sgd_wrapper's mean over the
batch_size windows of an iteration followed by sgd's `x -= step * grad`.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from word2vec_trainer.sampling import MODELS, WindowBatch

__all__ = ["LOSSES", "MODELS", "add_sparse_product", "batch_loss_and_gradient", "sgd_step"]

LOSSES = ("neg_sampling", "naive_softmax")


def batch_loss_and_gradient(
    center_vectors: np.ndarray,
    outside_vectors: np.ndarray,
    batch: WindowBatch,
    loss: str = "neg_sampling",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Losses and summed gradients of all windows of a batch (parameters unchanged).

    Args:
        center_vectors: (V, D), the centre vectors v_w.
        outside_vectors: (V, D), U.
        batch: the windows (and negatives for negative sampling).
        loss: "neg_sampling" or "naive_softmax".

    Returns:
        (window_losses (W,), grad_center (V, D), grad_outside (V, D)): each
        window's loss and the gradients of the sum of the window losses.
    """
    grad_center = np.zeros_like(center_vectors)
    grad_outside = np.zeros_like(outside_vectors)
    window_losses = _accumulate(center_vectors, outside_vectors, batch, loss, grad_center, grad_outside, 1.0)
    return window_losses, grad_center, grad_outside


def sgd_step(
    center_vectors: np.ndarray,
    outside_vectors: np.ndarray,
    batch: WindowBatch,
    step: float,
    batch_size: int,
    loss: str = "neg_sampling",
) -> np.ndarray:
    """One SGD update from all windows of `batch`, in place.

        x <- x - (step / batch_size) * sum_{windows} grad J_window(x)

    With a batch of batch_size windows this is exactly one iteration of the
    assignment's sgd on word2vec_sgd_wrapper; with n * batch_size windows it is
    n iterations whose gradients are all taken at the same parameters.

    Args:
        center_vectors: (V, D), v_w, updated in place.
        outside_vectors: (V, D), U, updated in place.
        batch: the windows.
        step: the SGD step size.
        batch_size: windows per iteration (the assignment's 50).
        loss: "neg_sampling" or "naive_softmax".

    Returns:
        (W,) the windows' losses before the update.
    """
    scale = -float(step) / batch_size
    # All gradients are computed before either matrix changes.
    return _accumulate(center_vectors, outside_vectors, batch, loss, center_vectors, outside_vectors, scale)


def _accumulate(
    center_vectors: np.ndarray,
    outside_vectors: np.ndarray,
    batch: WindowBatch,
    loss: str,
    center_out: np.ndarray,
    outside_out: np.ndarray,
    scale: float,
) -> np.ndarray:
    """Add scale * gradient to center_out and outside_out; return window losses."""
    if batch.model not in MODELS:
        raise ValueError(f"model must be one of {MODELS}; got {batch.model!r}")
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {LOSSES}; got {loss!r}")
    dtype = center_vectors.dtype

    # Inputs h of the predictions, their targets t, and which centre-vector
    # rows each input is made of (input_indptr/input_rows, like a sparse matrix).
    if batch.model == "skipgram":
        input_rows = batch.pair_centers
        if input_rows is None:
            input_rows = np.repeat(batch.centers, np.diff(batch.indptr))  # c of every pair
        input_rows = np.asarray(input_rows, dtype=np.intp)
        input_indptr = _strided(input_rows.size, 1)
        inputs = center_vectors.take(input_rows, axis=0)  # (N, D): h = v_c per pair
        targets = batch.words
    else:
        input_rows = np.asarray(batch.words, dtype=np.intp)
        input_indptr = np.asarray(batch.indptr, dtype=np.intp)
        inputs = np.zeros((batch.num_windows, center_vectors.shape[1]), dtype=dtype)
        # v_hat = sum of the outside words' vectors (a repeated word counts twice).
        add_sparse_product(inputs, input_indptr, input_rows, np.ones(input_rows.size, dtype), center_vectors)
        targets = batch.centers

    if loss == "neg_sampling":
        if batch.negatives is None:
            raise ValueError("negative sampling needs a batch sampled with negatives")
        rows = batch.prediction_rows
        if rows is None:
            rows = np.column_stack([targets, batch.negatives]).astype(np.intp)
        pred_losses, grad_inputs = _neg_sampling(inputs, rows, outside_vectors, outside_out, scale)
    else:
        pred_losses, grad_inputs = _naive_softmax(inputs, targets, outside_vectors, outside_out, scale)

    # Route dJ/dh back to the rows it was made of: dJ/dv_c for skip-gram, and
    # dJ/dv_w = dJ/dv_hat for every occurrence of w in a CBOW window.
    weights = np.full(input_rows.size, scale, dtype=dtype)
    add_sparse_product(center_out, input_indptr, input_rows, weights, grad_inputs, transpose=True)
    if batch.model == "skipgram":
        return np.add.reduceat(pred_losses, batch.indptr[:-1]) if pred_losses.size else pred_losses
    return pred_losses


# z below -60 is raised to -60 inside sigma and the loss: sigma(60) is 1 to 26
# digits, and e^60 does not overflow even in float32. (No trained score comes
# near it; the loss of such a prediction would read 60 instead of -z.)
_SCORE_CLIP = 60.0


def _neg_sampling(
    inputs: np.ndarray,
    rows: np.ndarray,
    outside_vectors: np.ndarray,
    outside_out: np.ndarray,
    scale: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Negative-sampling losses (P,) and dJ/dh (P, D); adds scale * dJ/dU to outside_out.

    Args:
        inputs: (P, D), h of every prediction (v_c or v_hat).
        rows: (P, K + 1) intp, [t, w_1, ..., w_K] of every prediction: its
            target (o for skip-gram, c for CBOW), then its negatives.
        outside_vectors: (V, D), U.
    """
    num_pred, k = rows.shape[0], rows.shape[1] - 1
    rows = np.ascontiguousarray(rows)
    gathered = outside_vectors.take(rows.ravel(), axis=0).reshape(num_pred, k + 1, -1)  # u_j
    z = np.matmul(gathered, inputs[:, :, None])[:, :, 0]  # s_j = u_j . h
    # z = s_t for the target, -s_w for a negative: J = sum_j -log sigma(z_j).
    z *= -1.0  # (all at once, contiguous, then the target column back)
    z[:, 0] *= -1.0
    np.maximum(z, -_SCORE_CLIP, out=z)  # e^{-z} below must not overflow
    e = np.exp(-z, out=z)  # e^{-z}
    # -log sigma(z) = log(1 + e^{-z}), summed over j by a matrix-vector product
    # (BLAS; several times faster than .sum(axis=1) over rows of 11).
    pred_losses = np.log1p(e) @ np.ones(k + 1, dtype=e.dtype)
    coef = e / (1.0 + e)  # sigma(-z)
    # dJ/ds_t = sigma(s_t) - 1 = -sigma(-z_t);  dJ/ds_w = sigma(s_w) = sigma(-z_w).
    coef[:, 0] *= -1.0
    grad_inputs = np.matmul(coef[:, None, :], gathered)[:, 0, :]  # dJ/dh = sum_j coef_j u_j
    # dJ/du_j = coef_j h, added row by row (repeats add up): U += scale * A^T H.
    coef *= scale
    add_sparse_product(
        outside_out, _strided(num_pred, k + 1), rows.ravel(), coef.ravel(), inputs, transpose=True
    )
    return pred_losses, grad_inputs


def _naive_softmax(
    inputs: np.ndarray,
    targets: np.ndarray,
    outside_vectors: np.ndarray,
    outside_out: np.ndarray,
    scale: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Naive-softmax losses (P,) and dJ/dh (P, D); adds scale * dJ/dU to outside_out.

        y_hat = softmax(U h),  J = -log y_hat_t,
        dJ/dh = U^T (y_hat - y),  dJ/dU = (y_hat - y) h^T  (summed over predictions)

    Dense in the vocabulary: meant for small vocabularies.
    """
    scores = inputs @ outside_vectors.T  # (P, V)
    scores -= scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=1, keepdims=True)  # y_hat
    picked = np.arange(targets.size)
    pred_losses = -np.log(scores[picked, targets])
    scores[picked, targets] -= 1.0  # y_hat - y
    grad_inputs = scores @ outside_vectors
    outside_out += scale * (scores.T @ inputs)
    return pred_losses, grad_inputs


_STRIDED: dict[int, np.ndarray] = {}


def _strided(rows: int, per_row: int) -> np.ndarray:
    """(rows + 1,) intp [0, per_row, 2 per_row, ...]: the indptr of per_row entries a row (cached)."""
    cached = _STRIDED.get(per_row)
    if cached is None or cached.size <= rows:
        cached = np.arange(0, per_row * (2 * rows + 2), per_row, dtype=np.intp)
        _STRIDED[per_row] = cached
    return cached[: rows + 1]


try:  # SciPy's compiled kernels behind sparse @ dense, used to accumulate in place.
    from scipy.sparse._sparsetools import csc_matvecs as _csc_matvecs
    from scipy.sparse._sparsetools import csr_matvecs as _csr_matvecs
except ImportError:  # pragma: no cover - other SciPy layouts: the public API below
    _csr_matvecs = _csc_matvecs = None


def add_sparse_product(
    out: np.ndarray,
    indptr: np.ndarray,
    indices: np.ndarray,
    data: np.ndarray,
    x: np.ndarray,
    transpose: bool = False,
) -> None:
    """out += A @ x, or out += A.T @ x, for the CSR matrix A = (data, indices, indptr).

    This is a gather-and-weighted-sum (A @ x: out[r] += sum data * x[indices])
    or a scatter-add (A.T @ x: out[indices[j]] += data[j] * x[row of j]); an
    index that appears several times contributes several times.

    Args:
        out: (R, D) for A @ x or (V, D) for A.T @ x; C-contiguous, updated in place.
        indptr: (R + 1,) int32 or int64, row r's entries are indptr[r]:indptr[r + 1].
        indices: (nnz,), column of each entry, indptr's dtype.
        data: (nnz,), value of each entry, out's dtype.
        x: (V, D) for A @ x or (R, D) for A.T @ x.
    """
    rows = indptr.size - 1
    n_vecs = out.shape[1]
    x = np.ascontiguousarray(x, dtype=out.dtype)
    fast_index = indptr.dtype == indices.dtype and indptr.dtype in (np.int32, np.int64)
    if _csr_matvecs is not None and out.flags.c_contiguous and fast_index:
        data = np.asarray(data, dtype=out.dtype)
        if transpose:  # A.T is the CSC matrix (V, R) with the same three arrays.
            _csc_matvecs(out.shape[0], rows, n_vecs, indptr, indices, data, x.ravel(), out.reshape(-1))
        else:
            _csr_matvecs(rows, x.shape[0], n_vecs, indptr, indices, data, x.ravel(), out.reshape(-1))
        return
    cols = out.shape[0] if transpose else x.shape[0]
    a = sp.csr_array((data, indices, indptr), shape=(rows, cols))
    out += (a.T @ x) if transpose else (a @ x)
