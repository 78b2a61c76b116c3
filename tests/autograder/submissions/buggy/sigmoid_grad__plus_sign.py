# ruff: noqa
"""One bug in sigmoid_grad: s * (1 + s).

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def sigmoid_grad(s):
    return s * (1 + s)
