"""word2vec: the naive-softmax and negative-sampling losses, skip-gram and CBOW.

Notation of the handout: v_c is the centre word's vector (a row of the centre
matrix), u_w the outside vector of word w (a row of U, the outside matrix),
o the true outside word, y its one-hot vector, y_hat = softmax(U v_c).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np

from solutions.activations import log_sigmoid, sigmoid
from solutions.softmax import log_softmax, softmax

__all__ = [
    "normalize_rows",
    "naive_softmax_loss_and_gradient",
    "get_negative_samples",
    "neg_sampling_loss_and_gradient",
    "skipgram",
    "cbow",
    "word2vec_sgd_wrapper",
    "WORD2VEC_BATCH_SIZE",
]

WORD2VEC_BATCH_SIZE = 50


class ContextDataset(Protocol):
    """What the word2vec code needs from a dataset."""

    def sample_token_idx(self) -> int: ...

    def get_random_context(self, C: int) -> tuple[str, list[str]]: ...


LossAndGradient = Callable[[np.ndarray, int, np.ndarray, Any], tuple[float, np.ndarray, np.ndarray]]


def normalize_rows(x: np.ndarray) -> np.ndarray:
    """Scale every row to unit L2 norm.

    Args:
        x: (N, D). Not modified.

    Returns:
        (N, D), row i is x_i / ||x_i||; an all-zero row stays zero.
    """
    x = np.asarray(x, dtype=np.float64)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms == 0.0, 1.0, norms)


def naive_softmax_loss_and_gradient(
    center_word_vec: np.ndarray,
    outside_word_idx: int,
    outside_vectors: np.ndarray,
    dataset: Any = None,
) -> tuple[float, np.ndarray, np.ndarray]:
    """Naive-softmax loss for one (centre, outside) pair and its gradients.

        y_hat = softmax(U v_c),   J = -log y_hat_o

    Args:
        center_word_vec: (D,), v_c.
        outside_word_idx: o, the row of U of the true outside word.
        outside_vectors: (V, D), U, one outside vector u_w per row.
        dataset: unused; here so that every loss has the same signature.

    Returns:
        (loss J, grad_center_vec (D,) dJ/dv_c, grad_outside_vecs (V, D) dJ/dU)
    """
    v_c = np.asarray(center_word_vec, dtype=np.float64)
    U = np.asarray(outside_vectors, dtype=np.float64)
    scores = U @ v_c  # (V,)
    loss = -log_softmax(scores)[outside_word_idx]

    delta = softmax(scores)  # y_hat; the next line makes it y_hat - y
    delta[outside_word_idx] -= 1.0
    grad_center_vec = U.T @ delta  # dJ/dv_c = U^T (y_hat - y)
    grad_outside_vecs = np.outer(delta, v_c)  # dJ/dU = (y_hat - y) v_c^T
    return float(loss), grad_center_vec, grad_outside_vecs


def get_negative_samples(outside_word_idx: int, dataset: ContextDataset, K: int) -> list[int]:
    """Draw K negative samples, none equal to the outside word (provided, not graded).

    Args:
        outside_word_idx: o; a draw equal to it is redrawn.
        dataset: offers sample_token_idx().
        K: how many to draw.

    Returns:
        K word indices; the same index may appear more than once.
    """
    negatives = []
    for _ in range(K):
        idx = dataset.sample_token_idx()
        while idx == outside_word_idx:
            idx = dataset.sample_token_idx()
        negatives.append(idx)
    return negatives


def neg_sampling_loss_and_gradient(
    center_word_vec: np.ndarray,
    outside_word_idx: int,
    outside_vectors: np.ndarray,
    dataset: ContextDataset,
    K: int = 10,
) -> tuple[float, np.ndarray, np.ndarray]:
    """Negative-sampling loss for one (centre, outside) pair and its gradients.

        J = -log sigma(u_o . v_c) - sum_k log sigma(-u_k . v_c)

    with K negatives w_1..w_K from get_negative_samples (a repeated negative
    counts once per draw).

    Args:
        center_word_vec: (D,), v_c.
        outside_word_idx: o.
        outside_vectors: (V, D), U.
        dataset: offers sample_token_idx(), used through get_negative_samples.
        K: number of negative samples.

    Returns:
        (loss J, grad_center_vec (D,) dJ/dv_c, grad_outside_vecs (V, D) dJ/dU)
    """
    v_c = np.asarray(center_word_vec, dtype=np.float64)
    U = np.asarray(outside_vectors, dtype=np.float64)
    negatives = np.asarray(get_negative_samples(outside_word_idx, dataset, K), dtype=np.intp)

    u_o = U[outside_word_idx]  # (D,)
    u_k = U[negatives]  # (K, D)
    score_o = u_o @ v_c
    score_k = u_k @ v_c  # (K,)
    loss = -log_sigmoid(score_o) - np.sum(log_sigmoid(-score_k))

    # d/dz [-log sigma(z)] = sigma(z) - 1  and  d/dz [-log sigma(-z)] = sigma(z).
    coef_o = sigmoid(score_o) - 1.0
    coef_k = sigmoid(score_k)  # (K,)
    grad_center_vec = coef_o * u_o + coef_k @ u_k  # (sigma(u_o.v_c) - 1) u_o + sum_k sigma(u_k.v_c) u_k
    grad_outside_vecs = np.zeros_like(U)
    grad_outside_vecs[outside_word_idx] = coef_o * v_c  # dJ/du_o = (sigma(u_o.v_c) - 1) v_c
    # dJ/du_k = sigma(u_k.v_c) v_c; add.at accumulates a negative drawn twice.
    np.add.at(grad_outside_vecs, negatives, np.outer(coef_k, v_c))
    return float(loss), grad_center_vec, grad_outside_vecs


def skipgram(
    current_center_word: str,
    window_size: int,
    outside_words: Sequence[str],
    word2ind: dict[str, int],
    center_word_vectors: np.ndarray,
    outside_vectors: np.ndarray,
    dataset: Any,
    word2vec_loss_and_gradient: LossAndGradient = naive_softmax_loss_and_gradient,
) -> tuple[float, np.ndarray, np.ndarray]:
    """Skip-gram: predict every outside word from the centre word.

        J = sum_{o in outside words} J_loss(v_c, o, U)

    Args:
        current_center_word: the centre word c.
        window_size: C, the context half-width (kept for the common signature).
        outside_words: up to 2C words around c; a repeated word counts each time.
        word2ind: word -> row index.
        center_word_vectors: (V, D), one v_w per row.
        outside_vectors: (V, D), U.
        dataset: passed on to the loss.
        word2vec_loss_and_gradient: naive softmax or negative sampling.

    Returns:
        (loss, grad_center_vecs (V, D), grad_outside_vectors (V, D))
    """
    c = word2ind[current_center_word]
    v_c = center_word_vectors[c]
    loss = 0.0
    grad_center = np.zeros(v_c.shape, dtype=np.float64)
    grad_outside_vectors = np.zeros(np.shape(outside_vectors), dtype=np.float64)
    # The loss is a per-pair callback, so one call per outside word (at most 2C).
    for word in outside_words:
        pair_loss, pair_grad_center, pair_grad_outside = word2vec_loss_and_gradient(
            v_c, word2ind[word], outside_vectors, dataset
        )
        loss += pair_loss
        grad_center += pair_grad_center
        grad_outside_vectors += pair_grad_outside
    grad_center_vecs = np.zeros(np.shape(center_word_vectors), dtype=np.float64)
    grad_center_vecs[c] = grad_center  # only v_c enters the loss
    return float(loss), grad_center_vecs, grad_outside_vectors


def cbow(
    current_center_word: str,
    window_size: int,
    outside_words: Sequence[str],
    word2ind: dict[str, int],
    center_word_vectors: np.ndarray,
    outside_vectors: np.ndarray,
    dataset: Any,
    word2vec_loss_and_gradient: LossAndGradient = naive_softmax_loss_and_gradient,
) -> tuple[float, np.ndarray, np.ndarray]:
    """CBOW: predict the centre word from the sum of the outside words' vectors.

        v_hat = sum_{w in outside words} v_w,   J = J_loss(v_hat, c, U)

    Args and returns as skipgram (a repeated outside word counts each time).
    """
    # dJ/dv_w = dJ/dv_hat for every outside word w, once per occurrence.
    grad_center_vecs = np.zeros(np.shape(center_word_vectors), dtype=np.float64)
    if len(outside_words) == 0:
        return 0.0, grad_center_vecs, np.zeros(np.shape(outside_vectors), dtype=np.float64)
    context = np.array([word2ind[w] for w in outside_words], dtype=np.intp)
    v_hat = np.asarray(center_word_vectors, dtype=np.float64)[context].sum(axis=0)  # (D,)
    loss, grad_v_hat, grad_outside_vectors = word2vec_loss_and_gradient(
        v_hat, word2ind[current_center_word], outside_vectors, dataset
    )
    # A context word that appears twice receives the gradient twice.
    np.add.at(grad_center_vecs, context, grad_v_hat)
    return float(loss), grad_center_vecs, np.asarray(grad_outside_vectors, dtype=np.float64)


def word2vec_sgd_wrapper(
    word2vec_model: Callable[..., tuple[float, np.ndarray, np.ndarray]],
    word2ind: dict[str, int],
    word_vectors: np.ndarray,
    dataset: ContextDataset,
    window_size: int,
    word2vec_loss_and_gradient: LossAndGradient = naive_softmax_loss_and_gradient,
    batch_size: int = WORD2VEC_BATCH_SIZE,
) -> tuple[float, np.ndarray]:
    """Loss and gradient of one minibatch of random windows (provided, not graded).

    For each of batch_size windows: a window size C' drawn from 1..window_size
    (Python's global `random`), a random context from the dataset, then the
    model's loss. Loss and gradient are averaged over the batch.

    Args:
        word2vec_model: skipgram or cbow.
        word2ind: word -> row index.
        word_vectors: (2V, D); rows :V are the centre vectors, rows V: the
            outside vectors U.
        dataset: offers get_random_context(C) and sample_token_idx().
        window_size: C, the largest window half-width.
        word2vec_loss_and_gradient: naive softmax or negative sampling.
        batch_size: windows per call.

    Returns:
        (mean loss, grad (2V, D))
    """
    word_vectors = np.asarray(word_vectors, dtype=np.float64)
    n = word_vectors.shape[0] // 2
    center_word_vectors = word_vectors[:n]
    outside_vectors = word_vectors[n:]
    loss = 0.0
    grad = np.zeros(word_vectors.shape, dtype=np.float64)
    for _ in range(batch_size):
        c_size = random.randint(1, window_size)
        center_word, context = dataset.get_random_context(c_size)
        window_loss, grad_center, grad_outside = word2vec_model(
            center_word,
            c_size,
            context,
            word2ind,
            center_word_vectors,
            outside_vectors,
            dataset,
            word2vec_loss_and_gradient,
        )
        loss += window_loss / batch_size
        grad[:n] += grad_center / batch_size
        grad[n:] += grad_outside / batch_size
    return loss, grad
