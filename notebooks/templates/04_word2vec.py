# Template of a notebook: `python -m notebooks.build` turns it into course/source/a1/*.ipynb.
# Code is assembled at build time (includes, solutions), so lint the built notebooks instead:
# ruff: noqa
# %% [markdown]
# # CS224n Assignment 1, part 4: word2vec
#
# word2vec learns a vector for every word from nothing but raw text, by asking each word to
# predict the words around it. This notebook is question 3 of the 2017 handout, in its numbering:
# 1. derive the **naive-softmax** gradients (3a, 3b) and code the loss (part of 3e),
# 2. derive the **negative-sampling** gradients and *measure* the speed-up (3c),
# 3. see how the original word2vec C code draws negative samples (a unigram table and a
#    linear congruential generator),
# 4. derive and write **skip-gram** (3d, 3e) and **SGD** with step annealing and checkpoints (3f),
# 5. check that the fast trainer computes what *your* functions compute, train on the Stanford
#    Sentiment Treebank and look at the vectors (3g),
# 6. **CBOW** (3h) is **extra credit**: its tests are worth 0 required points here (nbgrader caps a
#    test cell at its points), and `python -m autograder` adds them to the 41 points as a 2-point bonus,
# 7. read word2vec.c's training loop against the gradients you derived.
#
# **Notation (the handout's).** Every word $w$ has two vectors: a *centre* vector
# $\mathbf{v}_w$ (used when $w$ is the centre word) and an *outside* vector $\mathbf{u}_w$
# (used when $w$ is in the context). The outside vectors are the rows of
# $U \in \mathbb{R}^{V \times D}$. For a centre word $c$ and a true outside word $o$,
#
# $$\hat{\mathbf{y}} = \operatorname{softmax}(U \mathbf{v}_c), \qquad
# \hat{y}_w = P(O = w \mid C = c) = \frac{\exp(\mathbf{u}_w^\top \mathbf{v}_c)}{\sum_{x=1}^{V} \exp(\mathbf{u}_x^\top \mathbf{v}_c)} .$$

# %% provided=true
import ast
import json
import os
import random
import re
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_limits

from autograder.notebook import check
from cs224n_datasets import MissingDataError, Word2VecDataset, load_glove_text, load_treebank
from cs224n_datasets.dummy import DummyDataset
from notebooks.w2v_check import (
    compare_with_trainer,
    neg_sampling_touched_rows,
    place_labels,
    save_vectors,
    smooth,
    treebank_slice,
)
from word2vec_trainer.sampling import WindowSampler
from word2vec_trainer.train import TrainConfig, train_word_vectors

plt.rcParams["figure.dpi"] = 100
np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# Your `softmax` (notebook 1), `sigmoid` and `gradcheck_naive` (notebook 2) are loaded from
# those notebooks, which must be in this folder. (Grading tests each function of this notebook
# with the reference versions of those, so an earlier mistake costs points only there.)

# %% provided=true
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

# %% provided=true
# include: solutions.softmax:log_softmax


# include: solutions.activations:log_sigmoid

# %% [markdown]
# ### word2vec is a linear network
#
# Written as a neural network, word2vec has an input layer (the one-hot vector $\mathbf{x}$ of the
# centre word, length $V$), a hidden layer of $D$ units and an output layer of $V$ scores. The
# input weights are the centre vectors, one row per word, $W \in \mathbb{R}^{V \times D}$: the
# hidden layer is $\mathbf{h} = W^\top \mathbf{x}$, and because $\mathbf{x}$ is one-hot this is
# just **row $c$ of $W$**, the centre vector $\mathbf{v}_c$. There is **no nonlinearity** in the
# hidden layer; the only one is the softmax (or, with negative sampling, the sigmoids) at the
# output, whose scores are $U \mathbf{h} = U \mathbf{v}_c$. So no implementation multiplies by a
# one-hot vector: it looks the row up.

# %%
rng = np.random.default_rng(0)
W_demo = rng.standard_normal((6, 3))  # V = 6 words, D = 3
x_demo = np.zeros(6)
x_demo[4] = 1.0  # the one-hot vector of word 4
print("x W     =", x_demo @ W_demo)
print("W[4]    =", W_demo[4])
print("the same:", np.array_equal(x_demo @ W_demo, W_demo[4]), "(6 x 3 multiply-adds, or one row read)")

# %% [markdown]
# ## 1. Normalising rows (part of 3e)
#
# Word vectors are often compared by the cosine of their angle, so it helps to scale each one to
# length 1. Write `normalize_rows(x)`: divide each row by its L2 norm, without a loop
# (`np.linalg.norm(x, axis=1, keepdims=True)`), without modifying `x`, and leaving an all-zero
# row at zero instead of dividing by 0.

# %% solution="normalize_rows"

# %% tests="normalize_rows"

# %% [markdown]
# ## 2. The naive-softmax loss
#
# For one (centre, outside) pair the loss is the cross-entropy between the true distribution
# $\mathbf{y}$ (one-hot at $o$) and $\hat{\mathbf{y}}$:
#
# $$J_{\text{naive-softmax}}(\mathbf{v}_c, o, U) = -\log \hat{y}_o = -\mathbf{u}_o^\top \mathbf{v}_c + \log \sum_{w=1}^{V} \exp(\mathbf{u}_w^\top \mathbf{v}_c) .$$
#
# **The softmax Jacobian.** With $\hat{y}_i = e^{\theta_i} / \sum_k e^{\theta_k}$, the quotient rule
# gives, for $i = j$ and $i \ne j$,
#
# $$\frac{\partial \hat{y}_i}{\partial \theta_i} = \hat{y}_i (1 - \hat{y}_i), \qquad
# \frac{\partial \hat{y}_i}{\partial \theta_j} = -\hat{y}_i \hat{y}_j \quad (i \ne j), \qquad
# \text{i.e.} \quad \frac{\partial \hat{\mathbf{y}}}{\partial \boldsymbol{\theta}} = \operatorname{diag}(\hat{\mathbf{y}}) - \hat{\mathbf{y}} \hat{\mathbf{y}}^\top .$$
#
# Chained with $\partial(-\log \hat{y}_o) / \partial \hat{y}_i = -y_i / \hat{y}_i$ it collapses to
# $\partial J / \partial \boldsymbol{\theta} = \hat{\mathbf{y}} - \mathbf{y}$ (notebook 2). Checked numerically
# (with the given `log_softmax`, so that this cell does not depend on your notebook 1):

