# ruff: noqa
"""One bug in sgd: halves the step at iteration 0.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def sgd(f, x0, step, iterations, postprocessing=None, use_saved=False, print_every=10):
    x = x0
    for it in range(iterations):
        if it % 20000 == 0:
            step *= 0.5
        _, grad = f(x)
        x = x - step * grad
        if postprocessing:
            x = postprocessing(x)
    return x
