# Template of a notebook: `python -m notebooks.build` turns it into course/source/a1/*.ipynb.
# Code is assembled at build time (includes, solutions), so lint the built notebooks instead:
# ruff: noqa
# %% [markdown]
# # CS224n Assignment 1, part 1: Softmax
#
# The softmax turns a vector of real-valued *scores* into a probability distribution.
# Every model of this assignment ends in one: the two-layer network of notebook 3, the
# word2vec models of notebook 4 and the sentiment classifier of notebook 5.
#
# $$\operatorname{softmax}(\mathbf{x})_i = \frac{e^{x_i}}{\sum_j e^{x_j}}$$
#
# In this notebook you will
# 1. prove that adding the same constant to every score does not change the softmax,
# 2. watch the textbook formula break on ordinary inputs such as `[1001, 1002]`,
# 3. write a softmax that never overflows and works on every row of a matrix.
#
# **How the notebooks work.** Run the cells from top to bottom (Shift-Enter). A cell that
# says `YOUR CODE HERE` is yours: replace the `raise NotImplementedError(...)` line with your
# code. The cell right after each function runs the grader's own checks and prints one line
# per check passed, with a hint when one fails; when your notebook is graded, more tests run
# there that you cannot see. Cells marked "YOUR ANSWER HERE" are written answers (Markdown,
# $\LaTeX$ works) graded by your instructor. Other cells are read-only.

# %% provided
import warnings

import matplotlib.pyplot as plt
import numpy as np

from autograder.notebook import check

plt.rcParams["figure.dpi"] = 100
np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# ## 1. Softmax does not care about a shift
#
# Add the same number $c$ to every score. The softmax does not change:
#
# $$\operatorname{softmax}(\mathbf{x} + c) = \operatorname{softmax}(\mathbf{x}),
# \qquad \text{where } (\mathbf{x} + c)_i = x_i + c.$$
#
# **Question 1 (a), 2 points.** Prove it. Then explain in one sentence why this fact is useful
# when we compute the softmax on a computer.

# %% [markdown] answer=softmax_shift points=2
# **Proof.** For every $i$,
#
# $$\operatorname{softmax}(\mathbf{x} + c)_i
# = \frac{e^{x_i + c}}{\sum_j e^{x_j + c}}
# = \frac{e^{c}\, e^{x_i}}{e^{c} \sum_j e^{x_j}}
# = \frac{e^{x_i}}{\sum_j e^{x_j}}
# = \operatorname{softmax}(\mathbf{x})_i ,$$
#
# because $e^{a + b} = e^a e^b$ and the common factor $e^c > 0$ cancels between numerator
# and denominator. The identity holds for every real $c$, positive or negative.
#
# **Why it matters.** We may choose $c$ freely, and choosing $c = -\max_j x_j$ makes every
# exponent $\le 0$: then every $e^{x_i + c}$ lies in $(0, 1]$, nothing overflows, and the
# denominator is at least 1 (the largest term is $e^0 = 1$), so we never divide by zero.

# %% [markdown]
# ## 2. The textbook formula, and where it breaks
#
# Here is the softmax written exactly as the formula reads. It works for small scores:

# %%
def naive_softmax(x):
    """The formula as written: fine on paper, fragile in floating point."""
    return np.exp(x) / np.sum(np.exp(x))


print(naive_softmax(np.array([1.0, 2.0])))

# %% [markdown]
# Now shift the scores by 1000. By the proof above the answer must be the same,
# `[0.268941, 0.731059]`. A float64 cannot hold $e^{1001} \approx 10^{435}$ (its largest value
# is about $1.8 \times 10^{308}$, that is $e^{709.78}$): `np.exp` returns `inf`, and
# `inf / inf` is `nan`. Shifting by $-1000$ fails the other way: every $e^{x_i}$ underflows to
# exactly 0 and we compute `0 / 0`.

# %%
for scores in ([1001.0, 1002.0], [-1001.0, -1002.0]):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = naive_softmax(np.array(scores))
    print(f"naive_softmax({scores}) = {result}")
    for warning in caught:
        print(f"    NumPy warned: {warning.message}")

