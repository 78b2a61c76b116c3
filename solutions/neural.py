"""A two-layer network: sigmoid hidden layer, softmax output, cross-entropy cost."""

from __future__ import annotations

import numpy as np

from solutions.activations import sigmoid, sigmoid_grad
from solutions.softmax import log_softmax, softmax

__all__ = ["forward_backward_prop", "unpack_params", "param_count"]


def param_count(dimensions: tuple[int, int, int]) -> int:
    """Number of parameters of the network: (Dx + 1) H + (H + 1) Dy."""
    dx, h, dy = dimensions
    return (dx + 1) * h + (h + 1) * dy


def unpack_params(
    params: np.ndarray, dimensions: tuple[int, int, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Views of W1 (Dx, H), b1 (H,), W2 (H, Dy), b2 (Dy,) into the flat params.

    Args:
        params: ((Dx + 1) H + (H + 1) Dy,), packed in that order, each row-major.
        dimensions: (Dx, H, Dy).
    """
    dx, h, dy = (int(d) for d in dimensions)
    params = np.asarray(params, dtype=np.float64)
    expected = param_count((dx, h, dy))
    if params.shape != (expected,):
        raise ValueError(
            f"params must be a flat vector of (Dx + 1) H + (H + 1) Dy = {expected} numbers "
            f"for dimensions {(dx, h, dy)}; got shape {params.shape}"
        )
    sizes = [dx * h, h, h * dy, dy]
    w1, b1, w2, b2 = np.split(params, np.cumsum(sizes)[:-1])
    return w1.reshape(dx, h), b1, w2.reshape(h, dy), b2


def forward_backward_prop(
    X: np.ndarray,
    labels: np.ndarray,
    params: np.ndarray,
    dimensions: tuple[int, int, int],
) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of a two-layer network and its gradient.

        h     = sigmoid(X W1 + b1)            (M, H)
        y_hat = softmax(h W2 + b2)            (M, Dy)
        J     = -(1/M) sum_m sum_j y_mj log y_hat_mj

    Args:
        X: (M, Dx), one example per row.
        labels: (M, Dy), one-hot rows y.
        params: flat vector, W1 (Dx, H), b1 (H,), W2 (H, Dy), b2 (Dy,)
            packed in that order, each row-major.
        dimensions: (Dx, H, Dy).

    Returns:
        (cost J, grad) with grad of params' shape, packed the same way.
    """
    X = np.asarray(X, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.float64)
    w1, b1, w2, b2 = unpack_params(params, dimensions)
    m = X.shape[0]

    # Forward pass.
    h = np.asarray(sigmoid(X @ w1 + b1))  # (M, H); X is 2-D, so an array
    scores = h @ w2 + b2  # (M, Dy)
    y_hat = softmax(scores)
    # log_softmax rather than log(y_hat): y_hat may underflow to exactly 0.
    cost = -np.sum(labels * log_softmax(scores)) / m

    # Backward pass; delta2 = dJ/dscores, delta1 = dJ/d(X W1 + b1).
    delta2 = (y_hat - labels) / m  # softmax + cross-entropy: (y_hat - y) / M
    grad_w2 = h.T @ delta2  # (H, Dy)
    grad_b2 = delta2.sum(axis=0)  # (Dy,)
    delta1 = (delta2 @ w2.T) * sigmoid_grad(h)  # (M, H): sigma' = h (1 - h)
    grad_w1 = X.T @ delta1  # (Dx, H)
    grad_b1 = delta1.sum(axis=0)  # (H,)

    grad = np.concatenate([grad_w1.ravel(), grad_b1, grad_w2.ravel(), grad_b2])
    return float(cost), grad
