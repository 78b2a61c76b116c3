"""Running student code in a child process: bubblewrap when available, rlimits otherwise."""

from autograder.sandbox.runner import ChildEvaluator, isolation_mode

__all__ = ["ChildEvaluator", "isolation_mode"]
