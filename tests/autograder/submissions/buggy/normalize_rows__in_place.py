# ruff: noqa
"""One bug in normalize_rows: divides the caller's array in place.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def normalize_rows(x):
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x
