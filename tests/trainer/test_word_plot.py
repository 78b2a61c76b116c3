"""The handout's SVD word plot and the cost curve are written as real PNG files."""

from __future__ import annotations

import numpy as np
import pytest

from word2vec_trainer.plots import HANDOUT_WORDS, plot_costs, plot_word_vectors, svd_coordinates

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_the_word_plot_is_a_png_of_the_known_words(tmp_path, rng):
    word2ind = {w: i for i, w in enumerate(HANDOUT_WORDS[:10] + ("unrelated",))}
    path = tmp_path / "plots" / "word_vectors.png"
    shown = plot_word_vectors(rng.normal(size=(11, 20)), word2ind, path)
    assert shown == list(HANDOUT_WORDS[:10])  # words missing from the vocabulary are skipped
    assert path.read_bytes()[:8] == PNG_MAGIC


def test_the_word_plot_needs_two_known_words(tmp_path, rng):
    with pytest.raises(ValueError, match="at least two"):
        plot_word_vectors(rng.normal(size=(1, 4)), {"great": 0}, tmp_path / "x.png")


def test_svd_coordinates_keep_the_two_main_directions(rng):
    # Points spread along x (most) and y (less): the projection keeps both spreads.
    points = np.column_stack(
        [rng.normal(scale=10, size=200), rng.normal(scale=3, size=200), rng.normal(scale=0.1, size=200)]
    )
    coords = svd_coordinates(points)
    np.testing.assert_allclose(np.sort(coords.std(axis=0)), np.sort(points[:, :2].std(axis=0)), rtol=0.05)


def test_the_cost_plot_is_a_png(tmp_path, rng):
    path = tmp_path / "cost.png"
    plot_costs(rng.random(300) + 5, path)
    assert path.read_bytes()[:8] == PNG_MAGIC
