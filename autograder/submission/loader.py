"""Read a submission without running it: parse, keep the definitions, find the graded functions.

Accepted: one .py file, a folder of .py files, one .ipynb notebook or a
folder of them (an nbgrader submission folder). Each file becomes a module
whose top level keeps only imports, function and class definitions and
simple assignments, so that tests, prints, training runs and `sys.exit()`
calls at the top level are never run by the grader. Lines keep their numbers
so error messages point at the student's own lines. A file that does not
parse (a syntax error, or source pathological enough to exhaust the parser's memory or
recursion) is salvaged block by block: what parses is graded.

Only regular files are read: symbolic links (to files or folders), FIFOs, devices and sockets
in a submission are never followed nor opened; they are skipped and the report says so.
"""

from __future__ import annotations

import ast
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from autograder.runtime.names import ALIASES, GRADED

MAX_FILE_BYTES = 2_000_000  # a .py file
MAX_NOTEBOOK_BYTES = 100_000_000  # notebooks carry their outputs (plots); only code cells are used
MAX_FILES = 200  # .py and .ipynb files of one submission
MAX_TOTAL_CODE = 20_000_000  # characters of code of one submission, all files together
MAX_DEPTH = 12  # folder levels below the submission
SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints", ".git", "venv", ".venv", "site-packages", "solutions"}
_BLOCK_START = re.compile(
    r"^(def |class |import |from |@|async def |if |try:|for |while |with |[A-Za-z_][A-Za-z0-9_.]*\s*(=|:|\())"
)
_CHEAP_CALLS = {
    "int",
    "float",
    "str",
    "list",
    "dict",
    "tuple",
    "set",
    "frozenset",
    "range",
    "len",
    "sorted",
    "zip",
    "enumerate",
    "bool",
    "object",
    "TypeVar",
    "namedtuple",
    "defaultdict",
}
_CHEAP_ROOTS = {"np", "numpy", "math", "collections", "typing", "re", "os"}


@dataclass
class ModuleSource:
    """One student file, reduced to its definitions."""

    module: str  # importable module name in the child
    origin: str  # the file as the student named it
    text: str  # sanitised source, same line numbers as the original (notebooks: cells joined)
    defined: dict[str, int] = field(default_factory=dict)  # top-level name -> line (definitions)
    assigned: dict[str, int] = field(default_factory=dict)  # top-level name -> line (assignments, imports)


@dataclass
class Submission:
    path: Path
    modules: list[ModuleSource] = field(default_factory=list)
    functions: dict[str, tuple[str, str]] = field(default_factory=dict)  # graded -> (module, name)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


# What a parser may raise on hostile source: a syntax error, or MemoryError / RecursionError
# for deeply nested expressions (200,000 unary minus signs, 100,000 chained additions).
PARSE_ERRORS = (SyntaxError, ValueError, MemoryError, RecursionError, OverflowError)


def parse(text: str) -> ast.Module | None:
    """The module's syntax tree, or None when the text cannot be parsed (for any reason)."""
    try:
        tree = ast.parse(text)
        # The compiler recurses deeper than the parser: a tree it cannot compile is unparsable too.
        # (The child compiles one top-level statement at a time; so does this.)
        for node in tree.body:
            compile(ast.Module(body=[node], type_ignores=[]), "<submission>", "exec", dont_inherit=True)
        return tree
    except PARSE_ERRORS:
        return None


def _parse_problem(text: str) -> str:
    """Why text does not parse, in words."""
    try:
        for node in ast.parse(text).body:
            compile(ast.Module(body=[node], type_ignores=[]), "<submission>", "exec", dont_inherit=True)
    except SyntaxError as exc:
        line = f" at line {exc.lineno}" if exc.lineno else ""
        return f"syntax error{line} ({exc.msg})"
    except PARSE_ERRORS as exc:
        return f"code nested too deeply to be read ({type(exc).__name__})"
    return "unreadable code"


def _module_name(stem: str, taken: set[str]) -> str:
    name = re.sub(r"\W", "_", stem) or "submission"
    if name[0].isdigit():
        name = "m_" + name
    base, k = name, 2
    while name in taken:
        name = f"{base}_{k}"
        k += 1
    taken.add(name)
    return name


