# Template of a notebook: `python -m notebooks.build` turns it into course/source/a1/*.ipynb.
# Code is assembled at build time (includes, solutions), so lint the built notebooks instead:
# ruff: noqa
# %% [markdown]
# # CS224n Assignment 1, part 4: word2vec
#
# word2vec learns a vector for every word from nothing but raw text, by asking each word to
# predict the words around it. In this notebook you will
# 1. derive and code the **naive-softmax** loss and its gradients,
# 2. derive and code the **negative-sampling** loss, and *measure* how much faster it is,
# 3. see how the original word2vec C code draws negative samples (a unigram table and a
#    linear congruential generator),
# 4. write **skip-gram** and **CBOW**, and **SGD** with step annealing and checkpoints,
# 5. train on the Stanford Sentiment Treebank, plot the cost, and look at the vectors.
#
# **Notation (the handout's).** Every word $w$ has two vectors: a *centre* vector
# $\mathbf{v}_w$ (used when $w$ is the centre word) and an *outside* vector $\mathbf{u}_w$
# (used when $w$ is in the context). The outside vectors are the rows of
# $U \in \mathbb{R}^{V \times D}$. For a centre word $c$ and a true outside word $o$,
#
# $$\hat{\mathbf{y}} = \operatorname{softmax}(U \mathbf{v}_c), \qquad
# \hat{y}_w = P(O = w \mid C = c) = \frac{\exp(\mathbf{u}_w^\top \mathbf{v}_c)}{\sum_{x=1}^{V} \exp(\mathbf{u}_x^\top \mathbf{v}_c)} .$$

# %% provided
import ast
import json
import os
import random
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import matplotlib.pyplot as plt
import numpy as np

from autograder.notebook import check
from datasets import Word2VecDataset, load_treebank
from datasets.dummy import DummyDataset

plt.rcParams["figure.dpi"] = 100
np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# Your `softmax` (notebook 1), `sigmoid` and `gradcheck_naive` (notebook 2) are loaded from
# those notebooks, which must be in this folder. (Grading tests each function of this notebook
# with the reference versions of those, so an earlier mistake costs points only there.)

# %% provided
# include: notebooks.reuse:_is_literal


# include: notebooks.reuse:functions_from_notebook


_as_rows, softmax = functions_from_notebook("01_softmax.ipynb", ["_as_rows", "softmax"], globals())
sigmoid, gradcheck_naive = functions_from_notebook(
    "02_neural_basics.ipynb", ["sigmoid", "gradcheck_naive"], globals()
)

# %% [markdown]
# Two numerically safe helpers, given: $\log \operatorname{softmax}$ and $\log \sigma$, which
# stay finite where $\operatorname{softmax}$ or $\sigma$ underflow to 0 (then `np.log` would
# return `-inf`). Use them for the losses.

# %% provided
# include: solutions.softmax:log_softmax


# include: solutions.activations:log_sigmoid

# %% [markdown]
# ## 1. Normalising rows
#
# Word vectors are often compared by the cosine of their angle, so it helps to scale each one to
# length 1. Write `normalize_rows(x)`: divide each row by its L2 norm, without a loop
# (`np.linalg.norm(x, axis=1, keepdims=True)`), without modifying `x`, and leaving an all-zero
# row at zero instead of dividing by 0.

# %% solution=normalize_rows

# %% tests=normalize_rows

# %% [markdown]
# ## 2. The naive-softmax loss
#
# For one (centre, outside) pair the loss is the cross-entropy between the true distribution
# $\mathbf{y}$ (one-hot at $o$) and $\hat{\mathbf{y}}$:
#
# $$J_{\text{naive-softmax}}(\mathbf{v}_c, o, U) = -\log \hat{y}_o = -\mathbf{u}_o^\top \mathbf{v}_c + \log \sum_{w=1}^{V} \exp(\mathbf{u}_w^\top \mathbf{v}_c) .$$
#
# **Question 3 (a), 3 points.** Derive $\partial J / \partial \mathbf{v}_c$ in terms of
# $U$, $\mathbf{y}$ and $\hat{\mathbf{y}}$.

