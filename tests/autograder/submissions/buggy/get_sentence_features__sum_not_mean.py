# ruff: noqa
"""One bug in get_sentence_features: sums the word vectors.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def get_sentence_features(word2ind, word_vectors, sentence):
    return np.sum(word_vectors[[word2ind[w] for w in sentence]], axis=0)
