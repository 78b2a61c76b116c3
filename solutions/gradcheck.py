"""A numeric gradient checker: the tool that tells you a backprop is right."""

from __future__ import annotations

import random
from collections.abc import Callable

import numpy as np

__all__ = ["gradcheck_naive", "GRADCHECK_STEP", "GRADCHECK_TOLERANCE"]

GRADCHECK_STEP = 1e-4
GRADCHECK_TOLERANCE = 1e-5


def gradcheck_naive(
    f: Callable[[np.ndarray], tuple[float, np.ndarray]],
    x: np.ndarray,
    *,
    verbose: bool = True,
) -> bool:
    """Compare f's analytic gradient with centred differences, coordinate by coordinate.

        numeric_i = (f(x + h e_i) - f(x - h e_i)) / (2 h),   h = 1e-4
        passes  if |numeric_i - grad_i| / max(1, |numeric_i|, |grad_i|) <= 1e-5

    Both global RNGs (Python's `random` and NumPy's legacy global state) are
    reset to their state at entry before *every* call of f, so a cost that
    samples (negative sampling) sees the same draws each time; otherwise the
    two sides of a difference would be different functions.

    Args:
        f: x -> (cost, grad) with grad of x's shape.
        x: array of any shape, 0-d included. Not modified: f is evaluated
            on copies.
        verbose: print where the first failure is (and a line on success).

    Returns:
        True when every coordinate passes, else False.

    Raises:
        ValueError: f returned a gradient of the wrong shape, or a cost that
            is not a single number.
    """
    x0 = np.array(x, dtype=np.float64)  # a private copy: x stays as found
    py_state = random.getstate()
    np_state = np.random.get_state()

    def evaluate(point: np.ndarray) -> tuple[float, np.ndarray]:
        random.setstate(py_state)
        np.random.set_state(np_state)
        cost, grad = f(point)
        if np.ndim(cost) != 0:
            raise ValueError(f"f must return a single number as its cost; got shape {np.shape(cost)}")
        return float(cost), grad

    _, grad = evaluate(x0.copy())
    grad = np.asarray(grad, dtype=np.float64)
    if grad.shape != x0.shape:
        raise ValueError(f"f returned a gradient of shape {grad.shape}; x has shape {x0.shape}")

    h = GRADCHECK_STEP
    for ix in np.ndindex(x0.shape):
        plus = x0.copy()
        plus[ix] += h
        minus = x0.copy()
        minus[ix] -= h
        numeric = (evaluate(plus)[0] - evaluate(minus)[0]) / (2 * h)
        analytic = float(grad[ix])
        rel_error = abs(numeric - analytic) / max(1.0, abs(numeric), abs(analytic))
        if not rel_error <= GRADCHECK_TOLERANCE:  # also catches NaN
            if verbose:
                print(
                    f"Gradient check failed at index {ix}: analytic gradient {analytic:.8g}, "
                    f"numeric gradient {numeric:.8g} (relative error {rel_error:.3g} > "
                    f"{GRADCHECK_TOLERANCE:g})."
                )
            return False
    if verbose:
        print("Gradient check passed.")
    return True