# %% [markdown] answer=naive_grad_center points=3
# Differentiate the two terms of $J = -\mathbf{u}_o^\top \mathbf{v}_c + \log \sum_w \exp(\mathbf{u}_w^\top \mathbf{v}_c)$:
#
# $$\frac{\partial J}{\partial \mathbf{v}_c}
# = -\mathbf{u}_o + \frac{\sum_w \exp(\mathbf{u}_w^\top \mathbf{v}_c)\, \mathbf{u}_w}{\sum_x \exp(\mathbf{u}_x^\top \mathbf{v}_c)}
# = -\mathbf{u}_o + \sum_w \hat{y}_w \mathbf{u}_w
# = U^\top (\hat{\mathbf{y}} - \mathbf{y}) .$$
#
# (The same result follows from notebook 2: $\partial J / \partial \boldsymbol{\theta} = \hat{\mathbf{y}} - \mathbf{y}$
# for the scores $\boldsymbol{\theta} = U \mathbf{v}_c$, and $\partial \boldsymbol{\theta} / \partial \mathbf{v}_c = U$.)
# Shape: $(D, V)(V,) = (D,)$. It is the observed outside vector pulled toward, minus what the
# model expects: the gradient vanishes when $\hat{\mathbf{y}} = \mathbf{y}$.

# %% [markdown]
# **Question 3 (b), 3 points.** Derive $\partial J / \partial \mathbf{u}_w$ for every word $w$,
# both for $w = o$ and for $w \ne o$, and write the whole gradient $\partial J / \partial U$ as one
# matrix.

# %% [markdown] answer=naive_grad_outside points=3
# Only the score $\theta_w = \mathbf{u}_w^\top \mathbf{v}_c$ depends on $\mathbf{u}_w$, and
# $\partial J / \partial \theta_w = \hat{y}_w - y_w$, so
#
# $$\frac{\partial J}{\partial \mathbf{u}_w} = (\hat{y}_w - y_w)\, \mathbf{v}_c =
# \begin{cases} (\hat{y}_o - 1)\, \mathbf{v}_c & w = o \\ \hat{y}_w\, \mathbf{v}_c & w \ne o \end{cases}$$
#
# Stacking the rows: $\partial J / \partial U = (\hat{\mathbf{y}} - \mathbf{y})\, \mathbf{v}_c^\top$,
# an outer product of shape $(V, D)$, like $U$. The true outside vector moves toward
# $\mathbf{v}_c$ (its coefficient is negative, and gradient descent subtracts), every other
# word moves away from it in proportion to its predicted probability.

# %% [markdown]
# Write `naive_softmax_loss_and_gradient`: the loss and both gradients for one pair. One matrix
# product gives all $V$ scores; the gradients are the two formulas above (`np.outer`). Compute
# the loss with `log_softmax` rather than `np.log(softmax(...))`.

# %% solution=naive_softmax_loss_and_gradient

# %% tests=naive_softmax_loss_and_gradient

# %% [markdown]
# ## 3. Negative sampling
#
# The naive softmax touches all $V$ outside vectors for every pair: for a vocabulary of
# 20,000 words (the treebank) or millions (the web) that is the whole cost of training.
# Negative sampling replaces the $V$-way classification by $K + 1$ binary ones: is $o$ a real
# outside word of $c$ (yes), and are $K$ words $w_1, \dots, w_K$ drawn at random (the
# *negatives*) outside words (no)?
#
# $$J_{\text{neg-sample}}(\mathbf{v}_c, o, U) = -\log \sigma(\mathbf{u}_o^\top \mathbf{v}_c) - \sum_{k=1}^{K} \log \sigma(-\mathbf{u}_{w_k}^\top \mathbf{v}_c)$$
#
# **Question 3 (c), 4 points.** Derive the gradients of $J_{\text{neg-sample}}$ with respect to
# $\mathbf{v}_c$, $\mathbf{u}_o$ and a negative $\mathbf{u}_{w_k}$ (assume $o \notin \{w_1, \dots, w_K\}$).
# Then say what changes when the same word is drawn twice as a negative.

# %% [markdown] answer=negative_sampling_gradients points=4
# Use $\frac{d}{dz} \log \sigma(z) = \frac{\sigma'(z)}{\sigma(z)} = 1 - \sigma(z)$ and
# $\sigma(-z) = 1 - \sigma(z)$. Then
# $\frac{d}{dz}[-\log \sigma(z)] = \sigma(z) - 1$ and $\frac{d}{dz}[-\log \sigma(-z)] = 1 - \sigma(-z) = \sigma(z)$.
# With $z_o = \mathbf{u}_o^\top \mathbf{v}_c$ and $z_k = \mathbf{u}_{w_k}^\top \mathbf{v}_c$:
#
# $$\frac{\partial J}{\partial \mathbf{v}_c} = (\sigma(z_o) - 1)\, \mathbf{u}_o + \sum_{k=1}^{K} \sigma(z_k)\, \mathbf{u}_{w_k}$$
#
# $$\frac{\partial J}{\partial \mathbf{u}_o} = (\sigma(z_o) - 1)\, \mathbf{v}_c ,
# \qquad \frac{\partial J}{\partial \mathbf{u}_{w_k}} = \sigma(z_k)\, \mathbf{v}_c ,$$
#
# and $\partial J / \partial \mathbf{u}_w = \mathbf{0}$ for every other word. A word drawn $m$ times
# contributes $m$ terms to the sum in $J$, so its gradient is $m\, \sigma(z_k)\, \mathbf{v}_c$: the
# gradients of repeated negatives **add up** (in NumPy, `np.add.at`, because
# `grad[negatives] += ...` would keep only one of the repeated updates).

