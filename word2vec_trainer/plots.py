"""Figures: the handout's 2-D SVD plot of word vectors, and the training cost curve."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no window: works on servers and in CI
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

__all__ = ["HANDOUT_WORDS", "svd_coordinates", "plot_word_vectors", "plot_costs"]

# The words the handout asks to visualise.
HANDOUT_WORDS = (
    "great",
    "cool",
    "brilliant",
    "wonderful",
    "well",
    "amazing",
    "worth",
    "sweet",
    "enjoyable",
    "boring",
    "bad",
    "dumb",
    "annoying",
    "female",
    "male",
    "queen",
    "king",
    "man",
    "woman",
    "rain",
    "snow",
    "hail",
    "coffee",
    "tea",
)


def svd_coordinates(vectors: np.ndarray) -> np.ndarray:
    """Project vectors onto their two main directions, as the handout does.

        X~ = X - mean(X),  Sigma = X~^T X~ / n = U S U^T,  coordinates = X~ U[:, :2]

    Args:
        vectors: (n, D), one word vector per row, n >= 1.

    Returns:
        (n, 2) coordinates.
    """
    centred = vectors - vectors.mean(axis=0)
    covariance = centred.T @ centred / len(vectors)
    basis, _, _ = np.linalg.svd(covariance)
    return centred @ basis[:, :2]


def plot_word_vectors(
    word_vectors: np.ndarray,
    word2ind: dict[str, int],
    path: str | os.PathLike,
    words: Sequence[str] = HANDOUT_WORDS,
    title: str = "Word vectors (2-D SVD projection)",
) -> list[str]:
    """Save the 2-D SVD plot of `words`; words missing from word2ind are skipped.

    Args:
        word_vectors: (V, D), one vector per word (e.g. centre and outside
            vectors side by side).
        word2ind: word -> row.
        path: the PNG to write (its folder is created).
        words: the words to show.
        title: the figure's title.

    Returns:
        The words plotted, in order.
    """
    shown = [w for w in words if w in word2ind]
    if len(shown) < 2:
        raise ValueError("need at least two of the words in the vocabulary to draw the plot")
    coords = svd_coordinates(np.asarray(word_vectors, dtype=np.float64)[[word2ind[w] for w in shown]])
    fig, ax = plt.subplots(figsize=(7, 6))
    ax.scatter(coords[:, 0], coords[:, 1], s=8, color="tab:blue")
    for word, (x, y) in zip(shown, coords, strict=True):
        ax.annotate(word, (x, y), xytext=(3, 3), textcoords="offset points", fontsize=9)
    ax.set_title(title)
    ax.set_xlabel("first singular direction")
    ax.set_ylabel("second singular direction")
    missing = [w for w in words if w not in word2ind]
    if missing:
        ax.text(
            0.01,
            0.01,
            "not in vocabulary: " + ", ".join(missing),
            transform=ax.transAxes,
            fontsize=7,
            color="gray",
        )
    _save(fig, path)
    return shown


def plot_costs(costs: np.ndarray, path: str | os.PathLike, title: str = "Training cost") -> None:
    """Save the iteration costs and their smoothed curve (EMA 0.95 / 0.05, as sgd prints).

    Args:
        costs: (iterations,), each iteration's mean window loss.
        path: the PNG to write.
    """
    costs = np.asarray(costs, dtype=np.float64)
    smoothed = np.empty_like(costs)
    running = costs[0] if costs.size else 0.0
    for i, cost in enumerate(costs):
        running = cost if i == 0 else 0.95 * running + 0.05 * cost
        smoothed[i] = running
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(np.arange(1, costs.size + 1), costs, color="0.8", linewidth=0.5, label="iteration cost")
    ax.plot(np.arange(1, costs.size + 1), smoothed, color="tab:red", label="smoothed cost")
    ax.set_xlabel("iteration")
    ax.set_ylabel("mean window loss")
    ax.set_title(title)
    ax.legend()
    _save(fig, path)


def _save(fig, path: str | os.PathLike) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
