# ruff: noqa
"""Hostile: tries to import the reference solutions instead of writing the function."""


def get_sentence_features(word2ind, word_vectors, sentence):
    from solutions.sentiment import get_sentence_features as reference

    return reference(word2ind, word_vectors, sentence)