# %% [markdown]
# Real scores reach these sizes: a word2vec score $\mathbf{u}_w^\top \mathbf{v}_c$ over
# 50 dimensions, or a network with large weights early in training. The plot shows how far
# you get: the naive version returns `nan` as soon as the largest score passes about 709.8,
# while the shifted version (which you will write next) is exact everywhere.

# %%
scales = np.logspace(0, 4, 400)
naive_p, shifted_p = [], []
with np.errstate(over="ignore", invalid="ignore", under="ignore"):
    for s in scales:
        x = np.array([s, s + 1.0])  # the answer is always [0.2689, 0.7311]
        naive_p.append(naive_softmax(x)[1])
        shifted = np.exp(x - x.max())
        shifted_p.append((shifted / shifted.sum())[1])

fig, ax = plt.subplots(figsize=(7, 3.5))
ax.semilogx(scales, shifted_p, lw=3, label="shifted by the maximum")
ax.semilogx(scales, naive_p, "--", lw=2, label="naive formula (nan is not drawn)")
ax.axvline(np.log(np.finfo(np.float64).max), color="gray", lw=1)
ax.text(800, 0.4, "largest score = 709.8:\nexp overflows", color="gray")
ax.set(xlabel="largest score s (inputs [s, s + 1])", ylabel="softmax(x)[1]", ylim=(0, 1),
       title="softmax([s, s + 1]) should be 0.731 for every s")
ax.legend(loc="lower left")
plt.show()

# %% [markdown]
# ## 3. A stable, row-wise softmax
#
# Write `softmax(x)` for a vector `x` of shape `(D,)` and for a matrix of shape `(N, D)`, where
# it works on **every row separately** (each row is one example's scores).
#
# * Subtract each row's maximum before `np.exp`: by Question 1 (a) this changes nothing
#   mathematically, and every exponent becomes $\le 0$.
# * Use `axis=-1` with `keepdims=True` so that one line of code serves both shapes:
#   `x.max(axis=-1, keepdims=True)` has shape `(N, 1)` for a matrix (or `(1,)` for a vector) and
#   broadcasts against `x`.
# * **Never modify the caller's array.** `x -= x.max(...)` would change the student's, or the
#   grader's, data in place; `x = x - x.max(...)` makes a new array.
# * No Python loop over rows: NumPy does all rows at once, which is much faster.
#
# The helper `_as_rows` below turns the input into a float array and rejects shapes the
# softmax does not handle; use it first.

# %% provided
# include: solutions.softmax:_as_rows

# %% solution=softmax

# %% tests=softmax

# %% [markdown]
# ### Your softmax at work
#
# Each row sums to 1, the shift never matters, and the scores that broke the formula are fine:

# %%
x = np.array([[1001.0, 1002.0], [3.0, 4.0], [-1001.0, -1002.0]])
p = softmax(x)
print(p)
print("row sums:", p.sum(axis=1))
print("x unchanged:", np.array_equal(x, [[1001.0, 1002.0], [3.0, 4.0], [-1001.0, -1002.0]]))

# %% [markdown]
# Softmax turns score *differences* into probability *ratios*:
# $p_i / p_j = e^{x_i - x_j}$. Multiplying the scores by a factor (the inverse of a
# "temperature") makes the distribution sharper or flatter, which the plot shows for the
# scores `[1, 2, 3, 4]`.

# %%
scores = np.array([1.0, 2.0, 3.0, 4.0])
factors = [0.25, 1.0, 4.0]
fig, axes = plt.subplots(1, len(factors), figsize=(9, 2.8), sharey=True)
for ax, factor in zip(axes, factors, strict=True):
    ax.bar(np.arange(len(scores)), softmax(factor * scores))
    ax.set(title=f"softmax({factor:g} * [1, 2, 3, 4])", xlabel="index i", xticks=range(4))
axes[0].set_ylabel("probability")
plt.tight_layout()
plt.show()

# %% [markdown]
# **Next:** notebook 2 builds the other pieces of a neural network: the sigmoid, the gradient
# of the cross-entropy loss, and a gradient checker.
