"""Build the instructor (source) notebooks from the templates and the reference solutions.

One source of truth: a graded function's code lives only in solutions/. The
template of a notebook says where each function goes; this builder copies the
function from solutions/ into the notebook, its body between nbgrader's
`### BEGIN SOLUTION` / `### END SOLUTION` markers, and writes the nbgrader
metadata of every cell. tests/notebooks checks that the committed notebooks
are exactly what this builder produces.

    python -m notebooks.build            # rewrite both editions' source notebooks
    python -m notebooks.build --check    # exit 1 if either edition is out of date

Two editions come from the same templates: English in notebooks/course/source/a1/
and Simplified Chinese in notebooks/course_zh/source/a1/ (an nbgrader course of its
own, released with the same commands). The Chinese edition is the English one with
each prose or answer cell's text replaced by its `lang="zh"` twin (a cell without a
twin keeps its English text; a line break between two hanzi is removed, as Chinese puts
no space there), and a few lines more at the end of the first provided
cell (ZH_SETUP), which switch the checker's messages to Chinese (`set_language("zh")`)
and give matplotlib a CJK font (`autograder.fonts.use_cjk_font`), and with the
strings that the template's `strings="zh"` table translates (what the code cells
print and the labels of their figures) swapped in. Everything else, the code
itself, cell ids, nbgrader metadata and points, is byte for byte the same: the
builder checks that a swap changes nothing but the text of a string.

Template format: a jupytext percent-format .py file per notebook, in
notebooks/templates/ (open one in Jupyter with jupytext to read it as a
notebook). The cell metadata in each header says what the builder does with
the cell; comment lines before the first cell are the file's own and not copied:

    # %% [markdown]                          read-only text
    # %% [markdown] answer="ID" points=N     a manually graded answer; the text is
                                             the reference answer (instructors only)
    # %% [markdown] lang="zh"                the Simplified Chinese text of the Markdown
                                             (or answer) cell right above it
    # %% strings="zh"                        a dict literal: a string literal of the
                                             code and provided cells, as it is written
                                             there, to its Chinese version (not a cell
                                             of the notebook; each entry must match)
    # %%                                     a code cell the student may edit
    # %% provided=true                       read-only code; a line
                                             "# include: package.module:name" becomes
                                             that definition's source
    # %% solution="NAME"                     the graded function NAME from solutions/
    # %% tests="NAME"                        its autograded tests (public + hidden)
    # %% exercise="ID"                       ungraded code the student writes: the template
                                             holds the answer between `### BEGIN SOLUTION` and
                                             `### END SOLUTION`, which the release replaces
                                             with a stub
    # %% tests="NAME" bonus=true             the same, worth 0 required points: extra credit
                                             (as `extra_credit` in autograder/manifest.py says;
                                             the points earned go to nbgrader's extra credit)

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

import jupytext
import nbformat
from nbformat.notebooknode import NotebookNode

__all__ = [
    "TEMPLATE_DIR",
    "SOURCE_DIR",
    "LANGUAGES",
    "ZH_SETUP",
    "build",
    "course_dir",
    "join_cjk_lines",
    "render",
    "notebook_names",
    "solution_source",
    "source_dir",
]

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"
COURSE_DIR = PACKAGE_DIR / "course"
ASSIGNMENT = "a1"
SOURCE_DIR = COURSE_DIR / "source" / ASSIGNMENT
LANGUAGES = ("en", "zh")
# The Chinese edition's first provided cell ends with these lines: the checker's messages in
# Chinese, and a CJK font after matplotlib's default one for Chinese text in figures.
ZH_SETUP = """from autograder.fonts import use_cjk_font
from autograder.notebook import set_language

set_language("zh")  # 检查结果的反馈信息用中文显示
use_cjk_font()  # 图中的中文用中文字体（如 Noto Sans CJK SC）显示"""


def course_dir(language: str = "en") -> Path:
    """The nbgrader course folder of an edition: notebooks/course/ (English), notebooks/course_zh/."""
    _check_language(language)
    return COURSE_DIR if language == "en" else PACKAGE_DIR / f"course_{language}"


