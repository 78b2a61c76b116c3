"""The Chinese edition: the English notebooks with Chinese prose, and nothing else changed.

Both editions are rendered from the same templates (notebooks/build.py). A prose or answer
cell's Chinese text is the `# %% [markdown] lang="zh"` cell right after it in the template.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import nbformat
import pytest

from notebooks.build import (
    TEMPLATE_DIR,
    ZH_SETUP,
    _split_cells,
    code_shape,
    join_cjk_lines,
    notebook_names,
    render,
    source_dir,
)

# True: every prose and answer cell of every template must have its Chinese twin. Set it to
# False only while a new notebook is being translated: then the twin test runs on the
# templates that already hold a Chinese cell.
STRICT_TRANSLATION = True

PROSE = ("markdown", "answer")


def _template(stem: str) -> Path:
    return TEMPLATE_DIR / f"{stem}.py"


def _twins(stem: str) -> list[tuple[str, str | None]]:
    """(English text, Chinese text or None) of every prose and answer cell of a template."""
    cells = _split_cells(_template(stem))
    pairs = []
    for cell, after in zip(cells, [*cells[1:], None], strict=True):
        if cell.kind in PROSE:
            zh = "\n".join(after.lines).strip() if after is not None and after.kind == "zh" else None
            pairs.append(("\n".join(cell.lines).strip(), zh))
    return pairs


def _translated_templates() -> list[str]:
    return [stem for stem in notebook_names() if any(zh is not None for _, zh in _twins(stem))]


@pytest.fixture(scope="module")
def editions() -> dict[str, dict[str, nbformat.NotebookNode]]:
    return {
        stem: {language: render(_template(stem), language) for language in ("en", "zh")}
        for stem in notebook_names()
    }


# -- structure --------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", notebook_names())
def test_both_editions_have_the_same_cells_ids_and_nbgrader_metadata(editions, stem):
    en, zh = editions[stem]["en"], editions[stem]["zh"]
    assert [(c.cell_type, c.id, c.metadata) for c in zh.cells] == [
        (c.cell_type, c.id, c.metadata) for c in en.cells
    ]
    assert zh.metadata == en.metadata


@pytest.mark.parametrize("stem", notebook_names())
def test_both_editions_have_the_same_points_and_question_ids(editions, stem):
    def graded(nb):
        return [
            (c.metadata.nbgrader["grade_id"], c.metadata.nbgrader.get("points"))
            for c in nb.cells
            if "nbgrader" in c.metadata and c.metadata.nbgrader["grade"]
        ]

    assert graded(editions[stem]["zh"]) == graded(editions[stem]["en"])
    assert graded(editions[stem]["en"]), "a notebook with nothing graded"


@pytest.mark.parametrize("stem", notebook_names())
def test_the_code_is_the_same_but_for_the_chinese_setup_and_translated_strings(editions, stem):
    en = [c for c in editions[stem]["en"].cells if c.cell_type == "code"]
    zh = [c.source for c in editions[stem]["zh"].cells if c.cell_type == "code"]
    first = next(i for i, c in enumerate(en) if c.id.startswith("provided-"))
    assert zh[first].endswith(f"\n\n{ZH_SETUP}")
    zh[first] = zh[first][: -len(f"\n\n{ZH_SETUP}")]
    assert [code_shape(source) for source in zh] == [code_shape(c.source) for c in en]
    # Only the student's and the provided code cells may print in Chinese; graded cells never change.
    assert [z for z, c in zip(zh, en, strict=True) if not c.id.startswith(("code-", "provided-"))] == [
        c.source for c in en if not c.id.startswith(("code-", "provided-"))
    ]


def test_the_chinese_setup_switches_the_messages_and_the_figure_font():
    assert 'set_language("zh")' in ZH_SETUP and "use_cjk_font()" in ZH_SETUP
    compile(ZH_SETUP, "ZH_SETUP", "exec")


@pytest.mark.parametrize("stem", notebook_names())
def test_each_prose_cell_of_the_chinese_edition_is_its_twin_or_else_the_english(editions, stem):
    twins = _twins(stem)
    en = [c.source for c in editions[stem]["en"].cells if c.cell_type == "markdown"]
    zh = [c.source for c in editions[stem]["zh"].cells if c.cell_type == "markdown"]
    assert en == [english for english, _ in twins]
    assert zh == [join_cjk_lines(chinese) if chinese is not None else english for english, chinese in twins]


# -- translation complete and faithful ---------------------------------------------------------


def _checked_templates() -> list[str]:
    return notebook_names() if STRICT_TRANSLATION else _translated_templates()


def _no_templates_marker():
    return pytest.param(
        None,
        marks=pytest.mark.skip(reason="no template has a Chinese cell yet (STRICT_TRANSLATION is off)"),
    )


def _stems_to_check() -> list:
    return _checked_templates() or [_no_templates_marker()]


@pytest.mark.parametrize("stem", _stems_to_check())
def test_every_prose_and_answer_cell_has_a_chinese_twin(stem):
    missing = [english.splitlines()[0][:70] for english, chinese in _twins(stem) if not chinese]
    assert missing == [], f"{stem}: cells without Chinese text (first lines): {missing}"


_FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$|\\begin\{(\w+\*?)\}(.+?)\\end\{\2\}", re.S)
_INLINE = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$", re.S)


def math_strings(markdown: str) -> Counter:
    """The LaTeX formulas of a Markdown text ($...$, $$...$$, \\begin...\\end), spaces normalised.

    Code (fenced blocks and `spans`) is not mathematics. The result counts each formula, in no
    order: a translation may put the formulas of a sentence in another order.
    """
    text = _CODE_SPAN.sub(" ", _FENCE.sub(" ", markdown))
    found = []
    for match in _DISPLAY.finditer(text):
        found.append(match.group(0))
    text = _DISPLAY.sub(" ", text)
    found += [match.group(0) for match in _INLINE.finditer(text)]
    return Counter(re.sub(r"\s+", " ", formula).strip() for formula in found)


def test_math_strings_finds_inline_display_and_environment_formulas_but_not_code():
    text = (
        "Let $x_i$ be a score and $$p = \\frac{a}{b}$$ and\n\\begin{align}y &= 1\n\\end{align}\n"
        "with `$HOME` and\n```\nprice = $5 $6\n```\n"
    )
    assert math_strings(text) == Counter(
        ["$x_i$", "$$p = \\frac{a}{b}$$", "\\begin{align}y &= 1 \\end{align}"]
    )


def test_math_strings_sees_a_changed_formula():
    assert math_strings("梯度 $\\nabla_x J$") != math_strings("gradient $\\nabla_x J^2$")


@pytest.mark.parametrize("stem", _stems_to_check())
def test_the_chinese_text_has_the_same_formulas_as_the_english(stem):
    for english, chinese in _twins(stem):
        if chinese:
            assert math_strings(chinese) == math_strings(english), english.splitlines()[0][:70]


_HEADING = re.compile(r"^(#{1,6})\s", re.M)


def _heading_levels(markdown: str) -> list[int]:
    return [len(match.group(1)) for match in _HEADING.finditer(_FENCE.sub(" ", markdown))]


@pytest.mark.parametrize("stem", _stems_to_check())
def test_the_chinese_text_has_the_same_headings_so_the_sites_links_match(stem):
    for english, chinese in _twins(stem):
        if chinese:
            assert _heading_levels(chinese) == _heading_levels(english), english.splitlines()[0][:70]


# -- the builder on small templates ------------------------------------------------------------


def test_a_line_break_between_two_hanzi_is_removed_and_others_are_kept():
    text = "词向量的\n梯度，\n见 $x$\nand more\n- 列表的\n  第二行\n```\n代码\n代码\n```\n结束\n。"
    assert (
        join_cjk_lines(text) == "词向量的梯度，见 $x$\nand more\n- 列表的第二行\n```\n代码\n代码\n```\n结束。"
    )


_SMALL = """# %% [markdown]
# # Title $x$
# %% [markdown] lang="zh"
# # 标题 $x$
# %% provided=true
import numpy as np
# %% [markdown] answer="q1a_demo" points=2
# The reference answer.
# %% [markdown] lang="zh"
# 参考
# 答案。
# %% [markdown]
# Untranslated.
"""


def test_the_builder_puts_the_chinese_twins_into_the_chinese_edition_only(tmp_path):
    template = tmp_path / "99_small.py"
    template.write_text(_SMALL, encoding="utf-8")
    en, zh = render(template), render(template, "zh")
    assert [c.source for c in en.cells if c.cell_type == "markdown"] == [
        "# Title $x$",
        "The reference answer.",
        "Untranslated.",
    ]
    assert [c.source for c in zh.cells if c.cell_type == "markdown"] == [
        "# 标题 $x$",
        "参考答案。",
        "Untranslated.",
    ]
    assert zh.cells[2].metadata == en.cells[2].metadata
    assert en.cells[2].metadata.nbgrader["points"] == 2.0


def test_the_builder_rejects_a_chinese_cell_after_a_code_cell(tmp_path):
    template = tmp_path / "99_bad.py"
    template.write_text('# %% provided=true\nx = 1\n# %% [markdown] lang="zh"\n# 代码\n', encoding="utf-8")
    with pytest.raises(ValueError, match='99_bad.py:3: a lang="zh" cell must follow'):
        render(template, "zh")


def test_the_builder_needs_a_provided_cell_for_the_chinese_setup(tmp_path):
    template = tmp_path / "99_bad.py"
    template.write_text("# %% [markdown]\n# Text only\n", encoding="utf-8")
    assert render(template).cells[0].source == "Text only"
    with pytest.raises(ValueError, match="no provided cell"):
        render(template, "zh")


_STRINGS = """# %% provided=true
import numpy as np
# %%
x = np.arange(3)
print("sum:", x.sum())
print(f"{x.size} numbers, largest {x.max()}")
# %% strings="zh"
{
    '"sum:"': '"和："',
    'f"{x.size} numbers, largest {x.max()}"': 'f"共 {x.size} 个数，最大的是 {x.max()}"',
}
"""


def test_the_string_table_translates_the_chinese_edition_only(tmp_path):
    template = tmp_path / "99_strings.py"
    template.write_text(_STRINGS, encoding="utf-8")
    en, zh = render(template), render(template, "zh")
    assert (
        en.cells[1].source
        == 'x = np.arange(3)\nprint("sum:", x.sum())\nprint(f"{x.size} numbers, largest {x.max()}")'
    )
    assert (
        zh.cells[1].source
        == 'x = np.arange(3)\nprint("和：", x.sum())\nprint(f"共 {x.size} 个数，最大的是 {x.max()}")'
    )
    assert len(en.cells) == len(zh.cells) == 2  # the table is not a cell of the notebook


@pytest.mark.parametrize(
    "entry",
    [
        """'"sum:"': 'str(x)'""",  # code, not a string
        """'f"{x.size} numbers, largest {x.max()}"': 'f"{x.max()} 最大，共 {x.size} 个"'""",  # reordered
        """'f"{x.size} numbers, largest {x.max()}"': 'f"共 {x.size + 1} 个数"'""",  # another expression
    ],
)
def test_a_string_table_entry_that_changes_the_code_is_refused(tmp_path, entry):
    template = tmp_path / "99_strings.py"
    text = _STRINGS.split('# %% strings="zh"')[0] + '# %% strings="zh"\n{' + entry + "}\n"
    template.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="both sides must be string literals"):
        render(template, "zh")


def test_a_string_table_entry_that_matches_no_string_is_refused_in_both_editions(tmp_path):
    template = tmp_path / "99_strings.py"
    template.write_text(_STRINGS.replace("'\"sum:\"'", "'\"total:\"'"), encoding="utf-8")
    for language in ("en", "zh"):  # so that `python -m notebooks.build --check` sees a stale entry
        with pytest.raises(ValueError, match="matches no string of a code cell"):
            render(template, language)


def test_code_shape_sets_the_text_aside_but_keeps_the_code_and_placeholders():
    assert code_shape('print("a", f"x {y:.2f} z")  # note') == code_shape('print("甲", f"{y:>4} 乙")')
    assert code_shape('print(f"{y}")') != code_shape('print(f"{z}")')
    assert code_shape('print("a")') != code_shape('print("a", 1)')


def test_the_builder_rejects_an_unknown_language(tmp_path):
    template = tmp_path / "99_small.py"
    template.write_text(_SMALL, encoding="utf-8")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        render(template, "fr")


# -- a Chinese notebook runs -----------------------------------------------------------------------


@pytest.mark.slow
def test_the_first_chinese_notebook_runs_and_its_checker_speaks_chinese(tmp_path):
    import autograder.notebook

    if not hasattr(autograder.notebook, "set_language"):
        pytest.skip("autograder.notebook.set_language (the two-language message table) is not merged yet")
    from notebooks.execute import execute_notebooks

    (result,) = execute_notebooks(["01_softmax"], tmp_path, source_dir=source_dir("zh"), html=False)
    cells = {cell.id: cell for cell in result.notebook.cells}
    printed = "".join(output.get("text", "") for output in cells["test-softmax"].outputs)
    assert re.search(r"[\u4e00-\u9fff]", printed), printed  # hanzi in the checker's lines
    errors = [o for c in result.notebook.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert errors == []
