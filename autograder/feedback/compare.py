"""Comparisons that fail with a message a first-year student understands.

Every function raises CheckFailed with the message. Hidden checks say what
went wrong but reveal nothing of the hidden inputs: no numbers, no shapes, no
positions (an index or "entry 74 of the flat vector" gives away a size or a
layout); at most a named region that the contract makes public ("in b1").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from autograder.feedback.diagnose import ATOL, RTOL, diagnose, shape_hint
from autograder.runtime.protocol import ItemOf, Unsupported


class CheckFailed(Exception):
    """A test did not pass; str(exc) is the feedback."""


def fmt(x: Any) -> str:
    """A number or a small array, short."""
    if isinstance(x, np.ndarray):
        if x.size > 12:
            return f"array of shape {x.shape}"
        return np.array2string(x, precision=6, separator=", ", suppress_small=False).replace("\n", "")
    if isinstance(x, float):
        return f"{x:.6g}"
    return repr(x)


def describe_value(value: Any, hidden: bool = False) -> str:
    """What kind of thing came back, in words (without its shape or value when hidden)."""
    if isinstance(value, Unsupported):
        return "an unsupported value" if hidden else value.describe()
    if isinstance(value, ItemOf):
        return "one of the inputs"
    if value is None:
        return "None (did you forget a return statement?)"
    if isinstance(value, np.ndarray):
        return "a NumPy array" if hidden else f"a NumPy array of shape {value.shape}"
    if isinstance(value, bool):
        return f"the bool {value}"
    if isinstance(value, (int, float)):
        return "a number" if hidden else f"the number {fmt(value)}"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list" if hidden else f"a list of {len(value)} items"
    if isinstance(value, tuple):
        return "a tuple" if hidden else f"a tuple of {len(value)} items"
    if isinstance(value, dict):
        return "a dict"
    return f"a value of type {type(value).__name__}"


def _location(index: tuple, locate: Callable[[tuple], str] | None) -> str:
    if locate is not None:
        return locate(index)
    if len(index) == 0:
        return ""
    if len(index) == 1:
        return f"entry {index[0]}"
    if len(index) == 2:
        return f"row {index[0]}, column {index[1]}"
    return f"index {index}"


def as_array(value: Any, what: str, expected_shape: tuple, hidden: bool = False) -> np.ndarray:
    """The value as a float array, accepting plain numbers where a 0-d array is expected."""
    wanted = "a NumPy array" if hidden else f"a NumPy array of shape {expected_shape}"
    if isinstance(value, bool):
        raise CheckFailed(f"{what}: got {describe_value(value, hidden)}; expected {wanted}.")
    if isinstance(value, (int, float)) and expected_shape == ():
        return np.asarray(float(value))
    if not isinstance(value, np.ndarray):
        raise CheckFailed(f"{what}: got {describe_value(value, hidden)}; expected {wanted}.")
    return value


def compare_array(
    actual: Any,
    expected: np.ndarray,
    *,
    what: str,
    hidden: bool = False,
    rtol: float = RTOL,
    atol: float = ATOL,
    factors: dict[str, float] | None = None,
    alternatives: dict[str, np.ndarray] | None = None,
    locate: Callable[[tuple], str] | None = None,
    region: Callable[[tuple], str] | None = None,
) -> None:
    """Raise CheckFailed unless actual equals expected (shape and values, to rtol/atol).

    Args:
        actual: what came back (decoded plain data).
        expected: (any shape), the reference value.
        what: names the output in the message, e.g. "the gradient for U (grad_outside_vecs)".
        hidden: a hidden test: no numbers, shapes or positions in the message.
        locate: names a position for visible tests, e.g. "b1[2] (entry 14 of the flat vector)".
        region: names a position for hidden tests without revealing sizes, e.g. "b1".
    """
    expected = np.asarray(expected, dtype=np.float64)
    actual = as_array(actual, what, expected.shape, hidden)
    if actual.shape != expected.shape:
        hint = shape_hint(actual.shape, expected.shape)
        shapes = "" if hidden else f": it has shape {actual.shape}; expected shape {expected.shape}"
        raise CheckFailed(
            f"{what} has the wrong shape{shapes}." + (f" Likely mistake: {hint}." if hint else "")
        )

    def where_of(index: tuple) -> str:
        if hidden:
            return region(index) if region is not None else ""
        return _location(index, locate)

    bad = ~np.isfinite(actual)
    if np.any(bad) and np.all(np.isfinite(expected)):
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        kind = "NaN" if np.isnan(actual[index]) else "inf"
        where = where_of(index)
        raise CheckFailed(
            f"{what} contains {kind}"
            + (f" (first at {where})" if where else "")
            + ". Likely mistake: an overflow (exp of a large number) or a 0/0; use a numerically "
            "stable formula (for softmax subtract the maximum first; for the sigmoid use exp(-|x|))."
        )
    if np.allclose(actual, expected, rtol=rtol, atol=atol):
        return
    error = np.abs(actual - expected) - rtol * np.abs(expected)
    index = (
        tuple(int(i) for i in np.unravel_index(int(np.argmax(error)), actual.shape)) if actual.ndim else ()
    )
    where = where_of(index)
    diag = diagnose(actual, expected, factors=factors, alternatives=alternatives, hidden=hidden)
    if hidden:
        message = f"{what} is wrong" + (f" (the largest difference is in {where})" if where else "") + "."
    else:
        at = f" at {where}" if where else ""
        message = (
            f"{what} is wrong{at}: expected {fmt(float(expected[index]))}, got {fmt(float(actual[index]))}."
        )
        if 1 < expected.size <= 12:
            message += f" Expected {fmt(expected)}, got {fmt(actual)}."
    if diag:
        message += f" Likely mistake: {diag}."
    raise CheckFailed(message)


def compare_number(
    actual: Any,
    expected: float,
    *,
    what: str,
    hidden: bool = False,
    rtol: float = RTOL,
    atol: float = ATOL,
    factors: dict[str, float] | None = None,
    alternatives: dict[str, float] | None = None,
) -> None:
    """Raise CheckFailed unless actual is one number equal to expected."""
    if isinstance(actual, np.ndarray) and actual.shape == ():
        actual = float(actual)
    if isinstance(actual, bool) or not isinstance(actual, (int, float)):
        extra = ""
        if isinstance(actual, np.ndarray) and actual.size == 1:
            extra = " (use float(...) or .item() to return a single number)"
        raise CheckFailed(f"{what}: got {describe_value(actual, hidden)}; expected a single number{extra}.")
    compare_array(
        np.asarray(float(actual)),
        np.asarray(float(expected)),
        what=what,
        hidden=hidden,
        rtol=rtol,
        atol=atol,
        factors=factors,
        alternatives={k: np.asarray(v) for k, v in (alternatives or {}).items()},
    )
