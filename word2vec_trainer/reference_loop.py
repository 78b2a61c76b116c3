"""The per-window reference loop: the assignment's SGD, one window at a time.

This is the assignment's maths written the careful way: for each window it
touches only the rows of the centre and outside matrices that the window
uses (instead of the (V, D) dense gradients of `word2vec_sgd_wrapper`), and
one iteration's update is applied after all of its windows, like sgd does.
It reads its windows and negatives from a `WindowBatch`, so that it and the
vectorised step can be run on exactly the same draws.
"""

from __future__ import annotations

import numpy as np

from solutions.activations import log_sigmoid, sigmoid
from solutions.softmax import log_softmax, softmax
from word2vec_trainer.sampling import WindowBatch

__all__ = ["reference_iteration", "reference_window_loss"]


def reference_window_loss(
    center_vectors: np.ndarray,
    outside_vectors: np.ndarray,
    batch: WindowBatch,
    window: int,
    loss: str,
    grad_center: np.ndarray,
    grad_outside: np.ndarray,
) -> float:
    """One window's loss; adds its gradient to grad_center / grad_outside.

    Args:
        center_vectors: (V, D), v_w.
        outside_vectors: (V, D), U.
        batch: the windows; `window` indexes into it.
        window: which window.
        loss: "neg_sampling" or "naive_softmax".
        grad_center: (V, D), accumulates dJ/dv_w (only the window's rows change).
        grad_outside: (V, D), accumulates dJ/dU.
    """
    lo, hi = batch.indptr[window], batch.indptr[window + 1]
    words = batch.words[lo:hi]
    center = batch.centers[window]
    if batch.model == "skipgram":
        v_c = center_vectors[center]
        total = 0.0
        for j, outside in enumerate(words):
            negatives = None if batch.negatives is None else batch.negatives[lo + j]
            pair_loss, grad_h = _one_prediction(v_c, outside, negatives, outside_vectors, loss, grad_outside)
            total += pair_loss
            grad_center[center] += grad_h
        return total
    # CBOW: v_hat = sum of the outside words' vectors; the target is the centre.
    v_hat = center_vectors[words].sum(axis=0)
    negatives = None if batch.negatives is None else batch.negatives[window]
    total, grad_h = _one_prediction(v_hat, center, negatives, outside_vectors, loss, grad_outside)
    np.add.at(grad_center, words, grad_h)  # a word twice in the window gets it twice
    return total


def _one_prediction(h, target, negatives, outside_vectors, loss, grad_outside) -> tuple[float, np.ndarray]:
    """Loss of predicting `target` from h; adds dJ/dU to grad_outside, returns (J, dJ/dh)."""
    if loss == "naive_softmax":
        scores = outside_vectors @ h
        delta = softmax(scores)
        delta[target] -= 1.0  # y_hat - y
        grad_outside += np.outer(delta, h)  # dJ/dU = (y_hat - y) h^T
        return float(-log_softmax(scores)[target]), outside_vectors.T @ delta
    rows = np.concatenate([[target], negatives])
    u = outside_vectors[rows]  # (K + 1, D)
    scores = u @ h
    value = -log_sigmoid(scores[0]) - np.sum(log_sigmoid(-scores[1:]))
    coef = np.asarray(sigmoid(scores))  # dJ/ds_w = sigma(s_w) for negatives ...
    coef[0] -= 1.0  # ... and sigma(s_t) - 1 for the target
    np.add.at(grad_outside, rows, np.outer(coef, h))  # dJ/du_j = coef_j h
    return float(value), coef @ u  # dJ/dh = sum_j coef_j u_j


def reference_iteration(
    center_vectors: np.ndarray,
    outside_vectors: np.ndarray,
    batch: WindowBatch,
    step: float,
    loss: str = "neg_sampling",
) -> float:
    """One SGD iteration on all windows of `batch`, in place; returns the mean window loss.

        x <- x - step * (1 / W) sum_{windows} grad J_window(x)

    Only the rows that the windows touch are read, accumulated and written.
    """
    grad_center = np.zeros_like(center_vectors)
    grad_outside = np.zeros_like(outside_vectors)
    total = 0.0
    for window in range(batch.num_windows):
        total += reference_window_loss(
            center_vectors, outside_vectors, batch, window, loss, grad_center, grad_outside
        )
    touched_c = np.unique(batch.centers if batch.model == "skipgram" else batch.words)
    touched_u = _touched_outside(batch, loss, outside_vectors.shape[0])
    scale = step / batch.num_windows
    center_vectors[touched_c] -= scale * grad_center[touched_c]
    outside_vectors[touched_u] -= scale * grad_outside[touched_u]
    return total / batch.num_windows


def _touched_outside(batch: WindowBatch, loss: str, num_words: int) -> np.ndarray:
    if loss == "naive_softmax":
        return np.arange(num_words)
    if batch.negatives is None:
        raise ValueError("negative sampling needs a batch drawn with negatives")
    targets = batch.words if batch.model == "skipgram" else batch.centers
    return np.unique(np.concatenate([targets, batch.negatives.ravel()]))
