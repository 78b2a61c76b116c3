"""Sentiment classification on averaged word vectors."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = [
    "get_sentence_features",
    "get_regularization_values",
    "choose_best_model",
    "accuracy",
]


def get_sentence_features(
    word2ind: dict[str, int], word_vectors: np.ndarray, sentence: Sequence[str]
) -> np.ndarray:
    """A sentence's feature vector: the mean of its words' vectors.

        x = (1 / n) sum_{i=1..n} v_{w_i}

    Args:
        word2ind: word -> row of word_vectors.
        word_vectors: (V, D), one vector per row.
        sentence: n words, each a key of word2ind.

    Returns:
        (D,); zeros for an empty sentence.
    """
    word_vectors = np.asarray(word_vectors, dtype=np.float64)
    if len(sentence) == 0:
        return np.zeros(word_vectors.shape[1])
    rows = [word2ind[word] for word in sentence]
    return word_vectors[rows].mean(axis=0)


def get_regularization_values() -> list[float]:
    """The regularisation strengths the sweep tries.

    Returns:
        A sorted list of at least 5 non-negative floats spanning at least three
        orders of magnitude.
    """
    # Evenly spaced in log: what matters is the order of magnitude of reg.
    return np.logspace(-4, 2, 13).tolist()


def choose_best_model(results: Sequence[dict]) -> dict:
    """The result with the highest dev accuracy (the first of equals).

    The test accuracy is never looked at: choosing by it would make the
    reported test score an overestimate.

    Args:
        results: dicts with keys "reg", "clf", "train", "dev", "test".
    """
    if not results:
        raise ValueError("choose_best_model needs at least one result")
    return max(results, key=lambda result: result["dev"])


def accuracy(y: np.ndarray, y_hat: np.ndarray) -> float:
    """Percentage of predictions equal to the labels.

    Args:
        y: (N,), true labels.
        y_hat: (N,), predicted labels.
    """
    y = np.asarray(y)
    y_hat = np.asarray(y_hat)
    if y.shape != y_hat.shape:
        raise ValueError(f"labels have shape {y.shape} but predictions {y_hat.shape}")
    return float(np.mean(y == y_hat) * 100.0) if y.size else 0.0
