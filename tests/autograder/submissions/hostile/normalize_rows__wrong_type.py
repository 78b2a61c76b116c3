# ruff: noqa
"""Hostile: returns nested lists and a string instead of arrays."""

import numpy as np


def normalize_rows(x):
    if x.shape[0] == 2:
        return "normalised!"
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).tolist()
