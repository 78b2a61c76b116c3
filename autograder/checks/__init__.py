"""The tests of every graded function, their points and hidden flags.

`REGISTRY` holds every check in handout order; `checks_for(function, hidden)`
selects some; `points_table()` is the one table of points (README and
`python -m autograder points --markdown` print it).
"""

from __future__ import annotations

from dataclasses import replace

from autograder import manifest
from autograder.checks import activations, gradcheck, neural, sentiment, sgd, word2vec  # noqa: F401 - registration
from autograder.checks.base import REGISTRY, Check, Outcome, Results, Setup

# Derived from the manifest (autograder/manifest.py), the one list of graded functions.
GRADED = manifest.GRADED
QUESTIONS: dict[str, str] = manifest.QUESTIONS  # the handout's question group of each function
BONUS = manifest.EXTRA_CREDIT
# The graded functions each function calls: the reference versions are given
# to it while it is graded, so that one bug costs points in one place.
DEPENDENCIES: dict[str, tuple[str, ...]] = manifest.DEPENDENCIES


def _scale_points() -> None:
    """A check's declared points are a weight: a function's checks share its manifest points."""
    declared: dict[str, float] = {}
    for c in REGISTRY:
        declared[c.function] = declared.get(c.function, 0.0) + c.points
    if set(declared) != set(GRADED):
        raise RuntimeError(
            f"the checks and the manifest disagree: checks for {sorted(set(declared) - set(GRADED))}, "
            f"no checks for {sorted(set(GRADED) - set(declared))}"
        )
    for k, c in enumerate(REGISTRY):
        share = manifest.points(c.function) * c.points / declared[c.function]
        REGISTRY[k] = replace(c, points=round(share, 6))


_scale_points()


def checks_for(function: str, hidden: bool | None = None) -> list[Check]:
    """The checks of one function: all, only the visible (False) or only the hidden (True)."""
    if function not in GRADED:
        raise KeyError(f"{function!r} is not a graded function; graded: {', '.join(GRADED)}")
    return [c for c in REGISTRY if c.function == function and (hidden is None or c.hidden == hidden)]


def max_points(function: str, hidden: bool | None = None) -> float:
    return float(sum(c.points for c in checks_for(function, hidden)))


def total_points(*, bonus: bool = False) -> float:
    """The maximum score (without the extra credit unless bonus=True), from the manifest."""
    return manifest.total_points(extra_credit=bonus)


def points_table() -> str:
    """The markdown table of points per test (pasted in the README)."""
    lines = ["| question | test | points | hidden |", "| --- | --- | ---: | :---: |"]
    for function in GRADED:
        for c in checks_for(function):
            name = c.name.replace("|", "\\|")  # a bare "|" would split the markdown cell
            lines.append(
                f"| {QUESTIONS[function]} | `{function}`: {name} | {c.points:g} "
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
