# ruff: noqa
"""Hostile: sigmoid kills its own process."""

import os


def sigmoid(x):
    os._exit(3)