# %% [markdown]
# The negatives come from `get_negative_samples` (given): it asks the dataset for $K$ word
# indices, drawn with probability proportional to $\text{count}(w)^{3/4}$, redrawing any that
# equals $o$. Your loss must call it **exactly once** per pair (the grader counts).

# %% provided
# include: solutions.word2vec:ContextDataset


# include: solutions.word2vec:LossAndGradient


# include: solutions.word2vec:get_negative_samples

# %% [markdown]
# Write `neg_sampling_loss_and_gradient`. Gather the $K$ negative rows at once (`U[negatives]`,
# shape $(K, D)$) rather than looping, and accumulate repeated negatives with `np.add.at`.

# %% solution=neg_sampling_loss_and_gradient

# %% tests=neg_sampling_loss_and_gradient

# %% [markdown]
# ### Gradient checks of both losses
#
# The checker of notebook 2 on both losses, on a small random problem. The negative-sampling
# loss draws its negatives from Python's global `random`; `gradcheck_naive` restores that state
# before every evaluation, so each evaluation sees the same negatives.

# %%
random.seed(31415)
np.random.seed(9265)
dummy = DummyDataset(5)
U_small = normalize_rows(np.random.randn(5, 3))
v_small = np.random.randn(3)


def check_loss_gradients(name, loss):
    print(f"{name}, gradient with respect to v_c:")
    gradcheck_naive(lambda v: loss(v, 2, U_small, dummy)[:2], v_small)  # (loss, dJ/dv_c)
    print(f"{name}, gradient with respect to U:")
    gradcheck_naive(lambda U: loss(v_small, 2, U, dummy)[::2], U_small)  # (loss, dJ/dU)


check_loss_gradients("naive softmax", naive_softmax_loss_and_gradient)
check_loss_gradients("negative sampling", neg_sampling_loss_and_gradient)

# %% [markdown]
# ### How much faster? Measured.
#
# For one pair, the naive softmax needs all $V$ scores ($O(VD)$ work); negative sampling needs
# $K + 1$ ($O(KD)$). The ratio should grow like $V / K$. Let us time both for growing
# vocabularies ($D = 50$, $K = 10$).
#
# There is a catch in the code as written: both functions return the gradient for **all** of
# $U$, a $(V, D)$ array that is almost entirely zeros for negative sampling. Allocating and
# filling it is $O(VD)$ again. The third curve times a version that returns only the $K + 1$ rows
# it touches (what a real implementation, like the word2vec C code, updates in place).

# %%
def neg_sampling_rows(v_c, o, U, negatives):
    """Negative-sampling loss and the gradient of only the rows it touches (for timing)."""
    rows = np.concatenate([[o], negatives])
    scores = U[rows] @ v_c  # (K + 1,)
    coef = sigmoid(scores)
    coef[0] -= 1.0  # sigma(z_o) - 1 for the true word, sigma(z_k) for the negatives
    loss = -log_sigmoid(scores[0]) - np.sum(log_sigmoid(-scores[1:]))
    return loss, coef @ U[rows], rows, np.outer(coef, v_c)


class UniformWords:
    """A stand-in dataset: K uniform negatives from a vocabulary of V words."""

    def __init__(self, V):
        self.V = V

    def sample_token_idx(self):
        return random.randrange(self.V)


def best_time(fn, repeats):
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeats):
            fn()
        best = min(best, (time.perf_counter() - start) / repeats)
    return best


