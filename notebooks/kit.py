"""Build the student kit: what an instructor installs for students, without the reference.

    python -m notebooks.kit build [--out dist/kit] [--language zh]   # or: make kit, make kit-zh

writes into --out:

- `cs224n_a1_kit-<version>-py3-none-any.whl`: the packages the released notebooks
  import (`autograder`'s notebook checker and the data loaders), with
  `autograder/kit_expected.json`, the reference's outcomes of every *visible* check
  recorded now from `solutions/`, and `autograder/checks/kit_points.json`, the points of
  every visible check as in the repository. No reference code (`solutions` is not in it), no
  hidden check (their definitions are cut out of `autograder/checks/*.py`), and only
  the parts of `autograder` the checker needs (no sandbox, no command line).
- `notebooks/`: the five released notebooks (nbgrader's `generate_assignment`: no
  solution cell, no hidden test); with `--language zh` those of the Chinese edition
  (notebooks/course_zh/), whose checker speaks Chinese.
- `README.txt`: how to install it (`pip install <wheel>`, or in a JupyterHub image).

In the kit, `check("softmax", softmax)` gives the same results and feedback as in the
repository for the visible checks; a function that calls other graded functions runs with
the student's own versions of them, and a failed check says so (see autograder/notebook.py).
"""

from __future__ import annotations

import argparse
import ast
import base64
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path
from typing import TypedDict, TypeGuard

import nbformat

from notebooks.build import ASSIGNMENT
from notebooks.nbgrader_cli import copy_course, run_nbgrader

__all__ = [
    "KIT_NAME",
    "build_kit",
    "kit_files",
    "project_imports",
    "strip_hidden_checks",
]

REPO_ROOT = Path(__file__).resolve().parent.parent
# Folders holding the project's packages (pyproject's packages.find `where`): cs224n_datasets is in datasets/.
SOURCE_ROOTS = (REPO_ROOT, REPO_ROOT / "datasets")
KIT_NAME = "cs224n_a1_kit"
# The student's environment: what the notebooks import (not nbgrader, not the test tools).
KIT_REQUIREMENTS = ("numpy", "scipy", "scikit-learn", "matplotlib", "tqdm", "jupyter")
_NEVER_SHIPPED = frozenset({"solutions"})
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed timestamps: the same sources give the same wheel


# --- what goes in ------------------------------------------------------------------------------


def _code_cells(notebook: Path) -> list[str]:
    nb = nbformat.read(notebook, as_version=4)
    return [cell.source for cell in nb.cells if cell.cell_type == "code"]


def _imported_modules(source: str) -> set[str]:
    """Absolute module names imported anywhere in source (magics and broken cells skipped)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def project_imports(notebooks: list[Path]) -> list[str]:
    """The project's modules the notebooks import (packages in SOURCE_ROOTS), e.g. `cs224n_datasets.dummy`."""
    found = set()
    for notebook in notebooks:
        for source in _code_cells(notebook):
            for module in _imported_modules(source):
                if _source_root(module) is not None:
                    found.add(module)
    forbidden = {m for m in found if m.split(".")[0] in _NEVER_SHIPPED}
    if forbidden:
        raise ValueError(f"the released notebooks import {sorted(forbidden)}: not in the kit")
    return sorted(found)


def _source_root(module: str) -> Path | None:
    """The folder of SOURCE_ROOTS holding the project package of `module`, or None (not ours)."""
    top = module.split(".")[0]
    return next((root for root in SOURCE_ROOTS if (root / top / "__init__.py").exists()), None)


def _module_file(module: str) -> Path | None:
    root = _source_root(module)
    if root is None:
        return None
    base = root.joinpath(*module.split("."))
    if (base / "__init__.py").exists():
        return base / "__init__.py"
    if base.with_suffix(".py").exists():
        return base.with_suffix(".py")
    return None


