# ruff: noqa
"""One bug in sigmoid: computes sigma(-x).

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x < 0, 1 / (1 + z), z / (1 + z))
