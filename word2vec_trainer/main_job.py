"""The main job behind `make run`: grade the reference, train word vectors, run the sentiment study.

    python -m word2vec_trainer.main_job [--toy] [--no-download] [--out DIR] [...]
    python -m word2vec_trainer all ...     # the same

Steps, everything written under outputs/:

1. grade the reference solutions with the autograder (outputs/grade_reference.json);
2. make sure the treebank is there: when it is missing, download it (SHA-256
   checked, as `python -m cs224n_datasets download` does), or say in one line that
   it could not and go on with the toy corpus;
3. load the treebank once, train word2vec on it, and run the sentiment study
   with the trained, GloVe (when installed) and random vectors.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from word2vec_trainer.pipeline import REPO_ROOT, load_corpus, sentiment_command, train_command
from word2vec_trainer.train import TrainConfig

__all__ = ["grade_reference", "run_main_job", "main"]

DOWNLOAD_TIMEOUT = 10.0  # seconds to wait for the server: a machine without a network must not hang


def grade_reference(out_dir: Path) -> int | None:
    """`python -m autograder grade --json out_dir/grade_reference.json`, if the autograder is installed."""
    if importlib.util.find_spec("autograder") is None:
        print("Skipping the grading of the reference solutions: the autograder package is not installed.")
        return None
    out_dir.mkdir(parents=True, exist_ok=True)
    report = out_dir / "grade_reference.json"
    print(f"Grading the reference solutions -> {report}", flush=True)
    return subprocess.run(
        [sys.executable, "-m", "autograder", "grade", "--json", str(report)], cwd=REPO_ROOT
    ).returncode


def run_main_job(
    out_dir: Path,
    config: TrainConfig | None = None,
    *,
    toy: bool = False,
    download: bool = True,
    fresh: bool = False,
    progress: bool = True,
) -> int:
    """Grade, fetch the treebank if missing (when `download`), train, run the study; 0 on success.

    config: the training run (None: the assignment's, `TrainConfig()`).
    """
    status = grade_reference(out_dir)
    if not toy and download:
        from cs224n_datasets.download import fetch_treebank_if_missing

        fetch_treebank_if_missing(timeout=DOWNLOAD_TIMEOUT, progress=progress)
    corpus = load_corpus(toy)  # once, for both steps
    train_command(out_dir, config or TrainConfig(), fresh=fresh, progress=progress, corpus=corpus)
    sentiment_command(out_dir, treebank=corpus[0])
    print(f"\nAll outputs are in {out_dir}")
    return 0 if status in (None, 0) else status


def main(argv: list[str] | None = None) -> int:
    """`python -m word2vec_trainer.main_job ARGS` is `python -m word2vec_trainer all ARGS`.

    The same options and the same errors: one parser.
    """
    # Imported here: word2vec_trainer.__main__ imports this module.
    from word2vec_trainer.__main__ import main as trainer_main

    return trainer_main(["all", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
