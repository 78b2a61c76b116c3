"""The commands behind `python -m word2vec_trainer train` and `python -m word2vec_trainer sentiment`.

The main job (grade, train, sentiment in one go) is `word2vec_trainer.main_job`.
"""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import numpy as np

from word2vec_trainer.plots import plot_costs, plot_word_vectors
from word2vec_trainer.sampling import WindowSampler
from word2vec_trainer.sentiment import SPLITS, SplitData, random_vectors, run_study
from word2vec_trainer.train import TrainConfig, TrainResult, train_word_vectors

__all__ = ["load_corpus", "train_command", "sentiment_command", "REPO_ROOT"]

REPO_ROOT = Path(__file__).resolve().parent.parent
TOY_SUBSAMPLE_THRESHOLD = 1e-2  # the toy's 3,000 tokens would lose nearly all to 1e-5
TOY_BANNER = (
    "!" * 72
    + """
!!  TOY CORPUS: the Stanford Sentiment Treebank was not found, so this run
!!  uses the project's small made-up corpus. Its vectors and accuracies say
!!  nothing about the real assignment. Get the treebank with
!!  `python -m cs224n_datasets download` (or set CS224N_SST_DIR) and run again.
"""
    + "!" * 72
)


def load_corpus(toy: bool = False, sst_path: str | None = None):
    """The treebank (the toy one when the real one is missing or `toy`) and its Word2VecDataset."""
    from cs224n_datasets import TOY_TREEBANK, ToyCorpusWarning, Word2VecDataset, load_treebank

    if toy:
        treebank = load_treebank(TOY_TREEBANK)
        treebank.is_toy = True
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ToyCorpusWarning)  # we print our own banner
            treebank = load_treebank(sst_path, fallback_to_toy=True)
    if treebank.is_toy:
        print(TOY_BANNER, flush=True)
        dataset = Word2VecDataset(treebank, subsample_threshold=TOY_SUBSAMPLE_THRESHOLD)
    else:
        dataset = Word2VecDataset(treebank)
    return treebank, dataset


def train_command(
    out_dir: Path,
    config: TrainConfig,
    *,
    toy: bool = False,
    fresh: bool = False,
    progress: bool = True,
    corpus=None,
) -> TrainResult:
    """Train on the treebank (checkpoints in out_dir/checkpoints/word2vec); write the vectors and plots.

    corpus: (treebank, Word2VecDataset) already loaded, or None to load it (`load_corpus(toy)`).
    """
    treebank, dataset = corpus if corpus is not None else load_corpus(toy)
    checkpoints = out_dir / "checkpoints" / "word2vec"
    if fresh and checkpoints.exists():
        shutil.rmtree(checkpoints)
    print(
        f"Training {config.model} / {config.loss}: {config.iterations:,} iterations of "
        f"{config.batch_size} windows, D = {config.dim}, C = {config.window_size}, "
        f"K = {config.num_negatives}, step {config.step}, {config.dtype}, "
        f"{config.iterations_per_update} iteration(s) per update; "
        f"vocabulary {len(dataset.ind2word):,} words"
    )
    sampler = WindowSampler.from_dataset(
        dataset,
        negatives=config.loss == "neg_sampling",
        model=config.model,
        window_size=config.window_size,
        num_negatives=config.num_negatives,
    )
    result = train_word_vectors(
        sampler, len(dataset.ind2word), config, checkpoint_dir=checkpoints, resume=True, progress=progress
    )
    if result.start_iteration:
        print(f"Resumed from the checkpoint at iteration {result.start_iteration:,} in {checkpoints}")
    if result.pairs:
        print(
            f"Trained {result.pairs:,} centre/outside pairs in {result.seconds:.2f} s "
            f"({result.pairs / result.seconds / 1e6:.2f}M pairs/s); "
            f"final smoothed cost {result.smoothed_cost:.3f}"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez(
        out_dir / "word_vectors.npz",
        center=result.center_vectors,
        outside=result.outside_vectors,
        words=np.array(dataset.ind2word),
        costs=result.costs,
        config=np.array(json.dumps(config.__dict__)),
        is_toy=np.bool_(treebank.is_toy),
    )
    shown = plot_word_vectors(
        result.word_vectors,
        dataset.word2ind,
        out_dir / "word_vectors.png",
        title="Word vectors, 2-D SVD" + (" (TOY CORPUS)" if treebank.is_toy else ""),
    )
    plot_costs(result.costs, out_dir / "training_cost.png")
    print(
        f"Wrote {out_dir / 'word_vectors.npz'}, {out_dir / 'word_vectors.png'} ({len(shown)} words), "
        f"{out_dir / 'training_cost.png'}"
    )
    return result


def sentiment_command(
    out_dir: Path, *, toy: bool = False, vectors_path: Path | None = None, treebank=None
) -> list[dict]:
    """The study for the trained, GloVe (when available) and random vectors; returns the summaries.

    treebank: the treebank already loaded, or None to load it (`load_corpus(toy)`).
    """
    from cs224n_datasets import DataError, load_glove

    if treebank is None:
        treebank, _ = load_corpus(toy)
    vectors_path = vectors_path or out_dir / "word_vectors.npz"
    if not vectors_path.is_file():
        raise FileNotFoundError(
            f"{vectors_path} does not exist: run `python -m word2vec_trainer train` first"
        )
    with np.load(vectors_path, allow_pickle=False) as saved:
        words = saved["words"].tolist()
        trained = np.concatenate([saved["center"], saved["outside"]], axis=1).astype(np.float64)
    if words != list(treebank.ind2word):
        raise ValueError(f"{vectors_path} was trained on another vocabulary: train again on this corpus")
    kinds = [("trained", trained)]
    try:
        glove, coverage, source = load_glove(treebank.word2ind)
        print(f"GloVe 50-d from {source}: {coverage:.1%} of the vocabulary found")
        kinds.append(("glove", glove))
    except DataError as exc:
        print(f"Skipping the GloVe vectors: {exc}")
    kinds.append(("random", random_vectors(len(words), trained.shape[1], seed=0)))

    splits = {name: SplitData.from_pairs(treebank.split_sentences(name)) for name in SPLITS}
    folder = out_dir / "sentiment"
    summaries = []
    for name, vectors in kinds:
        study = run_study(name, treebank.word2ind, vectors, splits, folder)
        summaries.append(study.summary())
        print(
            f"  {name:8s} reg {study.best['reg']:9.4g}  train {study.best['train']:5.1f}%  "
            f"dev {study.best['dev']:5.1f}%  test {study.best['test']:5.1f}%"
        )
    table = ["| vectors | chosen reg | train % | dev % | test % |", "| --- | --- | --- | --- | --- |"]
    table += [
        f"| {s['vectors']} | {s['reg']:.4g} | {s['train']:.1f} | {s['dev']:.1f} | {s['test']:.1f} |"
        for s in summaries
    ]
    note = "\n\n**TOY CORPUS: these numbers mean nothing about the real task.**" if treebank.is_toy else ""
    (folder / "summary.md").write_text("\n".join(table) + note + "\n", encoding="utf-8")
    (folder / "summary.json").write_text(
        json.dumps({"is_toy": treebank.is_toy, "results": summaries}, indent=2)
    )
    print(f"Wrote the figures, dev predictions and summary.md to {folder}")
    return summaries
