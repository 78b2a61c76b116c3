# ruff: noqa
"""Hostile: tries to import the grader to read its checks."""


def get_regularization_values():
    import autograder.checks.sentiment as grader_checks

    return sorted(grader_checks.__dict__)
