"""The source of the reference dependencies a graded function may receive.

Only the functions listed are cut out of the reference files (by AST), so the
child never receives the reference of the function being graded: skipgram
gets the two losses, never skipgram.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from autograder.checks import DEPENDENCIES

SOLUTIONS = Path(__file__).resolve().parent.parent.parent / "solutions"

# Each dependency and the reference definitions it needs: (file, names).
_PIECES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "softmax": [("softmax.py", ("_as_rows", "softmax", "log_softmax"))],
    "sigmoid": [("activations.py", ("sigmoid", "log_sigmoid"))],
    "sigmoid_grad": [("activations.py", ("sigmoid_grad",))],
    "get_negative_samples": [("word2vec.py", ("get_negative_samples",))],
    "naive_softmax_loss_and_gradient": [("word2vec.py", ("naive_softmax_loss_and_gradient",))],
    "neg_sampling_loss_and_gradient": [("word2vec.py", ("neg_sampling_loss_and_gradient",))],
}
_NEEDS = {
    "naive_softmax_loss_and_gradient": ("softmax",),
    "neg_sampling_loss_and_gradient": ("sigmoid", "get_negative_samples"),
}
_HEADER = "from __future__ import annotations\nimport random\nfrom typing import Any\nimport numpy as np\n"


def _definitions(file: str, names: tuple[str, ...]) -> list[str]:
    text = (SOLUTIONS / file).read_text(encoding="utf-8")
    tree = ast.parse(text)
    out = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in names:
            out.append(ast.get_source_segment(text, node))
    return out


@cache
def dependency_source(function: str) -> tuple[str, tuple[str, ...]]:
    """(source defining the dependencies of `function`, their names)."""
    wanted: list[str] = []
    todo = list(DEPENDENCIES.get(function, ()))
    while todo:
        name = todo.pop(0)
        if name in wanted:
            continue
        wanted.append(name)
        todo.extend(_NEEDS.get(name, ()))
    if function in wanted:  # never: a function is not its own dependency
        wanted.remove(function)
    chunks = [_HEADER]
    for name in wanted:
        for file, names in _PIECES[name]:
            chunks.extend(_definitions(file, names))
    return "\n\n".join(chunks) + "\n", tuple(DEPENDENCIES.get(function, ()))
