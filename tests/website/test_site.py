"""The built site, read as HTML: pages, folded answers, navigation, nothing from the web."""

from __future__ import annotations

import functools
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from notebooks.build import SOURCE_DIR, notebook_names
from website.build import prepare_notebook

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
