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

# %% [markdown] lang="zh"
# # CS224n 作业 1，第 1 部分：Softmax（讲义问题 1）
#
# softmax 把一个由实数*分数*（score）组成的向量变成一个概率分布。本次作业的每个模型最后都是一个 softmax：笔记本 3 的两层网络、笔记本 4 的 word2vec 模型，以及笔记本 5 的情感分类器。
#
# $$\operatorname{softmax}(\mathbf{x})_i = \frac{e^{x_i}}{\sum_j e^{x_j}}$$
#
# 在这个笔记本中，你将
# 1. 亲眼看到教科书上的公式在 `[1001, 1002]` 这样普通的输入上失效；
# 2. 证明给每个分数加上同一个常数不会改变 softmax 的结果，并借此找到绕开失效的办法（**问题 1 (a)**）；
# 3. 写一个永远不会上溢、并能对矩阵的每一行分别计算的 softmax（**问题 1 (b)**）；
# 4. 推导 softmax 的导数（即它的雅可比矩阵），笔记本 2 到 4 都要用到它。
#
# 题号沿用 2017 年 CS224n 讲义（handout）的编号，方便你对照 PDF 阅读；`notebooks/README.md`
# 列出了每道题对应的笔记本单元格。
#
# **笔记本怎么用。** 从上到下依次运行各个单元格（Shift-Enter）。写着 `YOUR CODE HERE` 的单元格由你完成：把其中 `raise NotImplementedError(...)` 这一行换成你自己的代码。每个函数后面紧跟的单元格会运行评分程序自己的检查，每通过一项就打印一行，没通过时给出提示；正式评分时还会运行更多你看不到的测试。标有 “YOUR ANSWER HERE”的单元格是书面回答（用 Markdown 书写，可以使用 $\LaTeX$），由老师评分。其余单元格都是只读的。

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

# %% [markdown] lang="zh"
# ## 1. 教科书上的公式，以及它在哪里失效
#
# 下面是完全照着公式写出来的 softmax。分数较小时，它没有问题：

# %%
def naive_softmax(x):
    """The formula as written: fine on paper, fragile in floating point."""
    return np.exp(x) / np.sum(np.exp(x))


print("naive_softmax([1, 2]) =", naive_softmax(np.array([1.0, 2.0])))

# %% [markdown]
# Now add 1000 to both scores, and then subtract 1000 from both. Only the *difference* of the
# scores matters to a probability ratio ($p_i / p_j = e^{x_i - x_j}$), so we expect the same
# answer as for `[1, 2]`. We get `nan` ("not a number") instead:

# %% [markdown] lang="zh"
# 现在给两个分数都加上 1000，再给两个分数都减去 1000。概率之比只取决于分数的*差*（$p_i / p_j = e^{x_i - x_j}$），所以我们期望得到与 `[1, 2]` 相同的结果。可实际得到的却是
# `nan`（“not a number”，即“不是一个数”）：

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

# %% [markdown] lang="zh"
# 浮点数有一个最大的有限值。超过它，`np.exp` 就返回 `inf`，而 `inf / inf` 等于 `nan`。在另一端，当 $x$ 是绝对值很大的负数时，$e^{x}$ 会*下溢*，变成恰好等于 0，而 `0 / 0` 同样是 `nan`。这些究竟在哪里发生？一种浮点类型的最大有限值 $v$ 决定了指数仍然放得下的最大分数：$\log v$。下表对 NumPy 的默认类型（`float64`）和 `float32`（GPU 和大多数深度学习代码使用的类型）算出了这个值：

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

# %% [markdown] lang="zh"
# 下图在两种类型下，对一系列最大分数 $m$，用朴素公式计算 `[m - 1, m]` 的 softmax。正确答案始终不变：它等于 $e^{m} / (e^{m-1} + e^{m}) = 1 / (1 + e^{-1})$，即图中的灰线。朴素公式的结果（蓝点）一直是对的，直到 $m$ 接近上表中的上溢点（虚线）。就在上溢点之前，$e^{m}$ 还放得下，但*和* $e^{m-1} + e^{m}$
# 已经放不下了：结果是一个错误的数 0（橙色）。越过上溢点后，$e^{m}$ 本身就是 `inf`，结果为 `nan`（底部的红叉）。`float32` 比 `float64` 早得多就失效了（表格下面那行输出给出了相差多少倍）。

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

