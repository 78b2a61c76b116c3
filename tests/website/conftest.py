"""The site in both languages, built once per test session from a quick execution of the notebooks.

Both editions run (the English notebooks, then the Chinese ones, whose pages show what they
printed), on the toy corpus with few word2vec iterations (the pages' structure, not their
numbers, is under test here). Under pytest-xdist the first worker to need the site builds it
and the others wait for it and share it, so the notebooks still run once per session.
CS224N_SITE_DIR names a site built already (`make site`) to test that one instead.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from notebooks.build import notebook_names
from website.build import build_sites

QUICK_ENVIRONMENT = {"CS224N_W2V_ITERATIONS": "100"}
PAGES = ["index", *notebook_names(), "watch"]
ZH_PAGES = [f"zh/{page}" for page in PAGES]  # the Chinese site, in outputs/site/zh/


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id) -> Path:
    if os.environ.get("CS224N_SITE_DIR"):
        return Path(os.environ["CS224N_SITE_DIR"])
    # The session's folder: an xdist worker's base folder is one of the session's (popen-gw0 ...).
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent
    root = shared / "website"
    with open(shared / "website.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (root / "built").is_file():
            with pytest.MonkeyPatch.context() as patch:
                patch.delenv("CS224N_SST_DIR", raising=False)
                for name, value in QUICK_ENVIRONMENT.items():
                    patch.setenv(name, value)
                build_sites(root / "site", root / "executed", watch_frame_every=48)
            (root / "built").touch()
    return root / "site"
