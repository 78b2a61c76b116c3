"""Carry a student's own functions from one notebook of the assignment to the next.

The builder copies `functions_from_notebook` into the notebooks that need
functions written earlier (notebook 3 uses your softmax and sigmoid), the way
the original assignment imported q1_softmax.py from q2_neural.py.
"""
from __future__ import annotations

import ast
import json
from pathlib import Path


def functions_from_notebook(notebook: str, names: list[str], namespace: dict) -> None:
    """Define in `namespace` the top-level functions and constants `names` of an earlier notebook.

    Only imports and definitions are taken (import, def, class, NAME = ...), never
    other statements, so nothing else of that notebook runs. A name defined twice:
    the last wins.
    """
    path = Path(notebook)
    if not path.exists():
        raise FileNotFoundError(f"{notebook} is not in this folder; keep the assignment's notebooks together.")
    found: dict[str, str] = {}
    imports: list[str] = []
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
                imports.append(ast.get_source_segment(source, node))
                continue
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                defined = [node.name]
            elif isinstance(node, ast.Assign):
                defined = [t.id for t in node.targets if isinstance(t, ast.Name)]
            else:
                continue
            for name in set(defined) & set(names):
                found[name] = ast.get_source_segment(source, node)
    missing = [name for name in names if name not in found]
    if missing:
        raise LookupError(f"{notebook} does not define {', '.join(missing)}")
    # The definitions need the names that notebook imported (np, random, Callable, ...).
    exec(compile("\n".join(imports), f"<{notebook}: imports>", "exec"), namespace)
    for name in names:
        exec(compile(found[name], f"<{notebook}: {name}>", "exec"), namespace)
