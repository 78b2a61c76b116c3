"""Build the instructor (source) notebooks from the templates and the reference solutions.

One source of truth: a graded function's code lives only in solutions/. The
template of a notebook says where each function goes; this builder copies the
function from solutions/ into the notebook, its body between nbgrader's
`### BEGIN SOLUTION` / `### END SOLUTION` markers, and writes the nbgrader
metadata of every cell. tests/notebooks checks that the committed notebooks
are exactly what this builder produces.

    python -m notebooks.build            # rewrite notebooks/course/source/a1/*.ipynb
    python -m notebooks.build --check    # exit 1 if they are out of date

Template format (a percent-format .py file per notebook, in notebooks/templates/;
comment lines before the first cell are the file's own and not copied):

    # %% [markdown]                          read-only text; lines start with "# "
    # %% [markdown] answer=ID points=N       a manually graded answer; the text is
                                             the reference answer (instructors only)
    # %%                                     a code cell the student may edit
    # %% provided                            read-only code; a line
                                             "# include: package.module:name" becomes
                                             that definition's source
    # %% solution=NAME                       the graded function NAME from solutions/
    # %% tests=NAME                          its autograded tests (public + hidden)
    # %% exercise=ID                         ungraded code the student writes: the template
                                             holds the answer between `### BEGIN SOLUTION` and
                                             `### END SOLUTION`, which the release replaces
                                             with a stub
    # %% tests=NAME bonus                    the same, worth 0 required points: extra credit
                                             (the points earned are printed, not scored)

An include may use only names the notebook defines somewhere (its imports, its
other cells, other includes): the builder rejects one that relies on a global of
its own module that the notebook lacks (`__file__`, a module constant).
"""

from __future__ import annotations

import argparse
import ast
import builtins
import importlib
import inspect
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat.notebooknode import NotebookNode

__all__ = ["TEMPLATE_DIR", "SOURCE_DIR", "build", "render", "notebook_names", "solution_source"]

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"
COURSE_DIR = PACKAGE_DIR / "course"
ASSIGNMENT = "a1"
SOURCE_DIR = COURSE_DIR / "source" / ASSIGNMENT

_HEADER = re.compile(r"^# %%(?P<spec>.*)$")
_INCLUDE = re.compile(r"^# include: (?P<module>[\w.]+):(?P<name>\w+)\s*$")
_SCHEMA = 3

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {"name": "python", "file_extension": ".py", "mimetype": "text/x-python"}


@dataclass
class _Cell:
    kind: str  # markdown | answer | code | provided | solution | tests | exercise
    lines: list[str] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)
    line_number: int = 0


def notebook_names() -> list[str]:
    """The notebooks' file stems, in order: 01_softmax, 02_..., ..."""
    return sorted(path.stem for path in TEMPLATE_DIR.glob("[0-9][0-9]_*.py"))


def _parse_header(spec: str, line_number: int, template: Path) -> _Cell:
    words = spec.split()
    options = dict(word.split("=", 1) for word in words if "=" in word)
    flags = [word for word in words if "=" not in word]
    if flags == ["[markdown]"]:
        kind = "answer" if "answer" in options else "markdown"
        return _Cell(kind, options=options, line_number=line_number)
    if flags == [] and not options:
        return _Cell("code", line_number=line_number)
    if flags == ["provided"]:
        return _Cell("provided", line_number=line_number)
    if flags == [] and set(options) in ({"solution"}, {"tests"}, {"exercise"}):
        kind = next(iter(options))
        return _Cell(kind, options=options, line_number=line_number)
    if flags == ["bonus"] and set(options) == {"tests"}:
        return _Cell("tests", options={**options, "bonus": "yes"}, line_number=line_number)
    raise ValueError(f"{template.name}:{line_number}: cannot read the cell header '# %%{spec}'")


def _split_cells(template: Path) -> list[_Cell]:
    cells: list[_Cell] = []
    for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1):
        match = _HEADER.match(line)
        if match:
            cells.append(_parse_header(match.group("spec"), number, template))
        elif cells:
            cells[-1].lines.append(line)
        elif line.strip() and not line.startswith("#"):  # comments before the first cell: the file's own
            raise ValueError(f"{template.name}:{number}: text before the first '# %%' cell header")
    return cells


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def _markdown_text(cell: _Cell, template: Path) -> str:
    out = []
    for offset, line in enumerate(_trim(cell.lines)):
        if line == "#":
            out.append("")
        elif line.startswith("# "):
            out.append(line[2:])
        else:
            raise ValueError(
                f"{template.name}:{cell.line_number + offset + 1}: markdown lines must start with '# '"
            )
    return "\n".join(out)


