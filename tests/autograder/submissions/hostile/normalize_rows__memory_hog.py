# ruff: noqa
"""Hostile: normalize_rows allocates memory until it runs out (400 MB blocks)."""

import numpy as np


def normalize_rows(x):
    hoard = []
    while True:
        hoard.append(np.empty(50_000_000))
