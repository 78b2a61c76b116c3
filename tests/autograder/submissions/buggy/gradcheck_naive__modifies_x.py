# ruff: noqa
"""One bug in gradcheck_naive: perturbs the caller's x and never restores it.

Appended to correct/vectorised.py by the tests (the later definition wins).
"""

import random  # noqa: F401

import numpy as np  # noqa: F401


def gradcheck_naive(f, x):
    rs, ns = random.getstate(), np.random.get_state()
    _, grad = f(x)
    grad = np.array(grad, dtype=float)
    for ix in np.ndindex(x.shape):
        x[ix] += 1e-4
        random.setstate(rs)
        np.random.set_state(ns)
        fp = f(x)[0]
        x[ix] -= 2e-4
        random.setstate(rs)
        np.random.set_state(ns)
        fm = f(x)[0]
        num = (fp - fm) / 2e-4
        if abs(num - grad[ix]) / max(1, abs(num), abs(grad[ix])) > 1e-5:
            return False
    return True
