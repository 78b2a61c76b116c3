"""The logistic sigmoid and its derivative."""

from __future__ import annotations

import numpy as np

__all__ = ["sigmoid", "sigmoid_grad", "log_sigmoid"]


def sigmoid(x: np.ndarray | float) -> np.ndarray | float:
    """sigma(x) = 1 / (1 + exp(-x)), element-wise, for any shape.

    Written through exp(-|x|), which is at most 1, so nothing overflows:
        x >= 0:  1 / (1 + exp(-x))
        x <  0:  exp(x) / (1 + exp(x))

    Args:
        x: array of any shape (0-d included) or a Python scalar.

    Returns:
        sigma(x), same shape as x.
    """
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    s = np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return s[()] if s.ndim == 0 else s


def sigmoid_grad(s: np.ndarray | float) -> np.ndarray | float:
    """Derivative of the sigmoid, written through its own value.

        d sigma / dx = sigma(x) (1 - sigma(x)) = s (1 - s)

    Args:
        s: sigmoid(x), any shape.

    Returns:
        s * (1 - s), same shape as s.
    """
    s = np.asarray(s, dtype=np.float64)
    g = s * (1.0 - s)
    return g[()] if g.ndim == 0 else g


def log_sigmoid(x: np.ndarray | float) -> np.ndarray | float:
    """log sigma(x) = -log(1 + exp(-x)), finite where sigma(x) underflows.

    Args:
        x: array of any shape.

    Returns:
        log sigma(x), same shape, every entry <= 0.
    """
    x = np.asarray(x, dtype=np.float64)
    out = -np.logaddexp(0.0, -x)
    return out[()] if out.ndim == 0 else out
