"""The sentiment study: averaged word vectors, logistic regression, a regularisation sweep.

For each kind of word vectors (the trained ones, GloVe, random ones as the
floor) it builds every sentence's feature vector (the mean of its word
vectors, `solutions.get_sentence_features`), fits a logistic regression for
each regularisation strength of `solutions.get_regularization_values`
(scikit-learn's C = 1 / reg), picks the model by dev accuracy
(`solutions.choose_best_model`), and writes:

- `<name>_accuracy.png`: train and dev accuracy against reg (log axis);
- `<name>_dev_confusion.png`: the dev confusion matrix of the chosen model;
- `<name>_dev_predictions.txt`: one dev sentence per line, `true<TAB>predicted<TAB>sentence`.

The classifier is the one the assignment's code got from
`LogisticRegression(C=1.0 / reg)` in the scikit-learn of its day: one
liblinear logistic regression per class (one-vs-rest). It is also fast: the
13-value sweep takes seconds. (A multinomial fit scores within half a point of
it on the treebank and takes ten times as long.)
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import confusion_matrix  # noqa: E402
from sklearn.multiclass import OneVsRestClassifier  # noqa: E402

from solutions import accuracy, choose_best_model, get_regularization_values, get_sentence_features  # noqa: E402

__all__ = [
    "LABEL_NAMES",
    "SplitData",
    "StudyResult",
    "featurize",
    "make_classifier",
    "run_study",
    "random_vectors",
]

LABEL_NAMES = ("very negative", "negative", "neutral", "positive", "very positive")
SPLITS = ("train", "dev", "test")


@dataclass
class SplitData:
    """One split's sentences and labels.

    Attributes:
        sentences: N lists of words.
        labels: (N,) int, 0..4.
    """

    sentences: list[list[str]]
    labels: np.ndarray

    @classmethod
    def from_pairs(cls, pairs: Sequence[tuple[list[str], int]]) -> SplitData:
        """From `Treebank.split_sentences(split)`'s (tokens, label) pairs."""
        return cls(
            [list(tokens) for tokens, _ in pairs], np.array([label for _, label in pairs], dtype=np.int64)
        )


@dataclass
class StudyResult:
    """The outcome of the study for one kind of vectors.

    Attributes:
        name: the vectors' name ("trained", "glove", "random").
        results: one dict per reg: "reg", "clf", "train", "dev", "test" (accuracies in %).
        best: the chosen one (highest dev accuracy).
        confusion: (5, 5) dev confusion matrix of the chosen model (rows: true labels).
        files: the files written.
    """

    name: str
    results: list[dict]
    best: dict
    confusion: np.ndarray
    files: list[Path]

    def summary(self) -> dict:
        """The chosen model's figures, without the classifier (JSON-friendly)."""
        return {"vectors": self.name, **{k: float(self.best[k]) for k in ("reg", "train", "dev", "test")}}


def featurize(
    sentences: Sequence[Sequence[str]], word2ind: dict[str, int], word_vectors: np.ndarray
) -> np.ndarray:
    """(N, D) features: row i is the mean of sentence i's word vectors.

    Args:
        sentences: N lists of words, all in word2ind.
        word2ind: word -> row of word_vectors.
        word_vectors: (V, D).
    """
    return np.stack([get_sentence_features(word2ind, word_vectors, s) for s in sentences])


def make_classifier(reg: float) -> OneVsRestClassifier:
    """The assignment's classifier for regularisation strength reg (C = 1 / reg)."""
    return OneVsRestClassifier(LogisticRegression(C=1.0 / reg, solver="liblinear", max_iter=1000))


def random_vectors(num_words: int, dim: int, seed: int = 0) -> np.ndarray:
    """(V, D) vectors with no information: the floor of the study."""
    return np.random.default_rng(seed).normal(size=(num_words, dim))


def run_study(
    name: str,
    word2ind: dict[str, int],
    word_vectors: np.ndarray,
    splits: dict[str, SplitData],
    out_dir: str | os.PathLike,
    regularization_values: Sequence[float] | None = None,
) -> StudyResult:
    """Sweep the regularisation, choose by dev accuracy, write the figures and predictions.

    Args:
        name: the vectors' name, used in file names and titles.
        word2ind: word -> row of word_vectors.
        word_vectors: (V, D).
        splits: "train", "dev" and "test" data.
        out_dir: folder for the files (created).
        regularization_values: defaults to solutions.get_regularization_values().
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    features = {split: featurize(splits[split].sentences, word2ind, word_vectors) for split in SPLITS}
    regs = list(get_regularization_values() if regularization_values is None else regularization_values)
    results = []
    for reg in regs:
        clf = make_classifier(reg)
        with warnings.catch_warnings():
            # A very weak penalty may stop at max_iter; its accuracy is still reported.
            warnings.simplefilter("ignore", ConvergenceWarning)
            clf.fit(features["train"], splits["train"].labels)
        result = {"reg": reg, "clf": clf}
        for split in SPLITS:
            result[split] = accuracy(splits[split].labels, clf.predict(features[split]))
        results.append(result)
    best = choose_best_model(results)
    dev_pred = best["clf"].predict(features["dev"])
    confusion = confusion_matrix(splits["dev"].labels, dev_pred, labels=range(len(LABEL_NAMES)))

    files = [
        out / f"{name}_accuracy.png",
        out / f"{name}_dev_confusion.png",
        out / f"{name}_dev_predictions.txt",
    ]
    _plot_accuracy(results, best, name, files[0])
    _plot_confusion(confusion, name, best, files[1])
    with open(files[2], "w", encoding="utf-8") as handle:
        handle.write("# true\tpredicted\tsentence (labels: 0 very negative ... 4 very positive)\n")
        dev = splits["dev"]
        for label, pred, sentence in zip(dev.labels, dev_pred, dev.sentences, strict=True):
            handle.write(f"{label}\t{pred}\t{' '.join(sentence)}\n")
    return StudyResult(name=name, results=results, best=best, confusion=confusion, files=files)


def _plot_accuracy(results: list[dict], best: dict, name: str, path: Path) -> None:
    regs = [r["reg"] for r in results]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.semilogx(regs, [r["train"] for r in results], "o-", label="train")
    ax.semilogx(regs, [r["dev"] for r in results], "s-", label="dev")
    ax.axvline(best["reg"], color="0.6", linestyle="--", label=f"chosen reg = {best['reg']:.3g}")
    ax.set_xlabel("regularisation strength (reg = 1 / C)")
    ax.set_ylabel("accuracy (%)")
    ax.set_title(f"Sentiment accuracy, {name} vectors (test at chosen reg: {best['test']:.1f}%)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _plot_confusion(confusion: np.ndarray, name: str, best: dict, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(6, 5))
    image = ax.imshow(confusion, cmap="Blues")
    for (i, j), count in np.ndenumerate(confusion):
        color = "white" if count > confusion.max() / 2 else "black"
        ax.text(j, i, str(count), ha="center", va="center", color=color)
    ticks = range(len(LABEL_NAMES))
    ax.set_xticks(ticks, LABEL_NAMES, rotation=30, ha="right")
    ax.set_yticks(ticks, LABEL_NAMES)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(f"Dev confusion, {name} vectors (dev {best['dev']:.1f}%)")
    fig.colorbar(image, ax=ax)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
