"""Sanity checks of the reference solutions, in the spirit of the handout's own.

Each check raises AssertionError when something is wrong and otherwise
returns one line saying what it checked.
"""
from __future__ import annotations

import io
import random
from collections.abc import Callable
from contextlib import redirect_stdout

import numpy as np

from datasets.dummy import DummyDataset
from solutions import (
    cbow,
    choose_best_model,
    forward_backward_prop,
    get_sentence_features,
    gradcheck_naive,
    naive_softmax_loss_and_gradient,
    neg_sampling_loss_and_gradient,
    normalize_rows,
    sgd,
    sigmoid,
    sigmoid_grad,
    skipgram,
    softmax,
    word2vec_sgd_wrapper,
)
from solutions.neural import param_count

__all__ = ["SANITY_CHECKS", "run_sanity_checks"]


def _quiet_gradcheck(f: Callable, x: np.ndarray) -> bool:
    with redirect_stdout(io.StringIO()):
        return gradcheck_naive(f, x)


def check_softmax() -> str:
    np.testing.assert_allclose(softmax(np.array([1001.0, 1002.0])), [0.26894142, 0.73105858], rtol=1e-6)
    np.testing.assert_allclose(softmax(np.array([[-1001.0, -1002.0]])), [[0.73105858, 0.26894142]], rtol=1e-6)
    np.testing.assert_allclose(softmax(np.array([1.0, 2.0])), softmax(np.array([101.0, 102.0])))
    return "softmax: [1001, 1002] -> [0.2689, 0.7311] without overflow; softmax(x) == softmax(x + c)"


def check_sigmoid() -> str:
    x = np.array([[1.0, 2.0], [-1.0, -2.0]])
    np.testing.assert_allclose(sigmoid(x), [[0.73105858, 0.88079708], [0.26894142, 0.11920292]], rtol=1e-6)
    np.testing.assert_allclose(sigmoid_grad(sigmoid(x)), [[0.19661193, 0.10499359]] * 2, rtol=1e-6)
    assert sigmoid(np.array([-1e4]))[0] == 0.0 and sigmoid(np.array([1e4]))[0] == 1.0
    return "sigmoid: handout values, s(1 - s) derivative, no overflow at +-1e4"


def check_gradcheck() -> str:
    assert _quiet_gradcheck(lambda x: (float(np.sum(x**2)), 2 * x), np.array(123.456))
    assert _quiet_gradcheck(lambda x: (float(np.sum(x**2)), 2 * x), np.random.randn(4, 5))
    assert not _quiet_gradcheck(lambda x: (float(np.sum(x**2)), 2.5 * x), np.random.randn(3))
    return "gradcheck_naive: accepts 2x for sum(x^2) (0-d and 4x5), rejects 2.5x"


def check_forward_backward_prop() -> str:
    dims = (10, 5, 10)
    X = np.random.randn(20, dims[0])
    labels = np.zeros((20, dims[2]))
    labels[np.arange(20), np.random.randint(0, dims[2], 20)] = 1
    params = np.random.randn(param_count(dims))
    assert _quiet_gradcheck(lambda p: forward_backward_prop(X, labels, p, dims), params)
    return f"forward_backward_prop: all {param_count(dims)} parameter gradients match centred differences"


def check_normalize_rows() -> str:
    out = normalize_rows(np.array([[3.0, 4.0], [1.0, 2.0]]))
    np.testing.assert_allclose(out, [[0.6, 0.8], [0.4472136, 0.89442719]], rtol=1e-6)
    return "normalize_rows: [[3, 4], [1, 2]] -> [[0.6, 0.8], [0.4472, 0.8944]]"


def check_word2vec() -> str:
    dataset = DummyDataset(5)
    vectors = normalize_rows(np.random.randn(10, 3))
    for model in (skipgram, cbow):
        for loss in (naive_softmax_loss_and_gradient, neg_sampling_loss_and_gradient):
            def f(vecs: np.ndarray, model=model, loss=loss) -> tuple[float, np.ndarray]:
                return word2vec_sgd_wrapper(model, dataset.word2ind, vecs, dataset, 5, loss)

            assert _quiet_gradcheck(f, vectors), f"{model.__name__} with {loss.__name__}"
    return "skipgram and cbow, each with naive softmax and negative sampling: gradients check"


def check_sgd() -> str:
    x = sgd(lambda x: (float(np.sum(x**2)), 2 * x), np.array([3.0, -4.0]), 0.1, 100, print_every=None)
    assert np.all(np.abs(x) < 1e-6)
    return "sgd: 100 steps of 0.1 on sum(x^2) from (3, -4) reach the minimum"


def check_sentiment_helpers() -> str:
    w2i = {"good": 0, "film": 1}
    features = get_sentence_features(w2i, np.array([[1.0, 0.0], [0.0, 1.0]]), ["good", "film"])
    np.testing.assert_allclose(features, [0.5, 0.5])
    best = choose_best_model([{"reg": 1, "dev": 30, "test": 40}, {"reg": 2, "dev": 35, "test": 20}])
    assert best["reg"] == 2
    return "get_sentence_features averages word vectors; choose_best_model picks by dev accuracy"


SANITY_CHECKS = (
    check_softmax,
    check_sigmoid,
    check_gradcheck,
    check_forward_backward_prop,
    check_normalize_rows,
    check_word2vec,
    check_sgd,
    check_sentiment_helpers,
)


def run_sanity_checks(seed: int = 224) -> list[str]:
    """Run every check from a fixed seed; returns their descriptions, raises on the first failure."""
    random.seed(seed)
    np.random.seed(seed)
    return [check() for check in SANITY_CHECKS]
