# ruff: noqa
"""Hostile: returns an ndarray subclass that lies about equality."""

import numpy as np


class Liar(np.ndarray):
    def __eq__(self, other):
        return True


def softmax(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return (e / np.sum(e, axis=-1, keepdims=True)).view(Liar)
