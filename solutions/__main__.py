"""`python -m solutions`: sanity-check the reference solutions, then train skip-gram briefly.

Uses the Stanford Sentiment Treebank when it is available and the project's
toy corpus (said so loudly) when it is not.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
import warnings

import numpy as np

from solutions import neg_sampling_loss_and_gradient, sgd, skipgram, word2vec_sgd_wrapper
from solutions.sanity import SANITY_CHECKS, run_sanity_checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m solutions", description=__doc__)
    parser.add_argument("--iterations", type=int, default=300,
                        help="skip-gram SGD iterations (default 300)")
    parser.add_argument("--dim", type=int, default=10, help="word vector dimension (default 10)")
    parser.add_argument("--seed", type=int, default=224)
    args = parser.parse_args(argv)

    print(f"== Sanity checks of the reference solutions ({len(SANITY_CHECKS)}) ==")
    for line in run_sanity_checks(args.seed):
        print(f"  ok  {line}")

    from datasets import ToyCorpusWarning, Word2VecDataset, load_treebank

    print("\n== Skip-gram with negative sampling ==")
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ToyCorpusWarning)
        treebank = load_treebank(fallback_to_toy=True)
    for warning in caught:
        print(warning.message)
    dataset = Word2VecDataset(treebank)
    if treebank.is_toy:
        corpus = "the TOY corpus (the treebank was not found)"
    else:
        corpus = "the Stanford Sentiment Treebank"
    print(f"Loaded {corpus}: {len(treebank.sentences):,} sentences, {len(treebank.ind2word):,} words "
          f"in {time.perf_counter() - start:.2f} s")
    if treebank.is_toy:
        print("!! Results on the toy corpus only show that the code runs; get the real data with "
              "`python -m datasets download`.")

    random.seed(args.seed)
    np.random.seed(args.seed)
    vocab = len(dataset.word2ind)
    # Centre vectors start small and random, outside vectors at zero, as in the handout.
    center = (np.random.rand(vocab, args.dim) - 0.5) / args.dim
    vectors = np.concatenate([center, np.zeros((vocab, args.dim))])

    def batch_loss(x: np.ndarray) -> tuple[float, np.ndarray]:
        return word2vec_sgd_wrapper(skipgram, dataset.word2ind, x, dataset, 5, neg_sampling_loss_and_gradient)

    print(f"{args.iterations} iterations of 50 windows (C = 5, K = 10, step 0.3); smoothed cost:")
    start = time.perf_counter()
    sgd(batch_loss, vectors, 0.3, args.iterations, print_every=max(1, args.iterations // 10))
    print(f"done in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
