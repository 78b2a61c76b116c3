"""Checks of normalize_rows, the two word2vec losses, skipgram and cbow (question 3)."""

from __future__ import annotations

import random

import numpy as np

from autograder.checks.base import (
    Results,
    Setup,
    check,
    dataset,
    fixed_dataset,
    hidden_seed,
    recording_loss,
    reference,
)
from autograder.checks.helpers import (
    NUMERIC_STEP,
    consistent_gradient,
    function_of,
    numeric_gradient,
    perturbations,
    shown,
    unchanged,
)
from autograder.feedback.compare import CheckFailed, compare_array, compare_number
from autograder.feedback.messages import message

# --- normalize_rows -------------------------------------------------------------

NR = "normalize_rows"


def _normalize_alternatives(x: np.ndarray) -> dict[str, np.ndarray]:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return {
        message("w2v.columns"): x / np.linalg.norm(x, axis=0, keepdims=True),
        message("w2v.squared_norm"): x / norms**2,
        message("w2v.l1"): x / np.abs(x).sum(axis=1, keepdims=True),
    }


def _normalize_judge(
    r: Results, xs: list[np.ndarray], calls: list[int], check_unchanged: bool = False
) -> None:
    for i, x in zip(calls, xs, strict=False):
        what = function_of("normalize_rows", x, r.hidden)
        compare_array(
            r.value(i), r.expected(i), what=what, hidden=r.hidden, alternatives=_normalize_alternatives(x)
        )
        if check_unchanged:
            unchanged(r, i, 0, x, what)


@check(NR, "rows of a fixed matrix", 0.5)
def _(s: Setup):
    xs = [np.array([[3.0, 4.0], [1.0, 2.0]]), np.array([[1.0, 2.0, 2.0], [0.0, -3.0, 4.0], [5.0, 0.0, 0.0]])]
    calls = [s.call(x) for x in xs]
    return lambda r: _normalize_judge(r, xs, calls)


@check(NR, "random matrices of several shapes", 0.5)
def _(s: Setup):
    rng = np.random.default_rng(21)
    xs = [rng.normal(size=(1, 5)), rng.normal(size=(6, 1)), rng.normal(size=(10, 7))]
    calls = [s.call(x) for x in xs]
    return lambda r: _normalize_judge(r, xs, calls)


@check(NR, "the input is not modified", 0.5)
def _(s: Setup):
    xs = [np.array([[3.0, 4.0], [6.0, 8.0], [1.0, 1.0]])]
    calls = [s.call(x, record_args=True) for x in xs]

    # The property pays only with the right output (NaN, None or a string earn nothing).
    return lambda r: _normalize_judge(r, xs, calls, check_unchanged=True)


@check(NR, "random matrices", 0.5, hidden=True)
def _(s: Setup):
    rng = np.random.default_rng(hidden_seed(6))
    xs = [rng.normal(size=(15, 4)) * 100, rng.normal(size=(3, 3)) * 1e-3, rng.normal(size=(2, 9))]
    calls = [s.call(x, record_args=True) for x in xs]
    return lambda r: _normalize_judge(r, xs, calls, check_unchanged=True)


# --- the two losses -------------------------------------------------------------

NS = "naive_softmax_loss_and_gradient"
NEG = "neg_sampling_loss_and_gradient"
LOSS_OUTPUTS = "loss, grad_center_vec, grad_outside_vecs"


def _loss_problem(
    rng: np.random.Generator, V: int, D: int, scale: float = 1.0, max_score: float | None = None
):
    """(v_c (D,), o, U (V, D)).

    With max_score, v_c and U are rescaled so that the largest score u_w . v_c
    is max_score (beyond exp's overflow at 709), and o is that best word, so
    softmax(U v_c)[o] does not underflow: only an unstable exp() fails.
    """
    v, o, U = rng.normal(size=D) * scale, int(rng.integers(0, V)), rng.normal(size=(V, D)) * scale
    if max_score is not None:
        scores = U @ v
        best = int(np.argmax(scores))
        if scores[best] <= 0:
            v = -v
            best = int(np.argmax(U @ v))
        factor = np.sqrt(max_score / float((U @ v)[best]))
        v, U, o = v * factor, U * factor, best
    return v, o, U


