# Template of a notebook: `python -m notebooks.build` turns it into course/source/a1/*.ipynb.
# Code is assembled at build time (includes, solutions), so lint the built notebooks instead:
# ruff: noqa
# %% [markdown]
# # CS224n Assignment 1, part 1: Softmax (handout question 1)
#
# The softmax turns a vector of real-valued *scores* into a probability distribution.
# Every model of this assignment ends in one: the two-layer network of notebook 3, the
# word2vec models of notebook 4 and the sentiment classifier of notebook 5.
#
# $$\operatorname{softmax}(\mathbf{x})_i = \frac{e^{x_i}}{\sum_j e^{x_j}}$$
#
# In this notebook you will
# 1. watch the textbook formula break on ordinary inputs such as `[1001, 1002]`,
# 2. prove that adding the same constant to every score does not change the softmax, and use
#    that to find a way around the breakage (**Question 1 (a)**),
# 3. write a softmax that never overflows and works on every row of a matrix (**Question 1 (b)**),
# 4. derive the softmax's derivative (its Jacobian), which notebooks 2 to 4 build on.
#
# The question numbers are those of the 2017 CS224n handout, so you can read the PDF side by
# side; `notebooks/README.md` maps every question to its notebook cell.
#
# **How the notebooks work.** Run the cells from top to bottom (Shift-Enter). A cell that
# says `YOUR CODE HERE` is yours: replace the `raise NotImplementedError(...)` line with your
# code. The cell right after each function runs the grader's own checks and prints one line
# per check passed, with a hint when one fails; when your notebook is graded, more tests run
# there that you cannot see. Cells marked "YOUR ANSWER HERE" are written answers (Markdown,
# $\LaTeX$ works) graded by your instructor. Other cells are read-only.

# %% provided=true
import warnings

import matplotlib.pyplot as plt
import numpy as np

from autograder.notebook import check

plt.rcParams["figure.dpi"] = 100
np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# ## 1. The textbook formula, and where it breaks
#
# Here is the softmax written exactly as the formula reads. It works for small scores:

# %%
def naive_softmax(x):
    """The formula as written: fine on paper, fragile in floating point."""
    return np.exp(x) / np.sum(np.exp(x))


print("naive_softmax([1, 2]) =", naive_softmax(np.array([1.0, 2.0])))

# %% [markdown]
# Now add 1000 to both scores, and then subtract 1000 from both. Only the *difference* of the
# scores matters to a probability ratio ($p_i / p_j = e^{x_i - x_j}$), so we expect the same
# answer as for `[1, 2]`. We get `nan` ("not a number") instead:

# %%
for scores in ([1001.0, 1002.0], [-1001.0, -1002.0]):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = naive_softmax(np.array(scores))
        exps = np.exp(np.array(scores))
    print(f"naive_softmax({scores}) = {result}     (np.exp of the scores: {exps})")
    for warning in caught:
        print(f"    NumPy warned: {warning.message}")

# %% [markdown]
# A floating-point number has a largest finite value. Past it, `np.exp` returns `inf`, and
# `inf / inf` is `nan`. At the other end, $e^{x}$ for a very negative $x$ *underflows* to
# exactly 0, and `0 / 0` is `nan` too. Where exactly does that happen? The largest finite
# value $v$ of a type fixes the largest score whose exponential still fits: $\log v$.
# The table computes it for NumPy's default type (`float64`) and for `float32` (what GPUs
# and most deep-learning code use):

# %%
print(f"{'type':8} {'largest finite value':>22} {'exp overflows above':>20} {'exp is exactly 0 below':>26}")
limits = {}
for dtype in (np.float64, np.float32):
    info = np.finfo(dtype)
    overflow = float(np.log(info.max))  # exp(x) > info.max for x above this
    # exp(x) rounds to exactly 0 below half the smallest positive (subnormal) number.
    underflow = float(np.log(info.smallest_subnormal) - np.log(2))
    limits[dtype] = overflow
    print(f"{info.dtype.name:8} {float(info.max):22.4g} {overflow:20.2f} {underflow:26.2f}")
ratio = limits[np.float64] / limits[np.float32]
print(f"\nfloat32 overflows at scores {ratio:.1f} times smaller than float64.")
print(f"exp(1001) would be about 10^{1001 / np.log(10):.1f}: it fits in neither type.")