def source_dir(language: str = "en") -> Path:
    """The folder of an edition's instructor notebooks (nbgrader's source/a1/)."""
    return course_dir(language) / "source" / ASSIGNMENT


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: choose one of {', '.join(LANGUAGES)}")


_INCLUDE = re.compile(r"^# include: (?P<module>[\w.]+):(?P<name>\w+)\s*$")
_SCHEMA = 3
# Metadata jupytext writes for its own layout, not the builder's.
_JUPYTEXT_LAYOUT = {"lines_to_next_cell", "lines_to_end_of_cell_marker", "cell_marker"}

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {"name": "python", "file_extension": ".py", "mimetype": "text/x-python"}


@dataclass
class _Cell:
    kind: str  # markdown | answer | zh | strings | code | provided | solution | tests | exercise
    lines: list[str] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)
    line_number: int = 0


def notebook_names() -> list[str]:
    """The notebooks' file stems, in order: 01_softmax, 02_..., ..."""
    return sorted(path.stem for path in TEMPLATE_DIR.glob("[0-9][0-9]_*.py"))


_KINDS = {"provided", "solution", "tests", "exercise"}


def _cell_kind(cell: NotebookNode, where: str) -> _Cell:
    """The builder's view of one jupytext cell: its kind from the cell metadata."""
    meta = {k: v for k, v in cell.metadata.items() if k not in _JUPYTEXT_LAYOUT}
    if cell.cell_type == "markdown":
        if set(meta) == {"answer", "points"}:
            return _Cell("answer", options={k: str(v) for k, v in meta.items()})
        if not meta:
            return _Cell("markdown")
        if meta == {"lang": "zh"}:  # the Chinese twin of the prose cell right above it
            return _Cell("zh")
    elif not meta:
        return _Cell("code")
    elif meta == {"strings": "zh"}:  # the table of the code cells' Chinese strings
        return _Cell("strings")
    elif meta == {"provided": True}:
        return _Cell("provided")
    else:
        kinds = _KINDS & set(meta)
        extra = set(meta) - kinds - {"bonus"}
        if len(kinds) == 1 and not extra and kinds != {"provided"}:
            kind = kinds.pop()
            if "bonus" in meta and (kind != "tests" or meta["bonus"] is not True):
                raise ValueError(f"{where}: `bonus=true` goes only on a tests cell")
            options = {kind: str(meta[kind])}
            if meta.get("bonus") is True:
                options["bonus"] = "yes"
            return _Cell(kind, options=options)
    raise ValueError(f"{where}: cannot read the cell metadata {meta} of this {cell.cell_type} cell")


def _split_cells(template: Path) -> list[_Cell]:
    """The template's cells, read by jupytext (the percent format), in order.

    The comment lines before the first cell header are the file's own (jupytext
    reads them as a first code cell without a header); they are not copied.
    """
    text = template.read_text(encoding="utf-8")
    # Line numbers only locate error messages: jupytext keeps none.
    header_lines = [n for n, line in enumerate(text.splitlines(), start=1) if line.startswith("# %%")]
    cells = jupytext.reads(text, fmt="py:percent").cells
    if len(cells) == len(header_lines) + 1:
        preamble, cells = cells[0], cells[1:]
        if any(line.strip() and not line.startswith("#") for line in preamble.source.splitlines()):
            raise ValueError(f"{template.name}:1: text before the first '# %%' cell header")
    if len(cells) != len(header_lines):
        raise ValueError(
            f"{template.name}: jupytext read {len(cells)} cells from {len(header_lines)} headers"
        )
    parsed = []
    for cell, line_number in zip(cells, header_lines, strict=True):
        spec = _cell_kind(cell, f"{template.name}:{line_number}")
        spec.lines = cell.source.splitlines()
        spec.line_number = line_number
        parsed.append(spec)
    return parsed


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def _markdown_text(cell: _Cell, template: Path) -> str:
    return "\n".join(_trim(cell.lines))


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
    """The nbgrader points of a test cell: its checks' points, which share the manifest's."""
    from autograder.notebook import points

    return float(points(name, hidden=hidden))


