"""Run the notebook checker's visible checks on submission files; print the results as JSON.

Run by the kit tests twice: inside a fresh virtual environment that holds only the student
kit (`python kit_runner.py SPEC.json`), and in the repository's own environment (full mode),
so that both answers can be compared. SPEC.json: {"path": {"label": [file, [functions]]},
"sys_path": [folders to import from], "language": "en" or "zh" (the feedback's, default en)}.
Standard library only, besides the checker itself.
"""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from contextlib import redirect_stdout
from pathlib import Path


def load(path: str, name: str):
    """Import a submission file (or a package's __init__.py) under a fresh module name."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def results_of(module, functions: list[str]) -> dict[str, list[list]]:
    from autograder.notebook import check_results
    from autograder.runtime.names import aliases_of

    out = {}
    for function in functions:
        student = next((getattr(module, a) for a in aliases_of(function) if hasattr(module, a)), None)
        if student is None:
            continue
        with redirect_stdout(io.StringIO()):
            results = check_results(function, student)
        out[function] = [[r.title, r.score, r.points, r.output] for r in results]
    return out


def run(spec: dict) -> dict:
    from autograder.notebook import set_language

    sys.path[:0] = spec.get("sys_path", [])
    set_language(spec.get("language", "en"))
    answers = {}
    for n, (label, (path, functions)) in enumerate(sorted(spec["submissions"].items())):
        if path.endswith("__init__.py"):
            module = importlib.import_module(Path(path).parent.name)
        else:
            module = load(path, f"submission_{n}")
        answers[label] = results_of(module, functions)
    set_language(None)
    return answers


if __name__ == "__main__":
    spec = json.loads(Path(sys.argv[1]).read_text())
    print(json.dumps(run(spec)))
