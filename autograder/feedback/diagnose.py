"""Recognise the usual mistakes from a wrong array and the right one."""

from __future__ import annotations

import numpy as np

from autograder.feedback.messages import message

RTOL = 1e-5
ATOL = 1e-7


def close(a: np.ndarray, b: np.ndarray, rtol: float = RTOL, atol: float = ATOL) -> bool:
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def diagnose(
    actual: np.ndarray,
    expected: np.ndarray,
    *,
    factors: dict[str, float] | None = None,
    alternatives: dict[str, np.ndarray] | None = None,
    hidden: bool = False,
) -> str:
    """A sentence naming the likely mistake, or "" when none is recognised.

    In a hidden test (hidden=True) a named factor is named but not given as a
    number: "20 times too large" would reveal a hidden batch of 20 rows.

    Args:
        actual: what the student's function returned (already the right shape).
        expected: the reference value.
        factors: named factors to try, e.g. {"the batch size M": 5.0}: the
            student's value may be expected * factor or expected / factor.
        alternatives: named wrong answers computed by the check, e.g.
            {"a repeated negative sample counted only once": array}.
    """
    actual = np.asarray(actual, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    if not np.all(np.isfinite(actual)):
        return message("diagnose.not_finite")
    for label, alt in (alternatives or {}).items():
        if close(actual, alt):
            return label
    if np.any(expected != 0) and np.all(actual == 0):
        return message("diagnose.zeros")
    if np.any(expected != 0) and close(actual, -expected):
        return message("diagnose.sign")
    named = {"2": 2.0}
    named.update({k: float(v) for k, v in (factors or {}).items()})
    for label, factor in named.items():
        if factor in (0.0, 1.0):
            continue
        # The constant 2 is no secret; a factor taken from a hidden input is.
        secret = hidden and label != "2"
        if close(actual, expected * factor):
            if secret:
                return message("diagnose.too_large_hidden", label=label)
            return message("diagnose.too_large", label=label, factor=_num(factor))
        if close(actual, expected / factor):
            if secret:
                return message("diagnose.too_small_hidden", label=label)
            return message("diagnose.too_small", label=label, factor=_num(factor))
        if close(actual, -expected * factor) or close(actual, -expected / factor):
            return message("diagnose.sign_and_factor", label=label)
    if actual.ndim == 2 and actual.shape[0] == actual.shape[1] and close(actual, expected.T):
        return message("diagnose.transposed")
    return ""


def shape_hint(actual_shape: tuple, expected_shape: tuple) -> str:
    """Why two shapes might differ."""
    if tuple(reversed(actual_shape)) == tuple(expected_shape) and len(actual_shape) == 2:
        return message("shape.transposed")
    if int(np.prod(actual_shape)) == int(np.prod(expected_shape)):
        if len(actual_shape) != len(expected_shape):
            return message("shape.dimensions")
        return message("shape.arranged")
    if len(actual_shape) == len(expected_shape) + 1 or len(actual_shape) + 1 == len(expected_shape):
        return message("shape.one_dimension")
    if len(actual_shape) == len(expected_shape) and len(actual_shape) >= 1:
        return message("shape.axis")
    return ""


def _num(x: float) -> str:
    return f"{x:g}"
