"""Carry a student's own functions from one notebook of the assignment to the next.

The builder copies `functions_from_notebook` into the notebooks that need
functions written earlier (notebook 3 uses your softmax and sigmoid), the way
the original assignment imported q1_softmax.py from q2_neural.py.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path


def functions_from_notebook(notebook: str, names: list[str], namespace: dict) -> tuple:
    """Define in `namespace` the top-level functions and constants `names` of an earlier notebook.

    Only imports, constants (UPPER_CASE = ...) and the named definitions (def, class,
    name = ...) are taken, never other statements, so nothing else of that notebook
    runs. A name defined twice: the last wins.

    Returns:
        The definitions, in the order of `names` (so that a notebook can name them:
        `softmax, = functions_from_notebook(...)`).
    """
    path = Path(notebook)
    if not path.exists():
        raise FileNotFoundError(
            f"{notebook} is not in this folder; keep the assignment's notebooks together."
        )
    found: dict[str, str] = {}
    imports: list[str] = []
    constants: dict[str, str] = {}
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue  # IPython magics, or a cell still being written
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                imports.append(ast.get_source_segment(source, node) or "")
                continue
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                defined = [node.name]
            elif isinstance(node, ast.Assign):
                defined = [t.id for t in node.targets if isinstance(t, ast.Name)]
                for name in defined:
                    if name.isupper() and _is_literal(node.value):
                        constants[name] = ast.get_source_segment(source, node) or ""
            else:
                continue
            for name in set(defined) & set(names):
                found[name] = ast.get_source_segment(source, node) or ""
    missing = [name for name in names if name not in found]
    if missing:
        raise LookupError(f"{notebook} does not define {', '.join(missing)}")
    # The definitions need the names that notebook imported (np, random, Callable, ...)
    # and its constants (GRADCHECK_STEP, ...).
    exec(compile("\n".join(imports), f"<{notebook}: imports>", "exec"), namespace)
    for name, source in constants.items():
        exec(compile(source, f"<{notebook}: {name}>", "exec"), namespace)
    for name in names:
        exec(compile(found[name], f"<{notebook}: {name}>", "exec"), namespace)
    return tuple(namespace[name] for name in names)


def _is_literal(node: ast.expr) -> bool:
    """A plain value (1e-4, "text", (1, 2)): safe to evaluate, it runs no code."""
    try:
        ast.literal_eval(node)
    except ValueError:
        return False
    return True