# %% [markdown]
# The plot runs the naive formula on `[m - 1, m]` for a range of largest scores $m$, in both
# types. The correct answer never changes: it is $e^{m} / (e^{m-1} + e^{m}) = 1 / (1 + e^{-1})$,
# the grey line. The naive result (blue dots) is right until $m$ comes close to the overflow
# point of the table (the dotted line). Just before it, $e^{m}$ still fits but the *sum*
# $e^{m-1} + e^{m}$ does not: the result is a wrong number, 0 (orange). Past it, $e^{m}$ itself
# is `inf` and the result is `nan` (red crosses at the bottom). `float32` breaks far earlier
# than `float64` (the line under the table says by how much).

# %%
def naive_on_range(largest_scores, dtype):
    """naive_softmax([m - 1, m])[1] for every m, computed in dtype; nan where it fails."""
    out = []
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        for m in largest_scores:
            out.append(float(naive_softmax(np.array([m - 1.0, m], dtype=dtype))[1]))
    return np.array(out)


correct = 1 / (1 + np.exp(-1.0))
fig, axes = plt.subplots(1, 2, figsize=(10, 4), sharey=True)
for ax, dtype in zip(axes, (np.float64, np.float32), strict=True):
    edge, name = limits[dtype], np.dtype(dtype).name
    m = np.linspace(edge - 4, edge + 2, 1201)  # a close look around the overflow point
    p = naive_on_range(m, dtype)
    failed = np.isnan(p)
    right = np.isclose(p, correct, rtol=1e-4, atol=0)  # float32 keeps about 7 digits
    wrong = ~failed & ~right
    ax.axhline(correct, color="gray", lw=6, alpha=0.35, label=f"correct answer {correct:.4f}")
    ax.plot(m[right], p[right], ".", color="C0", ms=2, label="naive formula: right")
    ax.plot(m[wrong], p[wrong], ".", color="C1", ms=4, label="naive formula: wrong number")
    ax.plot(m[failed], np.zeros(failed.sum()), "x", color="red", ms=3, label="naive formula: nan")
    ax.axvline(edge, color="black", lw=1, ls=":")
    ax.annotate(f"log(largest {name})\n= {edge:.2f}", (edge, 0.4), xytext=(6, 0),
                textcoords="offset points", ha="left", fontsize=9)
    ax.set(title=f"{name}\nwrong from m = {m[wrong | failed][0]:.2f}, nan from m = {m[failed][0]:.2f}",
           xlabel="largest score m (inputs [m - 1, m])", ylim=(-0.05, 1))
axes[0].set_ylabel("naive_softmax([m - 1, m])[1]")
axes[0].legend(loc="center left", fontsize=8)
plt.tight_layout()
plt.show()

# %% [markdown]
# Scores this large are ordinary: a word2vec score $\mathbf{u}_w^\top \mathbf{v}_c$ is a sum of
# many products, and a network with large weights (early in training, or after a too-large
# step) produces them too. So the formula needs fixing, and the mathematics tells us how.
#
# ## 2. Softmax does not care about a shift
#
# Add the same number $c$ to every score. The softmax does not change:
#
# $$\operatorname{softmax}(\mathbf{x} + c) = \operatorname{softmax}(\mathbf{x}),
# \qquad \text{where } (\mathbf{x} + c)_i = x_i + c.$$
#
# **Question 1 (a), 2 points.** Prove it. Then explain how this lets a computer evaluate the
# softmax of *any* scores: which $c$ would you choose, and why can neither of the two failures
# above (overflow, and `0 / 0` after underflow) happen then?

# %% [markdown] answer="q1a_softmax_shift" points=2
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
# Terms that underflow to 0 are those whose probability is below the smallest float anyway.

# %% [markdown]
# ## 3. A stable, row-wise softmax
#
# **Question 1 (b).** Write `softmax(x)` for a vector `x` of shape `(D,)` and for a matrix of
# shape `(N, D)`, where it works on **every row separately** (each row is one example's scores).
#
# * Use your answer to Question 1 (a): compute the softmax of shifted scores that cannot
#   overflow. For a matrix, each row gets its own shift.
# * Reductions with `axis=-1` and `keepdims=True` let one line of code serve both shapes: for
#   example `x.sum(axis=-1, keepdims=True)` has shape `(N, 1)` for a matrix (or `(1,)` for a
#   vector) and broadcasts against `x`.
# * **Never modify the caller's array.** `x -= ...` would change the student's, or the
#   grader's, data in place; `x = x - ...` makes a new array.
# * No Python loop over rows: NumPy does all rows at once, which is much faster.
#
# The helper `_as_rows` below turns the input into a float array and rejects shapes the
# softmax does not handle; use it first.

# %% provided=true
# include: solutions.softmax:_as_rows

