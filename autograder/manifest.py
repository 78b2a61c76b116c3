"""The assignment manifest: the one list of graded functions and what belongs to each.

Everything else is derived from `FUNCTIONS`: the points of the checks (each
check's `points` in autograder/checks is a relative weight, scaled so that a
function's checks sum to its points here), the command line's totals and
points table, the report's question groups, the dependencies the grader
gives a function while it is graded. The aliases, the dependencies and the
notebooks are listed here for the parts of the project that must not import
the grader (the sandbox's child runtime, the notebook templates): they should
be generated from this file (see `python -m autograder.manifest --json`).

Questions follow the 2017 handout's numbering: 1 softmax (1a written, 1b
code), 2 neural network basics (2a-2d written, 2e-2g code), 3 word2vec (3a-3d
written, 3e-3g code, 3h CBOW, extra credit), 4 sentiment analysis (4a, 4c
code; the rest written or run).
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class GradedFunction:
    """One graded function of the assignment.

    name: the contract's snake_case name.
    aliases: every accepted spelling, the contract name first (2019 and 2017 starter names after).
    question: the 2017 handout's question, e.g. "2g".
    group: the handout's question as the report and the points table name it.
    points: the function's points (visible and hidden tests together).
    dependencies: graded (or provided) functions it calls: the reference versions are given to it.
    notebook: the workbook notebook (notebooks/templates/<notebook>.py) where it is written.
    extra_credit: extra credit: not counted in the maximum score.
    """

    name: str
    aliases: tuple[str, ...]
    question: str
    group: str
    points: float
    dependencies: tuple[str, ...] = ()
    notebook: str = ""
    extra_credit: bool = False


Q1 = "Q1 softmax"
Q2 = "Q2 neural network basics"
Q3 = "Q3 word2vec"
Q3_BONUS = "Q3 word2vec (bonus: CBOW)"
Q4 = "Q4 sentiment analysis"
_WORD2VEC_MODEL_DEPS = (
    "naive_softmax_loss_and_gradient",
    "neg_sampling_loss_and_gradient",
    "get_negative_samples",
    "softmax",
    "sigmoid",
)

FUNCTIONS: tuple[GradedFunction, ...] = (
    GradedFunction("softmax", ("softmax",), "1b", Q1, 5, notebook="01_softmax"),
    GradedFunction("sigmoid", ("sigmoid",), "2e", Q2, 2, notebook="02_neural_basics"),
    GradedFunction("sigmoid_grad", ("sigmoid_grad", "sigmoidGrad"), "2e", Q2, 2, notebook="02_neural_basics"),
    GradedFunction(
        "gradcheck_naive", ("gradcheck_naive", "gradcheckNaive"), "2f", Q2, 4, notebook="02_neural_basics"
    ),
    GradedFunction(
        "forward_backward_prop",
        ("forward_backward_prop", "forwardBackwardProp"),
        "2g",
        Q2,
        8,
        dependencies=("softmax", "sigmoid", "sigmoid_grad"),
        notebook="03_two_layer_network",
    ),
    GradedFunction(
        "normalize_rows", ("normalize_rows", "normalizeRows"), "3e", Q3, 2, notebook="04_word2vec"
    ),
    GradedFunction(
        "naive_softmax_loss_and_gradient",
        (
            "naive_softmax_loss_and_gradient",
            "naiveSoftmaxLossAndGradient",  # 2019
            "softmaxCostAndGradient",  # 2017
            "softmax_cost_and_gradient",
        ),
        "3e",
        Q3,
        4,
        dependencies=("softmax",),
        notebook="04_word2vec",
    ),
    GradedFunction(
        "neg_sampling_loss_and_gradient",
        (
            "neg_sampling_loss_and_gradient",
            "negSamplingLossAndGradient",  # 2019
            "negSamplingCostAndGradient",  # 2017
            "neg_sampling_cost_and_gradient",
        ),
        "3e",
        Q3,
        4,
        dependencies=("sigmoid", "get_negative_samples"),
        notebook="04_word2vec",
    ),
    GradedFunction(
        "skipgram",
        ("skipgram", "skip_gram", "skipGram"),
        "3e",
        Q3,
        2,
        dependencies=_WORD2VEC_MODEL_DEPS,
        notebook="04_word2vec",
    ),
    GradedFunction(
        "cbow",
        ("cbow", "CBOW"),
        "3h",
        Q3_BONUS,
        2,
        dependencies=_WORD2VEC_MODEL_DEPS,
        notebook="04_word2vec",
        extra_credit=True,
    ),
    GradedFunction("sgd", ("sgd",), "3f", Q3, 4, notebook="04_word2vec"),
    GradedFunction(
        "get_sentence_features",
        ("get_sentence_features", "getSentenceFeatures"),
        "4a",
        Q4,
        2,
        notebook="05_sentiment",
    ),
    GradedFunction(
        "get_regularization_values",
        ("get_regularization_values", "getRegularizationValues"),
        "4c",
        Q4,
        1,
        notebook="05_sentiment",
    ),
    GradedFunction(
        "choose_best_model", ("choose_best_model", "chooseBestModel"), "4c", Q4, 1, notebook="05_sentiment"
    ),
)

# Provided (not graded) functions that graded ones call: their spellings, for the dependency injection.
PROVIDED: dict[str, tuple[str, ...]] = {
    "get_negative_samples": ("get_negative_samples", "getNegativeSamples")
}

BY_NAME: dict[str, GradedFunction] = {f.name: f for f in FUNCTIONS}
GRADED: tuple[str, ...] = tuple(f.name for f in FUNCTIONS)
ALIASES: dict[str, tuple[str, ...]] = {**{f.name: f.aliases for f in FUNCTIONS}, **PROVIDED}
QUESTIONS: dict[str, str] = {f.name: f.group for f in FUNCTIONS}
HANDOUT_QUESTIONS: dict[str, str] = {f.name: f.question for f in FUNCTIONS}
DEPENDENCIES: dict[str, tuple[str, ...]] = {f.name: f.dependencies for f in FUNCTIONS if f.dependencies}
EXTRA_CREDIT: frozenset[str] = frozenset(f.name for f in FUNCTIONS if f.extra_credit)
NOTEBOOKS: dict[str, tuple[str, ...]] = {}
for _f in FUNCTIONS:
    NOTEBOOKS.setdefault(_f.notebook, ())
    NOTEBOOKS[_f.notebook] += (_f.name,)


def points(function: str) -> float:
    """The points of one graded function (visible and hidden tests together)."""
    return float(BY_NAME[function].points)


def total_points(*, extra_credit: bool = False) -> float:
    """The maximum score: without the extra credit unless asked (41 today, 43 with CBOW)."""
    return float(sum(f.points for f in FUNCTIONS if extra_credit or not f.extra_credit))


def questions_table() -> str:
    """The markdown table of graded functions by handout question (for the README)."""
    lines = [
        "| question | function | notebook | points | extra credit |",
        "| --- | --- | --- | ---: | :---: |",
    ]
    for f in FUNCTIONS:
        extra = "yes" if f.extra_credit else ""
        lines.append(f"| {f.question} | `{f.name}` | {f.notebook} | {f.points:g} | {extra} |")
    lines.append(
        f"| **total** | | | **{total_points():g}** + {total_points(extra_credit=True) - total_points():g} | |"
    )
    return "\n".join(lines)


def as_json() -> str:
    """The manifest as JSON, for code that must not import the grader (child runtime, templates)."""
    data = {
        "functions": [asdict(f) for f in FUNCTIONS],
        "provided": PROVIDED,
        "total_points": total_points(),
        "extra_credit_points": total_points(extra_credit=True) - total_points(),
    }
    return json.dumps(data, indent=2)


if __name__ == "__main__":  # pragma: no cover - `python -m autograder.manifest --json`
    print(as_json() if "--json" in sys.argv[1:] else questions_table())
