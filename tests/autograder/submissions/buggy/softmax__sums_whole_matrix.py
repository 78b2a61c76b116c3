# ruff: noqa
"""One bug in softmax: normalises over the whole matrix instead of each row.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def softmax(x):
    e = np.exp(x - np.max(x))
    return e / np.sum(e)
