"""The "watch the vectors learn" page shows real updates and the true shape of dJ/dU."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from solutions.word2vec import naive_softmax_loss_and_gradient, neg_sampling_loss_and_gradient, skipgram
from website.watch import (
    WINDOW_SIZE,
    ToyCorpus,
    WatchFigure,
    animation_html,
    explore,
    frame_updates,
    nonzero_rows,
    offline_player,
    outside_gradients,
    train,
)


@pytest.fixture(scope="module")
def trace():
    return train(updates=30, learning_rate=0.3, seed=1)


def _independent_run(trace, loss=naive_softmax_loss_and_gradient, seed=1):
    """The same windows through the reference skipgram, written out step by step here."""
    corpus = ToyCorpus(seed=seed)
    centre, outside = trace.centre[0].copy(), trace.outside[0].copy()
    for word, context in trace.windows:
        _, grad_centre, grad_outside = skipgram(
            word, WINDOW_SIZE, context, corpus.word2ind, centre, outside, corpus, loss
        )
        centre -= trace.learning_rate * grad_centre
        outside -= trace.learning_rate * grad_outside
    return centre, outside


def test_the_corpus_has_about_ten_words():
    assert len(ToyCorpus().words) == 10


@pytest.mark.parametrize("C", [1, 2])
def test_get_random_context_draws_the_corpus_windows_of_half_width_c(C):
    corpus = ToyCorpus(seed=3)
    windows = corpus.windows(C)
    drawn = [corpus.get_random_context(C) for _ in range(200)]
    assert all(window in windows for window in drawn)
    # Uniform over the windows: 200 draws reach every distinct one (fewer than 32).
    distinct = {(word, tuple(context)) for word, context in windows}
    assert {(word, tuple(context)) for word, context in drawn} == distinct
    # Seeded: another corpus with the same seed draws the same windows.
    again = ToyCorpus(seed=3)
    assert drawn == [again.get_random_context(C) for _ in range(200)]


def test_the_last_state_equals_an_independent_run_of_the_reference_functions(trace):
    centre, outside = _independent_run(trace)
    np.testing.assert_allclose(trace.centre[-1], centre, rtol=0, atol=1e-12)
    np.testing.assert_allclose(trace.outside[-1], outside, rtol=0, atol=1e-12)


def test_the_last_frame_draws_the_vectors_of_the_independent_run(trace):
    picture = WatchFigure(trace)
    picture.draw(frame_updates(len(trace.losses))[-1])
    centre, outside = _independent_run(trace)
    np.testing.assert_allclose(picture.centre_points.get_offsets(), centre, atol=1e-12)
    np.testing.assert_allclose(picture.outside_points.get_offsets(), outside, atol=1e-12)
    plt.close(picture.figure)


def test_every_update_moves_exactly_one_centre_vector(trace):
    moved = np.any(np.diff(trace.centre, axis=0) != 0.0, axis=2).sum(axis=1)
    assert moved.tolist() == [1] * len(trace.losses)


def test_every_naive_softmax_update_moves_every_outside_vector(trace):
    moved = np.any(np.diff(trace.outside, axis=0) != 0.0, axis=2).sum(axis=1)
    assert moved.tolist() == [len(trace.words)] * len(trace.losses)


def test_the_jupyter_slider_spans_the_updates_and_draws_the_chosen_one(trace):
    widget = explore(trace)
    slider = widget.children[0]
    assert (slider.min, slider.max) == (0, len(trace.losses))
    slider.value = 7
    np.testing.assert_array_equal(widget.picture.centre_points.get_offsets(), trace.centre[7])
    plt.close(widget.picture.figure)


def test_negative_sampling_trains_with_the_same_loop():
    trace = train(updates=12, seed=2, loss=neg_sampling_loss_and_gradient)
    centre, outside = _independent_run(trace, neg_sampling_loss_and_gradient, seed=2)
    np.testing.assert_allclose(trace.outside[-1], outside, atol=1e-12)
    assert trace.loss_name == "negative sampling"


def test_frames_start_before_training_and_end_at_the_last_update():
    assert frame_updates(7, every=3) == [0, 3, 6, 7]
    assert frame_updates(6, every=3) == [0, 3, 6]


def test_the_first_frames_are_single_updates_then_every_kth():
    assert frame_updates(12, every=4, first=3) == [0, 1, 2, 3, 7, 11, 12]
    assert frame_updates(2, every=4, first=3) == [0, 1, 2]


def test_the_animation_embeds_one_image_per_frame(trace):
    html = animation_html(trace, every=10)
    assert len(re.findall(r"frames\[\d+\] = \"data:image/png;base64,", html)) == len(frame_updates(30, 10))


def test_the_animation_loads_nothing_from_the_web(trace):
    html = animation_html(trace, every=30)
    assert "http://" not in html and "https://" not in html
    assert 'class="fa ' not in html


def test_a_player_that_still_names_a_web_address_is_refused():
    with pytest.raises(RuntimeError, match="web"):
        offline_player('<script src="https://example.org/player.js"></script>')


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_naive_softmax_gradient_of_u_touches_every_row(seed):
    gradients = outside_gradients(train(updates=20, seed=seed), K=3, seed=seed)
    assert nonzero_rows(gradients["naive softmax"]) == len(ToyCorpus().words)


@pytest.mark.parametrize("K", [1, 3, 5])
def test_the_negative_sampling_gradient_of_u_touches_at_most_k_plus_one_rows(K):
    gradients = outside_gradients(train(updates=20), K=K)
    rows = nonzero_rows(gradients[f"negative sampling, K = {K}"])
    assert 2 <= rows <= K + 1  # u_o and at least one negative


def test_the_heat_maps_come_from_the_reference_losses():
    trace = train(updates=20)
    gradients = outside_gradients(trace, window=0, K=3, seed=0)
    corpus = ToyCorpus()
    word, context = trace.windows[0]
    c, o = corpus.word2ind[word], corpus.word2ind[context[0]]
    _, _, expected = naive_softmax_loss_and_gradient(trace.centre[-1][c], o, trace.outside[-1], corpus)
    np.testing.assert_array_equal(gradients["naive softmax"], expected)


def test_the_loss_falls_as_the_page_says():
    trace = train()
    assert trace.losses[-24:].mean() < trace.losses[:24].mean()


def test_words_with_the_same_neighbours_end_closer_than_words_with_none_as_the_page_says():
    trace = train()
    index = {w: i for i, w in enumerate(trace.words)}
    v = trace.centre[-1]

    def distance(a: str, b: str) -> float:
        return float(np.linalg.norm(v[index[a]] - v[index[b]]))

    for a, b in [("cat", "dog"), ("the", "a"), ("milk", "water")]:
        assert distance(a, b) < distance("cat", "the"), (a, b)
