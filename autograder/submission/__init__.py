"""Finding the graded functions in a submission (.py file, folder, notebooks)."""

from autograder.submission.loader import ModuleSource, Submission, load_submission

__all__ = ["ModuleSource", "Submission", "load_submission"]