def _judge_loss_outputs(
    r: Results,
    i: int,
    function: str,
    parts: str,
    *,
    label: str,
    alternatives: dict | None = None,
    extra_hint: str = "",
) -> None:
    loss, grad_c, grad_o = r.tuple_of(i, 3, LOSS_OUTPUTS)
    exp_loss, exp_c, exp_o = r.expected(i)
    alternatives = alternatives or {}
    try:
        if "loss" in parts:
            compare_number(loss, exp_loss, what=message("w2v.loss", label=label), hidden=r.hidden)
        if "center" in parts:
            compare_array(
                grad_c,
                exp_c,
                what=message("w2v.grad_center", label=label),
                hidden=r.hidden,
                alternatives=alternatives.get("center"),
            )
        if "outside" in parts:
            compare_array(
                grad_o,
                exp_o,
                what=message("w2v.grad_outside", label=label),
                hidden=r.hidden,
                alternatives=alternatives.get("outside"),
            )
    except CheckFailed as failed:
        raise CheckFailed(str(failed) + extra_hint) from None


def _negatives_hint(r: Results, i: int) -> str:
    calls = r.outcome(i).negative_sample_calls
    if calls == 1:
        return ""
    if r.hidden:  # a count could reveal the hidden K
        return message("w2v.negatives_hidden")
    return message("w2v.negatives_count", calls=calls)


def _naive_alternatives(v_c: np.ndarray, o: int, U: np.ndarray) -> dict:
    scores = U @ v_c
    y_hat = np.exp(scores - scores.max())
    y_hat /= y_hat.sum()
    only_o = np.zeros_like(U)
    only_o[o] = (y_hat[o] - 1.0) * v_c
    return {"outside": {message("w2v.only_true_row"): only_o}}


def _label(r: Results, v_c: np.ndarray, o: int, U: np.ndarray) -> str:
    if r.hidden:
        return message("w2v.hidden_case")
    return message("w2v.case", v_c=shown(v_c, False), o=o, shape=U.shape)


@check(NS, "loss", 1.0)
def _(s: Setup):
    rng = np.random.default_rng(31)
    problems = [_loss_problem(rng, 5, 3), _loss_problem(rng, 7, 4)]
    calls = [s.call(v, o, U, dataset(len(U))) for v, o, U in problems]

    def judge(r: Results) -> None:
        for i, (v, o, U) in zip(calls, problems, strict=False):
            _judge_loss_outputs(r, i, NS, "loss", label=_label(r, v, o, U))

    return judge


@check(NS, "gradient for the centre vector", 1.0)
def _(s: Setup):
    rng = np.random.default_rng(32)
    problems = [_loss_problem(rng, 5, 3), _loss_problem(rng, 6, 6)]
    calls = [s.call(v, o, U, dataset(len(U))) for v, o, U in problems]

    def judge(r: Results) -> None:
        for i, (v, o, U) in zip(calls, problems, strict=False):
            _judge_loss_outputs(r, i, NS, "center", label=_label(r, v, o, U))

    return judge


@check(NS, "gradient for the outside vectors", 1.0)
def _(s: Setup):
    rng = np.random.default_rng(33)
    problems = [_loss_problem(rng, 5, 3), _loss_problem(rng, 4, 4)]
    calls = [s.call(v, o, U, dataset(len(U))) for v, o, U in problems]

    def judge(r: Results) -> None:
        for i, (v, o, U) in zip(calls, problems, strict=False):
            _judge_loss_outputs(
                r, i, NS, "outside", label=_label(r, v, o, U), alternatives=_naive_alternatives(v, o, U)
            )

    return judge