# %%
theta = np.array([1.0, -0.5, 2.0, 0.3])
y_hat = np.exp(log_softmax(theta))
jacobian = np.diag(y_hat) - np.outer(y_hat, y_hat)
h = 1e-6
numeric = np.column_stack([(np.exp(log_softmax(theta + h * e)) - np.exp(log_softmax(theta - h * e))) / (2 * h)
                           for e in np.eye(4)])
print(np.round(jacobian, 4))
print("largest difference from centred differences:", f"{np.abs(jacobian - numeric).max():.1e}")

# %% [markdown]
# **Question 3 (a), 3 points.** Derive $\partial J / \partial \mathbf{v}_c$ in terms of
# $U$, $\mathbf{y}$ and $\hat{\mathbf{y}}$.

# %% [markdown] answer="q3a_naive_grad_center" points=3
# Differentiate the two terms of $J = -\mathbf{u}_o^\top \mathbf{v}_c + \log \sum_w \exp(\mathbf{u}_w^\top \mathbf{v}_c)$:
#
# $$\frac{\partial J}{\partial \mathbf{v}_c}
# = -\mathbf{u}_o + \frac{\sum_w \exp(\mathbf{u}_w^\top \mathbf{v}_c)\, \mathbf{u}_w}{\sum_x \exp(\mathbf{u}_x^\top \mathbf{v}_c)}
# = -\mathbf{u}_o + \sum_w \hat{y}_w \mathbf{u}_w
# = U^\top (\hat{\mathbf{y}} - \mathbf{y}) .$$
#
# (The same result follows from notebook 2: $\partial J / \partial \boldsymbol{\theta} = \hat{\mathbf{y}} - \mathbf{y}$
# for the scores $\boldsymbol{\theta} = U \mathbf{v}_c$, and $\partial \boldsymbol{\theta} / \partial \mathbf{v}_c = U$.)
# Shape: $(D, V)(V,) = (D,)$. Read as $\sum_w \hat{y}_w \mathbf{u}_w - \mathbf{u}_o$: the outside vector
# the model expects (the average under its prediction) minus the one it observed. Gradient descent
# moves $\mathbf{v}_c$ toward $\mathbf{u}_o$ and away from the expectation, and the gradient
# vanishes when $\hat{\mathbf{y}} = \mathbf{y}$.

# %% [markdown]
# **Question 3 (b), 3 points.** Derive $\partial J / \partial \mathbf{u}_w$ for every word $w$,
# both for $w = o$ and for $w \ne o$, and write the whole gradient $\partial J / \partial U$ as one
# matrix.

# %% [markdown] answer="q3b_naive_grad_outside" points=3
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

# %% solution="naive_softmax_loss_and_gradient"

# %% tests="naive_softmax_loss_and_gradient"

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
# **$K + 1$ logistic regressions.** For a label $t \in \{0, 1\}$ and a probability
# $p = \sigma(z)$, the binary cross-entropy is $-t \log p - (1 - t) \log(1 - p)$. With
# $1 - \sigma(z) = \sigma(-z)$, the loss above is exactly the sum of $K + 1$ binary cross-entropies
# with the scores $z = \mathbf{u}_w^\top \mathbf{v}_c$: label 1 for $o$, label 0 for each negative. Each is
# a logistic regression whose "weights" $\mathbf{v}_c$ are shared and whose "input" is a row of $U$
# (or the other way round: both are learnt).
#
# **The objective as an expectation, and its sign.** Mikolov et al. (2013b) write the objective
# to be *maximised* for one pair as
# $\log \sigma(\mathbf{u}_o^\top \mathbf{v}_c) + \sum_{k=1}^{K} \mathbb{E}_{w_k \sim P_n}\left[\log \sigma(-\mathbf{u}_{w_k}^\top \mathbf{v}_c)\right]$,
# with $P_n(w) \propto \text{count}(w)^{3/4}$. The handout's $J$ is its negative, to be
# *minimised*, with the expectation replaced by $K$ samples (an unbiased estimate, which is all
# SGD needs). The C code maximises, so its updates are written $+\alpha \cdot$ (gradient of the
# log-likelihood); ours subtract $\eta \nabla J$: the same step (section 8).
#
# **Why it works: shifted PMI.** Levy and Goldberg (2014) showed that when every score can be
# set freely (a large enough $D$), the expected loss over the corpus is minimised at
# $\mathbf{u}_o^\top \mathbf{v}_c = \operatorname{PMI}(c, o) - \log K$, where
# $\operatorname{PMI}(c, o) = \log \frac{P(c, o)}{P(c) P_n(o)}$ (with $P_n$ the noise distribution):
# skip-gram with negative sampling implicitly factorises the word-context PMI matrix, shifted by
# $\log K$. Words with similar rows of PMI (similar contexts) get similar vectors.
#
# **Question 3 (c), first part, 4 points.** Derive the gradients of $J_{\text{neg-sample}}$ with respect to
# $\mathbf{v}_c$, $\mathbf{u}_o$ and a negative $\mathbf{u}_{w_k}$ (assume $o \notin \{w_1, \dots, w_K\}$).
# Then say what changes when the same word is drawn twice as a negative.

# %% [markdown] answer="q3c_negative_sampling_gradients" points=4
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

# %% provided=true
# include: solutions.word2vec:ContextDataset


# include: solutions.word2vec:LossAndGradient


# include: solutions.word2vec:get_negative_samples

