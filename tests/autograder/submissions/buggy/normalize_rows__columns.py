# ruff: noqa
"""One bug in normalize_rows: normalises columns.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def normalize_rows(x):
    return x / np.sqrt(np.sum(x**2, axis=0, keepdims=True))