def _extra_credit(name: str, template: Path, cell: _Cell) -> bool:
    """Whether `name` is extra credit: the manifest says; a template's `bonus` flag must agree."""
    from autograder.manifest import EXTRA_CREDIT

    if ("bonus" in cell.options) != (name in EXTRA_CREDIT):
        raise ValueError(
            f"{template.name}:{cell.line_number}: tests={name} is "
            f"{'' if name in EXTRA_CREDIT else 'not '}extra credit in autograder/manifest.py; "
            "the template's `bonus` flag must say the same"
        )
    return name in EXTRA_CREDIT


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


# Chinese characters and full-width punctuation: a line break between two of them is no space.
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_LINE_BREAK = re.compile(f"(?<=[{_CJK}])\n[ \t]*(?=[{_CJK}])")  # a list item's next line is indented


def join_cjk_lines(markdown: str) -> str:
    """The Markdown with each line break between two Chinese characters removed.

    A template wraps its Chinese text like the English, but where English needs the space a
    line break becomes, Chinese has none: Jupyter and browsers would show one between two
    hanzi. A line that starts with a hanzi cannot start a list, heading or table, so joining
    changes nothing else; fenced code is left as it is.
    """
    parts = re.split(r"(^(?:```|~~~)[^\n]*\n.*?^(?:```|~~~)[^\n]*$)", markdown, flags=re.S | re.M)
    return "".join(part if index % 2 else _CJK_LINE_BREAK.sub("", part) for index, part in enumerate(parts))


def _prose(cell: _Cell, twin: _Cell | None, template: Path, language: str) -> str:
    """A prose or answer cell's text in the edition's language (English when it has no twin)."""
    if language == "zh" and twin is not None:
        return join_cjk_lines(_markdown_text(twin, template))
    return _markdown_text(cell, template)


class _StringsSetAside(ast.NodeTransformer):
    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        return ast.Constant("") if isinstance(node.value, str) else node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.JoinedStr:
        # An f-string's text may be cut differently around its {placeholders}; they stay.
        kept = [self.visit(part) for part in node.values if isinstance(part, ast.FormattedValue)]
        return ast.JoinedStr(values=kept)


def code_shape(source: str) -> str:
    """The code with every string literal emptied and the comments gone (an ast.dump): two
    sources of the same shape run the same computation and differ only in their text."""
    return ast.dump(_StringsSetAside().visit(ast.parse(source)))


def _string_table(cells: list[_Cell], template: Path) -> dict[str, str]:
    """The template's `strings="zh"` table: {English literal as written: Chinese literal}."""
    tables = [cell for cell in cells if cell.kind == "strings"]
    if not tables:
        return {}
    if len(tables) > 1:
        raise ValueError(f'{template.name}:{tables[1].line_number}: a second strings="zh" table')
    where = f"{template.name}:{tables[0].line_number}"
    try:
        table = ast.literal_eval("\n".join(tables[0].lines))
    except (SyntaxError, ValueError) as error:
        raise ValueError(f'{where}: the strings="zh" cell must be one dict literal ({error})') from None
    if not isinstance(table, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in table.items()
    ):
        raise ValueError(f'{where}: the strings="zh" cell must map strings to strings')
    for english, chinese in table.items():
        try:
            # In parentheses: a literal the code continues over several lines parses alone too.
            shapes = [ast.parse(f"(\n{text}\n)", mode="eval").body for text in (english, chinese)]
            same = code_shape(f"(\n{english}\n)") == code_shape(f"(\n{chinese}\n)")
        except SyntaxError:
            shapes, same = [], False
        if not same or not all(isinstance(node, (ast.Constant, ast.JoinedStr)) for node in shapes):
            raise ValueError(
                f"{where}: {english} -> {chinese}: both sides must be string literals as written in "
                "the code (quotes included), with the same {placeholders}"
            )
    return table


def _literal_spans(source: str) -> list[tuple[int, int]]:
    """(start, end) offsets in source of every string literal (an f-string counts as one)."""
    lines = source.splitlines(keepends=True)
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line))

    def offset(line: int, column: int) -> int:
        # ast's columns count UTF-8 bytes; decoding the line's first bytes gives characters.
        return line_starts[line - 1] + len(lines[line - 1].encode()[:column].decode())

    spans = []
    for node in _literals(ast.parse(source)):
        assert node.end_lineno is not None and node.end_col_offset is not None
        spans.append((offset(node.lineno, node.col_offset), offset(node.end_lineno, node.end_col_offset)))
    return sorted(spans)


