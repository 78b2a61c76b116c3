# ruff: noqa
"""One bug in cbow: v_hat is the mean of the context vectors.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def cbow(
    current_center_word,
    window_size,
    outside_words,
    word2ind,
    center_word_vectors,
    outside_vectors,
    dataset,
    word2vec_loss_and_gradient=naive_softmax_loss_and_gradient,
):
    idx = [word2ind[w] for w in outside_words]
    v_hat = np.mean(center_word_vectors[idx], axis=0)
    loss, g_hat, gout = word2vec_loss_and_gradient(
        v_hat, word2ind[current_center_word], outside_vectors, dataset
    )
    gin = np.zeros(center_word_vectors.shape)
    np.add.at(gin, idx, g_hat / len(idx))
    return loss, gin, gout