# %% solution="softmax"

# %% tests="softmax"

# %% [markdown]
# ### Your softmax at work
#
# Each row sums to 1, the shift never matters, and the scores that broke the formula are fine:

# %%
x = np.array([[1001.0, 1002.0], [3.0, 4.0], [-1001.0, -1002.0]])
x_before = x.copy()
p = softmax(x)
print(p)
print("row sums:", p.sum(axis=1))
print("x unchanged:", np.array_equal(x, x_before))

# %% [markdown]
# The plot of section 1 again, for `float64`, now with your `softmax` on the same inputs: it
# stays on the correct value past the point where the naive formula returns `nan`.

# %%
edge = limits[np.float64]
m = np.linspace(edge - 4, edge + 2, 1201)
p_naive = naive_on_range(m, np.float64)
p_yours = softmax(np.column_stack([m - 1.0, m]))[:, 1]
failed = np.isnan(p_naive)
fig, ax = plt.subplots(figsize=(7, 3.4))
ax.axhline(correct, color="gray", lw=6, alpha=0.35, label=f"correct answer {correct:.4f}")
ax.plot(m, p_yours, color="C2", lw=2, ls="--", label="your softmax")
ax.plot(m[failed], np.zeros(failed.sum()), "x", color="red", ms=4, label="naive formula: nan")
ax.axvline(edge, color="black", lw=1, ls=":")
ax.set(xlabel="largest score m (inputs [m - 1, m])", ylabel="softmax([m - 1, m])[1]", ylim=(-0.05, 1),
       title=f"your softmax: {np.isnan(p_yours).sum()} nan out of {len(m)}; naive: {failed.sum()} nan")
ax.legend(loc="center left", fontsize=8)
plt.tight_layout()
plt.show()

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
# ## 4. The derivative of the softmax: its Jacobian
#
# Training needs the derivative of the softmax. Each output $s_i = \operatorname{softmax}(\mathbf{x})_i$
# depends on *every* score $x_j$ (through the denominator), so the derivative is a matrix, the
# Jacobian $J_{ij} = \partial s_i / \partial x_j$. Write $s_i = e^{x_i} / S$ with
# $S = \sum_k e^{x_k}$, so $\partial S / \partial x_j = e^{x_j}$, and apply the quotient rule.
# The numerator $e^{x_i}$ depends on $x_j$ only when $i = j$, which gives two cases:
#
# * $i = j$: $\displaystyle \frac{\partial s_i}{\partial x_i}
#   = \frac{e^{x_i} S - e^{x_i} e^{x_i}}{S^2} = s_i - s_i^2 = s_i (1 - s_i)$;
# * $i \ne j$: $\displaystyle \frac{\partial s_i}{\partial x_j}
#   = \frac{0 \cdot S - e^{x_i} e^{x_j}}{S^2} = -s_i s_j$.
#
# Together: $J = \operatorname{diag}(\mathbf{s}) - \mathbf{s} \mathbf{s}^\top$. Two things
# to notice: the diagonal $s_i(1 - s_i)$ is the sigmoid's derivative of notebook 2 in another
# guise, and every row of $J$ sums to 0 (raising all scores together changes nothing: that is
# Question 1 (a) again). The cell compares the formula with **finite differences** of your
# softmax: nudge one score $x_j$ by $\pm h$ and see how the outputs move,
# $J_{:, j} \approx (\operatorname{softmax}(\mathbf{x} + h \mathbf{e}_j) - \operatorname{softmax}(\mathbf{x} - h \mathbf{e}_j)) / 2h$.
# (Notebook 2 turns this comparison into a tool.)

# %%
def softmax_jacobian(x):
    """J[i, j] = d softmax(x)_i / d x_j = s_i (1[i = j] - s_j), for a vector x of shape (D,)."""
    s = softmax(x)
    return np.diag(s) - np.outer(s, s)


x = np.array([0.5, -1.0, 2.0, 0.1])
h = 1e-5
numeric = np.column_stack([(softmax(x + h * e) - softmax(x - h * e)) / (2 * h) for e in np.eye(len(x))])
analytic = softmax_jacobian(x)
print("Jacobian from the formula:\n", analytic)
print("largest difference from finite differences:", np.abs(analytic - numeric).max())
print("row sums of J:", analytic.sum(axis=1))

# %% [markdown]
# **Next:** notebook 2 builds the other pieces of a neural network: the sigmoid, the gradient
# of the cross-entropy loss (where this Jacobian meets the logarithm), and a gradient checker.
