# ruff: noqa
"""One bug in gradcheck_naive: compares the absolute error with the tolerance.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def gradcheck_naive(f, x):
    rs, ns = random.getstate(), np.random.get_state()
    random.setstate(rs)
    np.random.set_state(ns)
    _, grad = f(x)
    x = np.array(x, dtype=float)
    for ix in np.ndindex(x.shape):
        old = x[ix]
        x[ix] = old + 1e-4
        random.setstate(rs)
        np.random.set_state(ns)
        fp = f(x)[0]
        x[ix] = old - 1e-4
        random.setstate(rs)
        np.random.set_state(ns)
        fm = f(x)[0]
        x[ix] = old
        if abs((fp - fm) / 2e-4 - grad[ix]) > 1e-5:
            return False
    return True
