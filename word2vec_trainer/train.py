"""Training word vectors: the assignment's SGD, compiled or vectorised.

Two engines do the same updates (to round-off): for skip-gram with negative
sampling a compiled kernel (`word2vec_trainer.kernel`, Numba) runs all updates of a
block of 500 iterations in one call, so a run is about 80 calls whatever the
per-call cost of the machine; every other model/loss, or a machine without
numba, uses the NumPy step of `word2vec_trainer.minibatch` (about 20 NumPy calls an
update).

The run is the assignment's: `iterations` iterations of `batch_size` windows,
step halved every 20,000 iterations, centre vectors initialised uniform in
[-0.5, 0.5) / D and outside vectors at zero, the smoothed cost an exponential
moving average (0.95 / 0.05) of the iteration costs.

What "faithful minibatch" means here
------------------------------------
With `iterations_per_update = 1` every iteration is exactly the assignment's:
the gradient of its batch_size windows at the current parameters, then
`x -= step * mean gradient` (tests/trainer check this against the reference
to round-off).  With `iterations_per_update = n > 1` the gradients of n
consecutive iterations (n * batch_size windows, each still drawn as the
assignment draws them) are all taken at the parameters of the first of them and
applied together, each with its own step: the same windows, the same step per
iteration, a larger effective minibatch.  It trades a little staleness for
far fewer NumPy calls in the NumPy engine; the compiled kernel gains nothing
from it, so the default is n = 1, the assignment's SGD exactly.

The staleness has a limit: a frequent word receives the gradients of every
window of the n iterations in one go, with no chance for its sigmoid to
saturate in between. On the treebank (V = 19,538) n = 50 trains as well as
n = 1; on a Zipf-distributed vocabulary of a few hundred words n = 10 already
oscillates and n = 25 diverges; n = 5 is stable on both. A run that blows up
stops with an error that says to use n = 1.

One thread for the updates
--------------------------
The updates run on one thread and the sampling on a second. Two threads on the
updates were measured and did not pay (README, "Benchmark"): Hogwild (two
threads writing the shared matrices without locks, as word2vec.c and gensim
do) was faster in float64, slower in float32 and not reproducible; exact
splits of each update (pairs or rows of U shared out, the threads meeting twice
an update) were slower than one thread: many rows an update reads were written
by the other core since this core last read them, and they move between the caches.

Randomness: block b of `SAMPLE_BLOCK` iterations draws its windows and
negatives from its own generator, seeded by (seed, b).  A resumed run therefore
draws exactly what the uninterrupted run would have, without saving any RNG
state, and the next block can be sampled on a second thread while this one
trains.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from tqdm.auto import tqdm

from word2vec_trainer import kernel
from word2vec_trainer.minibatch import LOSSES, MODELS, sgd_step
from word2vec_trainer.sampling import WindowBatch, WindowSampler

__all__ = [
    "TrainConfig",
    "TrainResult",
    "train_word_vectors",
    "initial_vectors",
    "load_checkpoint",
    "save_checkpoint",
    "default_output_dir",
    "SAMPLE_BLOCK",
    "block_rng",
]

SAMPLE_BLOCK = 500  # iterations sampled at once (divides the checkpoint and anneal periods)
ANNEAL_EVERY = 20_000
ENGINES = ("auto", "numba", "numpy")
DIVERGED = 10.0  # a smoothed cost this many times the first iteration's means the run blew up
_CHECKPOINT = re.compile(r"^word2vec_(\d+)\.npz$")


def default_output_dir() -> Path:
    """outputs/ at the root of the repository."""
    return Path(__file__).resolve().parent.parent / "outputs"


@dataclass(frozen=True)
class TrainConfig:
    """Settings of a training run; the defaults are the assignment's.

    Attributes:
        model: "skipgram" or "cbow".
        loss: "neg_sampling" or "naive_softmax".
        dim: D, the vector dimension.
        window_size: C, the largest window half-width.
        num_negatives: K.
        step: the initial SGD step.
        iterations: number of iterations.
        batch_size: windows per iteration.
        iterations_per_update: iterations whose gradients are taken at the same
            parameters (1 = the assignment's SGD exactly; see the module doc).
        dtype: "float64" or "float32".
        seed: seeds the initial vectors and every sampling block.
        save_every: iterations between checkpoints.
    """

    model: str = "skipgram"
    loss: str = "neg_sampling"
    dim: int = 10
    window_size: int = 5
    num_negatives: int = 10
    step: float = 0.3
    iterations: int = 40_000
    batch_size: int = 50
    iterations_per_update: int = 1
    dtype: str = "float64"
    seed: int = 31415
    save_every: int = 5_000

    def __post_init__(self) -> None:
        if self.model not in MODELS:
            raise ValueError(f"model must be one of {MODELS}; got {self.model!r}")
        if self.loss not in LOSSES:
            raise ValueError(f"loss must be one of {LOSSES}; got {self.loss!r}")
        if self.dtype not in ("float64", "float32"):
            raise ValueError(f"dtype must be float64 or float32; got {self.dtype!r}")
        if self.iterations_per_update < 1 or SAMPLE_BLOCK % self.iterations_per_update:
            raise ValueError(
                f"iterations_per_update must divide {SAMPLE_BLOCK}; got {self.iterations_per_update}"
            )
        if self.save_every % SAMPLE_BLOCK:
            raise ValueError(f"save_every must be a multiple of {SAMPLE_BLOCK}; got {self.save_every}")

    def resumable_with(self, other: TrainConfig) -> bool:
        """Whether a checkpoint of `other` can continue as this run (only iterations may differ)."""
        mine, theirs = asdict(self), asdict(other)
        mine.pop("iterations"), theirs.pop("iterations")
        return mine == theirs


@dataclass
class TrainResult:
    """What a run leaves: the vectors and the cost curve.

    Attributes:
        center_vectors: (V, D), v_w.
        outside_vectors: (V, D), U.
        costs: (iterations,), each iteration's mean window loss.
        smoothed_cost: the final smoothed cost.
        seconds: wall time of the training loop (sampling included).
        pairs: centre/outside pairs trained on in this call.
        start_iteration: where this call started (non-zero when resumed).
    """

    center_vectors: np.ndarray
    outside_vectors: np.ndarray
    costs: np.ndarray
    smoothed_cost: float
    seconds: float = 0.0
    pairs: int = 0
    start_iteration: int = 0
    config: TrainConfig = field(default_factory=TrainConfig)

    @property
    def word_vectors(self) -> np.ndarray:
        """(V, 2D): centre and outside vectors side by side (the sentiment features' vectors)."""
        return np.concatenate([self.center_vectors, self.outside_vectors], axis=1)


def initial_vectors(num_words: int, config: TrainConfig) -> tuple[np.ndarray, np.ndarray]:
    """The assignment's start: v_w uniform in [-0.5, 0.5) / D, u_w = 0. Each (V, D)."""
    rng = np.random.default_rng(np.random.SeedSequence(config.seed, spawn_key=(0,)))
    center = ((rng.random((num_words, config.dim)) - 0.5) / config.dim).astype(config.dtype)
    return center, np.zeros((num_words, config.dim), dtype=config.dtype)


def block_rng(seed: int, block: int) -> np.random.Generator:
    """The generator of sampling block `block` (iterations block * SAMPLE_BLOCK onwards)."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(1, block)))


def train_word_vectors(
    sampler: WindowSampler,
    num_words: int,
    config: TrainConfig = TrainConfig(),
    *,
    checkpoint_dir: str | os.PathLike | None = None,
    resume: bool = False,
    progress: bool = True,
    stop_after: int | None = None,
    engine: str = "auto",
) -> TrainResult:
    """Train word vectors with the assignment's SGD, vectorised.

    Args:
        sampler: draws the windows (its model / window / K must match config).
        num_words: V.
        config: the run's settings.
        checkpoint_dir: where to save a checkpoint every config.save_every
            iterations and at the end (None: no checkpoints).
        resume: continue from the newest checkpoint in checkpoint_dir.
        progress: show a tqdm progress bar with the smoothed cost.
        stop_after: stop early after this iteration (a multiple of
            SAMPLE_BLOCK), as an interrupted run would; for tests and demos.
        engine: "auto" (the compiled kernel for skip-gram with negative
            sampling when numba is installed, else NumPy), "numba" or "numpy".
            Both do the same updates, to round-off.

    Returns:
        The vectors and costs (costs of resumed iterations come from the checkpoint).
    """
    use_kernel = _use_kernel(engine, config)
    if (sampler.model, sampler.window_size) != (config.model, config.window_size):
        raise ValueError("the sampler's model and window size must match the config")
    if config.loss == "neg_sampling" and sampler.num_negatives != config.num_negatives:
        raise ValueError("the sampler's number of negatives must match the config")
    if config.loss == "neg_sampling" and getattr(sampler, "negative_table", True) is None:
        raise ValueError("negative sampling needs a sampler made with negatives (a neg_cdf)")
    start = 0
    center, outside = initial_vectors(num_words, config)
    costs = np.zeros(config.iterations)
    smoothed: float | None = None
    if resume and checkpoint_dir is not None:
        found = load_checkpoint(checkpoint_dir)
        if found is not None:
            saved_config, start, center, outside, saved_costs, smoothed = found
            if not config.resumable_with(saved_config):
                raise ValueError(
                    f"the checkpoint in {checkpoint_dir} was made with other settings "
                    f"({saved_config}); remove it or train with those settings"
                )
            start = min(start, config.iterations)
            costs[:start] = saved_costs[:start]
    end = config.iterations if stop_after is None else min(stop_after, config.iterations)

    step = config.step * 0.5 ** (start // ANNEAL_EVERY)
    per_update = config.iterations_per_update
    pairs = 0
    first_cost = None if start == 0 else float(costs[0])
    bar = tqdm(
        total=config.iterations,
        initial=start,
        disable=not progress,
        desc="word2vec",
        unit="it",
        mininterval=0.5,
        smoothing=0.1,
    )
    if use_kernel:
        kernel.warm_up(config.dtype)  # compiled (or loaded from its cache) before the clock starts
    began = time.perf_counter()
    # Sampling is independent of the parameters: the next block is drawn on a
    # second thread while this one trains (NumPy and the compiled kernel release the GIL).
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:

            def draw(block: int):
                # Always a whole block, so that a shorter run is a prefix of a longer one.
                return sampler.sample(SAMPLE_BLOCK * config.batch_size, block_rng(config.seed, block))

            block = start // SAMPLE_BLOCK
            pending = pool.submit(draw, block) if start < end else None
            iteration = start
            while pending is not None:
                batch: WindowBatch = pending.result()
                first = block * SAMPLE_BLOCK
                block_end = min(first + SAMPLE_BLOCK, end)
                pending = pool.submit(draw, block + 1) if block_end < end else None
                # Updates of per_update iterations; the kernel does all of the block's in one call.
                spans = [(iteration, block_end)] if use_kernel else _spans(iteration, block_end, per_update)
                for at, upto in spans:
                    chunk = batch.slice((at - first) * config.batch_size, (upto - first) * config.batch_size)
                    if use_kernel:
                        window_losses = _kernel_span(chunk, center, outside, upto - at, config, step)
                    else:
                        window_losses = sgd_step(center, outside, chunk, step, config.batch_size, config.loss)
                    pairs += chunk.num_pairs
                    chunk_costs = window_losses.reshape(upto - at, config.batch_size).mean(axis=1)
                    costs[at:upto] = chunk_costs
                    if first_cost is None:
                        first_cost = float(chunk_costs[0])
                    smoothed = _smooth(smoothed, chunk_costs, at, first_cost, per_update)
                    bar.update(upto - at)
                    if upto % ANNEAL_EVERY == 0:
                        step *= 0.5
                    if use_kernel or upto % 100 < per_update:
                        bar.set_postfix_str(f"smoothed cost {smoothed:.3f}", refresh=False)
                    if checkpoint_dir is not None and upto % config.save_every == 0:
                        save_checkpoint(checkpoint_dir, config, upto, center, outside, costs, smoothed)
                iteration = block_end
                block += 1
    finally:
        bar.close()
    seconds = time.perf_counter() - began
    if checkpoint_dir is not None and smoothed is not None and end > start and end % config.save_every:
        # The last state too, so that a longer run can continue from it.
        save_checkpoint(checkpoint_dir, config, end, center, outside, costs, smoothed)
    return TrainResult(
        center_vectors=center,
        outside_vectors=outside,
        costs=costs[:end],
        smoothed_cost=float(smoothed) if smoothed is not None else float("nan"),
        seconds=seconds,
        pairs=pairs,
        start_iteration=start,
        config=config,
    )


def _use_kernel(engine: str, config: TrainConfig) -> bool:
    """Whether the compiled kernel trains this run (skip-gram with negative sampling, numba present)."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}; got {engine!r}")
    fits = config.model == "skipgram" and config.loss == "neg_sampling"
    if engine == "numba" and not (fits and kernel.AVAILABLE):
        raise ValueError(
            "the compiled kernel needs numba and trains skip-gram with negative sampling only; "
            "use engine='numpy'"
        )
    return engine != "numpy" and fits and kernel.AVAILABLE


def _kernel_span(
    chunk: WindowBatch,
    center: np.ndarray,
    outside: np.ndarray,
    iterations: int,
    config: TrainConfig,
    step: float,
) -> np.ndarray:
    """Train `iterations` iterations on chunk's windows in one kernel call, the updates one
    after the other; their window losses (W,)."""
    per_update, size = config.iterations_per_update, config.batch_size
    # Skip-gram with negatives: the sampler filled both.
    assert chunk.pair_centers is not None and chunk.prediction_rows is not None
    bounds = np.minimum(np.arange(0, iterations + per_update, per_update), iterations) * size
    return kernel.skipgram_neg_sampling_block(
        center,
        outside,
        chunk.pair_centers,
        chunk.prediction_rows,
        chunk.indptr,
        bounds,
        -float(step) / size,
    )


def _spans(start: int, stop: int, per_update: int) -> list[tuple[int, int]]:
    """[(at, upto), ...]: the updates of per_update iterations between start and stop."""
    return [(at, min(at + per_update, stop)) for at in range(start, stop, per_update)]


def _smooth(
    smoothed: float | None, chunk_costs: np.ndarray, at: int, first_cost: float, per_update: int
) -> float:
    """The moving average (0.95 / 0.05) after chunk_costs; raises if the run blew up."""
    for offset, cost in enumerate(chunk_costs):
        # A moving average: one minibatch's cost is noisy (as in sgd).
        smoothed = cost if smoothed is None else 0.95 * smoothed + 0.05 * cost
        if not np.isfinite(smoothed) or smoothed > DIVERGED * first_cost:
            raise RuntimeError(
                f"training diverged: the smoothed cost reached {smoothed:.4g} at iteration {at + offset + 1} "
                f"(it started at {first_cost:.4g}). With iterations_per_update = {per_update} the "
                "gradients of that many iterations are applied at once, which a small vocabulary "
                "cannot take; train with iterations_per_update = 1 (the assignment's SGD exactly) "
                "or a smaller step."
            )
    assert smoothed is not None, "chunk_costs is never empty"
    return float(smoothed)


def save_checkpoint(
    directory: str | os.PathLike,
    config: TrainConfig,
    iteration: int,
    center: np.ndarray,
    outside: np.ndarray,
    costs: np.ndarray,
    smoothed: float,
) -> Path:
    """Write word2vec_{iteration}.npz (plain arrays, no pickle), atomically."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"word2vec_{iteration}.npz"
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        np.savez(
            handle,
            config=np.array(json.dumps(asdict(config))),
            iteration=np.int64(iteration),
            center=center,
            outside=outside,
            costs=costs[:iteration],
            smoothed=np.float64(smoothed),
        )
    # Renamed into place: an interrupted run never leaves a half-written newest file.
    os.replace(tmp, target)
    return target


def load_checkpoint(
    directory: str | os.PathLike,
) -> tuple[TrainConfig, int, np.ndarray, np.ndarray, np.ndarray, float] | None:
    """The newest checkpoint: (config, iteration, center, outside, costs, smoothed), or None."""
    folder = Path(directory)
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = _CHECKPOINT.match(path.name)
            if match:
                found.append((int(match.group(1)), path))
    if not found:
        return None
    _, path = max(found)
    with np.load(path, allow_pickle=False) as data:
        settings = json.loads(str(data["config"]))
        # Checkpoints from before the Hogwild option was removed name their thread count;
        # the vectors and the iteration are all that resuming needs of that run.
        settings.pop("threads", None)
        config = TrainConfig(**settings)
        return (
            config,
            int(data["iteration"]),
            data["center"].copy(),
            data["outside"].copy(),
            data["costs"].copy(),
            float(data["smoothed"]),
        )
