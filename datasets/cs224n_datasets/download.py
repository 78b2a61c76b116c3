"""Download the Stanford Sentiment Treebank and unpack its tree files.

``python -m cs224n_datasets download`` calls :func:`download_treebank`.  The archive is
streamed to a temporary file next to its destination, checked by SHA-256 and
only then moved into place, so an interrupted or corrupt download never
leaves a bad file behind.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path

from tqdm import tqdm

from .errors import DataError, MissingDataError
from .paths import SST_ENV, sst_dir
from .sst import MEMBERS, SST_TREE_SHA256, SST_URL, SST_ZIP_NAME, SST_ZIP_SHA256, load_treebank

__all__ = ["download_treebank", "fetch_treebank_if_missing", "unpack_trees"]

_CHUNK = 1 << 16


def _manual_hint(dest: Path) -> str:
    return (
        f"To fix it, download {SST_URL} by hand (e.g. in a browser) and put "
        f"{SST_ZIP_NAME} in {dest}, or put it in any folder and set {SST_ENV} "
        f"to that folder."
    )


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def unpack_trees(archive: Path, dest: Path) -> list[Path]:
    """Extract ``trees/{train,dev,test}.txt`` of a verified archive into ``dest/trees``.

    Files already there with the official checksum are left alone.
    """
    written = []
    try:
        with zipfile.ZipFile(archive) as zf:
            for member in MEMBERS:
                target = dest / member
                if target.is_file() and _file_sha256(target) == SST_TREE_SHA256[member]:
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                partial = target.with_suffix(".txt.part")
                partial.write_bytes(zf.read(member))
                os.replace(partial, target)
                written.append(target)
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        raise DataError(f"could not unpack {archive} into {dest}: {exc}. {_manual_hint(dest)}") from None
    return written


def download_treebank(
    dest: Path | str | None = None,
    url: str = SST_URL,
    *,
    progress: bool = True,
    timeout: float = 30.0,
    log: Callable[[str], None] = print,
) -> Path:
    """Fetch ``trainDevTestTrees_PTB.zip`` into ``dest`` and unpack ``trees/*.txt``.

    Args:
        dest: destination folder; default :func:`cs224n_datasets.sst_dir`.
        url: where to download from (the official address by default; tests
            use a local server).  Whatever the URL, the file must have the
            official SHA-256.
        progress: show a tqdm progress bar.
        timeout: seconds to wait for the server before giving up.
        log: where to send one-line status messages.

    Returns:
        The path of the verified archive.

    Raises:
        DataError: no network, an HTTP error, or a wrong checksum; the message
            gives the official URL and the folder to put the file in.
    """
    dest = Path(dest).expanduser() if dest is not None else sst_dir()
    target = dest / SST_ZIP_NAME
    if target.is_file():
        if _file_sha256(target) == SST_ZIP_SHA256:
            log(f"{target}: already there, checksum OK")
            unpack_trees(target, dest)
            return target
        log(f"{target}: wrong checksum, deleting it and downloading again")
        target.unlink()

    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(f"cannot create the folder {dest}: {exc}. {_manual_hint(dest)}") from None

    # The temporary file lives in dest so the final rename is atomic.
    handle, temp_name = tempfile.mkstemp(prefix=".download-", suffix=".part", dir=dest)
    temp = Path(temp_name)
    try:
        digest = hashlib.sha256()
        request = urllib.request.Request(url, headers={"User-Agent": "cs224n-a1-datasets"})
        with (
            os.fdopen(handle, "wb") as out,
            urllib.request.urlopen(request, timeout=timeout) as response,
        ):
            length = response.headers.get("Content-Length")
            with tqdm(
                total=int(length) if length and length.isdigit() else None,
                unit="B",
                unit_scale=True,
                desc=SST_ZIP_NAME,
                disable=not progress,
            ) as bar:
                for chunk in iter(lambda: response.read(_CHUNK), b""):
                    out.write(chunk)
                    digest.update(chunk)
                    bar.update(len(chunk))
        if digest.hexdigest() != SST_ZIP_SHA256:
            raise DataError(
                f"the file downloaded from {url} has the wrong SHA-256 checksum "
                f"({digest.hexdigest()}, expected {SST_ZIP_SHA256}); it was deleted. "
                f"{_manual_hint(dest)}"
            )
        os.replace(temp, target)
    except urllib.error.HTTPError as exc:
        raise DataError(
            f"could not download {url}: the server answered HTTP {exc.code} "
            f"{exc.reason}. {_manual_hint(dest)}"
        ) from None
    except urllib.error.URLError as exc:
        raise DataError(
            f"could not download {url}: {exc.reason} (no network?). {_manual_hint(dest)}"
        ) from None
    except (TimeoutError, OSError, http.client.HTTPException) as exc:
        raise DataError(
            f"could not download {url}: {exc.__class__.__name__}: {exc}. {_manual_hint(dest)}"
        ) from None
    finally:
        temp.unlink(missing_ok=True)
    log(f"{target}: downloaded, checksum OK")
    unpacked = unpack_trees(target, dest)
    if unpacked:
        log(f"unpacked {', '.join(str(p.relative_to(dest)) for p in unpacked)} into {dest}")
    return target


def fetch_treebank_if_missing(
    dest: Path | str | None = None,
    url: str = SST_URL,
    *,
    timeout: float = 10.0,
    progress: bool = True,
    log: Callable[[str], None] = print,
) -> bool:
    """Download the treebank when it is not installed yet; never raise for a failed download.

    For the first run of ``make run``: with a network the official archive is
    fetched and checked (SHA-256) as ``python -m cs224n_datasets download`` does;
    without one (or on any download error) one line says so and the caller
    falls back to the toy corpus.  ``timeout`` bounds every wait on the
    server, so a machine without a network does not hang.

    Returns:
        True when the treebank is installed (it was, or the download worked).
    """

    dest = Path(dest).expanduser() if dest is not None else sst_dir()
    try:
        load_treebank(dest)
        return True
    except MissingDataError:
        pass
    except DataError:
        return True  # there but broken: the loader's own error will say how to fix it
    log(f"The treebank is not in {dest}: downloading it from {url} (Ctrl-C to skip) ...")
    try:
        download_treebank(dest, url, progress=progress, timeout=timeout, log=log)
    except DataError as exc:
        reason = str(exc).split(" To fix it")[0]
        log(
            f"note: {reason} Using the toy corpus; "
            "`python -m cs224n_datasets download` fetches the treebank later."
        )
        return False
    except KeyboardInterrupt:
        log(
            "note: download skipped. Using the toy corpus; "
            "`python -m cs224n_datasets download` fetches it later."
        )
        return False
    return True
