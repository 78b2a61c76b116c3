# ruff: noqa
"""One bug in skipgram: divides by the number of outside words.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def skipgram(
    current_center_word,
    window_size,
    outside_words,
    word2ind,
    center_word_vectors,
    outside_vectors,
    dataset,
    word2vec_loss_and_gradient=naive_softmax_loss_and_gradient,
):
    loss = 0.0
    gin = np.zeros(center_word_vectors.shape)
    gout = np.zeros(outside_vectors.shape)
    c = word2ind[current_center_word]
    for word in outside_words:
        l, gc, go = word2vec_loss_and_gradient(
            center_word_vectors[c], word2ind[word], outside_vectors, dataset
        )
        loss += l
        gin[c] += gc
        gout += go
    n = len(outside_words)
    return loss / n, gin / n, gout / n
