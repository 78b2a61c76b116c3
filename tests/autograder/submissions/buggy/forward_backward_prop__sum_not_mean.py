# ruff: noqa
"""One bug in forward_backward_prop: cost and gradient summed over the batch.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def forward_backward_prop(X, labels, params, dimensions):
    Dx, H, Dy = dimensions
    W1 = params[: Dx * H].reshape(Dx, H)
    b1 = params[Dx * H : Dx * H + H]
    W2 = params[Dx * H + H : Dx * H + H + H * Dy].reshape(H, Dy)
    b2 = params[Dx * H + H + H * Dy :]
    h = sigmoid(X @ W1 + b1)
    yhat = softmax(h @ W2 + b2)
    cost = -np.sum(labels * np.log(yhat))
    d2 = yhat - labels
    d1 = d2 @ W2.T * sigmoid_grad(h)
    return cost, np.concatenate([(X.T @ d1).ravel(), d1.sum(0), (h.T @ d2).ravel(), d2.sum(0)])