def _numeric_check(s: Setup, function: str, V: int, D: int, seed: int, make_dataset):
    """Numeric gradient of the student's own loss in (v_c, U); the same seed for every call."""
    rng = np.random.default_rng(seed)
    v, o, U = _loss_problem(rng, V, D)
    base = s.call(v, o, U, make_dataset(V), seed=5)
    pv = [
        (s.call(p, o, U, make_dataset(V), seed=5), s.call(m, o, U, make_dataset(V), seed=5))
        for p, m in perturbations(v)
    ]
    pU = [
        (s.call(v, o, p, make_dataset(V), seed=5), s.call(v, o, m, make_dataset(V), seed=5))
        for p, m in perturbations(U)
    ]

    def loss_of(r: Results, i: int) -> float:
        loss = r.tuple_of(i, 3, LOSS_OUTPUTS)[0]
        if isinstance(loss, np.ndarray) and loss.shape == ():
            loss = float(loss)
        if isinstance(loss, bool) or not isinstance(loss, (int, float)):
            raise CheckFailed(message("w2v.single_loss"))
        return float(loss)

    def judge(r: Results) -> None:
        # Consistency pays only with the right loss (a zero loss with zero gradients is consistent).
        _judge_loss_outputs(r, base, function, "loss", label=_label(r, v, o, U))
        _, grad_c, grad_o = r.tuple_of(base, 3, LOSS_OUTPUTS)
        for grad, shape, name in (
            (grad_c, v.shape, "grad_center_vec"),
            (grad_o, U.shape, "grad_outside_vecs"),
        ):
            if not isinstance(grad, np.ndarray) or grad.shape != shape:
                raise CheckFailed(message("w2v.array_shape", name=name, shape=shape))
        num_c = numeric_gradient(
            [loss_of(r, a) for a, _ in pv], [loss_of(r, b) for _, b in pv], v.shape, NUMERIC_STEP
        )
        num_o = numeric_gradient(
            [loss_of(r, a) for a, _ in pU], [loss_of(r, b) for _, b in pU], U.shape, NUMERIC_STEP
        )
        consistent_gradient(grad_c, num_c, what=message("w2v.your", name="grad_center_vec"), hidden=r.hidden)
        consistent_gradient(
            grad_o,
            num_o,
            what=message("w2v.your", name="grad_outside_vecs"),
            hidden=r.hidden,
            locate=lambda ix: message("where.row_column", row=ix[0], column=ix[1]),
        )

    return judge


@check(NS, "gradients match the numeric gradient of your own loss", 0.5)
def _(s: Setup):
    return _numeric_check(s, NS, 5, 3, 34, dataset)


@check(NS, "random sizes and large scores", 0.5, hidden=True)
def _(s: Setup):
    rng = np.random.default_rng(hidden_seed(7))
    problems = [
        _loss_problem(rng, 10, 6),
        _loss_problem(rng, 3, 8),
        _loss_problem(rng, 9, 5, max_score=1500.0),
    ]
    calls = [s.call(v, o, U, dataset(len(U))) for v, o, U in problems]

    def judge(r: Results) -> None:
        for i, (v, o, U) in zip(calls, problems, strict=False):
            _judge_loss_outputs(
                r,
                i,
                NS,
                "loss center outside",
                label=_label(r, v, o, U),
                alternatives=_naive_alternatives(v, o, U),
            )

    return judge


# --- negative sampling --------------------------------------------------------------


def _neg_alternatives(v_c: np.ndarray, o: int, U: np.ndarray, negatives: list[int]) -> dict:
    """grad_outside_vecs with each repeated negative counted once (the `grad[neg] += ...` mistake)."""
    sig = lambda z: 1.0 / (1.0 + np.exp(-z))  # noqa: E731
    grad = np.zeros_like(U)
    grad[o] = (sig(U[o] @ v_c) - 1.0) * v_c
    for k in set(negatives):
        grad[k] += sig(U[k] @ v_c) * v_c
    return {"outside": {message("w2v.repeated_negative_once"): grad}}


def _neg_calls(s: Setup, problems: list, ks: list, datasets: list) -> list[int]:
    calls: list[int] = []
    for (v, o, U), k, ds in zip(problems, ks, datasets, strict=False):
        args = (v, o, U, ds) if k is None else (v, o, U, ds, k)
        calls.append(s.call(*args, seed=101 + len(calls)))
    return calls


def _neg_judge(parts: str, problems: list, calls: list, negatives: list | None = None):
    def judge(r: Results) -> None:
        for n, (i, (v, o, U)) in enumerate(zip(calls, problems, strict=False)):
            alternatives = _neg_alternatives(v, o, U, negatives[n]) if negatives else None
            _judge_loss_outputs(
                r,
                i,
                NEG,
                parts,
                label=_label(r, v, o, U),
                alternatives=alternatives,
                extra_hint=_negatives_hint(r, i),
            )

    return judge


@check(NEG, "loss", 1.0)
def _(s: Setup):
    rng = np.random.default_rng(41)
    problems = [_loss_problem(rng, 6, 3), _loss_problem(rng, 8, 4)]
    calls = _neg_calls(s, problems, [None, 4], [dataset(6), dataset(8)])
    return _neg_judge("loss", problems, calls)


@check(NEG, "gradient for the centre vector", 0.5)
def _(s: Setup):
    rng = np.random.default_rng(42)
    problems = [_loss_problem(rng, 6, 3), _loss_problem(rng, 5, 5)]
    calls = _neg_calls(s, problems, [None, 3], [dataset(6), dataset(5)])
    return _neg_judge("center", problems, calls)