def _resolve(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _closure(start: list[str], package: str) -> set[str]:
    """The modules of `package` that `start` imports, directly or not (package __init__s too)."""
    seen: set[str] = set()
    todo = list(start)
    while todo:
        module = todo.pop()
        if module in seen or not module.startswith(package):
            continue
        path = _module_file(module)
        if path is None:
            continue
        seen.add(module)
        parts = module.split(".")
        todo.extend(".".join(parts[:k]) for k in range(1, len(parts)))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                todo.extend(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                target = _resolve(node, module, path.name == "__init__.py")
                todo.append(target)
                todo.extend(f"{target}.{alias.name}" for alias in node.names)
    return seen


def _is_hidden_check(node: ast.AST) -> TypeGuard[ast.FunctionDef | ast.AsyncFunctionDef]:
    """A function decorated with `@check(..., hidden=True)`."""
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    for decorator in node.decorator_list:
        if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", None) == "check":
            for keyword in decorator.keywords:
                if keyword.arg == "hidden" and isinstance(keyword.value, ast.Constant):
                    return bool(keyword.value.value)
    return False


def strip_hidden_checks(source: str) -> str:
    """The source of a checks module without its hidden checks (their decorators included)."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    cut = [
        (node.decorator_list[0].lineno - 1, node.end_lineno)
        for node in ast.walk(tree)
        if _is_hidden_check(node)
    ]
    for start, end in sorted(cut, reverse=True):
        while start > 0 and lines[start - 1].lstrip().startswith("#"):
            start -= 1  # the comment right above goes too
        del lines[start:end]
    stripped = "".join(lines)
    ast.parse(stripped)  # still valid Python
    return stripped


def kit_files(modules: list[str], expected: dict) -> dict[str, bytes]:
    """{path inside the wheel: content}: `modules` and every project module they import.

    Package data (non-Python files) of the packages shipped comes along, except downloaded
    data. Modules that import the reference are never shipped; the hidden checks are cut out.
    """
    files: dict[str, bytes] = {}
    shipped = set()
    for top in sorted({m.split(".")[0] for m in modules}):
        shipped |= _closure([m for m in modules if m.split(".")[0] == top], top)
    for module in sorted(shipped):
        path = _module_file(module)
        if path is None:
            raise ValueError(f"{module} has no source file in the repository")
        text = path.read_text(encoding="utf-8")
        imports = {name.split(".")[0] for name in _imported_modules(text)}
        if imports & _NEVER_SHIPPED and module != "autograder.checks.engine":
            raise ValueError(f"{module} imports the reference solutions: it cannot be in the kit")
        if module.startswith("autograder.checks."):
            text = strip_hidden_checks(text)
        root = _source_root(module)
        if root is None:
            raise ValueError(f"{module} is not in one of the project's source folders {SOURCE_ROOTS}")
        files[path.relative_to(root).as_posix()] = text.encode()
        if path.name == "__init__.py":
            for data in sorted(path.parent.iterdir()):
                relative = data.relative_to(root)
                if data.is_file() and data.suffix not in (".py", ".pyc") and data.name != "data":
                    files[relative.as_posix()] = data.read_bytes()
    files["autograder/kit_expected.json"] = json.dumps(expected, separators=(",", ":")).encode()
    if "autograder/checks/__init__.py" in files:
        # The visible checks' points as in the repository (hidden checks share the manifest's points).
        from autograder.checks import KIT_POINTS, visible_points

        points_path = KIT_POINTS.relative_to(REPO_ROOT).as_posix()
        files[points_path] = json.dumps(visible_points(), separators=(",", ":")).encode()
    return files


# --- the wheel ----------------------------------------------------------------------------------


def _project() -> dict:
    return tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _requirements() -> list[str]:
    pins = {}
    for requirement in _project()["dependencies"]:
        name = requirement.split("==")[0].strip().lower()
        pins[name] = requirement
    return [pins.get(name, name) for name in KIT_REQUIREMENTS]


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def write_wheel(files: dict[str, bytes], out_dir: Path) -> Path:
    """A pure-Python wheel holding files (the format pip installs; no build tool needed)."""
    project = _project()
    version = project["version"]
    info = f"{KIT_NAME}-{version}.dist-info"
    metadata = [
        "Metadata-Version: 2.1",
        f"Name: {KIT_NAME}",
        f"Version: {version}",
        "Summary: CS224n Assignment 1, the student kit: notebook checker (visible checks) and data loaders",
        f"Requires-Python: {project['requires-python']}",
        *(f"Requires-Dist: {r}" for r in _requirements()),
    ]
    top_level = sorted({path.split("/")[0] for path in files})
    meta_files = {
        f"{info}/METADATA": ("\n".join(metadata) + "\n").encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: notebooks.kit\nRoot-Is-Purelib: true\n"
        b"Tag: py3-none-any\n",
        f"{info}/top_level.txt": ("\n".join(top_level) + "\n").encode(),
    }
    everything = {**files, **meta_files}
    record = [f"{path},{_record_hash(data)},{len(data)}" for path, data in sorted(everything.items())]
    record.append(f"{info}/RECORD,,")
    everything[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{KIT_NAME}-{version}-py3-none-any.whl"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in sorted(everything.items()):
            entry = zipfile.ZipInfo(path, date_time=_ZIP_TIME)
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data, zipfile.ZIP_DEFLATED)
    wheel.write_bytes(buffer.getvalue())
    return wheel


# --- the released notebooks ---------------------------------------------------------------------


def released_notebooks(out_dir: Path, language: str = "en") -> list[Path]:
    """nbgrader's release of the assignment (generate_assignment in a scratch copy of the course).

    language: "en", or "zh" for the Chinese edition (notebooks/course_zh/).
    """
    with tempfile.TemporaryDirectory() as scratch:
        course = copy_course(Path(scratch) / "course", language)
        run_nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for notebook in sorted((course / "release" / ASSIGNMENT).glob("*.ipynb")):
            target = out_dir / notebook.name
            shutil.copyfile(notebook, target)
            written.append(target)
    return written


_README = """CS224n Assignment 1: the student kit
=====================================

Install it in the students' environment (a virtual environment, or a JupyterHub image):

    pip install {wheel}

then give each student the notebooks of notebooks/ (keep the five in one folder) and
start Jupyter there. The test cell under each function runs its visible checks:
`check("softmax", softmax)` prints one line per passed check, or what went wrong.

The kit holds no reference solution and no hidden test: the checks compare with
outcomes recorded from the reference when the kit was built. A function that calls
other graded functions (forward_backward_prop calls softmax and sigmoid, skipgram
calls a loss) runs here with the student's own versions, and a failed check says so.
Grades come from the instructor's grader (see the project's README).
"""


class BuiltKit(TypedDict):
    wheel: Path  # the wheel written
    notebooks: list[Path]  # the released notebooks written


def build_kit(out_dir: Path, language: str = "en") -> BuiltKit:
    """Build the kit into out_dir (emptied first): the wheel, the notebooks, a README.

    language: the edition of the notebooks, "en" or "zh" (Simplified Chinese).
    """
    from autograder.notebook import record_visible_outcomes

    if out_dir.exists():
        shutil.rmtree(out_dir)
    notebooks = released_notebooks(out_dir / "notebooks", language)
    modules = sorted(set(project_imports(notebooks)) | {"autograder.notebook"})
    expected = record_visible_outcomes()
    wheel = write_wheel(kit_files(modules, expected), out_dir)
    (out_dir / "README.txt").write_text(_README.format(wheel=wheel.name), encoding="utf-8")
    return {"wheel": wheel, "notebooks": notebooks}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the student kit")
    build.add_argument("--out", type=Path, default=REPO_ROOT / "dist" / "kit", help="output folder (emptied)")
    build.add_argument(
        "--language",
        choices=("en", "zh"),
        default="en",
        help="the notebooks' edition (zh: Simplified Chinese)",
    )
    args = parser.parse_args(argv)
    try:
        built = build_kit(args.out, args.language)
    except (RuntimeError, subprocess.SubprocessError, ValueError) as error:
        print(f"The kit could not be built: {error}", file=sys.stderr)
        return 1
    print(f"wheel:     {built['wheel']}")
    print(f"notebooks: {len(built['notebooks'])} in {args.out / 'notebooks'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