rng = np.random.default_rng(0)
D, K = 50, 10
vocab_sizes = [1_000, 10_000, 100_000]
NAIVE, DENSE = "naive softmax", "negative sampling (dense gradient)"
ROWS = "negative sampling (touched rows only)"
timings = {NAIVE: [], DENSE: [], ROWS: []}
for V in vocab_sizes:
    U_big = rng.standard_normal((V, D)) * 0.1
    v_c = rng.standard_normal(D) * 0.1
    words = UniformWords(V)
    negatives = rng.integers(1, V, K)
    repeats = max(3, 200_000 // V)
    naive_call = partial(naive_softmax_loss_and_gradient, v_c, 0, U_big, words)
    dense_call = partial(neg_sampling_loss_and_gradient, v_c, 0, U_big, words, K)
    timings[NAIVE].append(best_time(naive_call, repeats))
    timings[DENSE].append(best_time(dense_call, repeats))
    timings[ROWS].append(best_time(partial(neg_sampling_rows, v_c, 0, U_big, negatives), 2000))

print(f"{'V':>8} {'naive (ms)':>11} {'neg dense (ms)':>15} {'neg rows (ms)':>14} "
      f"{'ratio dense':>12} {'ratio rows':>11}")
for i, V in enumerate(vocab_sizes):
    naive, dense, rows = (timings[k][i] * 1e3 for k in timings)
    print(f"{V:>8,} {naive:>11.3f} {dense:>15.3f} {rows:>14.4f} "
          f"{naive / dense:>11.1f}x {naive / rows:>10.0f}x")

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.8))
for label, values in timings.items():
    ax1.loglog(vocab_sizes, np.array(values) * 1e3, "o-", label=label)
ax1.set(xlabel="vocabulary size V", ylabel="ms per (centre, outside) pair",
        title="Loss and gradient, one pair")
ax1.legend(fontsize=8)
naive_t = np.array(timings[NAIVE])
ax2.loglog(vocab_sizes, naive_t / np.array(timings[DENSE]), "o-", label="vs dense gradient")
ax2.loglog(vocab_sizes, naive_t / np.array(timings[ROWS]), "o-", label="vs touched rows only")
ax2.loglog(vocab_sizes, np.array(vocab_sizes) / (K + 1), "k:", label="V / (K + 1)")
ax2.set(xlabel="vocabulary size V", ylabel="speed-up (naive time / negative-sampling time)",
        title="Speed-up of negative sampling")
ax2.legend(fontsize=8)
plt.tight_layout()
plt.show()

# %% [markdown]
# **Question 3 (c, continued), 2 points.** Read the table and the plot: how does the speed-up
# grow with $V$, and why? Why is the speed-up of the version that returns the full $(V, D)$
# gradient so much smaller, and what does that mean for how the training loop should apply
# updates?

# %% [markdown] answer=speedup points=2
# The naive softmax computes all $V$ scores $U \mathbf{v}_c$, their softmax and the full outer
# product $(\hat{\mathbf{y}} - \mathbf{y}) \mathbf{v}_c^\top$: its time grows linearly in $V$ (about
# ten times slower per tenfold vocabulary on the plot). Negative sampling looks at $K + 1 = 11$
# rows whatever $V$ is, so its own work is constant and the speed-up grows roughly like
# $V / (K + 1)$: in the touched-rows column it rises roughly tenfold per tenfold vocabulary,
# to about a thousand at $V = 10^5$. At $V = 10^3$ the ratio is small because fixed Python and
# NumPy call overheads (microseconds per call) dominate both versions. The exact numbers depend
# on the machine and its load.
#
# Returning the gradient as a dense $(V, D)$ array (mostly zeros) costs $O(VD)$ memory writes
# per pair, so the "dense" version grows with $V$ too, and its speed-up stays at a small
# constant factor. The saving is only real when the training loop updates just the $K + 1$
# touched rows of $U$ (and the one row of the centre vectors) in place, as the word2vec C code
# does, instead of adding a dense gradient matrix to all parameters.

# %% [markdown]
# ## 4. How word2vec.c draws its negatives
#
# The original C implementation (Mikolov et al., 2013) avoids both a search and a call to a
# library random generator for each of its billions of draws:
#
# * **A unigram table.** An array of $10^8$ word indices in which word $w$ fills a share of the
#   cells proportional to $\text{count}(w)^{0.75}$. Drawing a negative is then one array lookup
#   at a random position. The power $3/4$ flattens the distribution: frequent words are drawn
#   less often than their frequency, rare words more often.
# * **A linear congruential generator (LCG).** Each thread keeps a 64-bit integer and updates it
#   with `next_random = next_random * 25214903917 + 11`, letting it wrap around modulo $2^{64}$
#   (unsigned overflow in C). The constants are those of Java's `java.util.Random` and POSIX
#   `drand48` (whose modulus is $2^{48}$). The table index is `(next_random >> 16) % table_size`.
#
# **Why `>> 16`?** With a power-of-two modulus, the low bits of an LCG are poor: bit $j$ repeats
# with period $2^{j+1}$, so the lowest bit simply alternates. Shifting drops the weakest bits.
# Here is a NumPy version (unsigned 64-bit arrays wrap modulo $2^{64}$ exactly like C), with one
# generator per "thread", seeded as the C code seeds them, by the thread id:

