"""`python -m word2vec_trainer {train,sentiment,all}`: word vectors and the sentiment study."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from word2vec_trainer.main_job import run_main_job
from word2vec_trainer.pipeline import sentiment_command, train_command
from word2vec_trainer.train import TrainConfig, default_output_dir


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m word2vec_trainer",
        description="Train the treebank's word vectors fast and run the sentiment study.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--out",
        type=Path,
        default=default_output_dir(),
        help="output folder (default: outputs/ of the repository)",
    )
    common.add_argument(
        "--toy", action="store_true", help="use the toy corpus even if the treebank is installed"
    )

    training = argparse.ArgumentParser(add_help=False)
    defaults = TrainConfig()
    training.add_argument("--model", choices=["skipgram", "cbow"], default=defaults.model)
    training.add_argument("--loss", choices=["neg_sampling", "naive_softmax"], default=defaults.loss)
    training.add_argument(
        "--dim", type=int, default=defaults.dim, help="vector dimension D (default %(default)s)"
    )
    training.add_argument(
        "--window",
        type=int,
        default=defaults.window_size,
        help="C, largest window half-width (default %(default)s)",
    )
    training.add_argument(
        "--negatives", type=int, default=defaults.num_negatives, help="K (default %(default)s)"
    )
    training.add_argument(
        "--step", type=float, default=defaults.step, help="initial SGD step (default %(default)s)"
    )
    training.add_argument("--iterations", type=int, default=defaults.iterations, help="default %(default)s")
    training.add_argument(
        "--batch-size",
        type=int,
        default=defaults.batch_size,
        help="windows per iteration (default %(default)s)",
    )
    training.add_argument(
        "--iterations-per-update",
        type=int,
        default=defaults.iterations_per_update,
        help="iterations whose gradients are taken at the same parameters; "
        "1 is the assignment's SGD exactly (default %(default)s)",
    )
    training.add_argument("--dtype", choices=["float64", "float32"], default=defaults.dtype)
    training.add_argument("--seed", type=int, default=defaults.seed)
    training.add_argument(
        "--fresh", action="store_true", help="delete old checkpoints instead of resuming from them"
    )
    training.add_argument("--no-progress", action="store_true", help="no progress bar")

    sub.add_parser(
        "train",
        parents=[common, training],
        help="train word vectors (checkpoints every 5,000 iterations, resumes)",
    )
    sentiment = sub.add_parser(
        "sentiment", parents=[common], help="the sentiment study on trained, GloVe and random vectors"
    )
    sentiment.add_argument(
        "--vectors", type=Path, default=None, help="word_vectors.npz to use (default: OUT/word_vectors.npz)"
    )
    everything = sub.add_parser(
        "all",
        parents=[common, training],
        help="the main job (word2vec_trainer.main_job): grade the reference solutions, fetch the treebank if "
        "missing, train, run the sentiment study",
    )
    everything.add_argument(
        "--no-download", action="store_true", help="do not try to download a missing treebank"
    )
    return parser


def config_from(args: argparse.Namespace) -> TrainConfig:
    return TrainConfig(
        model=args.model,
        loss=args.loss,
        dim=args.dim,
        window_size=args.window,
        num_negatives=args.negatives,
        step=args.step,
        iterations=args.iterations,
        batch_size=args.batch_size,
        iterations_per_update=args.iterations_per_update,
        dtype=args.dtype,
        seed=args.seed,
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "train":
            train_command(
                args.out, config_from(args), toy=args.toy, fresh=args.fresh, progress=not args.no_progress
            )
            return 0
        if args.command == "sentiment":
            sentiment_command(args.out, toy=args.toy, vectors_path=args.vectors)
            return 0
        return run_main_job(
            args.out,
            config_from(args),
            toy=args.toy,
            download=not args.no_download,
            fresh=args.fresh,
            progress=not args.no_progress,
        )
    except (ValueError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