def _notebook_code(path: Path, problems: list[str]) -> str:
    """The code cells of a notebook, joined; IPython magics and shell lines blanked."""
    try:
        nb = json.loads(_read_regular(path, MAX_NOTEBOOK_BYTES))
        cells = nb.get("cells", []) if isinstance(nb, dict) else []
        if not isinstance(cells, list):
            cells = []
    except (ValueError, OSError, RecursionError, MemoryError) as exc:
        problems.append(f"{path.name}: not a readable notebook ({type(exc).__name__}); it was skipped.")
        return ""
    parts = []
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(str(s) for s in source)
        raw_lines = str(source).splitlines()
        if raw_lines and raw_lines[0].lstrip().startswith("%%"):
            # A cell magic (%%bash, %%writefile, %%time ...): only %%time/%%timeit hold Python.
            if raw_lines[0].split()[0] not in ("%%time", "%%timeit", "%%capture"):
                raw_lines = []
        lines = []
        for line in raw_lines:
            stripped = line.lstrip()
            if stripped.startswith(("%", "!", "?")) or stripped.endswith("?"):
                line = ""
            lines.append(line)
        text = "\n".join(lines)
        if parse(text) is None:
            # A cell that does not parse is left out whole; the others are graded.
            problems.append(
                f"{path.name}: code cell {index + 1} could not be read ({_parse_problem(text)}, "
                "counting lines from the top of the cell); that cell was not graded."
            )
            text = "\n".join("" for _ in lines)
        parts.append(f"# --- code cell {index + 1} ---\n" + text + "\n")
    return "\n".join(parts)


def _is_cheap(node: ast.AST) -> bool:
    """An expression safe and fast to evaluate at load time (no calls of student code)."""
    for sub in ast.walk(node):
        if isinstance(sub, (ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)):
            return False
        if isinstance(sub, ast.Call):
            func = sub.func
            if isinstance(func, ast.Name) and func.id in _CHEAP_CALLS:
                continue
            root = func
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in _CHEAP_ROOTS and isinstance(func, ast.Attribute):
                if func.attr in ("system", "_exit", "exit", "kill", "fork", "load", "loadtxt", "fromfile"):
                    return False
                continue
            return False
    return True


def _grader_import(node: ast.stmt) -> bool:
    """An import of the grader itself (nbgrader test cells): never available to a submission."""
    if isinstance(node, ast.ImportFrom):
        return (node.module or "").split(".")[0] == "autograder"
    if isinstance(node, ast.Import):
        return all(alias.name.split(".")[0] == "autograder" for alias in node.names)
    return False


def _keep(node: ast.stmt) -> bool:
    if _grader_import(node):
        return False
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return True
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        return node.value is None or _is_cheap(node.value)
    if isinstance(node, ast.Try):
        return all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in node.body)
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return True  # a docstring
    return False


def _salvage(text: str, origin: str, problems: list[str]) -> tuple[ast.Module, str]:
    """Parse text; if it does not parse, keep the top-level blocks that do."""
    tree = parse(text)
    if tree is not None:
        return tree, text
    problems.append(
        f"{origin}: {_parse_problem(text)}; the parts of the file that parse were graded, the rest was not."
    )
    lines = text.splitlines()
    starts = []
    for i, line in enumerate(lines):
        if _BLOCK_START.match(line) and not (i > 0 and lines[i - 1].startswith("@")):
            starts.append(i)
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    starts.append(len(lines))
    kept = [""] * len(lines)
    for a, b in zip(starts, starts[1:], strict=False):
        if parse("\n".join(lines[a:b])) is not None:
            kept[a:b] = lines[a:b]
    salvaged = "\n".join(kept) + "\n"
    tree = parse(salvaged)
    return (tree, salvaged) if tree is not None else (ast.parse(""), "")


def sanitise(text: str, origin: str, problems: list[str], notes: list[str]) -> tuple[str, ast.Module]:
    """Keep only the loadable top-level statements, blanking the others (line numbers kept)."""
    tree, text = _salvage(text, origin, problems)
    lines = text.splitlines()
    drop_lines: set[int] = set()
    keep_lines: set[int] = set()
    dropped = 0
    for node in tree.body:
        span = set(range(node.lineno - 1, (node.end_lineno or node.lineno)))
        if hasattr(node, "decorator_list"):
            for dec in node.decorator_list:
                span |= set(range(dec.lineno - 1, node.lineno))
        if _keep(node):
            keep_lines |= span
        else:
            drop_lines |= span
            dropped += not _grader_import(node)
    drop_lines |= keep_lines & drop_lines  # a line shared by kept and dropped statements is dropped
    out = ["" if i in drop_lines else line for i, line in enumerate(lines)]
    if dropped:
        notes.append(
            f"{origin}: {dropped} top-level statement(s) (calls, prints, loops, tests) were not run; "
            "the grader loads only imports, definitions and simple assignments."
        )
    clean = "\n".join(out) + "\n"
    kept = parse(clean)
    return (clean, kept) if kept is not None else ("", ast.parse(""))


