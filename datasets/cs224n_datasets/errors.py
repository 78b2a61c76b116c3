"""Exceptions raised by the data loaders."""

from __future__ import annotations


class DataError(Exception):
    """A data file is missing, truncated, or not what it should be.

    The message always names the file, says what was wrong and how to fix it,
    so callers (and ``python -m cs224n_datasets``) can show it to the user as is.
    """


class MissingDataError(DataError):
    """The data file (or folder) does not exist at all.

    Kept apart from other :class:`DataError` cases because a *missing* file may
    be replaced by the toy corpus, while a *corrupt* one must never be.
    """