def _literals(node: ast.AST) -> list[ast.expr]:
    """The string literals under node; an f-string's parts are not literals of their own."""
    if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return [node]
    return [found for child in ast.iter_child_nodes(node) for found in _literals(child)]


def _swap_strings(source: str, table: dict[str, str], used: set[str]) -> str:
    """source with each string literal found in table replaced by its Chinese version."""
    pieces, at = [], 0
    for start, end in _literal_spans(source):
        written = source[start:end]
        if written in table:
            pieces += [source[at:start], table[written]]
            used.add(written)
            at = end
    # Each entry has its English string's shape (_string_table), so the code stays the same.
    return "".join(pieces) + source[at:]


def render(template: Path, language: str = "en") -> NotebookNode:
    """The instructor notebook described by one template, in English or Simplified Chinese ("zh")."""
    _check_language(language)
    cells = []
    counters: dict[str, int] = {}

    def next_id(kind: str) -> str:
        counters[kind] = counters.get(kind, 0) + 1
        return f"{kind}-{counters[kind]}"

    parsed = _split_cells(template)
    following = [*parsed[1:], None]
    for previous, cell, after in zip([None, *parsed[:-1]], parsed, following, strict=True):
        twin = after if after is not None and after.kind == "zh" else None
        if cell.kind == "strings":
            continue  # applied to the code cells below, at the end
        if cell.kind == "zh":
            if previous is None or previous.kind not in ("markdown", "answer"):
                raise ValueError(
                    f'{template.name}:{cell.line_number}: a lang="zh" cell must follow the '
                    "Markdown cell it translates"
                )
            continue  # its text went into the cell above it
        if cell.kind == "markdown":
            cells.append(
                _new_cell(
                    "markdown",
                    _prose(cell, twin, template, language),
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
                    _prose(cell, twin, template, language),
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
            bonus = _extra_credit(name, template, cell)
            public = (
                f"# Tests of {name}: the same checks and messages as `python -m autograder`.\n"
                f'check("{name}", {name})'
            )
            if bonus:  # worth 0 points; the grading adds what the checks earn as extra credit
                public = (
                    f"# Tests of {name} (extra credit: 0 required points; the points below are added\n"
                    "# to your score as extra credit when your notebook is graded).\n"
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
    # The string table is checked in both editions (so that `--check` catches a stale entry)
    # and applied in the Chinese one only.
    table = _string_table(parsed, template)
    used: set[str] = set()
    for code in cells if table else []:
        if code.id.startswith(("code-", "provided-")):
            swapped = _swap_strings(code.source, table, used)
            if language == "zh":
                code.source = swapped
    if set(table) - used:
        unused = sorted(set(table) - used)[0]
        raise ValueError(f'{template.name}: the strings="zh" entry {unused} matches no string of a code cell')
    if language == "zh":
        first_provided = next((c for c in cells if c.id.startswith("provided-")), None)
        if first_provided is None:
            raise ValueError(f"{template.name}: no provided cell to switch the checker's messages to Chinese")
        first_provided.source = f"{first_provided.source}\n\n{ZH_SETUP}"
    for code in cells:
        if code.cell_type == "code":
            code.outputs = []
            code.execution_count = None
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": dict(LANGUAGE_INFO)}
    nbformat.validate(nb)
    return nb


def build(
    out_dir: Path | None = None, *, check: bool = False, languages: tuple[str, ...] = LANGUAGES
) -> list[Path]:
    """Write every notebook of each edition (or, with check, list those whose file differs).

    out_dir: the editions go to out_dir/<language>/ instead of their courses' source/a1/.
    """
    differing = []
    for language in languages:
        folder = source_dir(language) if out_dir is None else out_dir / language
        differing += _build_edition(folder, language, check=check)
    return differing


def _build_edition(out_dir: Path, language: str, *, check: bool) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    differing = []
    for stem in notebook_names():
        text = nbformat.writes(render(TEMPLATE_DIR / f"{stem}.py", language)) + "\n"
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
