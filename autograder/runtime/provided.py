"""Code the assignment hands to students ready-made, so the child may run it itself.

`get_negative_samples` is printed in the handout (provided, not graded): the child runs this
copy next to the student's code, so that negatives are drawn from the child's own dataset
object. The reference *graded* functions never come here (see protocol.DepCall).
"""

from __future__ import annotations

from typing import Any


def get_negative_samples(outside_word_idx: int, dataset: Any, K: int) -> list[int]:
    """K draws of dataset.sample_token_idx(), each redrawn while it equals outside_word_idx."""
    negatives = []
    for _ in range(K):
        idx = dataset.sample_token_idx()
        while idx == outside_word_idx:
            idx = dataset.sample_token_idx()
        negatives.append(idx)
    return negatives


LOCAL = {"get_negative_samples": get_negative_samples}