def _top_level_names(tree: ast.Module) -> tuple[dict[str, int], dict[str, int]]:
    defined, assigned = {}, {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined[node.name] = node.lineno
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    assigned[target.id] = node.lineno
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                assigned[(alias.asname or alias.name).split(".")[0]] = node.lineno
    return defined, assigned


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _files(path: Path, problems: list[str]) -> list[Path]:
    """The submission's .py and .ipynb files: regular files only, links never followed."""
    if not path.is_dir():
        return [path]
    found: list[Path] = []
    for folder, dirs, files in os.walk(path, followlinks=False):
        base = Path(folder)
        if len(base.relative_to(path).parts) >= MAX_DEPTH:
            if dirs:
                problems.append(
                    f"{base.relative_to(path)}: folders nested deeper than {MAX_DEPTH} levels were skipped."
                )
            dirs[:] = []
        if len(found) > MAX_FILES:
            dirs[:] = []
            continue
        for name in sorted(dirs):
            if (base / name).is_symlink():
                problems.append(
                    f"{(base / name).relative_to(path)}: a symbolic link to a folder; links are never "
                    "followed, it was skipped."
                )
        dirs[:] = sorted(
            d for d in dirs if not (base / d).is_symlink() and d not in SKIP_DIRS and not d.startswith(".")
        )
        for name in sorted(files):
            p = base / name
            if name.startswith(".") or p.suffix not in (".py", ".ipynb"):
                continue
            mode = p.lstat().st_mode
            if not stat.S_ISREG(mode):
                problems.append(
                    f"{p.relative_to(path)}: {_kind(mode)}; only regular files are graded (links are never "
                    "followed), it was skipped."
                )
                continue
            found.append(p)
    if len(found) > MAX_FILES:
        problems.append(f"more than {MAX_FILES} .py/.ipynb files: only the first {MAX_FILES} were graded.")
    return sorted(found)[:MAX_FILES]


def _read_regular(path: Path, limit: int) -> str:
    """A regular file's text, opened without following a link and without blocking on a FIFO."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, _kind(info.st_mode))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(fd)
    return data[:limit].decode("utf-8", errors="replace")


def load_submission(path: str | Path) -> Submission:
    """Parse a submission and locate every graded function (without running anything)."""
    path = Path(path)
    sub = Submission(path=path)
    if not path.exists():
        sub.problems.append(f"{path} does not exist.")
        return sub
    try:
        top = path.lstat().st_mode
    except OSError:
        top = 0
    if not (stat.S_ISREG(top) or stat.S_ISDIR(top)):
        sub.problems.append(
            f"{path.name}: {_kind(top)}; only regular files and folders are graded (links are never "
            "followed), so nothing was graded."
        )
        return sub
    taken: set[str] = {"ag_runtime", "numpy", "scipy", "random", "math", "os", "sys"}
    total = 0
    try:
        files = _files(path, sub.problems)
    except (OSError, RecursionError) as exc:
        sub.problems.append(f"{path.name}: the folder could not be read ({type(exc).__name__}).")
        files = []
    for file in files:
        origin = str(file.relative_to(path)) if path.is_dir() else file.name
        try:
            limit = MAX_NOTEBOOK_BYTES if file.suffix == ".ipynb" else MAX_FILE_BYTES
            if file.stat().st_size > limit:
                sub.problems.append(f"{origin}: larger than {limit // 1_000_000} MB; skipped.")
                continue
            if file.suffix == ".ipynb":
                raw = _notebook_code(file, sub.problems)
            else:
                raw = _read_regular(file, limit)
        except OSError as exc:
            sub.problems.append(f"{origin}: could not be read ({exc.strerror or exc}); it was skipped.")
            continue
        total += len(raw)
        if total > MAX_TOTAL_CODE:
            sub.problems.append(
                f"{origin}: the submission holds more than {MAX_TOTAL_CODE:,} characters of code; skipped."
            )
            continue
        text, tree = sanitise(raw, origin, sub.problems, sub.notes)
        defined, assigned = _top_level_names(tree)
        stem = file.stem if file.suffix == ".py" else file.stem + "_ipynb"
        sub.modules.append(ModuleSource(_module_name(stem, taken), origin, text, defined, assigned))
    if path.is_file() and path.suffix not in (".py", ".ipynb"):
        sub.problems.append(f"{path.name}: not a .py file or a notebook.")
    for graded in GRADED:
        choice = None
        for table in ("defined", "assigned"):
            for module in sub.modules:
                for alias in ALIASES[graded]:
                    if alias in getattr(module, table):
                        if choice is None:
                            choice = (module.module, alias, module.origin)
                        elif table == "defined" and choice[2] != module.origin:
                            sub.notes.append(
                                f"{graded} is defined in {choice[2]} and in {module.origin}; "
                                f"the one in {choice[2]} was graded."
                            )
                        break
            if choice:
                break
        if choice:
            sub.functions[graded] = (choice[0], choice[1])
    return sub


def sanitise_strict(text: str) -> str:
    """Only imports and undecorated function definitions (the fallback when loading crashed)."""
    tree = parse(text)
    if tree is None:
        return ""
    lines = text.splitlines()
    keep: set[int] = set()
    for node in tree.body:
        plain_def = isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.decorator_list
        if plain_def or isinstance(node, (ast.Import, ast.ImportFrom)):
            keep |= set(range(node.lineno - 1, node.end_lineno or node.lineno))
    return "\n".join(line if i in keep else "" for i, line in enumerate(lines)) + "\n"
