# ruff: noqa
"""One bug in softmax: exp of the raw scores overflows for large inputs.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def softmax(x):
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)