def _top_level_node(module_name: str, name: str) -> tuple[list[str], ast.stmt]:
    module = importlib.import_module(module_name)
    source = inspect.getsource(module)
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name:
            return source.splitlines(), node
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            return source.splitlines(), node
    raise LookupError(f"{module_name} has no top-level definition of {name}")


def definition_source(module_name: str, name: str) -> str:
    """The source of a top-level definition, with the comment lines right above it."""
    lines, node = _top_level_node(module_name, name)
    start = node.lineno - 1
    decorators = getattr(node, "decorator_list", None)
    if decorators:
        start = decorators[0].lineno - 1
    while start > 0 and lines[start - 1].startswith("#"):
        start -= 1
    return "\n".join(lines[start : node.end_lineno])


def _graded_module(name: str) -> str:
    import solutions

    function = getattr(solutions, name)
    return function.__module__


def solution_source(name: str) -> tuple[str, str]:
    """(signature and docstring, body) of the reference function `name` in solutions/."""
    lines, node = _top_level_node(_graded_module(name), name)
    if not isinstance(node, ast.FunctionDef):
        raise TypeError(f"solutions.{name} is not a function")
    first = node.body[0]
    has_docstring = (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    )
    split = first.end_lineno if has_docstring else node.body[0].lineno - 1
    head = "\n".join(lines[node.lineno - 1 : split])
    body = "\n".join(_trim(lines[split : node.end_lineno]))
    return head, body


def _solution_cell_source(name: str) -> str:
    head, body = solution_source(name)
    return f"{head}\n    ### BEGIN SOLUTION\n{body}\n    ### END SOLUTION"


def _provided_source(cell: _Cell) -> str:
    out = []
    for line in _trim(cell.lines):
        match = _INCLUDE.match(line)
        out.append(definition_source(match["module"], match["name"]) if match else line)
    return "\n".join(out)


def _free_names(source: str) -> set[str]:
    """Names a definition reads but neither binds itself nor gets from the builtins."""
    tree = ast.parse(source)
    loaded: set[str] = set()
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return loaded - bound - set(dir(builtins))


