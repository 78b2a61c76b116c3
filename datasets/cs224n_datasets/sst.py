"""The Stanford Sentiment Treebank (SST) in its official PTB tree form.

The official archive ``trainDevTestTrees_PTB.zip`` holds ``trees/train.txt``,
``trees/dev.txt`` and ``trees/test.txt``, one binarised tree per line, e.g.::

    (3 (2 It) (4 (4 (2 's) (4 (3 (2 a) (4 (3 lovely) (2 film))) ...

Every node carries a sentiment label 0-4 (very negative ... very positive); the
root's label is the sentence's label and the leaves, left to right, are its
tokens.  :func:`load_treebank` reads the archive (or the unpacked files),
checks them, and returns a :class:`Treebank` with the sentences, root labels,
splits and a vocabulary over the whole corpus.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import DataError, MissingDataError
from .paths import SST_ENV, TOY_TREEBANK, sst_dir

# The toy archive carries this zip comment, so a toy is recognised wherever it
# is loaded from and can never pass for the real treebank.
from .toy.make_toy_corpus import TOY_MARKER

__all__ = [
    "DEV",
    "SPLIT_NAMES",
    "SST_URL",
    "SST_ZIP_NAME",
    "SST_ZIP_SHA256",
    "TEST",
    "TRAIN",
    "ToyCorpusWarning",
    "Treebank",
    "load_treebank",
    "sst_fix_hint",
]

SST_URL = "https://nlp.stanford.edu/sentiment/trainDevTestTrees_PTB.zip"
SST_ZIP_NAME = "trainDevTestTrees_PTB.zip"
SST_ZIP_SHA256 = "5c613a4f673fc74097d523a2c83f38e0cc462984d847b82c7aaf36b01cbbbfcc"
SST_ZIP_SIZE = 789_539

TRAIN, DEV, TEST = 0, 1, 2
SPLIT_NAMES: tuple[str, str, str] = ("train", "dev", "test")
MEMBERS: tuple[str, ...] = tuple(f"trees/{name}.txt" for name in SPLIT_NAMES)

# SHA-256 of the three files inside the official zip, for unpacked copies.
SST_TREE_SHA256: dict[str, str] = {
    "trees/train.txt": "e2f3f41b0b1e6d4dddc0effe3bfc2d27ed8928079aa9a03d652311614fc5feb7",
    "trees/dev.txt": "0e9336aed6e4730e19f58d00a77b3f0297efdb755f7b5e598c98a05e3f97ea40",
    "trees/test.txt": "6e54806dee95cf80cd918e7dfb3f6770f6df24bf826f289a4d1f709e1c8f6761",
}


NUM_CLASSES = 5

# PTB escapes for brackets, mapped back to the characters (after lower-casing).
_BRACKETS = {
    "-lrb-": "(",
    "-rrb-": ")",
    "-lsb-": "[",
    "-rsb-": "]",
    "-lcb-": "{",
    "-rcb-": "}",
}
_BRACKET_HINT = re.compile(r"-[lr][rsc]b-")
_ESCAPED_RE = re.compile(r"\\([/*])")


def _unescape(token: str) -> str:
    return _ESCAPED_RE.sub(r"\1", token)


# A leaf is "(d token)" and tokens never contain spaces or brackets.
_LEAF_RE = re.compile(r"\([0-4] [^ ()\n]+\)")
_LEAF_TOKEN_RE = re.compile(r"\([0-4] ([^ ()\n]+)\)")
# After leaves are replaced by NUL, an internal node is "(d NUL NUL ...)".
_NODE_RE = re.compile(r"\([0-4](?: \x00)+\)")
_DIAG_TOKEN_RE = re.compile(r"\(|\)|[^ ()]+")


class ToyCorpusWarning(UserWarning):
    """Emitted when the toy corpus stands in for the missing real treebank."""


def sst_fix_hint() -> str:
    """The sentence that tells a user how to get a good copy of the treebank."""
    return (
        f"Fix: run `python -m cs224n_datasets download` (fetches {SST_URL} into "
        f"{sst_dir()}), or download it by hand and set {SST_ENV} to the folder "
        f"that holds {SST_ZIP_NAME}."
    )


@dataclass(repr=False)
class Treebank:
    """The sentences of the SST with their root labels, splits and vocabulary.

    Attributes:
        sentences: N lists of tokens (lower-cased, PTB escapes mapped back:
            ``-lrb-`` -> ``(`` and so on for ``[ ] { }``, ``\\/`` -> ``/``,
            ``\\*`` -> ``*``), in file order: train, then dev, then test.
        labels: (N,) int64, root sentiment label of each sentence, 0..4.
        split: (N,) int8, TRAIN (0), DEV (1) or TEST (2) for each sentence.
        source: the zip file or folder the trees were read from.
        is_toy: True when this is the generated toy corpus, not the real SST.
        word2ind: word -> row index, over all N sentences.
        ind2word: (V,) the words, in order of first occurrence in the corpus.
        counts: (V,) int64, occurrences of each word in the whole corpus.
        token_ids: (T,) int32, every token of the corpus, flat, corpus order.
        sentence_offsets: (N+1,) int64; sentence i is
            ``token_ids[sentence_offsets[i]:sentence_offsets[i + 1]]``.
    """

    sentences: list[list[str]]
    labels: np.ndarray
    split: np.ndarray
    source: Path
    is_toy: bool
    word2ind: dict[str, int] = field(default_factory=dict)
    ind2word: list[str] = field(default_factory=list)
    counts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    token_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    sentence_offsets: np.ndarray = field(default_factory=lambda: np.zeros(1, np.int64))

    @property
    def num_sentences(self) -> int:
        """N, the number of sentences."""
        return len(self.sentences)

    @property
    def num_tokens(self) -> int:
        """T, the number of tokens in the whole corpus."""
        return int(self.token_ids.shape[0])

    @property
    def vocab_size(self) -> int:
        """V, the number of distinct words."""
        return len(self.ind2word)

    def split_mask(self, split: int | str) -> np.ndarray:
        """(N,) bool, True for the sentences of ``split`` (0/1/2 or a name)."""
        return self.split == _split_index(split)

    def split_sentences(self, split: int | str) -> list[tuple[list[str], int]]:
        """The ``(tokens, label)`` pairs of one split, in file order.

        ``split`` is TRAIN/DEV/TEST (0/1/2) or 'train'/'dev'/'test'.
        """
        rows = np.flatnonzero(self.split_mask(split))
        return [(self.sentences[i], int(self.labels[i])) for i in rows]

    def label_histogram(self, split: int | str | None = None) -> np.ndarray:
        """(5,) int64, how many sentences have each root label 0..4.

        Over the whole corpus when ``split`` is None, else over one split.
        """
        labels = self.labels if split is None else self.labels[self.split_mask(split)]
        return np.bincount(labels, minlength=NUM_CLASSES).astype(np.int64)

    def __repr__(self) -> str:
        sizes = "/".join(str(int(np.sum(self.split == s))) for s in range(3))
        toy = ", TOY" if self.is_toy else ""
        return (
            f"Treebank({self.num_sentences} sentences [{sizes}], "
            f"{self.num_tokens} tokens, {self.vocab_size} words{toy}, "
            f"source={str(self.source)!r})"
        )


def _split_index(split: int | str) -> int:
    if isinstance(split, str):
        try:
            return SPLIT_NAMES.index(split.lower())
        except ValueError:
            pass
    elif isinstance(split, (int, np.integer)) and 0 <= int(split) < len(SPLIT_NAMES):
        return int(split)
    raise ValueError(f"split must be 0, 1, 2 or one of {SPLIT_NAMES}, got {split!r}")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_bytes(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise MissingDataError(f"{what} {path} does not exist. {sst_fix_hint()}") from None
    except OSError as exc:
        raise DataError(f"cannot read {what} {path}: {exc.strerror or exc}. {sst_fix_hint()}") from None


def _read_zip(path: Path) -> tuple[list[bytes], bool]:
    """The raw bytes of the three tree files in the zip, and whether it is the toy."""
    data = _read_bytes(path, "treebank archive")
    if path.name == SST_ZIP_NAME:
        # Only the official archive has a known checksum; other names (the toy,
        # a student's own corpus) are checked by format alone.
        if len(data) < SST_ZIP_SIZE:
            raise DataError(
                f"{path} is truncated: {len(data):,} bytes, expected "
                f"{SST_ZIP_SIZE:,} (an interrupted download?). Delete it. "
                f"{sst_fix_hint()}"
            )
        digest = _sha256(data)
        if digest != SST_ZIP_SHA256:
            raise DataError(
                f"{path} has the wrong SHA-256 checksum ({digest}, expected "
                f"{SST_ZIP_SHA256}): it is corrupt or not the official file. "
                f"Delete it. {sst_fix_hint()}"
            )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DataError(
            f"{path} is not a valid zip archive (truncated or corrupt). Delete it. {sst_fix_hint()}"
        ) from None
    raws = []
    with archive:
        names = set(archive.namelist())
        for member in MEMBERS:
            if member not in names:
                raise DataError(
                    f"{path} has no {member} (it holds: "
                    f"{', '.join(sorted(names)) or 'nothing'}); it is not the SST "
                    f"PTB archive. {sst_fix_hint()}"
                )
            try:
                raws.append(archive.read(member))
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
                raise DataError(
                    f"{member} in {path} is corrupt ({exc}). Delete the archive. {sst_fix_hint()}"
                ) from None
        is_toy = archive.comment.startswith(TOY_MARKER)
    return raws, is_toy


def _read_unpacked(folder: Path) -> list[bytes]:
    """The raw bytes of ``folder/trees/*.txt``, each checked against the official hash."""
    absent = [member for member in MEMBERS if not (folder / member).is_file()]
    if absent:
        raise DataError(
            f"{folder} has an unpacked trees/ folder but no {', '.join(absent)}. {sst_fix_hint()}"
        )
    raws = []
    for member in MEMBERS:
        path = folder / member
        data = _read_bytes(path, "tree file")
        digest = _sha256(data)
        if digest != SST_TREE_SHA256[member]:
            raise DataError(
                f"{path} has the wrong SHA-256 checksum ({digest}, expected "
                f"{SST_TREE_SHA256[member]}): it is truncated, edited or not "
                f"the official file. Delete the trees/ folder. {sst_fix_hint()}"
            )
        raws.append(data)
    return raws


def _diagnose(line: str) -> str:
    """Why one line is not a well-formed labelled tree (error path only)."""
    tokens = _DIAG_TOKEN_RE.findall(line)
    if not tokens:
        return "the line is empty"
    pos = 0

    def node() -> str | None:
        # Returns an error message, or None when a whole node was consumed.
        nonlocal pos
        if tokens[pos] != "(":
            return f"expected '(' but found {tokens[pos]!r}"
        pos += 1
        if pos >= len(tokens):
            return "unbalanced brackets: the line ends inside a node"
        label = tokens[pos]
        if label not in ("0", "1", "2", "3", "4"):
            return f"node label {label!r} is not one of 0-4"
        pos += 1
        children = 0
        while pos < len(tokens) and tokens[pos] != ")":
            if tokens[pos] == "(":
                problem = node()
                if problem:
                    return problem
            else:
                pos += 1
            children += 1
        if pos >= len(tokens):
            return "unbalanced brackets: more '(' than ')'"
        if children == 0:
            return f"node '({label})' has no children"
        pos += 1
        return None

    problem = node()
    if problem:
        return problem
    if pos < len(tokens):
        return f"unexpected {tokens[pos]!r} after the end of the tree (more ')' than '('?)"
    if line != line.strip() or "  " in line or "\t" in line:
        return "stray whitespace (labels, words and nodes are separated by one space)"
    if "\x00" in line:
        return "it contains a NUL character"
    return "a leaf holds more than one token"


def _parse_file(raw: bytes, member: str, source: Path) -> tuple[list[list[str]], list[str]]:
    """Sentences (lower-cased tokens) and root-label characters of one tree file."""
    where = f"{member} in {source}"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_number = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError(
            f"line {line_number} of {where}: not valid UTF-8 (byte "
            f"0x{raw[exc.start]:02x} at column {column}); the file is corrupt. "
            f"{sst_fix_hint()}"
        ) from None
    text = text.replace("\r\n", "\n")  # tolerate a copy saved with Windows line ends
    if text.endswith("\n"):
        text = text[:-1]
    if not text.strip():
        raise DataError(f"{where} is empty. {sst_fix_hint()}")
    lines = text.split("\n")

    # Validate every tree at once: replace leaves, then innermost nodes, by a
    # NUL until nothing changes.  A well-formed line shrinks to a single NUL,
    # and line breaks survive, so the first bad line is easy to find.
    reduced = _LEAF_RE.sub("\x00", text)
    replaced = 1
    while replaced:
        reduced, replaced = _NODE_RE.subn("\x00", reduced)
    if "\x00" in text or reduced != "\x00\n" * (len(lines) - 1) + "\x00":
        if "\x00" in text:  # NUL is our placeholder, so no line may contain it
            reduced = "\n".join("" if "\x00" in line else "\x00" for line in lines)
        for number, (line, short) in enumerate(zip(lines, reduced.split("\n"), strict=False), 1):
            if short != "\x00":
                excerpt = line if len(line) <= 80 else line[:77] + "..."
                raise DataError(
                    f"line {number} of {where} is not a well-formed tree: "
                    f"{_diagnose(line)}. The line starts {excerpt!r}. The file is "
                    f"corrupt or not an SST tree file. {sst_fix_hint()}"
                )
        raise DataError(f"{where} is not a valid tree file. {sst_fix_hint()}")  # unreachable

    roots = [line[1] for line in lines]  # well-formed, so "(d ..." always
    sentences = []
    for line in text.lower().split("\n"):
        tokens = _LEAF_TOKEN_RE.findall(line)
        if _BRACKET_HINT.search(line):
            tokens = [_BRACKETS.get(token, token) for token in tokens]
        if "\\" in line:
            # PTB also escapes "/" and "*" ("writer\\/director"); GloVe has them plain.
            tokens = [_unescape(token) for token in tokens]
        sentences.append(tokens)
    return sentences, roots


def _build(raws: list[bytes], source: Path, is_toy: bool) -> Treebank:
    sentences: list[list[str]] = []
    roots: list[str] = []
    sizes = []
    for member, raw in zip(MEMBERS, raws, strict=True):
        file_sentences, file_roots = _parse_file(raw, member, source)
        sentences.extend(file_sentences)
        roots.extend(file_roots)
        sizes.append(len(file_sentences))

    n = len(sentences)
    labels = np.frombuffer("".join(roots).encode("ascii"), dtype=np.uint8) - ord("0")
    split = np.repeat(np.arange(3, dtype=np.int8), sizes)

    # dict.fromkeys keeps first-occurrence order and runs at C speed.
    flat = list(itertools.chain.from_iterable(sentences))
    word2ind = {word: i for i, word in enumerate(dict.fromkeys(flat))}
    token_ids = np.fromiter(map(word2ind.__getitem__, flat), dtype=np.int32, count=len(flat))
    lengths = np.fromiter(map(len, sentences), dtype=np.int64, count=n)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    counts = np.bincount(token_ids, minlength=len(word2ind)).astype(np.int64)
    return Treebank(
        sentences=sentences,
        labels=labels.astype(np.int64),
        split=split,
        source=source,
        is_toy=is_toy,
        word2ind=word2ind,
        ind2word=list(word2ind),
        counts=counts,
        token_ids=token_ids,
        sentence_offsets=offsets,
    )


def _load(path: Path) -> Treebank:
    if path.is_dir():
        archive = path / SST_ZIP_NAME
        if archive.is_file():
            raws, is_toy = _read_zip(archive)
            return _build(raws, archive, is_toy)
        if (path / "trees").is_dir():
            return _build(_read_unpacked(path), path, False)
        raise MissingDataError(
            f"SST treebank not found: {path} holds neither {SST_ZIP_NAME} nor an "
            f"unpacked trees/ folder. {sst_fix_hint()}"
        )
    if path.exists():
        raws, is_toy = _read_zip(path)
        return _build(raws, path, is_toy)
    raise MissingDataError(f"SST treebank not found: {path} does not exist. {sst_fix_hint()}")


def load_treebank(path: Path | str | None = None, *, fallback_to_toy: bool = False) -> Treebank:
    """Load the Stanford Sentiment Treebank.

    Args:
        path: the zip file, a folder holding ``trainDevTestTrees_PTB.zip``, or a
            folder holding the unpacked ``trees/{train,dev,test}.txt``.
            Defaults to :func:`cs224n_datasets.sst_dir`.  The official archive and the
            unpacked official files are checked by SHA-256; an archive with
            another name (the toy, your own corpus) only by format.
        fallback_to_toy: when the treebank is *missing*, load the small toy
            corpus instead (``is_toy=True``) with a loud warning.  A corrupt
            treebank always raises.

    Returns:
        The :class:`Treebank`.

    Raises:
        DataError: the data is missing (``MissingDataError``), truncated,
            corrupt, or not in the expected format; the message names the file
            and the fix.
    """
    source = Path(path).expanduser() if path is not None else sst_dir()
    try:
        return _load(source)
    except MissingDataError as exc:
        if not fallback_to_toy:
            raise
        warnings.warn(
            f"\n{'!' * 72}\nUSING THE TOY CORPUS, NOT THE REAL STANFORD SENTIMENT "
            f"TREEBANK.\nThe toy is a few hundred generated sentences: results "
            f"on it say nothing about the real task.\nReason: {exc}\n{'!' * 72}",
            ToyCorpusWarning,
            stacklevel=2,
        )
        if not TOY_TREEBANK.is_file():
            raise DataError(
                f"the toy corpus {TOY_TREEBANK} is missing too. Regenerate it with "
                f"`python -m cs224n_datasets make-toy`. {sst_fix_hint()}"
            ) from None
        treebank = _load(TOY_TREEBANK)
        treebank.is_toy = True
        return treebank
