"""The built site in both languages, read as HTML: pages, folded answers, navigation, nothing from the web."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from autograder.runtime.messages import MESSAGES
from notebooks.build import SOURCE_DIR, notebook_names, source_dir
from website.build import build_site, chinese_notebook, prepare_notebook

pytestmark = pytest.mark.slow  # the session's site executes the notebooks once

ORDER = ["index.html"] + [f"{stem}.html" for stem in notebook_names()]
ORDER.insert(ORDER.index("05_sentiment.html") if "05_sentiment.html" in ORDER else len(ORDER), "watch.html")


@functools.cache
def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def _should_fold(cell: nbformat.NotebookNode) -> bool:
    return bool(cell.metadata.get("nbgrader", {}).get("solution")) or "BEGIN HIDDEN TESTS" in cell.source


def test_every_page_is_written(site):
    assert sorted(p.name for p in site.glob("*.html")) == sorted(ORDER)


@pytest.mark.parametrize("stem", notebook_names())
def test_exactly_the_solution_and_hidden_test_cells_are_folded(site, stem):
    nb = nbformat.read(SOURCE_DIR / f"{stem}.ipynb", as_version=4)
    expected = [_should_fold(cell) for cell in nb.cells if cell.cell_type in ("code", "markdown")]
    cells = _soup(site, f"{stem}.html").select("div.jp-Cell")
    folded = [cell.find_parent("details", class_="answer") is not None for cell in cells]
    assert folded == expected
    assert any(expected), "the instructor notebook has solution cells"


@pytest.mark.parametrize("stem", notebook_names())
def test_answers_start_closed_behind_a_show_the_answer_control(site, stem):
    details = _soup(site, f"{stem}.html").select("details.answer")
    assert details
    for element in details:
        assert not element.has_attr("open")
        assert element.find("summary").get_text().startswith("Show the")


@pytest.mark.parametrize("page", ORDER)
def test_previous_and_next_follow_the_order_of_the_parts(site, page):
    position = ORDER.index(page)
    for nav in _soup(site, page).select("nav.site-nav"):
        previous, following = nav.select_one("a.nav-prev"), nav.select_one("a.nav-next")
        assert (previous["href"] if previous else None) == (ORDER[position - 1] if position > 0 else None)
        assert (following["href"] if following else None) == (
            ORDER[position + 1] if position + 1 < len(ORDER) else None
        )
        assert nav.select_one("a.nav-index")["href"] == "index.html"


@pytest.mark.parametrize("page", ORDER)
def test_no_page_names_a_script_style_or_image_on_the_web(site, page):
    soup = _soup(site, page)
    sources = [tag.get("src", "") for tag in soup.find_all(["script", "img", "iframe"])]
    sources += [tag.get("href", "") for tag in soup.find_all("link")]
    assert [s for s in sources if s.startswith(("http:", "https:", "//"))] == []


@pytest.mark.parametrize("page", [p for p in ORDER if p != "index.html"])
def test_the_mathjax_a_page_loads_is_part_of_the_site(site, page):
    scripts = [s["src"] for s in _soup(site, page).find_all("script", src=True) if "MathJax.js" in s["src"]]
    assert len(scripts) == 1
    assert (site / scripts[0].split("?")[0]).is_file()


def test_the_index_links_each_question_to_a_section_that_exists(site):
    soup = _soup(site, "index.html")
    links = [a["href"] for a in soup.select("table.question-map a[href]")]
    assert links
    for link in links:
        page, anchor = link.split("#")
        assert _soup(site, page).find(id=anchor) is not None, link


def test_the_index_lists_every_handout_question_with_3h_as_extra_credit(site):
    rows = {row["id"]: row for row in _soup(site, "index.html").select("table.question-map tr[id]")}
    assert len(rows) == 2 + 7 + 8 + 7
    assert "extra credit" in rows["q3h"].get_text()


def test_widget_outputs_are_dropped_and_their_text_kept():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("bar")])
    nb.cells[0].outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"application/vnd.jupyter.widget-view+json": {"model_id": "x"}, "text/plain": "50%"},
        )
    ]
    nb.metadata["widgets"] = {"state": {}}
    prepared = prepare_notebook("01_x", nb)
    assert prepared.cells[0].outputs[0].data == {"text/plain": "50%"}
    assert "widgets" not in prepared.metadata
    assert "widget-view" in str(nb.cells[0].outputs[0].data), "the executed notebook itself is unchanged"


# -- the Chinese site (outputs/site/zh/) -------------------------------------------------------


def test_every_chinese_page_is_written(site):
    assert sorted(p.name for p in (site / "zh").glob("*.html")) == sorted(ORDER)


@pytest.mark.parametrize("page", ORDER)
def test_chinese_pages_say_they_are_chinese_and_link_to_their_english_twin(site, page):
    soup = _soup(site, f"zh/{page}")
    assert soup.html["lang"] == "zh-CN"
    assert _soup(site, page).html["lang"] == "en"
    assert [a["href"] for a in soup.select("nav a.nav-language")] == [f"../{page}"] * 2
    assert [a["href"] for a in _soup(site, page).select("nav a.nav-language")] == [f"zh/{page}"] * 2


@pytest.mark.parametrize("page", ORDER)
def test_chinese_navigation_follows_the_order_of_the_parts_in_chinese(site, page):
    position = ORDER.index(page)
    for nav in _soup(site, f"zh/{page}").select("nav.site-nav"):
        following = nav.select_one("a.nav-next")
        assert (following["href"] if following else None) == (
            ORDER[position + 1] if position + 1 < len(ORDER) else None
        )
        assert nav.select_one("a.nav-index").get_text() == "问题索引"
        if following and following["href"][:2].isdigit():
            assert following.get_text().startswith(f"第 {int(following['href'][:2])} 部分：")


@pytest.mark.parametrize("stem", notebook_names())
def test_chinese_answers_start_closed_behind_a_chinese_control(site, stem):
    details = _soup(site, f"zh/{stem}.html").select("details.answer")
    assert len(details) == len(_soup(site, f"{stem}.html").select("details.answer")) > 0
    for element in details:
        assert not element.has_attr("open")
        assert element.find("summary").get_text().startswith("显示")


@pytest.mark.parametrize("stem", notebook_names())
def test_chinese_pages_show_the_chinese_editions_text_and_as_many_figures(site, stem):
    chinese = nbformat.read(source_dir("zh") / f"{stem}.ipynb", as_version=4)
    title = next(c.source for c in chinese.cells if c.cell_type == "markdown").splitlines()[0].lstrip("# ")
    soup, english = _soup(site, f"zh/{stem}.html"), _soup(site, f"{stem}.html")
    assert soup.title.get_text().strip() == title.strip() or title in soup.get_text()
    figures = english.select("div.jp-OutputArea img")
    assert len(soup.select("div.jp-OutputArea img")) == len(figures)


def _checker_lines(soup: BeautifulSoup) -> list[str]:
    """The lines the checker printed on a page: each starts with its verdict, then "[points/max]"."""
    lines = [
        line for output in soup.select("div.jp-OutputArea pre") for line in output.get_text().splitlines()
    ]
    return [line for line in lines if re.match(r"\S+ +\[\d+(\.\d+)?/\d+(\.\d+)?\]", line)]


# Every notebook calls the checker (check("name", name)) on its graded functions.
CHECKED = notebook_names()


@pytest.mark.parametrize("stem", CHECKED)
def test_chinese_pages_show_the_checker_lines_the_chinese_notebook_printed(site, stem):
    lines = _checker_lines(_soup(site, f"zh/{stem}.html"))
    passed = MESSAGES["notebook.ok"]["zh"].format(line="").strip()  # the table's word for "ok": 通过
    assert lines
    assert all(line.startswith(f"{passed} [") for line in lines), lines
    assert not [line for line in lines if line.startswith("ok   [")]


@pytest.mark.parametrize("stem", CHECKED)
def test_english_pages_show_the_english_checker_lines_as_many_as_the_chinese(site, stem):
    lines = _checker_lines(_soup(site, f"{stem}.html"))
    assert lines
    assert all(line.startswith("ok   [") for line in lines), lines
    assert len(lines) == len(_checker_lines(_soup(site, f"zh/{stem}.html")))


@pytest.mark.parametrize("page", ORDER)
def test_chinese_pages_load_the_sites_one_copy_of_static_files(site, page):
    soup = _soup(site, f"zh/{page}")
    sources = [t.get("src", "") for t in soup.find_all("script", src=True)] + [
        t.get("href", "") for t in soup.find_all("link", href=True)
    ]
    assert sources and all(s.startswith("../static/") for s in sources if "static/" in s)
    for source in sources:
        if "static/" in source:
            assert (site / "zh" / source.split("?")[0]).resolve().is_file(), source


def test_the_chinese_index_lists_every_question_in_chinese_and_links_to_chinese_sections(site):
    soup = _soup(site, "zh/index.html")
    rows = {row["id"]: row for row in soup.select("table.question-map tr[id]")}
    assert len(rows) == 2 + 7 + 8 + 7
    assert "附加题" in rows["q3h"].get_text()
    assert soup.find("h2", id="questions").get_text() == "讲义中的题目"
    links = [a["href"] for a in soup.select("table.question-map a[href]")]
    assert links == [a["href"] for a in _soup(site, "index.html").select("table.question-map a[href]")]
    for link in links:
        page, anchor = link.split("#")
        assert _soup(site, f"zh/{page}").find(id=anchor) is not None, link


def test_reuse_english_puts_the_english_runs_checker_lines_under_the_chinese_text(site, tmp_path):
    executed = site.parent / "executed"  # the session's English run (conftest.py)
    if not executed.is_dir():
        pytest.skip("CS224N_SITE_DIR names a site built elsewhere: its executed notebooks are not known")
    build_site(tmp_path, executed, language="zh", execute=False, watch=False, reuse_english=True)
    spliced = BeautifulSoup(
        (tmp_path / "zh" / "02_neural_basics.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert _checker_lines(spliced) == _checker_lines(_soup(site, "02_neural_basics.html"))
    assert spliced.html["lang"] == "zh-CN"
    chinese = nbformat.read(source_dir("zh") / "02_neural_basics.ipynb", as_version=4)
    title = next(c.source for c in chinese.cells if c.cell_type == "markdown").splitlines()[0].lstrip("# ")
    assert title.strip() in spliced.get_text()


def _executed(sources: list[str]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell(sources[0]), nbformat.v4.new_code_cell(sources[1])]
    )
    for index, cell in enumerate(nb.cells):
        cell.id = f"cell-{index}"
    return nb


def test_the_chinese_notebook_takes_the_chinese_text_and_keeps_the_english_outputs():
    executed = _executed(["# Title", "print(1)"])
    executed.cells[1].outputs = [nbformat.v4.new_output("stream", text="1\n")]
    executed.cells[1].execution_count = 1
    spliced = chinese_notebook(executed, _executed(["# 标题", "print(1)\nset_language('zh')"]))
    assert [c.source for c in spliced.cells] == ["# 标题", "print(1)\nset_language('zh')"]
    assert spliced.cells[1].outputs == executed.cells[1].outputs
    assert spliced.cells[1].execution_count == 1
    assert executed.cells[0].source == "# Title", "the English notebook is unchanged"


def test_the_chinese_notebook_refuses_cells_that_are_not_the_english_ones():
    other = _executed(["# 标题", "print(1)"])
    other.cells[1].id = "another"
    with pytest.raises(ValueError, match="not those of the executed English notebook"):
        chinese_notebook(_executed(["# Title", "print(1)"]), other)
