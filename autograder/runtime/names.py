"""The names a graded function may have in a submission.

The contract's snake_case names come first; then the official CS224n
spellings of the 2017 and 2019 starter code, so students can bring code
written for the original starter files.
"""

from __future__ import annotations

# Generated from the manifest (autograder/manifest.py) by `make regen`.
from .manifest_copy import ALIASES, GRADED

__all__ = ["ALIASES", "GRADED", "aliases_of", "canonical"]


def aliases_of(name: str) -> tuple[str, ...]:
    """Every accepted spelling of a graded (or provided) function, contract name first."""
    return ALIASES.get(name, (name,))


def canonical(name: str) -> str | None:
    """The contract name for a spelling, or None."""
    for graded, spellings in ALIASES.items():
        if name in spellings:
            return graded
    return None
