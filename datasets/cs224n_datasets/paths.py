"""Where the data files live.

Every default is relative to this package, never to the working directory, so
notebooks, tests and the grader find the same files wherever they are run.
In the repository the package sits in the folder ``datasets/`` and the downloads
go beside it, to ``datasets/data/``; installed from a wheel, into the package.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR: Path = Path(__file__).resolve().parent
# datasets/data/ in the repository (where downloads went before the package was named
# cs224n_datasets, so an existing download is still found), <package>/data when installed.
DATA_DIR: Path = (PACKAGE_DIR.parent if PACKAGE_DIR.parent.name == "datasets" else PACKAGE_DIR) / "data"
TOY_TREEBANK: Path = PACKAGE_DIR / "toy" / "toy_trees.zip"

SST_ENV = "CS224N_SST_DIR"
GLOVE_ENV = "CS224N_GLOVE_DIR"


def _env_dir(name: str, default: Path) -> Path:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else default


def sst_dir() -> Path:
    """Folder holding the SST treebank: ``$CS224N_SST_DIR`` or ``DATA_DIR/sst`` (``datasets/data/sst``)."""
    return _env_dir(SST_ENV, DATA_DIR / "sst")


def glove_dir() -> Path:
    """Folder holding GloVe vectors: ``$CS224N_GLOVE_DIR`` or ``DATA_DIR/glove`` (``datasets/data/glove``)."""
    return _env_dir(GLOVE_ENV, DATA_DIR / "glove")
