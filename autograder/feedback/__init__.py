"""Comparing a student's outputs with the expected ones, and naming the likely mistake."""

from autograder.feedback.compare import (
    CheckFailed,
    compare_array,
    compare_number,
    describe_value,
    fmt,
)
from autograder.feedback.diagnose import diagnose

__all__ = ["CheckFailed", "compare_array", "compare_number", "describe_value", "diagnose", "fmt"]