# %%
A, C_INC = np.uint64(25214903917), np.uint64(11)


def lcg_draws(seeds: np.ndarray, steps: int) -> np.ndarray:
    """(steps, threads) successive values of word2vec.c's generator, one column per thread."""
    state = seeds.astype(np.uint64)
    out = np.empty((steps, len(seeds)), dtype=np.uint64)
    for step in range(steps):
        state = state * A + C_INC  # wraps modulo 2**64, as unsigned long long does in C
        out[step] = state
    return out


draws = lcg_draws(np.arange(1, 5), 8)
print("lowest bit, thread 1:        ", (draws[:, 0] & np.uint64(1)).tolist())
print("bit 16 (after >> 16), thread 1:", ((draws[:, 0] >> np.uint64(16)) & np.uint64(1)).tolist())

# %% [markdown]
# Now a small unigram table (one million cells instead of $10^8$) over the treebank's word counts,
# filled the way `InitUnigramTable` fills it (word $i$ up to its cumulative share of the
# $\text{count}^{0.75}$ mass), and 400,000 draws from 1,000 generators:

# %%
treebank = load_treebank(fallback_to_toy=True)
counts = treebank.counts.astype(np.float64)
weights = counts ** 0.75
cumulative = np.cumsum(weights) / weights.sum()

TABLE_SIZE = 1_000_000
# Cell a holds the first word whose cumulative share exceeds a / TABLE_SIZE.
table = np.minimum(np.searchsorted(cumulative, np.arange(TABLE_SIZE) / TABLE_SIZE, side="right"),
                   len(counts) - 1)

raw = lcg_draws(np.arange(1, 1001), 400).ravel()
samples = table[((raw >> np.uint64(16)) % np.uint64(TABLE_SIZE)).astype(np.int64)]
empirical = np.bincount(samples, minlength=len(counts)) / len(samples)
expected = weights / weights.sum()
unigram = counts / counts.sum()

top = np.argsort(-counts)[:300]
fig, ax = plt.subplots(figsize=(6.5, 4.5))
ax.loglog(unigram[top], expected[top], "k-", lw=1, label=r"count$^{0.75}$ (normalised), the target")
ax.loglog(unigram[top], empirical[top], ".", ms=4, label="LCG + unigram table, 400,000 draws")
ax.loglog(unigram[top], unigram[top], ":", color="gray", label="unigram frequency (power 1)")
ax.set(xlabel="word frequency in the treebank", ylabel="probability of being drawn as a negative",
       title="Negative-sampling distribution, 300 most frequent words")
ax.legend(fontsize=8)
plt.show()
most = top[:8]
print("word      frequency  count^0.75  drawn")
for w in most:
    print(f"{treebank.ind2word[w]:<9} {unigram[w]:9.4f} {expected[w]:11.4f} {empirical[w]:6.4f}")

# %% [markdown]
# The draws follow $\text{count}^{0.75}$, not the raw frequency: "the" is drawn about half as
# often as it occurs. The assignment's dataset (`Word2VecDataset.sample_token_idx`) draws from
# the same distribution by bisection on its cumulative sum, with Python's `random`.
#
# ## 5. Skip-gram and CBOW
#
# A *window* is a centre word $c$ and up to $2C$ outside words around it,
# $w_{t-C}, \dots, w_{t+C}$.
#
# * **Skip-gram** predicts each outside word from the centre word:
#   $J_{\text{skip-gram}}(c, w_{t-C..t+C}) = \sum_{-C \le j \le C,\, j \ne 0} J(\mathbf{v}_c, w_{t+j}, U)$.
# * **CBOW** predicts the centre word from the *sum* of the outside words' (centre) vectors,
#   $\hat{\mathbf{v}} = \sum_{j \ne 0} \mathbf{v}_{w_{t+j}}$:
#   $J_{\text{CBOW}} = J(\hat{\mathbf{v}}, c, U)$.
#
# Here $J$ is either loss above.
#
# **Question 3 (d), 3 points.** Give the gradients of $J_{\text{skip-gram}}$ and of
# $J_{\text{CBOW}}$ with respect to $U$, to $\mathbf{v}_c$ and to the centre vector
# $\mathbf{v}_w$ of any other word, in terms of $\partial J / \partial \mathbf{v}_c$ and
# $\partial J / \partial U$ of the loss.

