"""Building a Gradescope autograder package."""

from autograder.gradescope.package import build_package

__all__ = ["build_package"]
