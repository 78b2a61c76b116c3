import numpy as np
import pytest

import solutions.sanity as sanity


def test_sanity_checks_pass_on_the_reference():
    lines = sanity.run_sanity_checks()
    assert len(lines) == len(sanity.SANITY_CHECKS)
    assert all(lines)


def test_sanity_checks_catch_a_broken_softmax(monkeypatch):
    monkeypatch.setattr(sanity, "softmax", lambda x: np.full_like(np.asarray(x, float), 0.5))
    with pytest.raises(AssertionError):
        sanity.check_softmax()