def _bound_names(source: str) -> set[str]:
    """Names a cell binds at its top level (imports, definitions, assignments)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in tree.body:
        for sub in ast.walk(node) if not isinstance(node, (ast.FunctionDef, ast.ClassDef)) else [node]:
            if isinstance(sub, (ast.FunctionDef, ast.ClassDef)):
                names.add(sub.name)
            elif isinstance(sub, ast.alias):
                names.add((sub.asname or sub.name).split(".")[0])
            elif isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
                names.add(sub.id)
    return names


def _check_includes(cells: list[_Cell], sources: list[str], template: Path) -> None:
    """Every name an included definition reads must be defined by the notebook.

    An include copies one definition out of its module; a global of that module it
    relies on (`__file__`, a constant, a helper) does not come along, and the copy
    would raise NameError in the notebook only when that line runs.
    """
    defined = set().union(*(_bound_names(source) for source in sources))
    for cell in cells:
        if cell.kind != "provided":
            continue
        for offset, line in enumerate(cell.lines, start=1):
            match = _INCLUDE.match(line)
            if not match:
                continue
            missing = _free_names(definition_source(match["module"], match["name"])) - defined
            if missing:
                raise ValueError(
                    f"{template.name}:{cell.line_number + offset}: the included {match['module']}:"
                    f"{match['name']} uses {', '.join(sorted(missing))}, which the notebook does not "
                    "define; include or define them in the template, or include something else"
                )


def _points(name: str, hidden: bool) -> float:
    from autograder.notebook import points

    return float(points(name, hidden=hidden))


def _nbgrader(
    grade_id: str, *, grade: bool, solution: bool, locked: bool, points: float | None = None
) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked}
    meta.update(schema_version=_SCHEMA, solution=solution)
    if points is not None:
        meta["points"] = points
    return meta


def _new_cell(cell_type: str, source: str, grade_id: str, **nbgrader_meta) -> NotebookNode:
    make = nbformat.v4.new_markdown_cell if cell_type == "markdown" else nbformat.v4.new_code_cell
    cell = make(source)
    cell.id = grade_id  # a stable id: the build is reproducible byte for byte
    cell.metadata = {"nbgrader": _nbgrader(grade_id, **nbgrader_meta)} if nbgrader_meta else {}
    return cell


def render(template: Path) -> NotebookNode:
    """The instructor notebook described by one template."""
    cells = []
    counters: dict[str, int] = {}

    def next_id(kind: str) -> str:
        counters[kind] = counters.get(kind, 0) + 1
        return f"{kind}-{counters[kind]}"

    parsed = _split_cells(template)
    for cell in parsed:
        if cell.kind == "markdown":
            cells.append(
                _new_cell(
                    "markdown",
                    _markdown_text(cell, template),
                    next_id("text"),
                    grade=False,
                    solution=False,
                    locked=True,
                )
            )
        elif cell.kind == "answer":
            cells.append(
                _new_cell(
                    "markdown",
                    _markdown_text(cell, template),
                    f"answer-{cell.options['answer']}",
                    grade=True,
                    solution=True,
                    locked=False,
                    points=float(cell.options["points"]),
                )
            )
        elif cell.kind == "code":
            cells.append(_new_cell("code", "\n".join(_trim(cell.lines)), next_id("code")))
        elif cell.kind == "provided":
            cells.append(
                _new_cell(
                    "code",
                    _provided_source(cell),
                    next_id("provided"),
                    grade=False,
                    solution=False,
                    locked=True,
                )
            )
        elif cell.kind == "solution":
            name = cell.options["solution"]
            if _trim(cell.lines):
                raise ValueError(
                    f"{template.name}:{cell.line_number}: a solution cell's body comes from solutions/"
                )
            cells.append(
                _new_cell(
                    "code",
                    _solution_cell_source(name),
                    f"solution-{name}",
                    grade=False,
                    solution=True,
                    locked=False,
                )
            )
        elif cell.kind == "exercise":
            source = "\n".join(_trim(cell.lines))
            if "### BEGIN SOLUTION" not in source or "### END SOLUTION" not in source:
                raise ValueError(
                    f"{template.name}:{cell.line_number}: an exercise cell needs its answer between "
                    "'### BEGIN SOLUTION' and '### END SOLUTION'"
                )
            cells.append(
                _new_cell(
                    "code",
                    source,
                    f"exercise-{cell.options['exercise']}",
                    grade=False,
                    solution=True,
                    locked=False,
                )
            )
        elif cell.kind == "tests":
            name = cell.options["tests"]
            bonus = "bonus" in cell.options
            public = (
                f"# Tests of {name}: the same checks and messages as `python -m autograder`.\n"
                f'check("{name}", {name})'
            )
            if bonus:  # nbgrader caps a cell at its points: extra credit is printed, not scored
                public = (
                    f"# Tests of {name} (extra credit: 0 required points here; `python -m autograder`\n"
                    "# adds the points below to your total as a bonus).\n"
                    f"print(f\"extra credit earned: {{check('{name}', {name}):g}} of "
                    f'{_points(name, hidden=False):g} (visible tests)")'
                )
            cells.append(
                _new_cell(
                    "code",
                    public,
                    f"test-{name}",
                    grade=True,
                    solution=False,
                    locked=True,
                    points=0.0 if bonus else _points(name, hidden=False),
                )
            )
            hidden_points = _points(name, hidden=True)
            if hidden_points > 0:
                call = f'check("{name}", {name}, hidden=True)'
                if bonus:
                    quoted = call.replace('"', "'")
                    call = f'print(f"extra credit earned: {{{quoted}:g}} (hidden tests)")'
                hidden = (
                    f"# Hidden tests of {name}: they run when your notebook is graded.\n"
                    "### BEGIN HIDDEN TESTS\n"
                    f"{call}\n"
                    "### END HIDDEN TESTS"
                )
                cells.append(
                    _new_cell(
                        "code",
                        hidden,
                        f"hidden-test-{name}",
                        grade=True,
                        solution=False,
                        locked=True,
                        points=0.0 if bonus else hidden_points,
                    )
                )
    _check_includes(
        [c for c in parsed if c.kind == "provided"],
        [c.source for c in cells if c.cell_type == "code"],
        template,
    )
    for code in cells:
        if code.cell_type == "code":
            code.outputs = []
            code.execution_count = None
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": dict(LANGUAGE_INFO)}
    nbformat.validate(nb)
    return nb


def build(out_dir: Path = SOURCE_DIR, *, check: bool = False) -> list[Path]:
    """Write every notebook (or, with check, list those whose file differs)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    differing = []
    for stem in notebook_names():
        text = nbformat.writes(render(TEMPLATE_DIR / f"{stem}.py")) + "\n"
        target = out_dir / f"{stem}.ipynb"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            differing.append(target)
            if not check:
                target.write_text(text, encoding="utf-8")
    return differing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report notebooks that are out of date")
    args = parser.parse_args(argv)
    differing = build(check=args.check)
    for path in differing:
        verb = "out of date" if args.check else "written"
        print(f"{path.relative_to(PACKAGE_DIR.parent)}: {verb}")
    if args.check and differing:
        print("Run `python -m notebooks.build` and commit the result.", file=sys.stderr)
        return 1
    if not differing:
        print("All notebooks are up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
