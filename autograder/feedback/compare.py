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
from autograder.feedback.messages import message
from autograder.runtime.protocol import ItemOf, Unsupported


class CheckFailed(Exception):
    """A test did not pass; str(exc) is the feedback."""


def fmt(x: Any) -> str:
    """A number or a small array, short."""
    if isinstance(x, np.ndarray):
        if x.size > 12:
            return message("value.array_of_shape", shape=x.shape)
        return np.array2string(x, precision=6, separator=", ", suppress_small=False).replace("\n", "")
    if isinstance(x, float):
        return f"{x:.6g}"
    return repr(x)


def describe_value(value: Any, hidden: bool = False) -> str:
    """What kind of thing came back, in words (without its shape or value when hidden)."""
    if isinstance(value, Unsupported):
        return message("value.unsupported") if hidden else value.describe()
    if isinstance(value, ItemOf):
        return message("value.input_item")
    if value is None:
        return message("value.none")
    if isinstance(value, np.ndarray):
        return message("value.ndarray") if hidden else message("value.ndarray_shape", shape=value.shape)
    if isinstance(value, bool):
        return message("value.bool", value=value)
    if isinstance(value, (int, float)):
        return message("value.number") if hidden else message("value.number_is", value=fmt(value))
    if isinstance(value, str):
        return message("value.string")
    if isinstance(value, list):
        return message("value.list") if hidden else message("value.list_of", n=len(value))
    if isinstance(value, tuple):
        return message("value.tuple") if hidden else message("value.tuple_of", n=len(value))
    if isinstance(value, dict):
        return message("value.dict")
    return message("value.of_type", type_name=type(value).__name__)


def _location(index: tuple, locate: Callable[[tuple], str] | None) -> str:
    if locate is not None:
        return locate(index)
    if len(index) == 0:
        return ""
    if len(index) == 1:
        return message("where.entry", index=index[0])
    if len(index) == 2:
        return message("where.row_column", row=index[0], column=index[1])
    return message("where.index", index=index)


def as_array(value: Any, what: str, expected_shape: tuple, hidden: bool = False) -> np.ndarray:
    """The value as a float array, accepting plain numbers where a 0-d array is expected."""
    wanted = message("value.ndarray") if hidden else message("value.ndarray_shape", shape=expected_shape)
    if isinstance(value, bool):
        raise CheckFailed(
            message("compare.got_expected", what=what, got=describe_value(value, hidden), wanted=wanted)
        )
    if isinstance(value, (int, float)) and expected_shape == ():
        return np.asarray(float(value))
    if not isinstance(value, np.ndarray):
        raise CheckFailed(
            message("compare.got_expected", what=what, got=describe_value(value, hidden), wanted=wanted)
        )
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
        if hidden:
            text = message("compare.wrong_shape", what=what)
        else:
            text = message("compare.wrong_shape_of", what=what, actual=actual.shape, expected=expected.shape)
        raise CheckFailed(text + (message("likely", hint=hint) if hint else ""))

    def where_of(index: tuple) -> str:
        if hidden:
            return region(index) if region is not None else ""
        return _location(index, locate)

    bad = ~np.isfinite(actual)
    if np.any(bad) and np.all(np.isfinite(expected)):
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        kind = "NaN" if np.isnan(actual[index]) else "inf"
        where = where_of(index)
        first = message("compare.first_at", where=where) if where else ""
        raise CheckFailed(message("compare.not_finite", what=what, kind=kind, first=first))
    if np.allclose(actual, expected, rtol=rtol, atol=atol):
        return
    error = np.abs(actual - expected) - rtol * np.abs(expected)
    index = (
        tuple(int(i) for i in np.unravel_index(int(np.argmax(error)), actual.shape)) if actual.ndim else ()
    )
    where = where_of(index)
    diag = diagnose(actual, expected, factors=factors, alternatives=alternatives, hidden=hidden)
    if hidden:
        text = (
            message("compare.wrong_in", what=what, where=where)
            if where
            else message("compare.wrong", what=what)
        )
    else:
        values = {"expected": fmt(float(expected[index])), "actual": fmt(float(actual[index]))}
        if where:
            text = message("compare.wrong_value_at", what=what, where=where, **values)
        else:
            text = message("compare.wrong_value", what=what, **values)
        if 1 < expected.size <= 12:
            text += message("compare.whole", expected=fmt(expected), actual=fmt(actual))
    if diag:
        text += message("likely", hint=diag)
    raise CheckFailed(text)


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
            extra = message("compare.single_number_tip")
        raise CheckFailed(
            message("compare.single_number", what=what, got=describe_value(actual, hidden), extra=extra)
        )
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
