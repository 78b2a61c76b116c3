# ruff: noqa
"""Hostile: tries to delete and overwrite files outside its own folder."""

import os
import shutil

import numpy as np


def normalize_rows(x):
    target = "/tmp/autograder_victim_dir"
    shutil.rmtree(target)
    with open("/tmp/autograder_victim_file", "w") as handle:
        handle.write("overwritten")
    return x / np.linalg.norm(x, axis=1, keepdims=True)
