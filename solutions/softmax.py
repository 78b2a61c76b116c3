"""Softmax, computed so that it never overflows.

softmax(x)_i = exp(x_i) / sum_j exp(x_j) is unchanged when a constant c is
added to every x_i (the factor exp(c) cancels), so we subtract the row maximum
first: every exponent is then <= 0 and exp() cannot overflow.
"""

from __future__ import annotations

import numpy as np

__all__ = ["softmax", "log_softmax"]


def _as_rows(x: np.ndarray, name: str) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    if x.ndim not in (1, 2):
        raise ValueError(f"{name} must be 1-D (D,) or 2-D (N, D); got shape {x.shape}")
    return x


def softmax(x: np.ndarray) -> np.ndarray:
    """Softmax of a vector, or of every row of a matrix.

    Args:
        x: (D,) or (N, D), scores. Not modified.

    Returns:
        Same shape as x; each row is a probability distribution.
    """
    x = _as_rows(x, "x")
    # A new array: the caller's x is never written to.
    shifted = x - x.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


def log_softmax(x: np.ndarray) -> np.ndarray:
    """log(softmax(x)) row-wise, exact even where softmax underflows to 0.

    log softmax(x)_i = (x_i - m) - log sum_j exp(x_j - m),  m = max_j x_j.

    Args:
        x: (D,) or (N, D), scores. Not modified.

    Returns:
        Same shape as x, every entry <= 0 and finite for finite x.
    """
    x = _as_rows(x, "x")
    shifted = x - x.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
