# ruff: noqa
"""One bug in choose_best_model: min instead of max.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def choose_best_model(results):
    return min(results, key=lambda r: r["dev"])
