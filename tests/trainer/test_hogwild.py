"""Hogwild training (TrainConfig.threads > 1): the same pieces of exact updates, several threads at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from word2vec_trainer import kernel
from word2vec_trainer.sampling import WindowSampler
from word2vec_trainer.train import (
    HOGWILD_PIECE,
    SAMPLE_BLOCK,
    TrainConfig,
    _kernel_span,
    block_rng,
    initial_vectors,
    load_checkpoint,
    train_word_vectors,
)

pytestmark = pytest.mark.skipif(not kernel.AVAILABLE, reason="numba is not installed")


def sampler_for(corpus) -> WindowSampler:
    return WindowSampler(
        corpus.context_tokens, corpus.context_offsets, corpus.neg_cdf, window_size=3, num_negatives=5
    )


def config(**changes) -> TrainConfig:
    settings = dict(
        dim=8, window_size=3, num_negatives=5, iterations=1_000, batch_size=20, save_every=SAMPLE_BLOCK
    )
    settings.update(changes)
    return TrainConfig(**settings)


@pytest.mark.parametrize("per_update", [1, 5])
def test_the_pieces_done_one_after_the_other_are_the_exact_run(corpus, per_update):
    # With one worker the pieces run in order: the cutting into pieces, their update
    # bounds and the order of their losses must then give the exact (threads = 1) run.
    exact = config(iterations=SAMPLE_BLOCK, iterations_per_update=per_update)
    sampler = sampler_for(corpus)
    expected = train_word_vectors(sampler, corpus.num_words, exact, progress=False, engine="numba")
    center, outside = initial_vectors(corpus.num_words, exact)
    batch = sampler.sample(SAMPLE_BLOCK * exact.batch_size, block_rng(exact.seed, 0))
    with ThreadPoolExecutor(max_workers=1) as one_worker:
        losses = _kernel_span(
            batch,
            center,
            outside,
            SAMPLE_BLOCK,
            config(threads=2, iterations_per_update=per_update),
            exact.step,
            one_worker,
        )
    assert SAMPLE_BLOCK > HOGWILD_PIECE  # several pieces
    np.testing.assert_array_equal(center, expected.center_vectors)
    np.testing.assert_array_equal(outside, expected.outside_vectors)
    np.testing.assert_array_equal(losses.reshape(SAMPLE_BLOCK, -1).mean(axis=1), expected.costs)


def test_a_hogwild_run_lowers_the_cost(big_corpus):
    result = train_word_vectors(
        sampler_for(big_corpus), big_corpus.num_words, config(iterations=1_500, threads=2), progress=False
    )
    assert result.costs.shape == (1_500,)
    assert result.costs[-200:].mean() < 0.9 * result.costs[:50].mean()


def test_a_hogwild_run_trains_on_the_exact_runs_pairs_as_well_as_it(big_corpus):
    runs = [
        train_word_vectors(
            sampler_for(big_corpus), big_corpus.num_words, config(iterations=2_000, threads=t), progress=False
        )
        for t in (1, 2)
    ]
    assert runs[1].pairs == runs[0].pairs
    # The same windows and negatives, a slightly different interleaving of the updates.
    assert runs[1].costs[-500:].mean() == pytest.approx(runs[0].costs[-500:].mean(), rel=0.02)


def test_a_hogwild_run_resumes_an_exact_runs_checkpoint(corpus, tmp_path):
    train_word_vectors(
        sampler_for(corpus),
        corpus.num_words,
        config(),
        checkpoint_dir=tmp_path,
        stop_after=500,
        progress=False,
    )
    resumed = train_word_vectors(
        sampler_for(corpus),
        corpus.num_words,
        config(threads=2),
        checkpoint_dir=tmp_path,
        resume=True,
        progress=False,
    )
    assert resumed.start_iteration == 500 and load_checkpoint(tmp_path)[1] == 1_000


@pytest.mark.parametrize(
    "changes", [{"model": "cbow"}, {"loss": "naive_softmax"}], ids=["cbow", "naive_softmax"]
)
def test_threads_are_refused_where_the_kernel_does_not_train(changes):
    with pytest.raises(ValueError, match="threads = 1"):
        config(threads=2, **changes)


def test_threads_are_refused_with_the_numpy_engine(corpus):
    with pytest.raises(ValueError, match="threads = 1"):
        train_word_vectors(sampler_for(corpus), corpus.num_words, config(threads=2), engine="numpy")


@pytest.mark.parametrize("threads", [0, -1])
def test_threads_must_be_at_least_one(threads):
    with pytest.raises(ValueError, match="threads must be"):
        config(threads=threads)
