"""Every page of the site, in both languages, in headless Chromium: no errors, nothing from
outside, formulas typeset, Chinese drawn with a CJK font.

Chromium is Debian's `chromium` package, the CJK font Debian's `fonts-noto-cjk`; `make test`
installs both as root (`make browser`). Without Chromium the tests are skipped when not root,
and fail as root (CI must run them). A screenshot of every page goes to
outputs/screenshots/site/ (the Chinese pages' to outputs/screenshots/site/zh/).
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from notebooks.build import notebook_names
from website.browser import Browser, BrowserError, cjk_font_problems, find_chromium

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "outputs" / "screenshots" / "site"
ENGLISH_PAGES = ["index", *notebook_names(), "watch"]
PAGES = [*ENGLISH_PAGES, *(f"zh/{page}" for page in ENGLISH_PAGES)]
MATH_PAGES = [page for page in PAGES if not page.endswith("index")]
NOTEBOOK_PAGES = [page for page in PAGES if page.split("/")[-1] in notebook_names()]


@pytest.fixture(scope="module")
def chromium() -> str:
    executable = find_chromium()
    if executable is None:
        if os.geteuid() == 0:
            pytest.fail("Chromium is not installed; `make browser` installs it (apt-get install chromium)")
        pytest.skip("Chromium is not installed and we are not root: sudo apt-get install chromium")
    return executable


@pytest.fixture(scope="module")
def browser(chromium):
    with Browser(chromium) as opened:
        yield opened


@pytest.fixture(scope="module")
def reports(browser, site):
    return {page: browser.inspect(site / f"{page}.html", SCREENSHOTS / f"{page}.png") for page in PAGES}


@pytest.mark.parametrize("page", PAGES)
def test_the_page_logs_no_console_error(reports, page):
    assert reports[page].console_errors == []


@pytest.mark.parametrize("page", PAGES)
def test_the_page_requests_nothing_outside_the_site(reports, site, page):
    assert reports[page].outside_requests(site) == []
    assert reports[page].failed_requests == []


@pytest.mark.parametrize("page", PAGES)
def test_every_image_of_the_page_loads(reports, page):
    assert reports[page].facts["images"] or page.endswith("index")
    assert reports[page].broken_images() == []


@pytest.mark.parametrize("page", PAGES)
def test_every_link_of_the_page_leads_to_a_page_and_anchor_that_exist(reports, site, page):
    ids = {name: set(report.facts["ids"]) for name, report in reports.items()}
    folder = (site / page).parent
    for link in reports[page].facts["links"]:
        parts = urlsplit(link)
        if parts.scheme in ("http", "https", "mailto"):
            continue  # a reference to read later, not something the page loads
        path = unquote(parts.path)
        if path:
            assert (folder / path).is_file(), link
        target = (
            (folder / path).resolve().relative_to(site.resolve()).with_suffix("").as_posix() if path else page
        )
        if parts.fragment:
            # As a browser finds it: the fragment as written, else percent-decoded (nbconvert writes
            # the ids of non-ASCII headings, such as the Chinese ones, percent-encoded).
            assert {parts.fragment, unquote(parts.fragment)} & ids[target], link


@pytest.mark.parametrize("page", PAGES)
def test_the_page_links_to_its_twin_in_the_other_language(reports, page):
    name = page.split("/")[-1]
    twin = f"../{name}.html" if page.startswith("zh/") else f"zh/{name}.html"
    assert twin in reports[page].facts["links"]


@pytest.mark.parametrize("page", [p for p in PAGES if p.startswith("zh/")])
def test_the_chinese_text_of_the_page_is_drawn_with_a_cjk_font(browser, site, page):
    browser.inspect(site / f"{page}.html")
    assert cjk_font_problems(browser.fonts_of_chinese_text()) == []


def test_the_font_check_catches_hanzi_drawn_by_a_latin_font_and_a_page_without_chinese():
    tofu = [{"text": "词向量", "hanzi": 3, "fonts": [{"familyName": "DejaVu Sans", "glyphCount": 3}]}]
    assert "词向量" in cjk_font_problems(tofu)[0]
    assert cjk_font_problems([]) == ["no Chinese text was drawn on the page"]
    good = [
        {
            "text": "词向量 v",
            "hanzi": 3,
            "fonts": [
                {"familyName": "Noto Sans CJK SC", "glyphCount": 3},
                {"familyName": "DejaVu Sans", "glyphCount": 2},
            ],
        }
    ]
    assert cjk_font_problems(good) == []


@pytest.mark.parametrize("page", MATH_PAGES)
def test_the_formulas_of_the_page_are_typeset(reports, page):
    facts = reports[page].facts
    assert reports[page].typeset_done, "MathJax did not finish"
    assert facts["typeset"] > 0
    assert facts["math_errors"] == 0
    assert facts["raw_math"] == []


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_the_answers_are_there_and_closed(reports, page):
    assert reports[page].facts["details"] > 0
    assert reports[page].facts["open_details"] == 0


@pytest.mark.parametrize("page", PAGES)
def test_a_screenshot_of_the_page_is_saved(reports, browser, page):
    png = reports[page].screenshot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == browser.size


@pytest.mark.parametrize("page", ["01_softmax", "zh/01_softmax"])
def test_opening_an_answer_shows_its_code(browser, site, reports, page):
    browser.inspect(site / f"{page}.html")
    height = browser.evaluate(
        "(() => { const d = document.querySelector('details.answer .jp-CodeCell').closest('details');"
        " const closed = d.getBoundingClientRect().height; d.open = true;"
        " return [closed, d.getBoundingClientRect().height, d.querySelector('.jp-CodeCell') !== null]; })()"
    )
    closed, opened, has_code = height
    assert has_code and opened > closed


def test_the_checks_catch_a_page_that_breaks_every_rule(browser, tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><html><body><p>left raw: $$x^2$$</p>"
        '<img src="missing.png"><img src="https://example.invalid/a.png">'
        "<script>console.error('broken')</script></body></html>",
        encoding="utf-8",
    )
    report = browser.inspect(page)
    assert any("broken" in error for error in report.console_errors)
    assert report.outside_requests(tmp_path) == ["https://example.invalid/a.png"]
    assert len(report.broken_images()) == 2
    assert report.facts["raw_math"] == ["left raw: $$x^2$$"]


@pytest.mark.parametrize("page", ["02_neural_basics", "zh/02_neural_basics"])
def test_the_readme_picture_ends_with_the_named_cell(browser, site, tmp_path, page):
    # `python -m website.browser --shot PAGE PICTURE TEXT`, as the README's pictures are taken.
    report = browser.screenshot(site / f"{page}.html", tmp_path / "shot.png", 'check("sigmoid"')
    png = report.screenshot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == browser.size
    bottom, view = browser.evaluate(
        "(() => { for (const cell of document.querySelectorAll('div.jp-CodeCell')) {"
        "  if (cell.querySelector('.jp-InputArea').textContent.includes('check(\"sigmoid\"'))"
        "    return [cell.getBoundingClientRect().bottom, window.innerHeight]; } })()"
    )
    assert abs(bottom - view) <= 2  # the cell and what it printed end the picture


def test_the_readme_picture_of_a_missing_cell_is_a_clear_error(browser, site, tmp_path):
    with pytest.raises(BrowserError, match="no code cell"):
        browser.screenshot(site / "02_neural_basics.html", tmp_path / "shot.png", "no such code anywhere")
    assert not (tmp_path / "shot.png").exists()
