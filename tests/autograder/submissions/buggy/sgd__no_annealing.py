# ruff: noqa
"""One bug in sgd: never halves the step.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def sgd(f, x0, step, iterations, postprocessing=None, use_saved=False, print_every=10):
    x = x0
    for it in range(1, iterations + 1):
        _, grad = f(x)
        x = x - step * grad
        if postprocessing:
            x = postprocessing(x)
    return x
