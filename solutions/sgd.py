"""Stochastic gradient descent with step annealing and resumable checkpoints."""

from __future__ import annotations

import os
import random
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

__all__ = [
    "sgd",
    "save_params",
    "load_saved_params",
    "checkpoint_dir",
    "ANNEAL_EVERY",
    "SAVE_PARAMS_EVERY",
]

ANNEAL_EVERY = 20_000  # the step halves after every this many iterations
SAVE_PARAMS_EVERY = 5_000
_CHECKPOINT = re.compile(r"^saved_params_(\d+)\.npz$")


def checkpoint_dir(directory: str | os.PathLike | None = None) -> Path:
    """Where checkpoints go: `directory`, else $CS224N_CHECKPOINT_DIR, else outputs/checkpoints."""
    if directory is not None:
        return Path(directory)
    env = os.environ.get("CS224N_CHECKPOINT_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "outputs" / "checkpoints"


def save_params(iteration: int, params: np.ndarray, directory: str | os.PathLike | None = None) -> Path:
    """Save params and both global RNG states as saved_params_{iteration}.npz.

    Plain arrays only (no pickle), written to a temporary file and renamed, so
    an interrupted run never leaves a half-written newest checkpoint.
    """
    folder = checkpoint_dir(directory)
    folder.mkdir(parents=True, exist_ok=True)
    version, py_internal, gauss_next = random.getstate()
    kind, keys, pos, has_gauss, cached_gaussian = np.random.get_state()
    arrays: dict[str, np.ndarray | np.generic] = {
        "params": np.asarray(params, dtype=np.float64),
        "iteration": np.int64(iteration),
        "py_version": np.int64(version),
        "py_internal": np.asarray(py_internal, dtype=np.uint64),
        "py_gauss_next": np.float64(np.nan if gauss_next is None else gauss_next),
        "np_keys": np.asarray(keys, dtype=np.uint32),
        "np_pos": np.int64(pos),
        "np_has_gauss": np.int64(has_gauss),
        "np_cached_gaussian": np.float64(cached_gaussian),
    }
    target = folder / f"saved_params_{iteration}.npz"
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)
    os.replace(tmp, target)
    return target


def load_saved_params(
    directory: str | os.PathLike | None = None,
) -> tuple[int, np.ndarray | None, dict | None]:
    """The newest checkpoint: (iteration, params, rng_states), or (0, None, None).

    rng_states holds "python" (for random.setstate) and "numpy" (for
    np.random.set_state).
    """
    folder = checkpoint_dir(directory)
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = _CHECKPOINT.match(path.name)
            if match:
                found.append((int(match.group(1)), path))
    if not found:
        return 0, None, None
    iteration, path = max(found)
    with np.load(path, allow_pickle=False) as data:
        gauss = float(data["py_gauss_next"])
        states = {
            "python": (
                int(data["py_version"]),
                tuple(int(v) for v in data["py_internal"]),
                None if np.isnan(gauss) else gauss,
            ),
            "numpy": (
                "MT19937",
                data["np_keys"].copy(),
                int(data["np_pos"]),
                int(data["np_has_gauss"]),
                float(data["np_cached_gaussian"]),
            ),
        }
        return iteration, data["params"].copy(), states


def sgd(
    f: Callable[[np.ndarray], tuple[float, np.ndarray]],
    x0: np.ndarray,
    step: float,
    iterations: int,
    postprocessing: Callable[[np.ndarray], np.ndarray] | None = None,
    use_saved: bool = False,
    print_every: int | None = 10,
    *,
    checkpoint_directory: str | os.PathLike | None = None,
    save_every: int = SAVE_PARAMS_EVERY,
) -> np.ndarray:
    """Plain stochastic gradient descent.

    Each iteration:  x <- postprocessing(x - step * grad f(x)).
    The step halves after every ANNEAL_EVERY (20,000) iterations.

    Args:
        f: x -> (cost, grad), grad of x's shape.
        x0: initial point, any shape. Not modified.
        step: initial step size.
        iterations: run until this iteration number (resumed runs count the
            iterations done before).
        postprocessing: applied to x after every update, its result is used
            (e.g. normalize_rows).
        use_saved: resume from the newest checkpoint (parameters, both RNG
            states, and the step annealed as it was), and save a checkpoint
            every save_every iterations.
        print_every: print the smoothed cost every this many iterations
            (None or 0: never).
        checkpoint_directory: where checkpoints live (see checkpoint_dir).
        save_every: iterations between checkpoints.

    Returns:
        The final x.
    """
    start = 0
    x = np.array(x0, dtype=np.float64)
    if use_saved:
        start, saved, states = load_saved_params(checkpoint_directory)
        if saved is not None and states is not None:  # a checkpoint was found (start > 0)
            x = saved
            # Integer division: halvings happen only at multiples of ANNEAL_EVERY.
            step *= 0.5 ** (start // ANNEAL_EVERY)
            random.setstate(states["python"])
            np.random.set_state(states["numpy"])
    if postprocessing is None:
        postprocessing = _identity

    smoothed = None
    for iteration in range(start + 1, iterations + 1):
        cost, grad = f(x)
        x = postprocessing(x - step * grad)
        # An exponential moving average: single minibatch costs are noisy.
        smoothed = cost if smoothed is None else 0.95 * smoothed + 0.05 * cost
        if print_every and iteration % print_every == 0:
            print(f"iter {iteration}: {smoothed:.6f}")
        if use_saved and iteration % save_every == 0:
            save_params(iteration, x, checkpoint_directory)
        if iteration % ANNEAL_EVERY == 0:
            step *= 0.5
    return x


def _identity(x: np.ndarray) -> np.ndarray:
    return x
