"""Training runs: the loss falls, checkpoints resume exactly, exact mode is the reference SGD."""

from __future__ import annotations

import json

import numpy as np
import pytest

from word2vec_trainer import kernel
from word2vec_trainer.reference_loop import reference_iteration
from word2vec_trainer.sampling import WindowSampler
from word2vec_trainer.train import (
    SAMPLE_BLOCK,
    TrainConfig,
    block_rng,
    initial_vectors,
    load_checkpoint,
    train_word_vectors,
)

needs_numba = pytest.mark.skipif(not kernel.AVAILABLE, reason="numba is not installed")


def sampler_for(corpus, model="skipgram", loss="neg_sampling"):
    return WindowSampler(
        corpus.context_tokens,
        corpus.context_offsets,
        corpus.neg_cdf if loss == "neg_sampling" else None,
        model=model,
        window_size=3,
        num_negatives=5,
    )


def config(**changes) -> TrainConfig:
    settings = dict(
        dim=8, window_size=3, num_negatives=5, iterations=1_000, batch_size=20, save_every=SAMPLE_BLOCK
    )
    settings.update(changes)
    return TrainConfig(**settings)


@pytest.mark.parametrize("loss", ["neg_sampling", "naive_softmax"])
@pytest.mark.parametrize("model", ["skipgram", "cbow"])
def test_a_short_run_lowers_the_cost(big_corpus, model, loss):
    cfg = config(model=model, loss=loss, iterations=1_500, step=0.3 if loss == "neg_sampling" else 0.5)
    result = train_word_vectors(
        sampler_for(big_corpus, model, loss), big_corpus.num_words, cfg, progress=False
    )
    assert result.costs.shape == (1_500,)
    assert result.costs[-200:].mean() < 0.9 * result.costs[:50].mean()


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_vectors_have_the_chosen_dtype(corpus, dtype):
    result = train_word_vectors(
        sampler_for(corpus), corpus.num_words, config(dtype=dtype, iterations=500), progress=False
    )
    assert result.center_vectors.dtype == np.dtype(dtype) and result.outside_vectors.dtype == np.dtype(dtype)


