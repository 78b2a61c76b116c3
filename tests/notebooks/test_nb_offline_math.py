"""The exported notebooks' formulas render without a network when a local MathJax exists."""

from __future__ import annotations

import nbformat
import pytest
from nbconvert import HTMLExporter

from notebooks.offline_math import MATHJAX_CONFIG, local_mathjax_url


def fake_mathjax(folder):
    script = folder / "MathJax.js"
    script.write_text("/* MathJax */")
    (folder / "config").mkdir()
    (folder / "config" / (MATHJAX_CONFIG.split(",")[0] + ".js")).write_text("/* config */")
    return script


def test_a_local_mathjax_named_by_the_environment_is_used(tmp_path, monkeypatch):
    monkeypatch.setenv("CS224N_MATHJAX", str(fake_mathjax(tmp_path)))
    assert local_mathjax_url() == f"{(tmp_path / 'MathJax.js').as_uri()}?config={MATHJAX_CONFIG}"


def test_a_mathjax_without_its_configuration_is_not_used(tmp_path, monkeypatch):
    script = tmp_path / "MathJax.js"
    script.write_text("/* no config folder */")
    monkeypatch.setenv("CS224N_MATHJAX", str(script))
    url = local_mathjax_url()
    assert url is None or not url.startswith(tmp_path.as_uri())


def test_exported_html_loads_no_mathjax_from_the_network(tmp_path, monkeypatch):
    monkeypatch.setenv("CS224N_MATHJAX", str(fake_mathjax(tmp_path)))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("$x^2$")])
    html, _ = HTMLExporter(mathjax_url=local_mathjax_url()).from_notebook_node(nb)
    scripts = [line for line in html.splitlines() if "<script src=" in line and "mathjax" in line.lower()]
    assert scripts and all("https://" not in line for line in scripts)
    assert (tmp_path / "MathJax.js").as_uri() in html


@pytest.mark.skipif(local_mathjax_url() is None, reason="no local MathJax (apt-get install libjs-mathjax)")
def test_debians_mathjax_is_found_when_installed(monkeypatch):
    monkeypatch.delenv("CS224N_MATHJAX", raising=False)
    assert local_mathjax_url().startswith("file:///")
