# ruff: noqa
"""Hostile: returns NaN everywhere (NaN compares unequal to everything)."""

import numpy as np


def sigmoid(x):
    return np.full(np.shape(x), np.nan)
