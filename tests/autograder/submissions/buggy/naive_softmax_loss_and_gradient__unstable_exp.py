# ruff: noqa
"""One bug in naive_softmax_loss_and_gradient: exponentiates raw scores (overflow on large ones).

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def naive_softmax_loss_and_gradient(center_word_vec, outside_word_idx, outside_vectors, dataset):
    e = np.exp(outside_vectors.dot(center_word_vec))
    y_hat = e / e.sum()
    loss = -np.log(y_hat[outside_word_idx])
    y_hat[outside_word_idx] -= 1
    return loss, outside_vectors.T.dot(y_hat), np.outer(y_hat, center_word_vec)
