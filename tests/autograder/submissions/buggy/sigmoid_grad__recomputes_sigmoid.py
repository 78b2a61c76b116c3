# ruff: noqa
"""One bug in sigmoid_grad: applies the sigmoid again to s.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def sigmoid_grad(s):
    return sigmoid(s) * (1 - sigmoid(s))