# %% [markdown] lang="zh"
# 这么大的分数并不罕见：word2vec 的分数 $\mathbf{u}_w^\top \mathbf{v}_c$ 是许多乘积之和；权重很大的网络（在训练初期，或者某一步更新迈得过大之后）也会产生这样的分数。所以公式需要修正，而数学告诉了我们怎么修。
#
# ## 2. 平移不改变 softmax
#
# 给每个分数都加上同一个数 $c$，softmax 不变：
#
# $$\operatorname{softmax}(\mathbf{x} + c) = \operatorname{softmax}(\mathbf{x}),
# \qquad \text{where } (\mathbf{x} + c)_i = x_i + c.$$
#
# **问题 1 (a)，2 分。** 证明这一点。然后解释它为什么能让计算机算出*任意*分数的 softmax：你会选择哪个 $c$？为什么这时上面的两种失效（上溢，以及下溢之后的 `0 / 0`）都不会发生？

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

# %% [markdown] lang="zh"
# **证明。** 对每个 $i$，
#
# $$\operatorname{softmax}(\mathbf{x} + c)_i
# = \frac{e^{x_i + c}}{\sum_j e^{x_j + c}}
# = \frac{e^{c}\, e^{x_i}}{e^{c} \sum_j e^{x_j}}
# = \frac{e^{x_i}}{\sum_j e^{x_j}}
# = \operatorname{softmax}(\mathbf{x})_i ,$$
#
# 这是因为 $e^{a + b} = e^a e^b$，而公共因子 $e^c > 0$ 在分子和分母之间约掉了。这个恒等式对任意实数 $c$
# 都成立，无论它是正是负。
#
# **为什么重要。** $c$ 可以随意选取，取 $c = -\max_j x_j$ 会使每个指数都 $\le 0$：于是每个 $e^{x_i + c}$
# 都落在 $(0, 1]$ 中，不会有任何上溢；而且分母至少为 1（最大的那一项是 $e^0 = 1$），所以永远不会除以零。下溢成 0 的那些项，其概率本来就小于最小的浮点数。

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

# %% [markdown] lang="zh"
# ## 3. 数值稳定、按行计算的 softmax
#
# **问题 1 (b)。** 编写 `softmax(x)`：输入可以是形状为 `(D,)` 的向量 `x`，也可以是形状为 `(N, D)`
# 的矩阵，此时要对**每一行分别**计算（每一行是一个样本的分数）。
#
# * 利用你对问题 1 (a) 的回答：对平移之后、不可能上溢的分数计算 softmax。对矩阵来说，每一行有自己的平移量。
# * 带 `axis=-1` 和 `keepdims=True` 的归约运算能让同一行代码适用于两种形状：例如
#   `x.sum(axis=-1, keepdims=True)` 对矩阵的形状是 `(N, 1)`（对向量是 `(1,)`），可以与 `x` 进行广播。
# * **永远不要修改调用者的数组。** `x -= ...` 会原地改掉学生或评分程序的数据；`x = x - ...`
#   则会生成一个新数组。
# * 不要用 Python 循环逐行处理：NumPy 一次处理所有行，要快得多。
#
# 下面的辅助函数 `_as_rows` 把输入转换成浮点数组，并拒绝 softmax 处理不了的形状；请先调用它。

# %% provided=true
# include: solutions.softmax:_as_rows

# %% solution="softmax"

# %% tests="softmax"

# %% [markdown]
# ### Your softmax at work
#
# Each row sums to 1, the shift never matters, and the scores that broke the formula are fine:

# %% [markdown] lang="zh"
# ### 你的 softmax 实际效果
#
# 每一行之和都是 1，平移从不影响结果，那些让公式失效的分数现在也没有问题了：

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

# %% [markdown] lang="zh"
# 再画一次第 1 节的图（`float64`），这次加上你的 `softmax` 在同样输入上的结果：越过朴素公式返回 `nan`
# 的那一点之后，它仍然停在正确值上。

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

# %% [markdown] lang="zh"
# softmax 把分数的*差*变成概率的*比*：$p_i / p_j = e^{x_i - x_j}$。把分数乘以一个系数（“温度”的倒数）会让分布变得更尖锐或更平坦，下图以分数 `[1, 2, 3, 4]` 为例展示了这一点。

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

