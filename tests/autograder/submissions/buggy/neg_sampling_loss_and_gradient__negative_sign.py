# ruff: noqa
"""One bug in neg_sampling_loss_and_gradient: log sigma(+u_k . v_c) for the negatives.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def neg_sampling_loss_and_gradient(center_word_vec, outside_word_idx, outside_vectors, dataset, K=10):
    neg = get_negative_samples(outside_word_idx, dataset, K)
    u_o, u_k = outside_vectors[outside_word_idx], outside_vectors[neg]
    s_o = sigmoid(u_o.dot(center_word_vec))
    s_k = sigmoid(u_k.dot(center_word_vec))
    loss = -np.log(s_o) - np.sum(np.log(s_k))
    grad_center_vec = (s_o - 1) * u_o + (s_k - 1).dot(u_k)
    grad_outside_vecs = np.zeros(outside_vectors.shape)
    grad_outside_vecs[outside_word_idx] += (s_o - 1) * center_word_vec
    np.add.at(grad_outside_vecs, neg, np.outer(s_k - 1, center_word_vec))
    return loss, grad_center_vec, grad_outside_vecs
