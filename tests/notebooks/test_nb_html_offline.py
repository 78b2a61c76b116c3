"""The HTML pages of `python -m notebooks.execute` render their formulas without a network."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from notebooks import execute
from notebooks.execute import MATHJAX_CONFIG, export_html, find_mathjax, install_mathjax

FORMULA = r"$$\operatorname{softmax}(\mathbf{x})_i = \frac{e^{x_i}}{\sum_j e^{x_j}}$$"


def _script_sources(html: str) -> list[str]:
    return re.findall(r'<script[^>]*\bsrc="([^"]+)"', html)


def _mathjax_sources(html: str) -> list[str]:
    return [src for src in _script_sources(html) if "mathjax" in src.lower()]


@pytest.fixture
def page(tmp_path) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(FORMULA)])
    return export_html(nb, tmp_path / "page.html", install_mathjax(tmp_path))


def test_a_local_mathjax_is_installed_with_the_project():
    folder = find_mathjax()
    assert folder is not None, "pip install jupyter-server-mathjax (it is in requirements.lock)"
    assert (folder / "MathJax.js").is_file()


def test_the_page_loads_mathjax_from_its_own_folder_not_from_the_web(page):
    html = page.read_text(encoding="utf-8")
    sources = _mathjax_sources(html)
    assert sources == [f"mathjax/MathJax.js?config={MATHJAX_CONFIG}"]
    assert not any(src.startswith(("http://", "https://", "//")) for src in sources)


def test_every_mathjax_file_the_page_names_is_next_to_it(page):
    folder = page.parent / "mathjax"
    assert (folder / "MathJax.js").is_file()
    for config in MATHJAX_CONFIG.split(","):
        assert (folder / "config" / f"{config}.js").is_file(), config
    # The HTML-CSS output's web font, which the page's configuration selects.
    assert any((folder / "fonts" / "HTML-CSS" / "STIX-Web").rglob("*.woff"))
    assert 'webFont: "STIX-Web"' in page.read_text(encoding="utf-8")


def test_the_formula_reaches_the_page_for_mathjax_to_typeset(page):
    assert r"\frac{e^{x_i}}{\sum_j e^{x_j}}" in page.read_text(encoding="utf-8")


def test_mathjax_is_copied_once_and_reused(tmp_path):
    install_mathjax(tmp_path)
    marker = tmp_path / "mathjax" / "MathJax.js"
    marker.write_text("// kept", encoding="utf-8")
    install_mathjax(tmp_path)
    assert marker.read_text(encoding="utf-8") == "// kept"


def test_the_folder_named_by_cs224n_mathjax_dir_comes_first(tmp_path, monkeypatch):
    (tmp_path / "config").mkdir()
    (tmp_path / "MathJax.js").write_text("// a MathJax", encoding="utf-8")
    monkeypatch.setenv("CS224N_MATHJAX_DIR", str(tmp_path))
    assert find_mathjax() == tmp_path


def test_without_a_local_mathjax_the_page_still_exports_and_a_warning_says_how_to_install(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(execute, "find_mathjax", lambda: None)
    with pytest.warns(UserWarning, match="jupyter-server-mathjax"):
        url = install_mathjax(tmp_path)
    assert url is None and not (tmp_path / "mathjax").exists()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(FORMULA)])
    assert export_html(nb, tmp_path / "page.html", url).is_file()


@pytest.mark.slow
def test_an_executed_notebook_page_has_no_web_mathjax(tmp_path):
    (result,) = execute.execute_notebooks(["01_softmax"], tmp_path)
    html = result.html.read_text(encoding="utf-8")
    assert _mathjax_sources(html) == [f"mathjax/MathJax.js?config={MATHJAX_CONFIG}"]
    assert "operatorname{softmax}" in html
    assert (result.html.parent / "mathjax" / "MathJax.js").is_file()