@check(NEG, "gradient for the outside vectors", 0.5)
def _(s: Setup):
    rng = np.random.default_rng(43)
    problems = [_loss_problem(rng, 6, 3), _loss_problem(rng, 9, 2)]
    calls = _neg_calls(s, problems, [None, 5], [dataset(6), dataset(9)])
    return _neg_judge("outside", problems, calls)


def _drawn(draws: list[int], o: int, K: int) -> list[int]:
    """The negatives get_negative_samples returns for a cycling fixed-draw dataset."""
    out: list[int] = []
    pos = 0
    while len(out) < K:
        d = draws[pos % len(draws)]
        pos += 1
        if d != o:
            out.append(d)
    return out


@check(NEG, "repeated negative samples are all counted", 1.0)
def _(s: Setup):
    rng = np.random.default_rng(44)
    v, _, U = _loss_problem(rng, 6, 3)
    o = 0
    draws = [2, 2, 0, 2, 3, 1, 3, 2, 5, 2, 1, 4]
    problems = [(v, o, U)]
    calls = _neg_calls(s, problems, [None], [fixed_dataset(6, draws)])
    return _neg_judge("loss center outside", problems, calls, negatives=[_drawn(draws, o, 10)])


@check(NEG, "gradients match the numeric gradient of your own loss (negatives fixed)", 0.5)
def _(s: Setup):
    return _numeric_check(s, NEG, 5, 3, 45, dataset)


@check(NEG, "random cases with repeated negatives", 0.5, hidden=True)
def _(s: Setup):
    rng = np.random.default_rng(hidden_seed(8))
    problems = [_loss_problem(rng, 12, 5), _loss_problem(rng, 4, 6), _loss_problem(rng, 7, 3, scale=8.0)]
    o = problems[1][1]
    draws = [int(d) for d in rng.integers(0, 4, size=9)]
    calls = _neg_calls(s, problems, [15, None, 10], [dataset(12), fixed_dataset(4, draws), dataset(7)])
    negatives = [[], _drawn(draws, o, 10), []]

    def judge(r: Results) -> None:
        for n, (i, (v, oo, U)) in enumerate(zip(calls, problems, strict=False)):
            alternatives = _neg_alternatives(v, oo, U, negatives[n]) if negatives[n] else None
            _judge_loss_outputs(
                r,
                i,
                NEG,
                "loss center outside",
                label=_label(r, v, oo, U),
                alternatives=alternatives,
                extra_hint=_negatives_hint(r, i),
            )

    return judge


# --- skipgram and cbow -------------------------------------------------------------------

MODEL_OUTPUTS = "loss, grad_center_vecs, grad_outside_vectors"


def _window_problem(rng: np.random.Generator, V: int, D: int, center: str, outside: list[str]):
    word2ind = {chr(ord("a") + i): i for i in range(V)}
    return center, outside, word2ind, rng.normal(size=(V, D)), rng.normal(size=(V, D))


