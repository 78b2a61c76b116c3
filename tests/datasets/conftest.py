"""Fixtures for the datasets tests.

Tests on the real data find it through ``sst_dir()`` / ``glove_dir()`` (so the
``CS224N_SST_DIR`` / ``CS224N_GLOVE_DIR`` variables) and skip when it is absent,
unless ``CS224N_REQUIRE_DATA=1`` (as in CI), where absence is a failure.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cs224n_datasets import TOY_TREEBANK, Treebank, Word2VecDataset, load_treebank, sst_dir
from cs224n_datasets.errors import MissingDataError
from cs224n_datasets.glove import find_glove_file
from cs224n_datasets.sst import MEMBERS, SST_ZIP_NAME


def _absent(what: str, exc: Exception) -> None:
    if os.environ.get("CS224N_REQUIRE_DATA") == "1":
        pytest.fail(f"CS224N_REQUIRE_DATA=1 but {what} is missing: {exc}")
    pytest.skip(f"{what} not available: {exc}")


@pytest.fixture(scope="session")
def real_sst_zip() -> Path:
    """The official SST archive, found via sst_dir()."""
    path = sst_dir() / SST_ZIP_NAME
    if not path.is_file():
        _absent("the SST treebank", FileNotFoundError(str(path)))
    return path


@pytest.fixture(scope="session")
def real_treebank(real_sst_zip: Path) -> Treebank:
    try:
        return load_treebank()
    except MissingDataError as exc:  # pragma: no cover - real_sst_zip checked it
        _absent("the SST treebank", exc)
        raise


@pytest.fixture(scope="session")
def real_dataset(real_treebank: Treebank) -> Word2VecDataset:
    return Word2VecDataset(real_treebank)


@pytest.fixture(scope="session")
def real_tree_lines(real_sst_zip: Path) -> dict[str, list[str]]:
    """The raw lines of each official tree file, read independently of the loader."""
    with zipfile.ZipFile(real_sst_zip) as archive:
        return {
            member.split("/")[1][:-4]: archive.read(member).decode("utf-8").splitlines() for member in MEMBERS
        }


@pytest.fixture(scope="session")
def real_glove_file() -> Path:
    try:
        return find_glove_file(50)
    except MissingDataError as exc:
        _absent("the GloVe 50-d file", exc)
        raise


@pytest.fixture(scope="session")
def toy_treebank() -> Treebank:
    return load_treebank(TOY_TREEBANK)


@pytest.fixture(scope="session")
def toy_members() -> dict[str, bytes]:
    """The toy archive's tree files, to build broken variants from."""
    with zipfile.ZipFile(TOY_TREEBANK) as archive:
        return {member: archive.read(member) for member in MEMBERS}


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    """Write a zip archive holding ``members`` (name -> bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A real HTTP server on 127.0.0.1 serving the files of a temporary folder.

    Yields ``(base_url, folder)``.
    """
    folder = tmp_path / "served"
    folder.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", folder
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def make_zip():
    """The :func:`write_zip` helper, as a fixture (conftest is not importable)."""
    return write_zip


REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def run_datasets_cli():
    """Run `python -m cs224n_datasets ARGS` in a child process, as a user would."""

    def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "datasets")}
        return subprocess.run(
            [sys.executable, "-m", "cs224n_datasets", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run
