"""The watch page as written: its numbers are the ones the code computes."""

from __future__ import annotations

import re

import jinja2
import pytest
from markupsafe import Markup

from website.build import TEMPLATE_DIR
from website.watch import ToyCorpus, frame_updates, train, write_watch_page


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True)
    site = {"head": Markup(""), "nav_top": Markup(""), "nav_bottom": Markup("")}
    path = write_watch_page(tmp_path_factory.mktemp("watch") / "watch.html", env, site, every=48)
    return path.read_text(encoding="utf-8")


def test_the_page_animates_the_first_pass_update_by_update(page):
    first_pass = len(ToyCorpus().windows())
    expected = frame_updates(len(train().losses), every=48, first=first_pass)
    assert len(re.findall(r"frames\[\d+\] = \"data:image/png;base64,", page)) == len(expected)
    assert f"the next {first_pass} are the first {first_pass}\nupdates" in page


def test_the_page_states_the_loss_the_training_reaches(page):
    trace = train()
    assert f"over the last 24 {trace.losses[-24:].mean():.2f}" in page


@pytest.fixture(scope="module")
def page_zh(tmp_path_factory) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True)
    site = {"head": Markup(""), "nav_top": Markup(""), "nav_bottom": Markup("")}
    path = write_watch_page(
        tmp_path_factory.mktemp("watch_zh") / "watch.html", env, site, every=48, language="zh"
    )
    return path.read_text(encoding="utf-8")


def test_the_chinese_page_shows_the_same_animation_numbers_and_formulas(page, page_zh):
    trace = train()
    assert "你应该看到什么" in page_zh
    assert f"最后 24 次是 {trace.losses[-24:].mean():.2f}" in page_zh
    frames = r"frames\[\d+\] = \"data:image/png;base64,[^\"]*\""
    assert re.findall(frames, page_zh) == re.findall(frames, page)

    def formulas(html: str) -> list[str]:
        return sorted(re.findall(r"\$\$.+?\$\$|\$[^$]+\$", html, flags=re.S))

    assert formulas(page_zh) == formulas(page)
