"""Checks of get_sentence_features, get_regularization_values, choose_best_model (question 4)."""

from __future__ import annotations

import math

import numpy as np

from autograder.checks.base import Results, Setup, check, hidden_seed, opaque
from autograder.feedback.compare import CheckFailed, compare_array, describe_value
from autograder.feedback.messages import message
from autograder.runtime.protocol import ItemOf

GSF = "get_sentence_features"
WORDS = ["the", "cat", "sat", "on", "mat", "good", "bad", "movie"]


def _vectors(rng: np.random.Generator, D: int) -> tuple[dict, np.ndarray]:
    return {w: i for i, w in enumerate(WORDS)}, rng.normal(size=(len(WORDS), D))


def _features_judge(r: Results, cases: list) -> None:
    for i, (word2ind, vectors, sentence) in cases:
        n = len(sentence)
        unique = sorted(set(sentence), key=sentence.index)
        alternatives = {}
        if len(unique) != n:
            alternatives[message("sentiment.repeated_once")] = vectors[[word2ind[w] for w in unique]].mean(
                axis=0
            )
        if r.hidden:
            what = message("sentiment.hidden_sentence")
        else:
            what = message("sentiment.sentence", sentence=sentence)
        compare_array(
            r.value(i),
            r.expected(i),
            what=what,
            hidden=r.hidden,
            alternatives=alternatives,
            factors={message("sentiment.factor_words"): float(n)},
        )


@check(GSF, "mean of the word vectors", 1.0)
def _(s: Setup):
    rng = np.random.default_rng(71)
    word2ind, vectors = _vectors(rng, 4)
    cases = []
    for sentence in (["the", "cat", "sat"], ["movie"], ["on", "the", "mat", "good"]):
        cases.append((s.call(word2ind, vectors, sentence), (word2ind, vectors, sentence)))
    return lambda r: _features_judge(r, cases)


@check(GSF, "repeated words count each time", 0.5)
def _(s: Setup):
    rng = np.random.default_rng(72)
    word2ind, vectors = _vectors(rng, 3)
    sentence = ["good", "good", "bad", "good"]
    cases = [(s.call(word2ind, vectors, sentence), (word2ind, vectors, sentence))]
    return lambda r: _features_judge(r, cases)


@check(GSF, "random sentences", 0.5, hidden=True)
def _(s: Setup):
    rng = np.random.default_rng(hidden_seed(12))
    word2ind, vectors = _vectors(rng, 6)
    cases = []
    for n in (1, 5, 12):
        sentence = [WORDS[int(j)] for j in rng.integers(0, len(WORDS), size=n)]
        cases.append((s.call(word2ind, vectors, sentence), (word2ind, vectors, sentence)))
    return lambda r: _features_judge(r, cases)


# --- get_regularization_values ----------------------------------------------------

GRV = "get_regularization_values"


def _values(r: Results, i: int) -> list[float]:
    value = r.value(i)
    if isinstance(value, np.ndarray) and value.ndim == 1:
        value = value.tolist()
    if not isinstance(value, (list, tuple)):
        raise CheckFailed(message("reg.not_list", function=GRV, got=describe_value(value)))
    out = []
    for v in value:
        if isinstance(v, np.ndarray) and v.shape == ():
            v = float(v)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            raise CheckFailed(message("reg.bad_item", function=GRV, got=describe_value(v)))
        out.append(float(v))
    return out


@check(GRV, "a sorted list of at least 5 non-negative numbers", 0.5)
def _(s: Setup):
    i = s.call()

    def judge(r: Results) -> None:
        values = _values(r, i)
        if len(values) < 5:
            raise CheckFailed(message("reg.too_few", function=GRV, n=len(values)))
        if any(v < 0 for v in values):
            raise CheckFailed(message("reg.negative", function=GRV))
        if values != sorted(values):
            raise CheckFailed(message("reg.unsorted", function=GRV))

    return judge


@check(GRV, "values span at least three orders of magnitude", 0.5)
def _(s: Setup):
    i = s.call()

    def judge(r: Results) -> None:
        values = _values(r, i)
        positive = [v for v in values if v > 0]
        if not positive or max(positive) / min(positive) < 1000:
            span = max(positive) / min(positive) if positive else 0
            raise CheckFailed(message("reg.narrow", function=GRV, span=f"{span:.3g}"))

    return judge


# --- choose_best_model ---------------------------------------------------------------

CBM = "choose_best_model"


def _results(rows: list[tuple[float, float, float, float]]) -> list[dict]:
    return [
        {"reg": reg, "clf": opaque(f"clf{k}"), "train": tr, "dev": dv, "test": te}
        for k, (reg, tr, dv, te) in enumerate(rows)
    ]


def _chosen(r: Results, i: int, rows: list) -> int:
    value = r.value(i)
    if isinstance(value, ItemOf):
        return value.index
    if isinstance(value, dict):
        for k, (reg, tr, dv, te) in enumerate(rows):
            if (value.get("reg"), value.get("train"), value.get("dev"), value.get("test")) == (
                reg,
                tr,
                dv,
                te,
            ):
                return k
    raise CheckFailed(message("best.not_a_row", function=CBM, got=describe_value(value)))


def _best_judge(rows: list, i: int):
    def judge(r: Results) -> None:
        k = _chosen(r, i, rows)
        best_dev = max(range(len(rows)), key=lambda j: rows[j][2])
        if k == best_dev:
            return
        by = ""
        if k == max(range(len(rows)), key=lambda j: rows[j][3]):
            by = message("best.by_test")
        elif k == max(range(len(rows)), key=lambda j: rows[j][1]):
            by = message("best.by_train")
        elif k == min(range(len(rows)), key=lambda j: rows[j][2]):
            by = message("best.lowest")
        raise CheckFailed(
            message(
                "best.chose",
                function=CBM,
                reg=rows[k][0],
                dev=rows[k][2],
                best_dev=rows[best_dev][2],
                best_reg=rows[best_dev][0],
                hint=by,
            )
        )

    return judge


@check(CBM, "picks the highest dev accuracy", 0.5)
def _(s: Setup):
    rows = [
        (1e-4, 30.1, 25.0, 24.0),
        (1e-2, 31.5, 27.5, 26.1),
        (1.0, 29.0, 28.75, 27.0),
        (10.0, 27.0, 26.0, 25.5),
    ]
    i = s.call(_results(rows), identify=0)
    return _best_judge(rows, i)


@check(CBM, "never chooses by test or train accuracy", 0.5)
def _(s: Setup):
    rows = [
        (1e-3, 45.0, 30.0, 29.0),
        (1e-1, 40.0, 33.5, 28.0),
        (1.0, 35.0, 31.0, 34.0),
        (1e2, 20.0, 19.0, 18.0),
    ]
    i = s.call(_results(rows), identify=0)
    return _best_judge(rows, i)
