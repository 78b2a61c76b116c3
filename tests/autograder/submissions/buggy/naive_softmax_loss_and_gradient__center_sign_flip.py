# ruff: noqa
"""One bug in naive_softmax_loss_and_gradient: uses y - y_hat for the centre gradient.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def naive_softmax_loss_and_gradient(center_word_vec, outside_word_idx, outside_vectors, dataset):
    y_hat = softmax(outside_vectors.dot(center_word_vec))
    loss = -np.log(y_hat[outside_word_idx])
    y_hat[outside_word_idx] -= 1
    return loss, -outside_vectors.T.dot(y_hat), np.outer(y_hat, center_word_vec)