# %% [markdown] lang="zh"
# ## 4. softmax 的导数：雅可比矩阵
#
# 训练需要 softmax 的导数。每个输出 $s_i = \operatorname{softmax}(\mathbf{x})_i$ 都（通过分母）依赖于*每一个*分数 $x_j$，所以导数是一个矩阵，即雅可比矩阵 $J_{ij} = \partial s_i / \partial x_j$。记 $s_i = e^{x_i} / S$，其中 $S = \sum_k e^{x_k}$，于是 $\partial S / \partial x_j = e^{x_j}$，再用商的求导法则。分子 $e^{x_i}$ 只在 $i = j$ 时才依赖于 $x_j$，因此分两种情况：
#
# * $i = j$：$\displaystyle \frac{\partial s_i}{\partial x_i}
#   = \frac{e^{x_i} S - e^{x_i} e^{x_i}}{S^2} = s_i - s_i^2 = s_i (1 - s_i)$；
# * $i \ne j$：$\displaystyle \frac{\partial s_i}{\partial x_j}
#   = \frac{0 \cdot S - e^{x_i} e^{x_j}}{S^2} = -s_i s_j$。
#
# 合起来：$J = \operatorname{diag}(\mathbf{s}) - \mathbf{s} \mathbf{s}^\top$。有两点值得注意：对角线上的
# $s_i(1 - s_i)$ 正是笔记本 2 中 sigmoid 的导数换了个样子；$J$ 的每一行之和都为 0（把所有分数一起增大，什么都不会改变：这又是问题 1 (a)）。下面的单元格把公式与你的 softmax 的**有限差分**进行比较：把某一个分数 $x_j$ 微调 $\pm h$，看输出怎样变化，$J_{:, j} \approx (\operatorname{softmax}(\mathbf{x} + h \mathbf{e}_j) - \operatorname{softmax}(\mathbf{x} - h \mathbf{e}_j)) / 2h$。（笔记本 2 会把这种比较做成一个工具。）

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

# %% [markdown] lang="zh"
# **下一步：** 笔记本 2 搭建神经网络的其余部件：sigmoid 函数、交叉熵损失函数的梯度（雅可比矩阵在那里与对数相遇），以及一个梯度检验器。

# %% strings="zh"
# The Chinese edition's version of what the code cells print and draw: each key is a
# string literal exactly as the code above writes it, each value its Chinese text (the
# same {placeholders}). notebooks/build.py swaps them into the Chinese edition only. A
# hanzi is two columns wide, so the table's header widths are its column widths minus the
# number of hanzi in the header.
{
    'f"naive_softmax({scores}) = {result}     (np.exp of the scores: {exps})"':
        'f"naive_softmax({scores}) = {result}     （各分数的 np.exp：{exps}）"',
    'f"    NumPy warned: {warning.message}"': 'f"    NumPy 警告：{warning.message}"',
    "f\"{'type':8} {'largest finite value':>22} {'exp overflows above':>20} {'exp is exactly 0 below':>26}\"":
        "f\"{'类型':6} {'最大有限值':>17} {'exp 在此之上上溢':>14} {'exp 在此之下恰为 0':>20}\"",
    'f"\\nfloat32 overflows at scores {ratio:.1f} times smaller than float64."':
        'f"\\nfloat32 上溢时的分数比 float64 小 {ratio:.1f} 倍。"',
    'f"exp(1001) would be about 10^{1001 / np.log(10):.1f}: it fits in neither type."':
        'f"exp(1001) 约为 10^{1001 / np.log(10):.1f}：两种类型都放不下。"',
    'f"correct answer {correct:.4f}"': 'f"正确答案 {correct:.4f}"',
    '"naive formula: right"': '"朴素公式：正确"',
    '"naive formula: wrong number"': '"朴素公式：错误的数"',
    '"naive formula: nan"': '"朴素公式：nan"',
    'f"log(largest {name})\\n= {edge:.2f}"': 'f"log({name} 的最大值)\\n= {edge:.2f}"',
    'f"{name}\\nwrong from m = {m[wrong | failed][0]:.2f}, nan from m = {m[failed][0]:.2f}"':
        'f"{name}\\n从 m = {m[wrong | failed][0]:.2f} 起出错，从 m = {m[failed][0]:.2f} 起为 nan"',
    '"largest score m (inputs [m - 1, m])"': '"最大分数 m（输入为 [m - 1, m]）"',
    'f"{name} must be 1-D (D,) or 2-D (N, D); got shape {x.shape}"':
        'f"{name} 必须是一维 (D,) 或二维 (N, D) 数组；收到的形状是 {x.shape}"',
    '"row sums:"': '"各行之和："',
    '"x unchanged:"': '"x 未被修改："',
    '"your softmax"': '"你的 softmax"',
    'f"your softmax: {np.isnan(p_yours).sum()} nan out of {len(m)}; naive: {failed.sum()} nan"':
        'f"你的 softmax：{np.isnan(p_yours).sum()} 个 nan（共 {len(m)} 个）；朴素公式：{failed.sum()} 个 nan"',
    '"index i"': '"下标 i"',
    '"probability"': '"概率"',
    '"Jacobian from the formula:\\n"': '"由公式算出的雅可比矩阵：\\n"',
    '"largest difference from finite differences:"': '"与有限差分结果的最大差："',
    '"row sums of J:"': '"J 的各行之和："',
}