# %% [markdown] answer=skipgram_cbow_gradients points=3
# **Skip-gram.** The loss is a sum over the outside words, so its gradients are sums:
#
# $$\frac{\partial J_{\text{skip-gram}}}{\partial U} = \sum_{j \ne 0} \frac{\partial J(\mathbf{v}_c, w_{t+j}, U)}{\partial U}, \qquad
# \frac{\partial J_{\text{skip-gram}}}{\partial \mathbf{v}_c} = \sum_{j \ne 0} \frac{\partial J(\mathbf{v}_c, w_{t+j}, U)}{\partial \mathbf{v}_c}, \qquad
# \frac{\partial J_{\text{skip-gram}}}{\partial \mathbf{v}_w} = \mathbf{0} \;\; (w \ne c).$$
#
# **CBOW.** $J_{\text{CBOW}} = J(\hat{\mathbf{v}}, c, U)$ with $\hat{\mathbf{v}} = \sum_{j \ne 0} \mathbf{v}_{w_{t+j}}$.
# The chain rule through the sum gives
#
# $$\frac{\partial J_{\text{CBOW}}}{\partial U} = \frac{\partial J(\hat{\mathbf{v}}, c, U)}{\partial U}, \qquad
# \frac{\partial J_{\text{CBOW}}}{\partial \mathbf{v}_{w}} = m_w\, \frac{\partial J(\hat{\mathbf{v}}, c, U)}{\partial \hat{\mathbf{v}}},$$
#
# where $m_w$ is the number of times $w$ occurs among the outside words ($\partial \hat{\mathbf{v}} / \partial \mathbf{v}_w = m_w I$);
# in particular the centre word's own vector $\mathbf{v}_c$ gets $\mathbf{0}$ unless $c$ also appears in its context.

# %% [markdown]
# Write `skipgram` and `cbow`. Words arrive as strings; `word2ind` gives their rows. Both return
# the loss, the gradient for **all** centre vectors $(V, D)$ (zero except the rows that were
# used) and the gradient for $U$. In CBOW a context word that occurs twice receives the
# gradient twice (`np.add.at`).

# %% solution=skipgram

# %% tests=skipgram

# %% solution=cbow

# %% tests=cbow

# %% [markdown]
# ### Gradient checks of the models
#
# `word2vec_sgd_wrapper` (given) evaluates a model on a minibatch of 50 random windows and
# averages: it is the function SGD minimises. The parameters are one matrix of shape $(2V, D)$:
# the centre vectors on top, the outside vectors below. All four combinations pass the checker:

# %% provided
# include: solutions.word2vec:WORD2VEC_BATCH_SIZE


# include: solutions.word2vec:word2vec_sgd_wrapper

# %%
random.seed(31415)
np.random.seed(9265)
dummy = DummyDataset(5)
dummy_vectors = normalize_rows(np.random.randn(10, 3))


def check_model_gradients(model, loss):
    print(f"{model.__name__} with {loss.__name__}: ", end="")
    gradcheck_naive(lambda x: word2vec_sgd_wrapper(model, dummy.word2ind, x, dummy, 5, loss), dummy_vectors)


for model in (skipgram, cbow):
    for loss in (naive_softmax_loss_and_gradient, neg_sampling_loss_and_gradient):
        check_model_gradients(model, loss)

# %% [markdown]
# ## 6. Stochastic gradient descent, with annealing and checkpoints
#
# `sgd(f, x0, step, iterations, ...)` repeats $\mathbf{x} \leftarrow \mathbf{x} - \eta \nabla f(\mathbf{x})$, where
# each call of `f` sees a fresh random minibatch. Three practical details:
#
# * **Annealing.** A fixed step keeps the parameters bouncing around the minimum (the gradient
#   of a random minibatch is noisy); halving the step every `ANNEAL_EVERY` = 20,000 iterations
#   lets them settle.
# * **Checkpoints.** Training takes long; with `use_saved=True`, `sgd` saves the parameters and
#   both random generators' states every `save_every` iterations (`save_params`, given), and on
#   a new call resumes from the newest checkpoint (`load_saved_params`, given), with the step
#   already annealed as many times as that iteration implies. A resumed run then continues
#   exactly as the uninterrupted one would have.
# * **Smoothed cost.** A single minibatch's cost is noisy; print an exponential moving average
#   `smoothed = 0.95 * smoothed + 0.05 * cost` every `print_every` iterations.
#
# After each step apply `postprocessing(x)` when it is given (for example `normalize_rows`).

# %% provided
# include: solutions.sgd:ANNEAL_EVERY
# include: solutions.sgd:SAVE_PARAMS_EVERY
_CHECKPOINT = re.compile(r"^saved_params_(\d+)\.npz$")


