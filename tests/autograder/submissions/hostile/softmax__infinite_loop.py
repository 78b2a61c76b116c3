# ruff: noqa
"""Hostile: softmax never returns."""


def softmax(x):
    while True:
        pass
