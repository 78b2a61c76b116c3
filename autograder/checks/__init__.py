"""The tests of every graded function, their points and hidden flags.

`REGISTRY` holds every check in handout order; `checks_for(function, hidden)`
selects some; `points_table()` is the one table of points (README and
`python -m autograder points --markdown` print it).
"""

from __future__ import annotations

from autograder.checks import activations, gradcheck, neural, sentiment, sgd, word2vec  # noqa: F401 - registration
from autograder.checks.base import REGISTRY, Check, Outcome, Results, Setup
from autograder.runtime.names import GRADED

# Which question of the 2017 handout each function's coding part belongs to.
QUESTIONS: dict[str, str] = {
    "softmax": "Q1 softmax",
    "sigmoid": "Q2 neural network basics",
    "sigmoid_grad": "Q2 neural network basics",
    "gradcheck_naive": "Q2 neural network basics",
    "forward_backward_prop": "Q2 neural network basics",
    "normalize_rows": "Q3 word2vec",
    "naive_softmax_loss_and_gradient": "Q3 word2vec",
    "neg_sampling_loss_and_gradient": "Q3 word2vec",
    "skipgram": "Q3 word2vec",
    "sgd": "Q3 word2vec",
    "cbow": "Q3 word2vec (bonus: CBOW)",
    "get_sentence_features": "Q4 sentiment analysis",
    "get_regularization_values": "Q4 sentiment analysis",
    "choose_best_model": "Q4 sentiment analysis",
}
BONUS = frozenset({"cbow"})

# The graded functions each function calls: the reference versions are given
# to it while it is graded, so that one bug costs points in one place.
DEPENDENCIES: dict[str, tuple[str, ...]] = {
    "forward_backward_prop": ("softmax", "sigmoid", "sigmoid_grad"),
    "naive_softmax_loss_and_gradient": ("softmax",),
    "neg_sampling_loss_and_gradient": ("sigmoid", "get_negative_samples"),
    "skipgram": (
        "naive_softmax_loss_and_gradient",
        "neg_sampling_loss_and_gradient",
        "get_negative_samples",
        "softmax",
        "sigmoid",
    ),
    "cbow": (
        "naive_softmax_loss_and_gradient",
        "neg_sampling_loss_and_gradient",
        "get_negative_samples",
        "softmax",
        "sigmoid",
    ),
}


def checks_for(function: str, hidden: bool | None = None) -> list[Check]:
    """The checks of one function: all, only the visible (False) or only the hidden (True)."""
    if function not in GRADED:
        raise KeyError(f"{function!r} is not a graded function; graded: {', '.join(GRADED)}")
    return [c for c in REGISTRY if c.function == function and (hidden is None or c.hidden == hidden)]


def max_points(function: str, hidden: bool | None = None) -> float:
    return float(sum(c.points for c in checks_for(function, hidden)))


def total_points(*, bonus: bool = False) -> float:
    return float(sum(c.points for c in REGISTRY if bonus or c.function not in BONUS))


def points_table() -> str:
    """The markdown table of points per test (pasted in the README)."""
    lines = ["| question | test | points | hidden |", "| --- | --- | ---: | :---: |"]
    for function in GRADED:
        for c in checks_for(function):
            lines.append(
                f"| {QUESTIONS[function]} | `{function}`: {c.name} | {c.points:g} "
                f"| {'yes' if c.hidden else ''} |"
            )
    subtotal: dict[str, float] = {}
    for function in GRADED:
        subtotal[QUESTIONS[function]] = subtotal.get(QUESTIONS[function], 0.0) + max_points(function)
    lines.append("")
    lines.append("| question | points |")
    lines.append("| --- | ---: |")
    for question, pts in subtotal.items():
        lines.append(f"| {question} | {pts:g} |")
    lines.append(f"| **total** (without the bonus) | **{total_points():g}** |")
    return "\n".join(lines)


__all__ = [
    "BONUS",
    "Check",
    "DEPENDENCIES",
    "GRADED",
    "Outcome",
    "QUESTIONS",
    "REGISTRY",
    "Results",
    "Setup",
    "checks_for",
    "max_points",
    "points_table",
    "total_points",
]
