"""Command line: ``python -m cs224n_datasets {download,check,make-toy}``.

Data problems are printed as one message (no traceback) with exit status 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import DataError, MissingDataError
from .glove import find_glove_file, load_glove_text
from .paths import TOY_TREEBANK
from .sst import SPLIT_NAMES, SST_URL, load_treebank
from .word2vec_dataset import Word2VecDataset


def _cmd_download(args: argparse.Namespace) -> int:
    from .download import download_treebank  # tqdm only needed here

    download_treebank(args.dest, args.url, progress=not args.quiet)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    try:
        treebank = load_treebank(args.sst)
    except MissingDataError as exc:
        print(f"SST treebank: NOT FOUND. {exc}")
        return 1
    loaded = time.perf_counter()
    dataset = Word2VecDataset(treebank)
    built = time.perf_counter()

    print(f"SST treebank: {treebank.source}{'  (TOY CORPUS)' if treebank.is_toy else ''}")
    for index, name in enumerate(SPLIT_NAMES):
        histogram = treebank.label_histogram(index)
        print(
            f"  {name:<5} {int(histogram.sum()):>6,} sentences, labels 0-4: "
            f"{' '.join(f'{int(c):>5}' for c in histogram)}"
        )
    print(f"  tokens {treebank.num_tokens:,}, vocabulary {treebank.vocab_size:,} words")
    print(
        f"  word2vec tables: {dataset.num_context_sentences:,} sub-sampled sentences, "
        f"{dataset.context_tokens.size:,} tokens"
    )
    print(
        f"  load {loaded - start:.2f} s, tables {built - loaded:.2f} s "
        f"(total {built - start:.2f} s, target < 2 s)"
    )

    try:
        glove_file = find_glove_file(50, args.glove)
    except MissingDataError as exc:
        print(f"GloVe 50-d: not found. {exc}")
        return 0
    start = time.perf_counter()
    _, coverage = load_glove_text(glove_file, treebank.word2ind, 50)
    print(f"GloVe 50-d: {glove_file}")
    print(
        f"  covers {coverage:.1%} of the vocabulary "
        f"({round(coverage * treebank.vocab_size):,} words), read in "
        f"{time.perf_counter() - start:.2f} s"
    )
    return 0


def _cmd_make_toy(args: argparse.Namespace) -> int:
    from .toy.make_toy_corpus import write_toy_zip

    output = write_toy_zip(args.out)
    print(f"wrote {output} ({output.stat().st_size:,} bytes)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cs224n_datasets",
        description="Download and check the data of CS224n Assignment 1.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    download = commands.add_parser("download", help="download the Stanford Sentiment Treebank")
    download.add_argument(
        "--dest",
        type=Path,
        default=None,
        help="folder to put it in (default: $CS224N_SST_DIR or datasets/data/sst)",
    )
    download.add_argument("--url", default=SST_URL, help=f"where to fetch it (default: {SST_URL})")
    download.add_argument("--quiet", action="store_true", help="no progress bar")
    download.set_defaults(run=_cmd_download)

    check = commands.add_parser("check", help="load the data and print a summary")
    check.add_argument("--sst", type=Path, default=None, help="treebank zip or folder")
    check.add_argument("--glove", type=Path, default=None, help="folder with glove.6B.50d*.txt")
    check.set_defaults(run=_cmd_check)

    toy = commands.add_parser("make-toy", help="regenerate the toy corpus")
    toy.add_argument("--out", type=Path, default=TOY_TREEBANK, help=f"default: {TOY_TREEBANK}")
    toy.set_defaults(run=_cmd_make_toy)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
