import random

import numpy as np
import pytest

from cs224n_datasets.dummy import DummyDataset
from solutions import (
    cbow,
    get_negative_samples,
    gradcheck_naive,
    naive_softmax_loss_and_gradient,
    neg_sampling_loss_and_gradient,
    normalize_rows,
    skipgram,
    word2vec_sgd_wrapper,
)

LOSSES = [naive_softmax_loss_and_gradient, neg_sampling_loss_and_gradient]
MODELS = [skipgram, cbow]


class FixedSamples:
    """A dataset whose negative draws are a fixed cycle of indices."""

    def __init__(self, indices):
        self.indices = list(indices)
        self.position = 0

    def sample_token_idx(self):
        idx = self.indices[self.position % len(self.indices)]
        self.position += 1
        return idx


def test_normalize_rows_gives_unit_rows(rng):
    out = normalize_rows(rng.normal(size=(6, 4)))
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0)


def test_normalize_rows_matches_the_handout_example():
    out = normalize_rows(np.array([[3.0, 4.0], [1.0, 2.0]]))
    np.testing.assert_allclose(out, [[0.6, 0.8], [1 / np.sqrt(5), 2 / np.sqrt(5)]])


def test_normalize_rows_does_not_modify_its_input(rng):
    x = rng.normal(size=(3, 2))
    before = x.copy()
    normalize_rows(x)
    np.testing.assert_array_equal(x, before)


