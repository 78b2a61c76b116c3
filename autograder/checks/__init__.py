"""The tests of every graded function, their points and hidden flags.

`REGISTRY` holds every check in handout order; `checks_for(function, hidden)`
selects some; `points_table()` is the one table of points (README and
`python -m autograder points --markdown` print it).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

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


# Present only in the student kit (written by notebooks/kit.py, never in the repository): the
# points of every visible check as scaled in the full repository. The kit has no hidden checks,
# so scaling its visible weights alone to the manifest's points would give them more points.
KIT_POINTS = Path(__file__).resolve().parent / "kit_points.json"


def _recorded_points() -> dict[tuple[str, str], float] | None:
    """{(function, check name): points} recorded when the kit was built; None in the repository."""
    if not KIT_POINTS.exists():
        return None
    rows = json.loads(KIT_POINTS.read_text(encoding="utf-8"))
    return {(function, name): float(points) for function, name, points in rows}


def visible_points() -> list[list]:
    """[function, check name, points] of every visible check (the kit builder records them)."""
    return [[c.function, c.name, c.points] for c in REGISTRY if not c.hidden]


def _scale_points() -> None:
    """A check's declared points are a weight: a function's checks share its manifest points.

    In the student kit the visible checks keep the points recorded from the full repository.
    """
    declared: dict[str, float] = {}
    for c in REGISTRY:
        declared[c.function] = declared.get(c.function, 0.0) + c.points
    if set(declared) != set(GRADED):
        raise RuntimeError(
            f"the checks and the manifest disagree: checks for {sorted(set(declared) - set(GRADED))}, "
            f"no checks for {sorted(set(GRADED) - set(declared))}"
        )
    recorded = _recorded_points()
    if recorded is not None:
        here = {(c.function, c.name) for c in REGISTRY}
        if here != set(recorded):
            raise RuntimeError(f"{KIT_POINTS.name} does not fit these checks; rebuild the kit")
    for k, c in enumerate(REGISTRY):
        if recorded is not None:
            points = recorded[(c.function, c.name)]
        else:
            points = round(manifest.points(c.function) * c.points / declared[c.function], 6)
        REGISTRY[k] = replace(c, points=points)


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
    "KIT_POINTS",
    "Outcome",
    "QUESTIONS",
    "REGISTRY",
    "Results",
    "Setup",
    "checks_for",
    "max_points",
    "points_table",
    "total_points",
    "visible_points",
]
