"""Render the notebooks' formulas offline: point exported HTML at a local MathJax.

nbconvert's HTML loads MathJax 2 from a CDN by default, so a self-learner without
a network sees LaTeX source instead of formulas. Debian's `libjs-mathjax`
(`apt-get install libjs-mathjax`) installs MathJax 2.7 under
/usr/share/javascript/mathjax; $CS224N_MATHJAX may name another MathJax.js.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["MATHJAX_CONFIG", "local_mathjax_url"]

MATHJAX_CONFIG = "TeX-AMS_CHTML-full,Safe"  # nbconvert's own configuration of MathJax 2
_CANDIDATES = (Path("/usr/share/javascript/mathjax/MathJax.js"), Path("/usr/share/mathjax/MathJax.js"))


def local_mathjax_url() -> str | None:
    """A file:// URL of a local MathJax 2 with nbconvert's configuration, or None when there is none.

    $CS224N_MATHJAX (a path to MathJax.js) comes first, then Debian's locations. The
    configuration file the URL asks for must exist too, or MathJax would fail offline.
    """
    configured = os.environ.get("CS224N_MATHJAX")
    candidates = ([Path(configured)] if configured else []) + list(_CANDIDATES)
    config_file = MATHJAX_CONFIG.split(",")[0] + ".js"
    for script in candidates:
        if script.is_file() and (script.parent / "config" / config_file).is_file():
            return f"{script.resolve().as_uri()}?config={MATHJAX_CONFIG}"
    return None
