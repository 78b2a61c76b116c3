# ruff: noqa
"""One bug in naive_softmax_loss_and_gradient: fills only row o of dJ/dU.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def naive_softmax_loss_and_gradient(center_word_vec, outside_word_idx, outside_vectors, dataset):
    y_hat = softmax(outside_vectors.dot(center_word_vec))
    loss = -np.log(y_hat[outside_word_idx])
    y_hat[outside_word_idx] -= 1
    grad_outside = np.zeros(outside_vectors.shape)
    grad_outside[outside_word_idx] = y_hat[outside_word_idx] * center_word_vec
    return loss, outside_vectors.T.dot(y_hat), grad_outside