def _model_call(s: Setup, problem, loss: str, seed: int, record: bool = False) -> int:
    center, outside, word2ind, centers, outsides = problem
    V = len(word2ind)
    loss_arg = recording_loss(loss) if record else reference(loss)
    window = max(1, len(outside) // 2)
    return s.call(center, window, outside, word2ind, centers, outsides, dataset(V), loss_arg, seed=seed)


def _cbow_mean_loss(problem, loss: str, seed: int | None) -> float:
    """The loss CBOW would give with v_hat = the MEAN of the context vectors (a usual mistake)."""
    from autograder.checks.engine import reference_functions
    from autograder.runtime.probes import make_dataset

    center, outside, word2ind, centers, outsides = problem
    v_hat = centers[[word2ind[w] for w in outside]].mean(axis=0)
    states = random.getstate(), np.random.get_state()
    try:
        if seed is not None:
            random.seed(seed)
            np.random.seed(seed)
        dataset = make_dataset({"kind": "uniform", "V": len(word2ind)})
        return float(reference_functions()[loss](v_hat, word2ind[center], outsides, dataset)[0])
    finally:
        random.setstate(states[0])
        np.random.set_state(states[1])


def _word_position(ix: tuple) -> str:
    """A position in a (V, D) gradient of the windows' words "a", "b", ..."""
    return message("where.word_row_column", row=ix[0], word=repr(chr(ord("a") + ix[0])), column=ix[1])


def _model_judge(model: str, cases: list, *, repeated: bool = False):
    def judge(r: Results) -> None:
        for i, problem, loss in cases:
            center, outside, *_ = problem
            loss_value, grad_c, grad_o = r.tuple_of(i, 3, MODEL_OUTPUTS)
            exp_loss, exp_c, exp_o = r.expected(i)
            if r.hidden:
                label = message("w2v.hidden_window", loss=loss)
            else:
                label = message("w2v.window", center=repr(center), outside=outside, loss=loss)
            n = len(outside)
            factors: dict[str, float] = {}
            if model == "skipgram" and n > 1:
                factors = {message("w2v.factor_outside_words"): n}
            hint = ""
            observed = r.outcome(i).observations
            if observed and observed[-1].get("calls") not in (None,):
                calls = observed[-1]["calls"]
                wanted = n if model == "skipgram" else 1
                if calls != wanted and r.hidden:  # counts would reveal the hidden window's size
                    hint = message(f"w2v.{model}_calls_hidden")
                elif calls != wanted:
                    hint = message(f"w2v.{model}_calls", calls=calls, wanted=wanted)
            alternatives = {}
            if model == "cbow":
                alternatives[message("w2v.cbow_mean")] = _cbow_mean_loss(
                    problem, loss, r.calls[i].get("seed")
                )
            try:
                compare_number(
                    loss_value,
                    exp_loss,
                    what=message("w2v.loss", label=label),
                    hidden=r.hidden,
                    factors=factors,
                    alternatives=alternatives,
                )
                compare_array(
                    grad_c,
                    exp_c,
                    what=message("w2v.grad_center_vecs", label=label),
                    hidden=r.hidden,
                    factors=factors,
                    locate=_word_position,
                )
                compare_array(
                    grad_o,
                    exp_o,
                    what=message("w2v.grad_outside_vectors", label=label),
                    hidden=r.hidden,
                    factors=factors,
                    locate=_word_position,
                )
            except CheckFailed as failed:
                text = str(failed)
                if repeated and message("likely", hint="").rstrip(".。") not in text:
                    text += message("w2v.repeated_word")
                raise CheckFailed(text + hint) from None

    return judge


def _model_checks(model: str) -> None:
    base_seed = 51 if model == "skipgram" else 61

    @check(model, "with the naive-softmax loss", 0.5)
    def _(s: Setup):
        rng = np.random.default_rng(base_seed)
        problem = _window_problem(rng, 5, 3, "c", ["a", "b", "e", "d"])
        i = _model_call(s, problem, NS, seed=3, record=True)
        return _model_judge(model, [(i, problem, NS)])

    @check(model, "with the negative-sampling loss", 0.5)
    def _(s: Setup):
        rng = np.random.default_rng(base_seed + 1)
        problem = _window_problem(rng, 6, 4, "a", ["b", "c", "f", "d"])
        i = _model_call(s, problem, NEG, seed=4)
        return _model_judge(model, [(i, problem, NEG)])

    @check(model, "repeated words in the window each count", 0.5)
    def _(s: Setup):
        rng = np.random.default_rng(base_seed + 2)
        problem = _window_problem(rng, 5, 3, "b", ["a", "c", "c", "a", "c", "d"])
        second = _window_problem(rng, 4, 2, "a", ["a", "b", "a", "a"])
        cases = [
            (_model_call(s, problem, NS, seed=5, record=True), problem, NS),
            (_model_call(s, second, NEG, seed=6), second, NEG),
        ]
        return _model_judge(model, cases, repeated=True)

    @check(model, "random windows with both losses", 0.5, hidden=True)
    def _(s: Setup):
        rng = np.random.default_rng(hidden_seed(9 if model == "skipgram" else 10))
        cases = []
        for k, (V, D, C) in enumerate(((8, 4, 3), (10, 5, 2), (3, 6, 1))):
            words = [chr(ord("a") + i) for i in range(V)]
            center = words[int(rng.integers(V))]
            outside = [words[int(j)] for j in rng.integers(0, V, size=2 * C)]
            problem = _window_problem(rng, V, D, center, outside)
            loss = NS if k % 2 == 0 else NEG
            cases.append((_model_call(s, problem, loss, seed=70 + k), problem, loss))
        return _model_judge(model, cases)


_model_checks("skipgram")
_model_checks("cbow")
