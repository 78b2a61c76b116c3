"""The assignment manifest: the one list of graded functions and what belongs to each.

Everything else is derived from `FUNCTIONS`: the points of the checks (each
check's `points` in autograder/checks is a relative weight, scaled so that a
function's checks sum to its points here), the command line's totals and
points table, the report's question groups, the dependencies the grader
gives a function while it is graded (the sandbox's child is told them with
each request), the nbgrader points of the notebooks' test cells (through the
checks' points, see notebooks/build.py), which functions are extra credit in
nbgrader and on the command line. Files that cannot import the grader are
generated from it by `make regen` (`python -m autograder.regen`, which lists
them): the sandbox child's copy of the names (autograder/runtime/manifest_copy.py)
and the tables of README.md and notebooks/README.md. tests/autograder/test_manifest.py
fails when one of them is out of date.

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


# The functions below read `FUNCTIONS` when called (not the constants above), and take another
# list as an argument: a test can derive everything from a changed copy of the manifest.


def _functions(functions: tuple[GradedFunction, ...] | None) -> tuple[GradedFunction, ...]:
    return FUNCTIONS if functions is None else functions


def points(function: str, functions: tuple[GradedFunction, ...] | None = None) -> float:
    """The points of one graded function (visible and hidden tests together)."""
    for f in _functions(functions):
        if f.name == function:
            return float(f.points)
    raise KeyError(f"{function!r} is not a graded function of the manifest")


def total_points(*, extra_credit: bool = False, functions: tuple[GradedFunction, ...] | None = None) -> float:
    """The maximum score: without the extra credit unless asked."""
    return float(sum(f.points for f in _functions(functions) if extra_credit or not f.extra_credit))


def extra_credit_points(functions: tuple[GradedFunction, ...] | None = None) -> float:
    """The points of the extra-credit functions (a bonus on top of `total_points()`)."""
    return total_points(extra_credit=True, functions=functions) - total_points(functions=functions)


def questions_table(functions: tuple[GradedFunction, ...] | None = None) -> str:
    """The markdown table of graded functions by handout question (for the README)."""
    functions = _functions(functions)
    lines = [
        "| question | function | notebook | points | extra credit |",
        "| --- | --- | --- | ---: | :---: |",
    ]
    for f in functions:
        extra = "yes" if f.extra_credit else ""
        lines.append(f"| {f.question} | `{f.name}` | {f.notebook} | {f.points:g} | {extra} |")
    required, bonus = total_points(functions=functions), extra_credit_points(functions)
    lines.append(f"| **total** | | | **{required:g}** + {bonus:g} | |")
    return "\n".join(lines)


def as_json() -> str:
    """The manifest as JSON, for code that must not import the grader (child runtime, templates)."""
    data = {
        "functions": [asdict(f) for f in FUNCTIONS],
        "provided": PROVIDED,
        "total_points": total_points(),
        "extra_credit_points": extra_credit_points(),
    }
    return json.dumps(data, indent=2)


if __name__ == "__main__":  # pragma: no cover - `python -m autograder.manifest --json`
    print(as_json() if "--json" in sys.argv[1:] else questions_table())
