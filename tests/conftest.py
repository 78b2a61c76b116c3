"""Shared fixtures: seeded randomness and the data-location settings."""

from __future__ import annotations

import random

import numpy as np
import pytest


@pytest.fixture
def rng() -> np.random.Generator:
    """A fresh, seeded generator for test inputs."""
    return np.random.default_rng(224)


@pytest.fixture(autouse=True)
def seeded_global_rngs() -> None:
    """Every test starts from the same global RNG states (the word2vec code uses them)."""
    random.seed(31415)
    np.random.seed(9265)
