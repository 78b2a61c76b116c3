# ruff: noqa
"""One bug in sigmoid: 1 / (1 + exp(-x)) overflows (with a warning) for large negative x.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def sigmoid(x):
    return 1 / (1 + np.exp(-x))
