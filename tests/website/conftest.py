"""The site in both languages, built once per test session from a quick execution of the notebooks.

The notebooks run on the toy corpus with few word2vec iterations (the pages' structure,
not their numbers, is under test here); CS224N_SITE_DIR names a site built already
(`make site`) to test that one instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from notebooks.build import notebook_names
from website.build import build_sites

QUICK_ENVIRONMENT = {"CS224N_W2V_ITERATIONS": "100"}
PAGES = ["index", *notebook_names(), "watch"]
ZH_PAGES = [f"zh/{page}" for page in PAGES]  # the Chinese site, in outputs/site/zh/


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    if os.environ.get("CS224N_SITE_DIR"):
        return Path(os.environ["CS224N_SITE_DIR"])
    root = tmp_path_factory.mktemp("website")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("CS224N_SST_DIR", raising=False)
        for name, value in QUICK_ENVIRONMENT.items():
            patch.setenv(name, value)
        build_sites(root / "site", root / "executed", watch_frame_every=48)
    return root / "site"
