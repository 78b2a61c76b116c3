"""A fast, vectorised trainer for the assignment's word2vec, and the sentiment study.

Layers, bottom up:
- `word2vec_trainer.sampling`: draws many training windows and negative samples at once
  (NumPy, explicit `np.random.Generator`), with the assignment's distributions.
- `word2vec_trainer.minibatch`: the SGD step on a batch of windows for skip-gram / CBOW
  with negative sampling or naive softmax, gathering and scatter-adding only
  the rows involved (sparse matrix products), float32 or float64.
- `word2vec_trainer.reference_loop`: the per-window loop (the assignment's maths, one
  window at a time, touching only the rows it needs) that the batch step is
  checked against and benchmarked with.
- `word2vec_trainer.train`: the training command (progress bar, checkpoints, resume).
- `word2vec_trainer.plots`, `word2vec_trainer.sentiment`: the handout's word plot and the
  sentiment study.
- `word2vec_trainer.pipeline`, `word2vec_trainer.__main__`: the commands `train`, `sentiment`
  and `all` (`python -m word2vec_trainer --help`).
"""

from word2vec_trainer.minibatch import LOSSES, MODELS, sgd_step
from word2vec_trainer.sampling import NegativeTable, WindowBatch, WindowSampler

__all__ = ["MODELS", "LOSSES", "sgd_step", "NegativeTable", "WindowBatch", "WindowSampler"]
