# ruff: noqa
"""Hostile: patches NumPy's comparisons so that every check "passes", with a wrong sgd."""

import numpy

numpy.allclose = lambda *args, **kwargs: True
numpy.isclose = lambda *args, **kwargs: True
numpy.array_equal = lambda *args, **kwargs: True
numpy.testing.assert_allclose = lambda *args, **kwargs: None


def sgd(f, x0, step, iterations, postprocessing=None, use_saved=False, print_every=10):
    return x0
