"""Chinese text in matplotlib figures: a CJK font as the fallback of the default font.

Matplotlib's default font (DejaVu Sans) has no Chinese glyphs: a label such as
"损失" is drawn as empty boxes, with a "Glyph ... missing from font(s)" warning.
`use_cjk_font()` keeps the default font for Latin letters and digits and adds an
installed CJK font after it, which matplotlib (3.6 and later) uses for every glyph
the first font lacks. Debian's package `fonts-noto-cjk` provides Noto Sans CJK SC.

    from autograder.fonts import use_cjk_font
    use_cjk_font()          # the Chinese notebooks' first cell does this
"""

from __future__ import annotations

__all__ = ["CJK_FONTS", "find_cjk_font", "use_cjk_font"]

# Simplified Chinese first; the Japanese and Korean cuts of the same families have the same
# hanzi for most characters. Then fonts Windows, macOS and other Linux distributions ship.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
)


def _installed(font_manager) -> set[str]:
    return {entry.name for entry in font_manager.fontManager.ttflist}


def find_cjk_font() -> str | None:
    """The family name of the first font of CJK_FONTS that matplotlib finds on this machine, or None.

    Matplotlib lists the fonts of the machine once and caches the list: a font installed
    later (`apt-get install fonts-noto-cjk` after the first plot) is not in it. Then the
    system's font files the list lacks are added to it (for this process).
    """
    from matplotlib import font_manager

    found = next((name for name in CJK_FONTS if name in _installed(font_manager)), None)
    if found is None:
        known = {entry.fname for entry in font_manager.fontManager.ttflist}
        for path in font_manager.findSystemFonts():
            if path not in known:
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue  # a file FreeType cannot read is no font for us
        found = next((name for name in CJK_FONTS if name in _installed(font_manager)), None)
    return found


def use_cjk_font() -> str | None:
    """Add an installed CJK font after the default font (matplotlib's rcParams); return its name.

    Returns None, and changes nothing, when no CJK font is installed: Chinese labels then
    draw as boxes (install Debian's `fonts-noto-cjk`, then restart the kernel).
    """
    import matplotlib

    font = find_cjk_font()
    if font is None:
        return None
    families = [name for name in matplotlib.rcParams["font.family"] if name != font]
    matplotlib.rcParams["font.family"] = [*families, font]
    return font
