"""The vectorised step is the assignment's SGD: same update, correct gradients."""

from __future__ import annotations

import numpy as np
import pytest

import word2vec_trainer.minibatch as minibatch
from solutions import (
    cbow,
    gradcheck_naive,
    naive_softmax_loss_and_gradient,
    neg_sampling_loss_and_gradient,
    skipgram,
    word2vec_sgd_wrapper,
)
from word2vec_trainer.minibatch import batch_loss_and_gradient, sgd_step
from word2vec_trainer.reference_loop import reference_iteration
from word2vec_trainer.sampling import WindowBatch, WindowSampler

BATCH_SIZE = 50
STEP = 0.3
MODELS = {"skipgram": skipgram, "cbow": cbow}
LOSSES = {"neg_sampling": neg_sampling_loss_and_gradient, "naive_softmax": naive_softmax_loss_and_gradient}


class ReplayDataset:
    """Hands solutions' code the windows and negatives of a WindowBatch, in order."""

    def __init__(self, batch: WindowBatch) -> None:
        self.batch = batch
        self.window = 0
        self.negatives = iter([] if batch.negatives is None else batch.negatives.ravel().tolist())

    def get_random_context(self, C: int) -> tuple[str, list[str]]:
        lo, hi = self.batch.indptr[self.window], self.batch.indptr[self.window + 1]
        center = self.batch.centers[self.window]
        self.window += 1
        return str(center), [str(w) for w in self.batch.words[lo:hi]]

    def sample_token_idx(self) -> int:
        return next(self.negatives)


def one_iteration(corpus, rng, model, loss, dtype):
    sampler = WindowSampler(
        corpus.context_tokens,
        corpus.context_offsets,
        corpus.neg_cdf if loss == "neg_sampling" else None,
        model=model,
        window_size=3,
        num_negatives=10,  # solutions use K = 10
    )
    batch = sampler.sample(BATCH_SIZE, rng)
    params = np.concatenate(
        [(rng.random((corpus.num_words, 6)) - 0.5), rng.normal(size=(corpus.num_words, 6))]
    )
    return batch, params.astype(dtype)


def solutions_update(batch, params, model, loss):
    """One iteration of solutions.sgd on word2vec_sgd_wrapper (dense gradients)."""
    word2ind = {str(i): i for i in range(params.shape[0] // 2)}
    cost, grad = word2vec_sgd_wrapper(
        MODELS[model], word2ind, params.astype(np.float64), ReplayDataset(batch), 3, LOSSES[loss], BATCH_SIZE
    )
    return cost, params.astype(np.float64) - STEP * grad


@pytest.mark.parametrize("loss", ["neg_sampling", "naive_softmax"])
@pytest.mark.parametrize("model", ["skipgram", "cbow"])
@pytest.mark.parametrize("dtype, tol", [(np.float64, 1e-12), (np.float32, 2e-5)])
def test_one_iteration_updates_exactly_as_the_reference(corpus, rng, model, loss, dtype, tol):
    batch, params = one_iteration(corpus, rng, model, loss, dtype)
    # V = 12 and 50 windows: rows repeat within the batch (the add-up case).
    touched = np.concatenate([batch.words, batch.centers])
    assert np.bincount(touched).max() > 1
    expected_cost, expected = solutions_update(batch, params, model, loss)
    center, outside = params[: corpus.num_words].copy(), params[corpus.num_words :].copy()
    window_losses = sgd_step(center, outside, batch, STEP, BATCH_SIZE, loss)
    assert center.dtype == dtype
    np.testing.assert_allclose(np.concatenate([center, outside]), expected, rtol=tol, atol=tol)
    assert window_losses.mean() == pytest.approx(expected_cost, rel=tol)


@pytest.mark.parametrize("loss", ["neg_sampling", "naive_softmax"])
@pytest.mark.parametrize("model", ["skipgram", "cbow"])
def test_per_window_reference_loop_updates_as_solutions(corpus, rng, model, loss):
    batch, params = one_iteration(corpus, rng, model, loss, np.float64)
    expected_cost, expected = solutions_update(batch, params, model, loss)
    center, outside = params[: corpus.num_words].copy(), params[corpus.num_words :].copy()
    cost = reference_iteration(center, outside, batch, STEP, loss)
    np.testing.assert_allclose(np.concatenate([center, outside]), expected, rtol=1e-12, atol=1e-12)
    assert cost == pytest.approx(expected_cost, rel=1e-12)


@pytest.mark.parametrize("loss", ["neg_sampling", "naive_softmax"])
@pytest.mark.parametrize("model", ["skipgram", "cbow"])
def test_batch_gradient_matches_the_numeric_gradient(corpus, rng, model, loss):
    sampler = WindowSampler(
        corpus.context_tokens,
        corpus.context_offsets,
        corpus.neg_cdf,
        model=model,
        window_size=2,
        num_negatives=4,
    )
    batch = sampler.sample(8, rng)
    num_words = corpus.num_words

    def f(x):
        losses, grad_center, grad_outside = batch_loss_and_gradient(x[:num_words], x[num_words:], batch, loss)
        return float(losses.sum()), np.concatenate([grad_center, grad_outside])

    assert gradcheck_naive(f, rng.normal(scale=0.5, size=(2 * num_words, 4)))


def test_a_large_score_gives_no_overflow_and_finite_gradients(corpus, rng):
    batch, params = one_iteration(corpus, rng, "skipgram", "neg_sampling", np.float32)
    center, outside = params[: corpus.num_words] * 1e3, params[corpus.num_words :] * 1e3
    losses, grad_center, grad_outside = batch_loss_and_gradient(center, outside, batch)
    assert (
        np.all(np.isfinite(losses)) and np.all(np.isfinite(grad_center)) and np.all(np.isfinite(grad_outside))
    )


@pytest.mark.parametrize("index_dtype", [np.int32, np.int64])
@pytest.mark.parametrize("transpose", [False, True])
def test_sparse_products_agree_with_and_without_the_compiled_kernel(rng, monkeypatch, transpose, index_dtype):
    indptr = np.array([0, 2, 2, 5], dtype=index_dtype)
    indices = np.array([1, 1, 0, 3, 3], dtype=index_dtype)  # repeats must add up
    data = rng.normal(size=5)
    x = rng.normal(size=(3 if transpose else 4, 2))
    fast = np.zeros((4 if transpose else 3, 2))
    minibatch.add_sparse_product(fast, indptr, indices, data, x, transpose)
    monkeypatch.setattr(minibatch, "_csr_matvecs", None)
    slow = np.zeros_like(fast)
    minibatch.add_sparse_product(slow, indptr, indices, data, x, transpose)
    dense = np.zeros((3, 4))
    np.add.at(dense, (np.repeat(np.arange(3), np.diff(indptr)), indices), data)
    np.testing.assert_allclose(fast, (dense.T if transpose else dense) @ x)
    np.testing.assert_allclose(slow, fast)
