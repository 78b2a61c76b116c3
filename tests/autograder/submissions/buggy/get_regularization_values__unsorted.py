# ruff: noqa
"""One bug in get_regularization_values: not sorted.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def get_regularization_values():
    return [1.0, 1e-4, 1e-2, 10.0, 1e-3, 0.1]