# %% [markdown]
# Write `neg_sampling_loss_and_gradient`. Gather the $K$ negative rows at once (`U[negatives]`,
# shape $(K, D)$) rather than looping, and accumulate repeated negatives with `np.add.at`.

# %% solution="neg_sampling_loss_and_gradient"

# %% tests="neg_sampling_loss_and_gradient"

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

# %% [markdown]
# The touched-rows version is `neg_sampling_touched_rows` from the project's `notebooks/w2v_check.py`
# (it is your negative-sampling gradient, so it is not printed here). Every time is the best of three,
# with NumPy's BLAS pinned to **one thread** (`threadpoolctl`), so that the numbers do not depend on how
# many cores are free; the table also gives the multiply-adds of the scores, $V D$ against $(K + 1) D$.

# %%
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
with threadpool_limits(limits=1):  # one BLAS thread: reproducible on a busy machine
    for V in vocab_sizes:
        U_big = rng.standard_normal((V, D)) * 0.1
        v_c = rng.standard_normal(D) * 0.1
        words = UniformWords(V)
        negatives = rng.integers(1, V, K)
        repeats = max(3, 100_000 // V)
        naive_call = partial(naive_softmax_loss_and_gradient, v_c, 0, U_big, words)
        dense_call = partial(neg_sampling_loss_and_gradient, v_c, 0, U_big, words, K)
        timings[NAIVE].append(best_time(naive_call, repeats))
        timings[DENSE].append(best_time(dense_call, repeats))
        timings[ROWS].append(best_time(partial(neg_sampling_touched_rows, v_c, 0, U_big, negatives), 1000))

print(f"{'V':>8} {'V*D':>10} {'(K+1)*D':>8} {'naive (ms)':>11} {'neg dense (ms)':>15} {'neg rows (ms)':>14} "
      f"{'ratio dense':>12} {'ratio rows':>11}")
for i, V in enumerate(vocab_sizes):
    naive, dense, rows = (timings[k][i] * 1e3 for k in timings)
    print(f"{V:>8,} {V * D:>10,} {(K + 1) * D:>8,} {naive:>11.3f} {dense:>15.3f} {rows:>14.4f} "
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
# **Question 3 (c), second part, 2 points.** Read the table and the plot: how does the speed-up
# grow with $V$, and why? Why is the speed-up of the version that returns the full $(V, D)$
# gradient so much smaller, and what does that mean for how the training loop should apply
# updates?

# %% [markdown] answer="q3c_speedup" points=2
# The naive softmax computes all $V$ scores $U \mathbf{v}_c$, their softmax and the full outer
# product $(\hat{\mathbf{y}} - \mathbf{y}) \mathbf{v}_c^\top$: its time grows linearly in $V$ (about
# ten times slower per tenfold vocabulary on the plot). Negative sampling looks at $K + 1 = 11$
# rows whatever $V$ is, so its own work is constant: the score multiply-adds are $VD$ against
# $(K + 1) D$, a ratio of $V / (K + 1)$ (about 91, 909 and 9,091 here). The measured speed-up of the
# touched-rows version grows with $V$ too, but stays below that ratio: each call costs a few
# microseconds of Python and NumPy overhead whatever its size, which dominates the small
# negative-sampling call (and the naive call at $V = 10^3$). The exact times depend on the machine;
# with one BLAS thread they are repeatable to a few per cent.
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
# generator per "thread", seeded as the C code seeds them, by the thread id (0, 1, 2, ...:
# `next_random = (long long)id`, with the threads numbered from 0):

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


draws = lcg_draws(np.arange(0, 4), 8)  # threads 0..3
print("lowest bit, thread 0:          ", (draws[:, 0] & np.uint64(1)).tolist())
print("bit 16 (after >> 16), thread 0:", ((draws[:, 0] >> np.uint64(16)) & np.uint64(1)).tolist())

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

raw = lcg_draws(np.arange(0, 1000), 400).ravel()
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
print("word      frequency  count^0.75  drawn   drawn / frequency")
for w in most:
    print(f"{treebank.ind2word[w]:<9} {unigram[w]:9.4f} {expected[w]:11.4f} {empirical[w]:6.4f} "
          f"{empirical[w] / unigram[w]:8.2f}x")
the_ratio = expected[top[0]] / unigram[top[0]]
most_frequent = treebank.ind2word[top[0]]
print(f"the most frequent word, {most_frequent!r}, is drawn {the_ratio:.2f}x as often as it occurs")

# %% [markdown]
# The draws follow $\text{count}^{0.75}$, not the raw frequency: the most frequent words are drawn
# far less often than they occur (the last column; on the treebank "the" about a third as often),
# and rare words more often. The assignment's dataset (`Word2VecDataset.sample_token_idx`) draws from
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

# %% [markdown] answer="q3d_skipgram_cbow_gradients" points=3
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
# Write `skipgram` (part of 3e). Words arrive as strings; `word2ind` gives their rows. It returns
# the loss, the gradient for **all** centre vectors $(V, D)$ (zero except the rows that were
# used) and the gradient for $U$.

# %% solution="skipgram"

# %% tests="skipgram"

# %% [markdown]
# **Question 3 (h), extra credit.** Write `cbow`, with the same arguments and returns as
# `skipgram`, predicting the centre word from $\hat{\mathbf{v}}$, the sum of the outside words'
# vectors. Its tests print the extra credit earned; they add nothing to the required total.

# %% solution="cbow"

# %% tests="cbow" bonus=true

# %% [markdown]
# ### Gradient checks of the models
#
# `word2vec_sgd_wrapper` (given) evaluates a model on a minibatch of 50 random windows and
# averages: it is the function SGD minimises. The parameters are one matrix of shape $(2V, D)$:
# the centre vectors on top, the outside vectors below. All four combinations pass the checker:

# %% provided=true
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
# ## 6. Stochastic gradient descent, with annealing and checkpoints (3f)
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

# %% provided=true
# include: solutions.sgd:ANNEAL_EVERY
# include: solutions.sgd:SAVE_PARAMS_EVERY
_CHECKPOINT = re.compile(r"^saved_params_(\d+)\.npz$")


def checkpoint_dir(directory: str | os.PathLike | None = None) -> Path:
    """Where checkpoints go: `directory`, else $CS224N_CHECKPOINT_DIR, else checkpoints/ here."""
    if directory is not None:
        return Path(directory)
    env = os.environ.get("CS224N_CHECKPOINT_DIR")
    return Path(env) if env else Path("checkpoints").resolve()


# include: solutions.sgd:save_params


# include: solutions.sgd:load_saved_params


# include: solutions.sgd:_identity

# %% solution="sgd"

# %% tests="sgd"

# %% [markdown]
# ## 7. Training (3g)
#
# The treebank's 11,855 sentences (227,242 tokens, 19,538 word types) are small for word2vec but
# enough to see structure. The assignment's settings: skip-gram with negative sampling, $D = 10$,
# windows up to $C = 5$, $K = 10$, minibatches of 50 windows, step 0.3, 40,000 iterations.
#
# Your functions compute dense $(V, D)$ gradients for every pair, as the handout's signatures ask:
# on the whole treebank that is over 100 ms per iteration, more than an hour for the run. So this
# section has three steps:
#
# 1. **Your code learns**, on a small slice of the treebank (its first 150 sentences, about 1,300
#    words), where dense gradients are cheap: your `sgd` on your `skipgram` and
#    `neg_sampling_loss_and_gradient`, with a checkpoint halfway and a resumed second call.
# 2. **Your code against the trainer**, on the whole treebank: the project's vectorised trainer
#    (`word2vec_trainer/`), in its exact mode (one iteration per update), and your functions are given the
#    *same* windows and negatives; the loss of one pair, the gradients of one window and one `sgd`
#    step on a minibatch must agree to $10^{-10}$.
# 3. **The full run, fast**: the trainer's 40,000 iterations in exact mode. When step 2 passed, these
#    are the vectors your functions would compute on these windows, to round-off; the trainer only
#    batches the same arithmetic (it updates the rows each window touches, many windows per NumPy
#    call). When step 2 failed, they are the trainer's, and the notebook says so.

# %%
if treebank.is_toy:
    print("The real treebank is missing: training on the toy corpus (see the README's data section).")
SLICE_SENTENCES, STUDENT_STEP = 150, 1.0
STUDENT_ITERATIONS = int(os.environ.get("CS224N_W2V_ITERATIONS", "300"))
DIM, WINDOW = 10, 5
small = treebank_slice(treebank, SLICE_SENTENCES)
small_dataset = Word2VecDataset(small, subsample_threshold=1e-2 if treebank.is_toy else 1e-3)
checkpoints = Path(tempfile.mkdtemp(prefix="w2v_checkpoints_"))
print(f"slice: {SLICE_SENTENCES} sentences, {small.num_tokens:,} tokens, {len(small.ind2word):,} words")

random.seed(314)
np.random.seed(9)
V_small = len(small.ind2word)
start_vectors = np.concatenate([(np.random.rand(V_small, DIM) - 0.5) / DIM, np.zeros((V_small, DIM))], axis=0)
student_costs = []
student_problem = None


def minibatch_cost(vectors):
    cost, grad = word2vec_sgd_wrapper(
        skipgram, small_dataset.word2ind, vectors, small_dataset, WINDOW, neg_sampling_loss_and_gradient
    )
    student_costs.append(cost)
    return cost, grad


half = STUDENT_ITERATIONS // 2
started = time.perf_counter()
try:
    sgd(minibatch_cost, start_vectors, STUDENT_STEP, half, use_saved=True, print_every=max(1, half // 3),
        checkpoint_directory=checkpoints, save_every=max(1, half))
    print(f"... stopped at iteration {half}; checkpoints: {sorted(p.name for p in checkpoints.iterdir())}")
    sgd(minibatch_cost, start_vectors, STUDENT_STEP, STUDENT_ITERATIONS, use_saved=True,
        print_every=max(1, half // 3), checkpoint_directory=checkpoints, save_every=max(1, half))
    seconds = time.perf_counter() - started
    print(f"your code: {STUDENT_ITERATIONS} iterations in {seconds:.1f} s; smoothed cost "
          f"{smooth(student_costs)[0]:.1f} -> {smooth(student_costs)[-1]:.1f}")
except Exception as problem:  # the cells below say what they cannot show instead of crashing
    student_problem = problem
    where = traceback.extract_tb(problem.__traceback__)[-1].name
    print(f"Your code stopped in `{where}` with {type(problem).__name__}: {problem}\n"
          "Fix that function first (its test cell above says more), then run this cell again.")
finally:
    shutil.rmtree(checkpoints)  # a demonstration: the next run starts afresh

# %% [markdown]
# The slice is small and the run short, so the step is larger than the assignment's (1.0 instead
# of 0.3), and the slice keeps more words per window (sub-sampling threshold $10^{-3}$ instead of
# $10^{-5}$, which on 3,000 tokens would drop most of them): its cost per window starts higher than
# on the whole treebank.
#
# **Step 2: your functions against the trainer.** The trainer's sampler draws one minibatch of 50
# windows of the whole treebank with their negatives; your functions get exactly these windows
# and negatives (a stand-in dataset replays them). The outside vectors start random here, not at
# zero: at zero several mistakes in $\partial J / \partial \mathbf{v}_c$ would go unnoticed.

# %%
dataset = Word2VecDataset(treebank, subsample_threshold=1e-2 if treebank.is_toy else 1e-5)
word2ind = dataset.word2ind
V = len(word2ind)
sampler = WindowSampler.from_dataset(dataset, model="skipgram", window_size=WINDOW, num_negatives=10)
print(f"{V:,} words, {dataset.num_context_sentences:,} sub-sampled sentences")
check_rng = np.random.default_rng(2017)
check_batch = sampler.sample(WORD2VEC_BATCH_SIZE, check_rng)
student_check = compare_with_trainer(
    loss_function=neg_sampling_loss_and_gradient, skipgram_function=skipgram, sgd_function=sgd,
    sgd_wrapper=word2vec_sgd_wrapper, batch=check_batch,
    center_vectors=(check_rng.random((V, DIM)) - 0.5) / DIM,
    outside_vectors=check_rng.standard_normal((V, DIM)) * 0.1,
    ind2word=dataset.ind2word, step=0.3, window_size=WINDOW)
print("PASSED:" if student_check.passed else "NOT PASSED:", student_check)
for quantity, difference in student_check.differences.items():
    print(f"  {quantity:<55} largest difference {difference:.1e}")

# %% [markdown]
# **Step 3: the full run, fast.** The trainer in exact mode (`iterations_per_update=1`: every
# iteration's gradient at the current parameters, as `sgd` does; its default, 5, takes the gradients
# of 5 iterations at the same parameters, which is faster and not exactly the assignment's SGD).
# Same law of windows and negatives, step 0.3 halved at iteration 20,000.

# %%
config = TrainConfig(model="skipgram", loss="neg_sampling", dim=DIM, window_size=WINDOW, num_negatives=10,
                     step=0.3, iterations=40_000, batch_size=WORD2VEC_BATCH_SIZE, iterations_per_update=1)
full_run = train_word_vectors(sampler, V, config, progress=False)
OWNER = "yours" if student_check.passed else "the trainer's, not yours"
print(f"40,000 iterations in {full_run.seconds:.1f} s ({full_run.pairs:,} centre/outside pairs); "
      f"final smoothed cost {full_run.smoothed_cost:.2f}. These vectors are {OWNER}.")
pairs_per_window = full_run.pairs / (40_000 * WORD2VEC_BATCH_SIZE)
print(f"first iteration's cost {full_run.costs[0]:.2f}; with every score 0 it is "
      f"(pairs per window) x (K + 1) log 2 = {pairs_per_window:.2f} x 11 x {np.log(2):.3f} = "
      f"{pairs_per_window * 11 * np.log(2):.2f}")

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.8))
if student_costs:
    ax1.plot(student_costs, lw=0.5, alpha=0.4, label="minibatch cost")
    ax1.plot(smooth(student_costs), lw=2, label="smoothed (as sgd prints)")
    ax1.axvline(half, color="gray", ls=":", lw=1)
    ax1.text(half, ax1.get_ylim()[1] * 0.98, " resumed from checkpoint", va="top", fontsize=8, color="gray")
    ax1.legend(fontsize=8)
else:
    ax1.text(0.5, 0.5, "no cost to show:\nyour sgd / skipgram / loss\ndid not run (see above)",
             ha="center", va="center", transform=ax1.transAxes)
ax1.set(xlabel="iteration", ylabel="cost per window",
        title=f"Your code, {SLICE_SENTENCES}-sentence slice, step {STUDENT_STEP}")
ax2.plot(full_run.costs, lw=0.3, alpha=0.3, label="minibatch cost")
ax2.plot(smooth(full_run.costs), lw=2, label="smoothed")
ax2.axvline(20_000, color="gray", ls=":", lw=1)
ax2.text(20_000, ax2.get_ylim()[1] * 0.98, " step halved", va="top", fontsize=8, color="gray")
ax2.set(xlabel="iteration", title=f"Trainer (exact mode), whole treebank: vectors {OWNER}")
ax2.legend(fontsize=8)
plt.tight_layout()
plt.show()

# %% [markdown]
# On the whole treebank the cost sits on a plateau for the first few thousand iterations: each of
# the 19,538 words is seen rarely, and the outside vectors start at zero. It falls once the vectors
# have moved, and has nearly levelled off by the time the step is halved at iteration 20,000.
#
# ### The vectors in two dimensions
#
# Each word has 10 + 10 numbers (centre and outside vectors, side by side as the assignment does).
# The handout's plot projects the chosen words onto their two main directions: centre the 24
# vectors, take the SVD $\tilde{X} = U_s S V_s^\top$, and keep the coordinates $\tilde{X} V_s[:, :2]$.
# The sign of each singular direction is arbitrary; here the first is turned so that it grows with
# the word's count.

# %%
word_vectors = full_run.word_vectors
counts_all = dataset.counts.astype(np.float64)
chosen = ["great", "cool", "brilliant", "wonderful", "well", "amazing", "worth", "sweet", "enjoyable",
          "boring", "bad", "dumb", "annoying", "female", "male", "queen", "king", "man", "woman",
          "rain", "snow", "hail", "coffee", "tea"]
chosen = [w for w in chosen if w in word2ind]
chosen_rows = np.array([word2ind[w] for w in chosen])
X_chosen = word_vectors[chosen_rows]
centred = X_chosen - X_chosen.mean(axis=0)
_, singular_values, right = np.linalg.svd(centred, full_matrices=False)
coords = centred @ right[:2].T
log_count = np.log(counts_all[chosen_rows])
if np.corrcoef(coords[:, 0], log_count)[0, 1] < 0:
    coords[:, 0] *= -1
axis1_vs_count = np.corrcoef(coords[:, 0], log_count)[0, 1]
explained = singular_values[:2] ** 2 / np.sum(singular_values ** 2)

fig, (ax, ax_c) = plt.subplots(1, 2, figsize=(12, 5.5), gridspec_kw={"width_ratios": [3, 2]})
ax.scatter(coords[:, 0], coords[:, 1], s=12, c=log_count, cmap="viridis")
pad = 0.15 * np.ptp(coords, axis=0)
ax.set(xlim=(coords[:, 0].min() - pad[0], coords[:, 0].max() + pad[0]),
       ylim=(coords[:, 1].min() - pad[1], coords[:, 1].max() + pad[1]),
       title=f"The handout's plot (these vectors are {OWNER})",
       xlabel=f"first singular direction ({explained[0]:.0%} of the variance)",
       ylabel=f"second ({explained[1]:.0%})")
place_labels(ax, coords, chosen)
ax_c.scatter(log_count, coords[:, 0], s=12)
ax_c.set(xlabel="log(count in the treebank)", ylabel="first singular direction",
         title=f"The first axis is frequency: r = {axis1_vs_count:.2f}")
plt.tight_layout()
plt.show()
print(f"first axis against log count: r = {axis1_vs_count:.2f}")
print("counts:", ", ".join(f"{w} {int(counts_all[word2ind[w]])}" for w in chosen))

# %% [markdown]
# What the plot shows is mostly **how often each word occurs**. Two more measurements say why:
# the raw vectors of all words share one large common direction (every cosine is close to 1 until
# the mean vector is subtracted), and a word's neighbours after centring are words of similar
# frequency more often than words of similar meaning. GloVe, trained on 6 billion tokens, for
# contrast.

# %%
def unit_rows(x):
    """Rows scaled to length 1 (like normalize_rows; written here so that this cell runs without it)."""
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def cosines(vectors, rows):
    unit = unit_rows(vectors[rows])
    return unit @ unit.T


off_diagonal = ~np.eye(len(chosen_rows), dtype=bool)
raw_cos = cosines(word_vectors, chosen_rows)[off_diagonal]
centred_all = word_vectors - word_vectors.mean(axis=0)  # the mean over the whole vocabulary
centred_cos = cosines(centred_all, chosen_rows)[off_diagonal]
print(f"cosine between two chosen words, raw vectors:     mean {raw_cos.mean():.3f}, min {raw_cos.min():.3f}")
print(f"cosine between two chosen words, centred vectors: mean {centred_cos.mean():.3f}, "
      f"min {centred_cos.min():.3f}, max {centred_cos.max():.3f}")

try:
    glove, glove_coverage = load_glove_text(None, word2ind, dim=50)
except MissingDataError as problem:
    glove = None
    print(f"GloVe vectors not found, the comparison is skipped: {problem}")

frequent = np.flatnonzero(counts_all >= 5)  # neighbours among words seen at least 5 times


def neighbours(vectors, word, k=5):
    unit = unit_rows(vectors[frequent])
    query = unit_rows(vectors[[word2ind[word]]])[0]
    order = np.argsort(-(unit @ query))
    names = [dataset.ind2word[frequent[i]] for i in order if frequent[i] != word2ind[word]]
    return names[:k]


print("\nnearest neighbours by cosine (centred vectors; words seen at least 5 times)")
for word in ["good", "bad", "funny", "boring", "king", "woman"]:
    if word not in word2ind:
        continue
    count = int(counts_all[word2ind[word]])
    line = f"{word:<7} ({count:>4}x)  yours: {', '.join(neighbours(centred_all, word))}"
    if glove is not None:
        line += f"\n{'':<15}GloVe: {', '.join(neighbours(glove, word))}"
    print(line)


def analogy(vectors, a, b, c):
    """The word d with b - a + c closest to d (a, b and c excluded): a is to b as c is to d."""
    unit = unit_rows(vectors)
    target = unit[word2ind[b]] - unit[word2ind[a]] + unit[word2ind[c]]
    scores = unit[frequent] @ target
    for i in np.argsort(-scores):
        if dataset.ind2word[frequent[i]] not in (a, b, c):
            return dataset.ind2word[frequent[i]]


print("\nanalogies a : b :: c : ?")
for a, b, c in [("man", "king", "woman"), ("good", "better", "bad"), ("man", "he", "woman")]:
    if all(w in word2ind for w in (a, b, c)):
        glove_answer = analogy(glove, a, b, c) if glove is not None else "(no GloVe)"
        print(f"{a} : {b} :: {c} : ?   yours: {analogy(centred_all, a, b, c):<10} GloVe: {glove_answer}")

# %% [markdown]
# **Question 3 (g), 2 points.** Describe the plot. Which words are close to each other, which
# groups you expected are not, and why? Use the measurements above (what the first axis is, the
# cosines, the neighbours), and think of what these vectors were trained to predict, on what data,
# and how much of it.

# %% [markdown] answer="q3g_word_plot" points=2
# (The numbers are the reference run's, printed above; a good answer reads them, not the hoped-for
# semantics.)
#
# * **The first axis is frequency.** It carries almost all the variance of the 24 vectors and
#   correlates with the log count of the word at about $r = 0.95$: frequent words ("bad", "well",
#   "great", "man", "worth", a hundred occurrences or more) sit at one end, the rarest ("hail" once,
#   "tea" 3 times, "coffee" and "rain" 5) far out at the other. A word seen a handful of times is the
#   centre of few windows and rarely drawn as a negative, so its vectors have moved little from where
#   they started: **the rare words sit apart because they are rare**, not because they share a meaning.
# * **Raw cosines say nothing.** Before centring, two chosen words have a cosine of about 0.99 on
#   average: all vectors share one large common direction (the centre and outside vectors drift
#   together in the direction that lowers every score of the frequent negatives). Only after the mean
#   vector is subtracted do cosines spread out, and even then the nearest neighbours of "good" or
#   "bad" are mostly other frequent words of any polarity.
# * **What little meaning there is comes from shared contexts**: "good" and "bad" fill the same
#   slots ("a ___ movie"), so skip-gram puts them together; sentiment is not what it predicts.
#   With 10 dimensions and 227k tokens, analogies such as man : king :: woman : ? fail, while
#   GloVe (50 dimensions, 6 billion tokens) answers "queen".
# * The 2-D projection keeps only part of the variance of 20 numbers, so closeness on the plot is
#   weaker evidence still.

# %% [markdown]
# Notebook 5 uses these vectors as features for sentiment classification. They are saved next to
# this notebook together with the outcome of step 2: notebook 5 calls them yours only when your
# functions passed it.

# %%
save_vectors("word_vectors.npz", word_vectors, dataset.ind2word, student_check)
print(f"saved word_vectors.npz: {word_vectors.shape}; your code matched the trainer: {student_check.passed}")

# %% [markdown]
# ## 8. word2vec.c, line by line, against your gradients
#
# The original C implementation (Mikolov, 2013; `word2vec.c`, function `TrainModelThread`) trains
# one (input word, predicted word) pair at a time, with Hogwild threads updating shared arrays
# without locks. Its names, mapped to the handout's:
#
# | word2vec.c | handout | meaning |
# | --- | --- | --- |
# | `syn0[last_word]` | $\mathbf{v}_c$ | input vector of the word that predicts |
# | `syn1neg[target]` | $\mathbf{u}_o$ or $\mathbf{u}_{w_k}$ | output vector of the observed word (`label = 1`) or a negative (`label = 0`) |
# | `f` | $\mathbf{u}^\top \mathbf{v}_c$ | the score |
# | `g = (label - sigma(f)) * alpha` | $-\alpha\, \partial J / \partial f$ | the step times minus the derivative of this term of the loss with respect to its score (compare with your answer to 3c) |
# | `neu1e += g * syn1neg[target]` | $-\alpha\, \partial J / \partial \mathbf{v}_c$ | accumulated over the $K + 1$ terms, added to `syn0[last_word]` after the loop |
# | `syn1neg[target] += g * syn0[last_word]` | $-\alpha\, \partial J / \partial \mathbf{u}$ | applied at once, inside the loop |
#
# The signs: the C code *adds* $g$ because it climbs the log-likelihood; you *subtract*
# $\eta \nabla J$ of its negative. Below, `c_pair_update` is a NumPy transcription of that loop
# (`exp_table` and `table_sigmoid` are the C code's sigmoid table, used further down); next to it,
# your `neg_sampling_loss_and_gradient` on the same pair and the same negatives.

# %% provided=true
# include: solutions.word2vec_c:EXP_TABLE_SIZE
# include: solutions.word2vec_c:MAX_EXP


# include: solutions.word2vec_c:exp_table


# include: solutions.word2vec_c:table_sigmoid


# include: solutions.word2vec_c:c_pair_update

# %%
class FixedDraws:
    """A dataset whose sample_token_idx returns the given words in order."""

    def __init__(self, draws):
        self.draws = iter(draws)

    def sample_token_idx(self):
        return next(self.draws)


def c_against_yours(draws, table=None, alpha=0.025):
    rng = np.random.default_rng(3)
    syn0, syn1neg = rng.normal(0, 0.5, (8, 4)), rng.normal(0, 0.5, (8, 4))
    word, last_word = 2, 5  # predict word 2 from word 5's input vector
    new0, new1 = syn0.copy(), syn1neg.copy()
    used = c_pair_update(new0, new1, word, last_word, draws, alpha, table)
    v, dataset_toy = syn0[last_word], FixedDraws(draws)
    _, grad_v, grad_U = neg_sampling_loss_and_gradient(v, word, syn1neg, dataset_toy, len(draws))
    gap_v = np.abs((new0 - syn0)[last_word] + alpha * grad_v).max()
    gap_U = np.abs((new1 - syn1neg) + alpha * grad_U).max()
    return used, gap_v, gap_U


try:
    cases = [("4 distinct negatives, exact sigma", [0, 3, 6, 7], None),
             ("the same, sigma from the 1,000-entry table", [0, 3, 6, 7], exp_table()),
             ("a negative drawn twice (3, 3), exact sigma", [0, 3, 3, 7], None)]
    print(f"{'case':<45} {'negatives used':>14} {'|C - yours| for v':>18} {'for U':>9}")
    for name, draws, table in cases:
        used, gap_v, gap_U = c_against_yours(draws, table)
        print(f"{name:<45} {used:>14} {gap_v:>18.1e} {gap_U:>9.1e}")
    syn0_toy, syn1_toy = np.random.default_rng(3).normal(0, 0.5, (2, 8, 4))
    used = c_pair_update(syn0_toy, syn1_toy, 2, 5, [0, 2, 6, 7], 0.025)
    print(f"a draw equal to the predicted word (2): the C code skips it and uses {used} negatives, not 4")
except NotImplementedError:
    print("Write neg_sampling_loss_and_gradient first (section 3); this comparison uses it.")

# %% [markdown]
# With distinct negatives and the exact sigmoid, the C loop **is** one SGD step of step $\alpha$ on
# your loss (the differences are round-off). The two other rows are where it is not:
#
# * **The exp table.** The C code never calls `exp` in the loop: it reads $\sigma(f)$ from a table of
#   `EXP_TABLE_SIZE` = 1,000 values precomputed over $[-6, 6)$ (`MAX_EXP` = 6), and for negative
#   sampling clamps beyond it ($\sigma = 1$ above 6, $0$ below $-6$: a term already right by that
#   margin gives no update, one wrong by that margin gets the full step $\pm\alpha$). The index is `(int)((f + MAX_EXP) * (EXP_TABLE_SIZE / MAX_EXP / 2))`, and the constant
#   is computed in integer arithmetic: $1000 / 6 / 2 = 83$, not $83.3$. The plot below shows what
#   the table returns.
# * **A repeated negative.** The C code updates `syn1neg[target]` inside the loop, so the second
#   draw of the same word sees its first update: a difference of order $\alpha^2$. Your gradient
#   (and the handout's) takes both at the same parameters.
# * **target == word.** A draw equal to the predicted word is *skipped*, so that pair has fewer than
#   $K$ negatives; the handout's `get_negative_samples` draws again, so every pair has exactly $K$.

# %%
table = exp_table()
f = np.linspace(-7, 7, 2001)
exact = 1 / (1 + np.exp(-f))
looked_up = np.array([1.0 if x > MAX_EXP else 0.0 if x < -MAX_EXP else table_sigmoid(x, table) for x in f])
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.5))
ax1.plot(f, exact, label=r"$\sigma(f)$")
ax1.plot(f, looked_up, lw=1, label="word2vec.c's table, clamped")
ax1.set(xlabel="score f", title="The sigmoid the C code uses")
ax1.legend(fontsize=8)
ax2.plot(f, looked_up - exact)
ax2.set(xlabel="score f", ylabel="table - exact", title="Its error")
plt.tight_layout()
plt.show()
inside = np.abs(f) < MAX_EXP
print(f"largest error inside [-6, 6): {np.abs(looked_up - exact)[inside].max():.4f}; "
      f"at f = 6 the clamp drops {1 - exact[np.searchsorted(f, 6.0)]:.4f} of gradient")

# %% [markdown]
# **Three more differences from the handout's training**, each plotted below:
#
# * **Sub-sampling.** The handout keeps each occurrence of word $w$ with probability
#   $\min(1, \sqrt{t / f_w})$, $f_w$ its share of the tokens and $t = 10^{-5}$. word2vec.c keeps it
#   with probability $\sqrt{t / f_w} + t / f_w$ (written `(sqrt(cn / (sample * train_words)) + 1) *
#   (sample * train_words) / cn`), default $t = 10^{-3}$, deciding anew on every pass.
# * **Window shrinking.** For each centre word the C code draws `b = next_random % window` and uses
#   the `window - b` words on each side: a window size uniform in $1..C$, the same law as the
#   handout's `random.randint(1, C)`. Nearer words are therefore used more often.
# * **The learning rate.** The C code decays it linearly with the words processed,
#   $\alpha = \alpha_0 (1 - \text{progress})$, never below $10^{-4} \alpha_0$ ($\alpha_0 = 0.025$ for
#   skip-gram, 0.05 for CBOW), updated every 10,000 words; the handout halves a step of 0.3 every
#   20,000 iterations.

# %%
frequency = np.logspace(-7, -1, 200)
fig, (ax1, ax2, ax3) = plt.subplots(1, 3, figsize=(13, 3.6))
ax1.loglog(frequency, np.minimum(1, np.sqrt(1e-5 / frequency)), label=r"handout, $t = 10^{-5}$")
for t, style in [(1e-3, "-"), (1e-5, "--")]:
    c_keep = np.minimum(1, np.sqrt(t / frequency) + t / frequency)
    ax1.loglog(frequency, c_keep, style, label=f"word2vec.c, $t = 10^{{{int(np.log10(t))}}}$")
share_the = counts_all.max() / counts_all.sum()
ax1.axvline(share_the, color="gray", ls=":", lw=1)
ax1.set(xlabel="share of the tokens, $f_w$", ylabel="probability of keeping an occurrence",
        title=f"Sub-sampling (dotted: '{dataset.ind2word[int(np.argmax(counts_all))]}')")
ax1.legend(fontsize=7)

window = 5
b = lcg_draws(np.arange(0, 50), 400).ravel() % np.uint64(window)  # 50 threads, 400 draws each
sizes = window - b.astype(np.int64)
ax2.bar(np.arange(1, window + 1), np.bincount(sizes, minlength=window + 1)[1:] / sizes.size)
ax2.axhline(1 / window, color="k", ls=":", lw=1, label="uniform, as random.randint(1, C)")
ax2.set(xlabel="window used, window - b", ylabel="share of centre words", title="b = next_random % window")
ax2.legend(fontsize=7)

progress = np.linspace(0, 1, 400)
c_alpha = np.maximum(0.025 * (1 - progress), 0.025 * 1e-4)
ax3.plot(progress, c_alpha / 0.025, label=r"word2vec.c, $\alpha / \alpha_0$")
ax3.plot(progress, 0.5 ** np.floor(progress * 40_000 / 20_000 - 1e-9).clip(0), label="handout, step / 0.3")
ax3.set(xlabel="fraction of training done", ylabel="relative step", title="Learning-rate schedules")
ax3.legend(fontsize=7)
plt.tight_layout()
plt.show()

# %% [markdown]
# **Which vector predicts which.** In the handout's skip-gram the centre word's $\mathbf{v}_c$
# predicts each outside word's $\mathbf{u}_o$. In word2vec.c's skip-gram loop, `l1 = last_word *
# layer1_size`: the input vector of each *context* word (`syn0[last_word]`) predicts the *centre*
# word (`syn1neg[word]`). Over a corpus the two see the same (word, neighbour) pairs, once from
# each side, so they learn the same thing; but a word's `syn0` row is trained from the windows
# around its neighbours, not its own.
#
# **CBOW: mean against sum.** word2vec.c's CBOW divides the sum of the context vectors by their
# number (`neu1[c] /= cw`) and then adds the whole `neu1e` to every context word's vector, without
# dividing it by `cw`. gensim calls this `cbow_mean=1` (its default); `cbow_mean=0` is the handout's
# sum, $\hat{\mathbf{v}} = \sum_j \mathbf{v}_{w_{t+j}}$. (Which of the two is the exact gradient of its own
# loss? Your answer to 3(d) says.)

# %% [markdown]
# ## Further reading
#
# * Xin Rong (2014), *word2vec Parameter Learning Explained*, arXiv:1411.2738: every gradient of
#   skip-gram and CBOW, with hierarchical softmax and negative sampling, derived step by step.
# * Tomas Mikolov, Kai Chen, Greg Corrado, Jeffrey Dean (2013a), *Efficient Estimation of Word
#   Representations in Vector Space*, arXiv:1301.3781: skip-gram and CBOW.
# * Tomas Mikolov, Ilya Sutskever, Kai Chen, Greg Corrado, Jeffrey Dean (2013b), *Distributed
#   Representations of Words and Phrases and their Compositionality*, NeurIPS: negative sampling
#   and the sub-sampling of frequent words.
# * Yoav Goldberg, Omer Levy (2014), *word2vec Explained: deriving Mikolov et al.'s
#   negative-sampling word-embedding method*, arXiv:1402.3722; and Omer Levy, Yoav Goldberg (2014),
#   *Neural Word Embedding as Implicit Matrix Factorization*, NeurIPS: the shifted-PMI view.
