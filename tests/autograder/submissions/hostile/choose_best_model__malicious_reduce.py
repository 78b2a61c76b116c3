# ruff: noqa
"""Hostile: returns an object whose unpickling would run a command (the grader never unpickles)."""

import os


class Payload:
    def __reduce__(self):
        return (os.system, ("touch /tmp/autograder_pwned_by_reduce",))

    def __eq__(self, other):
        raise RuntimeError("comparison sabotaged")

    def __str__(self):
        raise RuntimeError("str sabotaged")


def choose_best_model(results):
    return Payload()
