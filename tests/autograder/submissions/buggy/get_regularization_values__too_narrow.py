# ruff: noqa
"""One bug in get_regularization_values: values between 0.1 and 1 only.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def get_regularization_values():
    return [0.1, 0.2, 0.4, 0.6, 0.8, 1.0]
