"""Chinese figure labels: with a CJK font installed, matplotlib draws them without missing glyphs."""

from __future__ import annotations

import warnings

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from autograder.fonts import CJK_FONTS, find_cjk_font, use_cjk_font

LABELS = {"title": "词向量的损失", "xlabel": "迭代次数 (iterations)", "ylabel": "交叉熵 J"}


def _missing_glyph_warnings() -> list[str]:
    """Draw a figure with Chinese labels (Agg, as in a notebook) and return the glyph warnings."""
    figure = Figure(figsize=(3, 2))
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.plot([0, 1], [1, 0])
    ax.set(**LABELS)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.canvas.draw()
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


@pytest.fixture
def cjk_font() -> str:
    font = find_cjk_font()
    if font is None:
        pytest.skip(
            f"no CJK font installed (one of {', '.join(CJK_FONTS[:3])}, ...): apt-get install fonts-noto-cjk"
        )
    return font


def test_chinese_labels_draw_without_missing_glyphs_once_the_cjk_font_is_used(cjk_font):
    with matplotlib.rc_context():
        assert use_cjk_font() == cjk_font
        assert _missing_glyph_warnings() == []


def test_chinese_labels_miss_glyphs_with_matplotlibs_default_font_alone(cjk_font):
    # The check above can fail: DejaVu Sans alone has no Chinese glyphs.
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        assert _missing_glyph_warnings(), "DejaVu Sans drew Chinese: the test above proves nothing"


def test_the_cjk_font_comes_after_the_default_font_so_latin_text_is_unchanged(cjk_font):
    with matplotlib.rc_context():
        before = list(matplotlib.rcParams["font.family"])
        use_cjk_font()
        use_cjk_font()  # a notebook run twice adds it once
        assert matplotlib.rcParams["font.family"] == [*before, cjk_font]


def test_without_a_cjk_font_nothing_changes(monkeypatch):
    monkeypatch.setattr("autograder.fonts.find_cjk_font", lambda: None)
    with matplotlib.rc_context():
        before = list(matplotlib.rcParams["font.family"])
        assert use_cjk_font() is None
        assert matplotlib.rcParams["font.family"] == before
