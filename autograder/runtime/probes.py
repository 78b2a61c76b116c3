"""Grader-defined objects handed to student functions: datasets and callbacks.

They run next to the student's code (in the child process) and record what
they observe (how often they were called, with what) as plain data, which
goes back to the grader with the function's outputs. The grader builds the
very same objects in its own process to run the reference on identical
inputs, so both sides draw the same random numbers.

`gradcheck_value` is the exception: the functions handed to a gradient
checker are evaluated by the grader (see remote.py), never in the child,
so that their recipe (right or wrong) cannot be read from them.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np


class UniformDataset:
    """Uniform random words 0..V-1 drawn from Python's global `random`.

    The same draws as cs224n_datasets.dummy.DummyDataset (random.randint(0, V - 1)).
    """

    def __init__(self, num_words: int) -> None:
        self.ind2word = [chr(ord("a") + i) for i in range(num_words)]
        self.word2ind = {w: i for i, w in enumerate(self.ind2word)}

    def tokens(self) -> dict[str, int]:
        return dict(self.word2ind)

    def sample_token_idx(self) -> int:
        return random.randint(0, len(self.ind2word) - 1)

    # The 2017 starter code calls this name.
    sampleTokenIdx = sample_token_idx

    def get_random_context(self, C: int = 5) -> tuple[str, list[str]]:
        center = self.ind2word[self.sample_token_idx()]
        return center, [self.ind2word[self.sample_token_idx()] for _ in range(2 * C)]

    getRandomContext = get_random_context


class FixedDrawDataset(UniformDataset):
    """Returns a fixed sequence of word indices (cycling), to force repeated negatives."""

    def __init__(self, num_words: int, draws: list[int]) -> None:
        super().__init__(num_words)
        self._draws = [int(d) for d in draws]
        self._next = 0
        self.draw_count = 0

    def sample_token_idx(self) -> int:
        value = self._draws[self._next % len(self._draws)]
        self._next += 1
        self.draw_count += 1
        return value

    sampleTokenIdx = sample_token_idx


def make_dataset(spec: dict) -> UniformDataset:
    kind = spec.get("kind")
    if kind == "uniform":
        return UniformDataset(int(spec["V"]))
    if kind == "fixed":
        return FixedDrawDataset(int(spec["V"]), list(spec["draws"]))
    raise ValueError(f"unknown dataset kind {kind!r}")


class Opaque:
    """A stand-in for an object the function must pass through untouched (a classifier)."""

    def __init__(self, label: str) -> None:
        self.label = label

    def __repr__(self) -> str:
        return f"<classifier {self.label}>"


class Probe:
    """A callback with a log. Subclasses implement __call__."""

    def __init__(self, params: dict) -> None:
        self.params = params
        self.calls = 0
        self.notes: dict[str, Any] = {}

    def observations(self) -> dict:
        return {"calls": self.calls, **self.notes}


def _as_float_array(x: Any) -> np.ndarray:
    return np.array(x, dtype=np.float64)


def gradcheck_value(params: dict, x: Any, draws: list[float]) -> tuple[float, np.ndarray]:
    """f(x) -> (cost, grad) of a function for grading a gradient checker (evaluated by the grader).

    params:
        kind: "quadratic" (sum x^2), "curved" (sum sin(x) + exp(x/2)),
            "large" (scale * sum sin(x)), "random" (quadratic times 1 + the
            draws of the global RNGs named in "sources").
        scale: multiplies the cost (and so the gradient).
        wrong_index / wrong_delta: add wrong_delta to the gradient at that flat
            index (a wrong gradient in one coordinate).
        wrong_factor: multiply the whole gradient by this.
    draws: [random.random(), np.random.rand()] drawn where f was called.
    """
    x = _as_float_array(x)
    p = params
    kind = p.get("kind", "quadratic")
    scale = float(p.get("scale", 1.0))
    if kind == "quadratic":
        cost, grad = np.sum(x**2), 2.0 * x
    elif kind == "curved":
        cost, grad = np.sum(np.sin(x) + np.exp(0.5 * x)), np.cos(x) + 0.5 * np.exp(0.5 * x)
    elif kind == "large":
        cost, grad = np.sum(np.sin(x)), np.cos(x)
    elif kind == "random":
        factor = 1.0
        if "python" in p.get("sources", []):
            factor += float(draws[0])
        if "numpy" in p.get("sources", []):
            factor += float(draws[1])
        cost, grad = factor * np.sum(x**2), factor * 2.0 * x
    else:
        raise ValueError(f"unknown gradcheck function {kind!r}")
    grad = scale * grad
    if "wrong_factor" in p:
        grad = grad * float(p["wrong_factor"])
    if "wrong_index" in p:
        grad = grad.copy()
        grad.reshape(-1)[int(p["wrong_index"])] += float(p["wrong_delta"])
    return float(scale * cost), np.array(grad, dtype=np.float64)  # 0-d stays an array


class SgdFunction(Probe):
    """f(x) -> (cost, grad) for grading sgd.

    params:
        kind: "linear" (cost g.x, constant gradient g) or "quadratic"
            (0.5 sum a (x - t)^2, gradient a (x - t)).
        g / a / t: arrays (as nested lists).
    """

    def __call__(self, x: Any) -> tuple[float, np.ndarray]:
        self.calls += 1
        x = _as_float_array(x)
        p = self.params
        if p["kind"] == "linear":
            g = _as_float_array(p["g"])
            return float(np.sum(g * x)), g.copy()
        a = _as_float_array(p["a"])
        t = _as_float_array(p["t"])
        return float(0.5 * np.sum(a * (x - t) ** 2)), a * (x - t)


class Postprocess(Probe):
    """postprocessing(x) for sgd: returns a NEW array (the result must be used).

    params: kind "shrink" (x * factor) or "clip" (clip to [-bound, bound]).
    """

    def __call__(self, x: Any) -> np.ndarray:
        self.calls += 1
        x = _as_float_array(x)
        if self.params["kind"] == "shrink":
            return x * float(self.params["factor"])
        bound = float(self.params["bound"])
        return np.clip(x, -bound, bound)


class RecordingLoss(Probe):
    """A word2vec loss that delegates to a reference loss and records its calls."""

    def __init__(self, params: dict, inner: Any) -> None:
        super().__init__(params)
        self.inner = inner
        self.notes["outside_indices"] = []

    def __call__(
        self, center_word_vec: Any, outside_word_idx: Any, outside_vectors: Any, dataset: Any, *rest: Any
    ) -> Any:
        self.calls += 1
        if len(self.notes["outside_indices"]) < 200:
            try:
                self.notes["outside_indices"].append(int(outside_word_idx))
            except (TypeError, ValueError):
                self.notes["outside_indices"].append(-1)
        return self.inner(center_word_vec, outside_word_idx, outside_vectors, dataset, *rest)


PROBES = {
    "sgd": SgdFunction,
    "postprocess": Postprocess,
}