# include: solutions.sgd:checkpoint_dir


# include: solutions.sgd:save_params


# include: solutions.sgd:load_saved_params


# include: solutions.sgd:_identity

# %% solution=sgd

# %% tests=sgd

# %% [markdown]
# ## 7. Training on the Stanford Sentiment Treebank
#
# The treebank's 11,855 sentences (227,242 tokens, 19,538 word types) are small for word2vec but
# enough to see structure. The settings are the assignment's: skip-gram with negative sampling,
# $D = 10$, windows up to $C = 5$, $K = 10$, minibatches of 50 windows, step 0.3, and
# 40,000 iterations.
#
# **First, your own code.** The cell below runs *your* `sgd` on *your* `skipgram` and
# `neg_sampling_loss_and_gradient`, with checkpoints: it stops halfway, then a second call
# resumes from the checkpoint. The full 40,000 iterations would take far longer than a notebook
# should (the next cell measures it), so it runs `REFERENCE_ITERATIONS` of them; set the
# environment variable `CS224N_W2V_ITERATIONS` before starting Jupyter to run more.

# %%
if treebank.is_toy:
    print("The real treebank is missing: training on the toy corpus (see the README's data section).")
dataset = Word2VecDataset(treebank, subsample_threshold=1e-2 if treebank.is_toy else 1e-5)
word2ind = dataset.word2ind
V, DIM, WINDOW = len(word2ind), 10, 5
REFERENCE_ITERATIONS = int(os.environ.get("CS224N_W2V_ITERATIONS", "1000"))
checkpoints = Path(tempfile.mkdtemp(prefix="w2v_checkpoints_"))
print(f"{V:,} words, {dataset.num_context_sentences:,} sub-sampled sentences; checkpoints in {checkpoints}")

random.seed(314)
np.random.seed(9)
start_vectors = np.concatenate([(np.random.rand(V, DIM) - 0.5) / DIM, np.zeros((V, DIM))], axis=0)
reference_costs = []


def minibatch_cost(vectors):
    cost, grad = word2vec_sgd_wrapper(
        skipgram, word2ind, vectors, dataset, WINDOW, neg_sampling_loss_and_gradient
    )
    reference_costs.append(cost)
    return cost, grad