@pytest.mark.parametrize("loss", LOSSES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("V, D", [(5, 3), (12, 1), (8, 10)])
@pytest.mark.parametrize("wrt", ["center", "outside"])
def test_loss_gradients_pass_a_numeric_gradient_check(rng, loss, V, D, wrt):
    dataset = DummyDataset(V)
    v_c, U, o = rng.normal(size=D), rng.normal(size=(V, D)), int(rng.integers(V))
    if wrt == "center":
        f = lambda v: loss(v, o, U, dataset)[:2]  # noqa: E731
        x = v_c
    else:
        f = lambda u: loss(v_c, o, u, dataset)[::2]  # noqa: E731
        x = U
    assert gradcheck_naive(f, x, verbose=False)


def test_naive_softmax_loss_is_minus_log_probability(rng):
    v_c, U = rng.normal(size=3), rng.normal(size=(5, 3))
    scores = U @ v_c
    expected = -np.log(np.exp(scores[2]) / np.exp(scores).sum())
    assert naive_softmax_loss_and_gradient(v_c, 2, U, None)[0] == pytest.approx(expected)


def test_naive_softmax_loss_is_finite_when_the_probability_underflows():
    U = np.array([[100.0], [-100.0]])
    loss, grad_c, grad_u = naive_softmax_loss_and_gradient(np.array([10.0]), 1, U, None)
    assert loss == pytest.approx(2000.0)
    assert np.all(np.isfinite(grad_c)) and np.all(np.isfinite(grad_u))


def test_neg_sampling_loss_matches_the_formula(rng):
    v_c, U = rng.normal(size=3), rng.normal(size=(6, 3))
    dataset = FixedSamples([1, 4, 4])
    loss = neg_sampling_loss_and_gradient(v_c, 0, U, dataset, K=3)[0]
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    expected = -np.log(sig(U[0] @ v_c)) - np.log(sig(-U[1] @ v_c)) - 2 * np.log(sig(-U[4] @ v_c))
    assert loss == pytest.approx(expected)


def test_neg_sampling_accumulates_a_repeated_negative(rng):
    v_c, U = rng.normal(size=3), rng.normal(size=(6, 3))
    _, _, grad_twice = neg_sampling_loss_and_gradient(v_c, 0, U, FixedSamples([5, 5]), K=2)
    _, _, grad_once = neg_sampling_loss_and_gradient(v_c, 0, U, FixedSamples([5]), K=1)
    np.testing.assert_allclose(grad_twice[5], 2 * grad_once[5])


def test_neg_sampling_is_finite_for_huge_scores():
    U = np.array([[1e3], [-1e3], [1e3]])
    loss, grad_c, grad_u = neg_sampling_loss_and_gradient(np.array([10.0]), 1, U, FixedSamples([0]), K=1)
    assert np.isfinite(loss) and np.all(np.isfinite(grad_c)) and np.all(np.isfinite(grad_u))


def test_get_negative_samples_redraws_the_outside_word():
    negatives = get_negative_samples(2, FixedSamples([2, 2, 3, 2, 1]), K=2)
    assert negatives == [3, 1]


def test_neg_sampling_calls_get_negative_samples_exactly_once(rng, monkeypatch):
    import solutions.word2vec as w2v

    calls = []

    def spy(o, dataset, K):
        calls.append((o, K))
        return [1] * K

    monkeypatch.setattr(w2v, "get_negative_samples", spy)
    w2v.neg_sampling_loss_and_gradient(rng.normal(size=3), 0, rng.normal(size=(4, 3)), None, K=7)
    assert calls == [(0, 7)]


@pytest.mark.parametrize("loss", LOSSES, ids=lambda f: f.__name__)
def test_losses_do_not_modify_their_inputs(rng, loss):
    v_c, U = rng.normal(size=3), rng.normal(size=(5, 3))
    copies = v_c.copy(), U.copy()
    loss(v_c, 1, U, DummyDataset(5))
    np.testing.assert_array_equal(v_c, copies[0])
    np.testing.assert_array_equal(U, copies[1])


@pytest.mark.parametrize("model", MODELS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("loss", LOSSES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("V, D", [(5, 3), (10, 4)])
def test_models_pass_a_numeric_gradient_check_through_the_sgd_wrapper(rng, model, loss, V, D):
    dataset = DummyDataset(V)
    word_vectors = normalize_rows(rng.normal(size=(2 * V, D)))
    f = lambda vecs: word2vec_sgd_wrapper(model, dataset.word2ind, vecs, dataset, 5, loss)  # noqa: E731
    assert gradcheck_naive(f, word_vectors, verbose=False)


@pytest.mark.parametrize("loss", LOSSES, ids=lambda f: f.__name__)
def test_skipgram_is_the_sum_over_outside_words(rng, loss):
    dataset = DummyDataset(5)
    w2i = dataset.word2ind
    centre, outside = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    random.seed(1)
    total = skipgram("c", 2, ["a", "b", "a"], w2i, centre, outside, dataset, loss)
    random.seed(1)
    parts = [loss(centre[2], w2i[w], outside, dataset) for w in ["a", "b", "a"]]
    assert total[0] == pytest.approx(sum(p[0] for p in parts))
    np.testing.assert_allclose(total[1][2], sum(p[1] for p in parts))
    np.testing.assert_allclose(total[2], sum(p[2] for p in parts))
    assert np.count_nonzero(np.abs(total[1]).sum(axis=1)) == 1  # only v_c moves


def test_cbow_predicts_the_centre_from_the_sum_of_outside_vectors(rng):
    dataset = DummyDataset(5)
    w2i = dataset.word2ind
    centre, outside = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    loss, grad_centre, grad_outside = cbow(
        "c", 2, ["a", "b", "a"], w2i, centre, outside, dataset, naive_softmax_loss_and_gradient
    )
    v_hat = 2 * centre[0] + centre[1]
    expected_loss, g_vhat, g_out = naive_softmax_loss_and_gradient(v_hat, 2, outside, dataset)
    assert loss == pytest.approx(expected_loss)
    np.testing.assert_allclose(grad_centre[0], 2 * g_vhat)  # "a" appears twice
    np.testing.assert_allclose(grad_centre[1], g_vhat)
    np.testing.assert_allclose(grad_centre[2:], 0)
    np.testing.assert_allclose(grad_outside, g_out)


@pytest.mark.parametrize("model", MODELS, ids=lambda f: f.__name__)
def test_models_do_not_modify_their_inputs(rng, model):
    dataset = DummyDataset(5)
    centre, outside = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    copies = centre.copy(), outside.copy()
    model("c", 2, ["a", "b"], dataset.word2ind, centre, outside, dataset, neg_sampling_loss_and_gradient)
    np.testing.assert_array_equal(centre, copies[0])
    np.testing.assert_array_equal(outside, copies[1])


def test_sgd_wrapper_averages_over_the_batch(rng):
    dataset = DummyDataset(5)
    vecs = rng.normal(size=(10, 3))
    random.seed(3)
    loss, grad = word2vec_sgd_wrapper(skipgram, dataset.word2ind, vecs, dataset, 3, batch_size=4)
    random.seed(3)
    total, total_grad = 0.0, np.zeros_like(vecs)
    for _ in range(4):
        c = random.randint(1, 3)
        centre, context = dataset.get_random_context(c)
        window_loss, gc, go = skipgram(centre, c, context, dataset.word2ind, vecs[:5], vecs[5:], dataset)
        total += window_loss
        total_grad += np.vstack([gc, go])
    assert loss == pytest.approx(total / 4)
    np.testing.assert_allclose(grad, total_grad / 4)
