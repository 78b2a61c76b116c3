"""The downloader, for real, against an HTTP server on 127.0.0.1 (no mocks)."""

from __future__ import annotations

import hashlib
import socket
from pathlib import Path

import pytest

from cs224n_datasets import TOY_TREEBANK, DataError, load_treebank
from cs224n_datasets.download import download_treebank
from cs224n_datasets.sst import SST_TREE_SHA256, SST_URL, SST_ZIP_NAME, SST_ZIP_SHA256


def assert_manual_fix(message: str, url: str, dest: Path) -> None:
    assert url in message
    assert SST_URL in message and str(dest) in message and "CS224N_SST_DIR" in message


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends


@pytest.fixture
def served_good(http_server, real_sst_zip) -> str:
    base, folder = http_server
    (folder / "good.zip").write_bytes(real_sst_zip.read_bytes())
    return f"{base}/good.zip"


def test_download_good_file(tmp_path, served_good):
    dest = tmp_path / "sst"
    messages: list[str] = []
    target = download_treebank(dest, served_good, progress=False, log=messages.append)
    assert target == dest / SST_ZIP_NAME
    assert hashlib.sha256(target.read_bytes()).hexdigest() == SST_ZIP_SHA256
    for member, digest in SST_TREE_SHA256.items():
        assert hashlib.sha256((dest / member).read_bytes()).hexdigest() == digest
    assert any("downloaded, checksum OK" in m for m in messages)
    assert not list(dest.glob("*.part")) and not list(dest.glob(".download-*"))
    assert load_treebank(dest).num_sentences == 11_855


def test_download_again_does_nothing(tmp_path, served_good):
    dest = tmp_path / "sst"
    download_treebank(dest, served_good, progress=False, log=lambda m: None)
    before = (dest / SST_ZIP_NAME).stat().st_mtime_ns
    messages: list[str] = []
    # The URL is dead now: a second download would fail.
    download_treebank(dest, "http://127.0.0.1:1/gone.zip", progress=False, log=messages.append)
    assert messages == [f"{dest / SST_ZIP_NAME}: already there, checksum OK"]
    assert (dest / SST_ZIP_NAME).stat().st_mtime_ns == before


def test_download_replaces_bad_existing_file(tmp_path, served_good):
    dest = tmp_path / "sst"
    dest.mkdir()
    (dest / SST_ZIP_NAME).write_bytes(b"half a file")
    download_treebank(dest, served_good, progress=False, log=lambda m: None)
    assert hashlib.sha256((dest / SST_ZIP_NAME).read_bytes()).hexdigest() == SST_ZIP_SHA256


def test_download_corrupt_file(tmp_path, http_server):
    base, folder = http_server
    (folder / "corrupt.zip").write_bytes(TOY_TREEBANK.read_bytes())
    dest = tmp_path / "sst"
    url = f"{base}/corrupt.zip"
    with pytest.raises(DataError) as info:
        download_treebank(dest, url, progress=False, log=lambda m: None)
    assert "wrong SHA-256" in str(info.value)
    assert_manual_fix(str(info.value), url, dest)
    assert list(dest.iterdir()) == []  # the bad file is not left in place


def test_download_http_error(tmp_path, http_server):
    base, _ = http_server
    dest = tmp_path / "sst"
    url = f"{base}/no-such-file.zip"
    with pytest.raises(DataError) as info:
        download_treebank(dest, url, progress=False, log=lambda m: None)
    assert "HTTP 404" in str(info.value)
    assert_manual_fix(str(info.value), url, dest)
    assert list(dest.iterdir()) == []


def test_download_no_network(tmp_path):
    dest = tmp_path / "sst"
    url = f"http://127.0.0.1:{closed_port()}/trainDevTestTrees_PTB.zip"
    with pytest.raises(DataError) as info:
        download_treebank(dest, url, progress=False, timeout=5, log=lambda m: None)
    assert "no network?" in str(info.value)
    assert_manual_fix(str(info.value), url, dest)
    assert not (dest / SST_ZIP_NAME).exists()


def test_cli_download_no_network(tmp_path, run_datasets_cli):
    url = f"http://127.0.0.1:{closed_port()}/x.zip"
    result = run_datasets_cli("download", "--dest", str(tmp_path / "sst"), "--url", url, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: could not download")
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_download_good_file(tmp_path, served_good, run_datasets_cli):
    dest = tmp_path / "sst"
    result = run_datasets_cli("download", "--dest", str(dest), "--url", served_good, "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "checksum OK" in result.stdout
    rerun = run_datasets_cli("download", "--dest", str(dest), "--url", served_good, cwd=tmp_path)
    assert "already there, checksum OK" in rerun.stdout


# ------------------------------------------------------- the first run's fetch
def test_fetch_if_missing_without_a_network_says_so_in_one_line(tmp_path):
    from cs224n_datasets.download import fetch_treebank_if_missing

    dest = tmp_path / "sst"
    messages: list[str] = []
    url = f"http://127.0.0.1:{closed_port()}/trainDevTestTrees_PTB.zip"
    assert fetch_treebank_if_missing(dest, url, timeout=2, progress=False, log=messages.append) is False
    notes = [m for m in messages if m.startswith("note:")]
    assert len(notes) == 1 and "\n" not in notes[0] and "toy corpus" in notes[0]
    assert "python -m cs224n_datasets download" in notes[0]
    assert not dest.exists() or not any(dest.iterdir())  # nothing half-written left behind


def test_fetch_if_missing_downloads_and_verifies(tmp_path, served_good):
    from cs224n_datasets.download import fetch_treebank_if_missing

    dest = tmp_path / "sst"
    messages: list[str] = []
    assert fetch_treebank_if_missing(dest, served_good, progress=False, log=messages.append) is True
    assert any("checksum OK" in m for m in messages)
    assert load_treebank(dest).num_sentences == 11_855


def test_fetch_if_missing_leaves_an_installed_treebank_alone(tmp_path, served_good):
    from cs224n_datasets.download import fetch_treebank_if_missing

    dest = tmp_path / "sst"
    download_treebank(dest, served_good, progress=False, log=lambda m: None)
    messages: list[str] = []
    dead = f"http://127.0.0.1:{closed_port()}/gone.zip"
    assert fetch_treebank_if_missing(dest, dead, progress=False, log=messages.append) is True
    assert messages == []


def test_fetch_if_missing_rejects_a_wrong_file_and_falls_back(tmp_path, http_server):
    from cs224n_datasets.download import fetch_treebank_if_missing

    base, folder = http_server
    (folder / "wrong.zip").write_bytes(TOY_TREEBANK.read_bytes())
    dest = tmp_path / "sst"
    messages: list[str] = []
    assert fetch_treebank_if_missing(dest, f"{base}/wrong.zip", progress=False, log=messages.append) is False
    assert any(m.startswith("note:") and "checksum" in m for m in messages)
    assert not (dest / SST_ZIP_NAME).exists()
