"""Time loading the SST and building the word2vec tables, and the two samplers.

Run from anywhere::

    python benchmarks/bench_load.py [--sst PATH] [--runs 5]

Uses $CS224N_SST_DIR (or datasets/data/sst); falls back to the toy corpus,
loudly, when the treebank is missing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import warnings
from pathlib import Path

# Let the script run from a checkout without installing the project.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cs224n_datasets import DataError, Word2VecDataset, load_treebank  # noqa: E402

TARGET_SECONDS = 2.0


def median_time(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sst", type=Path, default=None, help="treebank zip or folder")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            treebank = load_treebank(args.sst, fallback_to_toy=True)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"corpus: {treebank}")
    if treebank.is_toy:
        print("WARNING: toy corpus, timings are not representative")

    load, _ = median_time(lambda: load_treebank(treebank.source), args.runs)
    tables, dataset = median_time(lambda: Word2VecDataset(treebank), args.runs)
    total, _ = median_time(lambda: Word2VecDataset(load_treebank(treebank.source)), args.runs)

    random.seed(0)
    sample, _ = median_time(lambda: [dataset.sample_token_idx() for _ in range(100_000)], args.runs)
    context, _ = median_time(lambda: [dataset.get_random_context(5) for _ in range(10_000)], args.runs)

    verdict = "OK" if total < TARGET_SECONDS else "TOO SLOW"
    rows = [
        ("load_treebank", load, ""),
        ("Word2VecDataset tables", tables, ""),
        ("load + tables", total, f"target < {TARGET_SECONDS:.1f} s  {verdict}"),
        ("100,000 x sample_token_idx()", sample, f"{sample * 10:.2f} us/call"),
        ("10,000 x get_random_context(5)", context, f"{context * 100:.2f} us/call"),
    ]
    print(f"median of {args.runs} runs:")
    for name, seconds, note in rows:
        print(f"  {name:<34} {seconds:7.3f} s   {note}".rstrip())
    return 0 if total < TARGET_SECONDS else 2


if __name__ == "__main__":
    sys.exit(main())