@pytest.mark.parametrize("engine", ["numpy", pytest.param("numba", marks=needs_numba)])
def test_exact_mode_is_the_reference_sgd_iteration_by_iteration(corpus, engine):
    cfg = config(iterations=40, iterations_per_update=1)
    sampler = sampler_for(corpus)
    result = train_word_vectors(sampler, corpus.num_words, cfg, progress=False, engine=engine)
    center, outside = initial_vectors(corpus.num_words, cfg)
    batch = sampler.sample(SAMPLE_BLOCK * cfg.batch_size, block_rng(cfg.seed, 0))  # the run's first block
    reference_costs = [
        reference_iteration(
            center, outside, batch.slice(i * cfg.batch_size, (i + 1) * cfg.batch_size), cfg.step
        )
        for i in range(cfg.iterations)
    ]
    np.testing.assert_allclose(result.center_vectors, center, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(result.outside_vectors, outside, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(result.costs, reference_costs, rtol=1e-10)


@needs_numba
@pytest.mark.parametrize("per_update", [1, 5])
def test_the_kernel_and_numpy_runs_agree(corpus, per_update):
    cfg = config(iterations=1_000, iterations_per_update=per_update)
    runs = [
        train_word_vectors(sampler_for(corpus), corpus.num_words, cfg, progress=False, engine=engine)
        for engine in ("numpy", "numba")
    ]
    np.testing.assert_allclose(runs[1].center_vectors, runs[0].center_vectors, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(runs[1].outside_vectors, runs[0].outside_vectors, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(runs[1].costs, runs[0].costs, rtol=1e-9)
    assert runs[1].pairs == runs[0].pairs


def test_negative_sampling_without_negatives_is_refused(corpus):
    sampler = sampler_for(corpus, loss="naive_softmax")  # drawn without negatives
    with pytest.raises(ValueError, match="needs a sampler made with negatives"):
        train_word_vectors(sampler, corpus.num_words, config(), progress=False)


def test_the_kernel_is_refused_for_cbow():
    cfg = config(model="cbow")
    with pytest.raises(ValueError, match="engine='numpy'"):
        train_word_vectors(None, 10, cfg, engine="numba")


def test_the_step_halves_every_20000_iterations_with_numpy(corpus, monkeypatch):
    steps = []
    import word2vec_trainer.train as train_module

    def recording_step(center, outside, batch, step, batch_size, loss):
        steps.append(step)
        return np.zeros(batch.num_windows)

    monkeypatch.setattr(train_module, "sgd_step", recording_step)
    train_word_vectors(
        sampler_for(corpus),
        corpus.num_words,
        config(iterations=41_000, batch_size=1, iterations_per_update=500, save_every=5_000),
        progress=False,
        engine="numpy",
    )
    assert steps[0] == 0.3 and steps[39] == 0.3 and steps[40] == 0.15 and steps[80] == 0.075


@needs_numba
def test_the_step_halves_every_20000_iterations_with_the_kernel(corpus, monkeypatch):
    scales = []

    def recording_block(center, outside, pair_centers, rows, indptr, update_windows, scale):
        scales.append(scale)
        return np.zeros(indptr.size - 1)

    monkeypatch.setattr(kernel, "skipgram_neg_sampling_block", recording_block)
    train_word_vectors(
        sampler_for(corpus),
        corpus.num_words,
        config(iterations=41_000, batch_size=1, iterations_per_update=500, save_every=5_000),
        progress=False,
        engine="numba",
    )
    assert scales[0] == -0.3 and scales[39] == -0.3 and scales[40] == -0.15 and scales[80] == -0.075


def test_resuming_from_a_checkpoint_equals_an_uninterrupted_run(corpus, tmp_path):
    cfg = config(iterations=1_500)
    whole = train_word_vectors(sampler_for(corpus), corpus.num_words, cfg, progress=False)
    train_word_vectors(
        sampler_for(corpus), corpus.num_words, cfg, checkpoint_dir=tmp_path, progress=False, stop_after=1_000
    )
    assert load_checkpoint(tmp_path)[1] == 1_000
    resumed = train_word_vectors(
        sampler_for(corpus), corpus.num_words, cfg, checkpoint_dir=tmp_path, resume=True, progress=False
    )
    assert resumed.start_iteration == 1_000
    np.testing.assert_array_equal(resumed.center_vectors, whole.center_vectors)
    np.testing.assert_array_equal(resumed.outside_vectors, whole.outside_vectors)
    np.testing.assert_array_equal(resumed.costs, whole.costs)
    assert resumed.smoothed_cost == whole.smoothed_cost


def test_a_checkpoint_that_names_threads_still_resumes(corpus, tmp_path):
    # Checkpoints written while the trainer had a Hogwild option carry "threads" in their config.
    cfg = config(iterations=1_000)
    train_word_vectors(
        sampler_for(corpus), corpus.num_words, cfg, checkpoint_dir=tmp_path, progress=False, stop_after=500
    )
    path = tmp_path / "word2vec_500.npz"
    with np.load(path) as data:
        saved = {name: data[name] for name in data.files}
    settings = json.loads(str(saved["config"]))
    saved["config"] = np.array(json.dumps({**settings, "threads": 2}))
    np.savez(path, **saved)
    assert load_checkpoint(tmp_path)[0] == cfg
    resumed = train_word_vectors(
        sampler_for(corpus), corpus.num_words, cfg, checkpoint_dir=tmp_path, resume=True, progress=False
    )
    assert resumed.start_iteration == 500


def test_resuming_with_other_settings_is_refused(corpus, tmp_path):
    train_word_vectors(
        sampler_for(corpus), corpus.num_words, config(), checkpoint_dir=tmp_path, progress=False
    )
    with pytest.raises(ValueError, match="other settings"):
        train_word_vectors(
            sampler_for(corpus),
            corpus.num_words,
            config(step=0.1),
            checkpoint_dir=tmp_path,
            resume=True,
            progress=False,
        )


def test_checkpoints_are_written_every_save_every_iterations_and_at_the_end(corpus, tmp_path):
    cfg = config(iterations=1_700, save_every=1_000)
    train_word_vectors(sampler_for(corpus), corpus.num_words, cfg, checkpoint_dir=tmp_path, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["word2vec_1000.npz", "word2vec_1700.npz"]


def test_iterations_per_update_must_divide_the_sampling_block():
    with pytest.raises(ValueError, match="divide"):
        TrainConfig(iterations_per_update=3)


def test_a_diverging_run_stops_with_advice(big_corpus):
    # 50 iterations per update on a 200-word vocabulary blows up (see word2vec_trainer.train's doc).
    cfg = config(iterations=2_000, batch_size=50, iterations_per_update=50)
    with pytest.raises(RuntimeError, match="iterations_per_update = 1"):
        train_word_vectors(sampler_for(big_corpus), big_corpus.num_words, cfg, progress=False)


@needs_numba
def test_a_kernel_that_cannot_be_cached_still_compiles():
    # A read-only checkout (a sandbox) has no cache folder; a function without a
    # source file has none either: the kernel is then compiled without the cache.
    namespace: dict = {}
    exec("def add_one(x):\n    return x + 1\n", namespace)
    assert kernel._compile(namespace["add_one"])(1) == 2
