"""Small helpers shared by the checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from autograder.checks.base import Results
from autograder.feedback.compare import CheckFailed, fmt
from autograder.feedback.messages import message

NUMERIC_STEP = 1e-5
NUMERIC_TOLERANCE = 1e-4


def shown(x: Any, hidden: bool) -> str:
    """An input, as shown in a visible check's message ("" for hidden ones)."""
    if hidden:
        return message("input.hidden")
    if isinstance(x, np.ndarray) and x.size > 12:
        return message("input.of_shape", shape=x.shape)
    return fmt(np.asarray(x)) if isinstance(x, np.ndarray) else fmt(x)


def function_of(name: str, x: Any, hidden: bool) -> str:
    """ "softmax(x) for x = [1., 2.]" (or "... for x = a hidden test input"), in the current language."""
    return message("act.of_hidden_x" if hidden else "act.of_x", name=name, x=shown(x, hidden))


def no_warnings(r: Results, i: int, what: str) -> None:
    warnings = [w for w in r.outcome(i).warnings if "overflow" in w or "invalid" in w or "divide" in w]
    if warnings:
        raise CheckFailed(message("helpers.numpy_warning", what=what, warning=warnings[0]))


def unchanged(r: Results, i: int, arg: int, original: np.ndarray, what: str) -> None:
    """The argument `arg` of call i must be as it was before the call."""
    after = r.outcome(i).args_after
    if after is None:
        return
    value = after[arg]
    if (
        not isinstance(value, np.ndarray)
        or value.shape != original.shape
        or not np.array_equal(value, original)
    ):
        raise CheckFailed(message("helpers.modified_input", what=what))


def numeric_gradient(
    costs_plus: list[float], costs_minus: list[float], shape: tuple, step: float
) -> np.ndarray:
    """Centred differences (J(x + h e_i) - J(x - h e_i)) / 2h, reshaped."""
    return ((np.asarray(costs_plus) - np.asarray(costs_minus)) / (2 * step)).reshape(shape)


def perturbations(x: np.ndarray, step: float = NUMERIC_STEP) -> list[tuple[np.ndarray, np.ndarray]]:
    """(x + h e_i, x - h e_i) for every coordinate i, in row-major order."""
    out = []
    flat = x.reshape(-1)
    for k in range(flat.size):
        plus = flat.copy()
        plus[k] += step
        minus = flat.copy()
        minus[k] -= step
        out.append((plus.reshape(x.shape), minus.reshape(x.shape)))
    return out


def consistent_gradient(
    analytic: np.ndarray,
    numeric: np.ndarray,
    *,
    what: str,
    hidden: bool,
    locate: Callable[[tuple], str] | None = None,
) -> None:
    """The student's gradient must match the numeric gradient of the student's own cost."""
    analytic = np.asarray(analytic, dtype=np.float64)
    error = np.abs(numeric - analytic) / np.maximum(1.0, np.maximum(np.abs(numeric), np.abs(analytic)))
    if np.all(error <= NUMERIC_TOLERANCE):
        return
    index = tuple(
        int(i) for i in np.unravel_index(int(np.nanargmax(np.nan_to_num(error, nan=np.inf))), error.shape)
    )
    if hidden:  # no position: it would reveal the hidden sizes
        raise CheckFailed(message("gradient.inconsistent_hidden", what=what))
    where = locate(index) if locate else (message("where.entry", index=index) if index else "")
    raise CheckFailed(
        message(
            "gradient.inconsistent",
            what=what,
            where=where,
            analytic=fmt(float(analytic[index])),
            numeric=fmt(float(numeric[index])),
        )
    )


def rows_cols(names: list[tuple[str, tuple]]) -> Callable[[tuple], str]:
    """A locator for a flat vector packing named blocks (e.g. W1, b1, W2, b2)."""

    def locate(index: tuple) -> str:
        k = int(index[0]) if index else 0
        for name, shape in names:
            size = int(np.prod(shape))
            if k < size:
                sub = np.unravel_index(k, shape)
                if len(shape) == 2:
                    return message("where.flat_2d", name=name, row=sub[0], column=sub[1], k=index[0])
                return message("where.flat_1d", name=name, row=sub[0], k=index[0])
            k -= size
        return message("where.entry", index=index)

    return locate


def blocks(names: list[tuple[str, tuple]]) -> Callable[[tuple], str]:
    """The name of the block (e.g. "b1") holding a flat index: a position for hidden tests."""

    def region(index: tuple) -> str:
        k = int(index[0]) if index else 0
        for name, shape in names:
            size = int(np.prod(shape))
            if k < size:
                return name
            k -= size
        return ""

    return region
