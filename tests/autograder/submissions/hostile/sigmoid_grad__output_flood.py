# ruff: noqa
"""Hostile: sigmoid_grad writes hundreds of megabytes to the terminal, bypassing print."""

import os
import sys


def sigmoid_grad(s):
    block = b"flood " * 200_000
    for _ in range(500):
        os.write(1, block)
        sys.stderr.write("more flood\n" * 1000)
    return s * (1 - s)
