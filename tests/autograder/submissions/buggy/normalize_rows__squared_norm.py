# ruff: noqa
"""One bug in normalize_rows: divides by the squared norm.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def normalize_rows(x):
    return x / np.sum(x**2, axis=1, keepdims=True)