half = REFERENCE_ITERATIONS // 2
started = time.perf_counter()
sgd(minibatch_cost, start_vectors, 0.3, half, use_saved=True, print_every=max(1, half // 4),
    checkpoint_directory=checkpoints, save_every=max(1, half))
print(f"... stopped at iteration {half}; checkpoints: {sorted(p.name for p in checkpoints.iterdir())}")
trained = sgd(minibatch_cost, start_vectors, 0.3, REFERENCE_ITERATIONS, use_saved=True,
              print_every=max(1, half // 4), checkpoint_directory=checkpoints, save_every=max(1, half))
seconds_per_iteration = (time.perf_counter() - started) / REFERENCE_ITERATIONS
shutil.rmtree(checkpoints)  # a demonstration: the next run starts afresh
print(f"{REFERENCE_ITERATIONS} iterations, {seconds_per_iteration * 1e3:.1f} ms each: "
      f"the assignment's 40,000 would take about {40_000 * seconds_per_iteration / 60:.0f} minutes this way.")

# %% [markdown]
# **Then the whole run, fast.** The project's `trainer` package runs the same training (same
# windows law, same negatives law, same step and annealing) vectorised over many windows at once:
# it samples all windows of a block of iterations with NumPy, and updates only the rows each
# window touches. With `iterations_per_update=10` (its default) it computes the gradients of 10
# consecutive iterations at the same parameters before applying them, a small staleness that
# buys most of its speed; `tests/trainer` and its benchmark check it against the per-window loop.

# %%
from trainer.sampling import WindowSampler
from trainer.train import TrainConfig, train_word_vectors

config = TrainConfig(model="skipgram", loss="neg_sampling", dim=DIM, window_size=WINDOW, num_negatives=10,
                     step=0.3, iterations=40_000, batch_size=50)
sampler = WindowSampler.from_dataset(dataset, model="skipgram", window_size=WINDOW, num_negatives=10)
full_run = train_word_vectors(sampler, V, config, progress=False)
print(f"40,000 iterations in {full_run.seconds:.1f} s ({full_run.pairs:,} centre/outside pairs); "
      f"final smoothed cost {full_run.smoothed_cost:.2f}")


def smooth(costs):
    out, value = np.empty(len(costs)), costs[0]
    for i, cost in enumerate(costs):
        value = 0.95 * value + 0.05 * cost
        out[i] = value
    return out


fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.8))
ax1.plot(reference_costs, lw=0.5, alpha=0.4, label="minibatch cost")
ax1.plot(smooth(np.array(reference_costs)), lw=2, label="smoothed (as sgd prints)")
ax1.axvline(half, color="gray", ls=":", lw=1)
ax1.text(half, ax1.get_ylim()[1] * 0.98, " resumed from checkpoint", va="top", fontsize=8, color="gray")
ax1.set(xlabel="iteration", ylabel="cost per window",
        title=f"Your sgd + skipgram, first {REFERENCE_ITERATIONS} iterations")
ax1.legend(fontsize=8)
ax2.plot(full_run.costs, lw=0.3, alpha=0.3, label="minibatch cost")
ax2.plot(smooth(full_run.costs), lw=2, label="smoothed")
ax2.axvline(20_000, color="gray", ls=":", lw=1)
ax2.text(20_000, ax2.get_ylim()[1] * 0.98, " step halved", va="top", fontsize=8, color="gray")
ax2.set(xlabel="iteration", title="Vectorised trainer, the full 40,000 iterations")
ax2.legend(fontsize=8)
plt.tight_layout()
plt.show()

# %% [markdown]
# Read the two panels together: a run of a thousand iterations sits on the initial plateau,
# where the vectors are still almost random (the outside vectors start at zero, so every score
# starts at 0 and the cost at about $2.86 \times 11 \log 2 \approx 22$ per window). The cost only
# starts to fall after a few thousand iterations, and flattens out near 9.5 once the step has
# been halved at iteration 20,000. Training the assignment's way (one window at a time, dense
# gradients) is correct but slow; the same mathematics batched over many windows is what
# makes the full run fit in seconds.
#
# ### The vectors in two dimensions
#
# Each word has 10 + 10 numbers (centre and outside vectors, side by side as the assignment does).
# To look at them we project the chosen words onto their two main directions: centre the
# vectors, take the SVD $\tilde{X} = U_s S V_s^\top$, and keep the coordinates along the first two
# right singular vectors, $\tilde{X} V_s[:, :2]$ (the principal components).

# %%
word_vectors = np.concatenate([full_run.center_vectors, full_run.outside_vectors], axis=1)
chosen = ["great", "cool", "brilliant", "wonderful", "well", "amazing", "worth", "sweet", "enjoyable",
          "boring", "bad", "dumb", "annoying", "female", "male", "queen", "king", "man", "woman",
          "rain", "snow", "hail", "coffee", "tea"]
chosen = [w for w in chosen if w in word2ind]
X_chosen = word_vectors[[word2ind[w] for w in chosen]]
centred = X_chosen - X_chosen.mean(axis=0)
_, _, right = np.linalg.svd(centred, full_matrices=False)
coords = centred @ right[:2].T

fig, ax = plt.subplots(figsize=(7, 6))
ax.scatter(coords[:, 0], coords[:, 1], s=10)
for word, (x, y) in zip(chosen, coords, strict=True):
    ax.annotate(word, (x, y), xytext=(3, 3), textcoords="offset points", fontsize=10)
ax.set(title="Word vectors trained on the treebank (2-D SVD projection)",
       xlabel="first singular direction", ylabel="second singular direction")
plt.show()

# %% [markdown]
# **Question 3 (e), 2 points.** Describe the plot. Which words are close to each other, which
# groups you expected are not, and why? (Think of what these vectors were trained to predict,
# on what data, and how much of it.)

# %% [markdown] answer=word_plot points=2
# A good answer notices structure and explains its limits, for example:
#
# * Words used in the same contexts end up close: several positive adjectives ("great",
#   "wonderful", "amazing", "enjoyable") tend to share a region, as do pairs that occur in parallel
#   constructions ("king"/"queen", "man"/"woman", "coffee"/"tea", "rain"/"snow").
# * Many expected groupings fail: "good"-type and "bad"-type words are often close to each other,
#   because skip-gram places words by the contexts they appear in, and "a great movie" and
#   "a boring movie" share contexts; the vectors capture distributional, not sentiment, similarity.
# * Rare words ("hail", "dumb", "queen") appear only a handful of times in 227k tokens, so their
#   vectors are mostly noise; 10 dimensions and a 2-D projection (which keeps only part of the
#   variance) distort distances further.

# %% [markdown]
# Notebook 5 uses these vectors as features for sentiment classification; they are saved next to
# this notebook.

# %%
np.savez("word_vectors.npz", vectors=word_vectors, words=np.array(dataset.ind2word))
print("saved word_vectors.npz:", word_vectors.shape)
