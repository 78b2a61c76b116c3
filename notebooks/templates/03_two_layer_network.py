# Template of a notebook: `python -m notebooks.build` turns it into course/source/a1/*.ipynb.
# Code is assembled at build time (includes, solutions), so lint the built notebooks instead:
# ruff: noqa
# %% [markdown]
# # CS224n Assignment 1, part 3: A two-layer network (handout question 2, parts c, d, g)
#
# Time to put the pieces together: a network with one sigmoid hidden layer and a softmax
# output, trained with the cross-entropy loss. You will write its forward pass and its
# backward pass (backpropagation) for a whole minibatch at once, and check the result with
# the gradient checker of notebook 2.
#
# $$\mathbf{h} = \sigma(\mathbf{x} W_1 + \mathbf{b}_1), \qquad
# \hat{\mathbf{y}} = \operatorname{softmax}(\mathbf{h} W_2 + \mathbf{b}_2), \qquad
# J = CE(\mathbf{y}, \hat{\mathbf{y}})$$
#
# Questions: **2 (c)** the gradient with respect to the input (written), **2 (d)** the number of
# parameters (written, and a small function), **2 (g)** `forward_backward_prop` (code).

# %% [markdown] lang="zh"
# # CS224n 作业 1，第 3 部分：两层神经网络（讲义问题 2 的 c、d、g 小题）
#
# 现在把各个部件组装起来：一个有一层 sigmoid 隐藏层、以 softmax 作为输出的网络，用交叉熵损失来训练。你将为整个小批量（minibatch）一次性写出它的前向传播和反向传播，并用笔记本 2 的梯度检验器检验结果。
#
# $$\mathbf{h} = \sigma(\mathbf{x} W_1 + \mathbf{b}_1), \qquad
# \hat{\mathbf{y}} = \operatorname{softmax}(\mathbf{h} W_2 + \mathbf{b}_2), \qquad
# J = CE(\mathbf{y}, \hat{\mathbf{y}})$$
#
# 本笔记本的问题：**2 (c)** 对输入的梯度（书面回答），**2 (d)** 参数的个数（书面回答，外加一个小函数），**2 (g)** `forward_backward_prop`（代码）。

# %% provided=true
import ast
import json
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from autograder.notebook import check

plt.rcParams["figure.dpi"] = 100
np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# Your own `softmax` (notebook 1), `sigmoid`, `sigmoid_grad` and `gradcheck_naive` (notebook 2)
# are loaded from those notebooks, which must sit in the same folder as this one. Only their
# definitions are taken, nothing else of those notebooks runs. (When this notebook is graded,
# `forward_backward_prop` is tested with the reference softmax and sigmoid, so a mistake in an
# earlier notebook costs points there only.)

# %% [markdown] lang="zh"
# 你自己写的 `softmax`（笔记本 1）、`sigmoid`、`sigmoid_grad` 和 `gradcheck_naive`（笔记本 2）会从那些笔记本中载入，因此它们必须和本笔记本放在同一个文件夹里。只取用其中的函数定义，那些笔记本的其他内容都不会运行。（给本笔记本评分时，`forward_backward_prop` 用参考实现的 softmax 和 sigmoid 来测试，所以之前笔记本中的错误只会在那个笔记本里扣分。）

# %% provided=true
# include: notebooks.reuse:_is_literal


# include: notebooks.reuse:functions_from_notebook


_as_rows, softmax = functions_from_notebook("01_softmax.ipynb", ["_as_rows", "softmax"], globals())
sigmoid, sigmoid_grad, gradcheck_naive = functions_from_notebook(
    "02_neural_basics.ipynb", ["sigmoid", "sigmoid_grad", "gradcheck_naive"], globals()
)

# %% [markdown]
# ## 1. Shapes first
#
# We process $M$ examples at once, one per **row**, so every quantity below is a matrix with
# $M$ rows. Keeping track of shapes is most of the work of backpropagation: if a product's
# shapes do not fit, the formula is wrong.
#
# | quantity | formula | shape |
# | --- | --- | --- |
# | inputs $X$ | | $(M, D_x)$ |
# | hidden pre-activation $Z_1$ | $X W_1 + \mathbf{b}_1$ | $(M, H)$ |
# | hidden layer $\mathbf{h}$ | $\sigma(Z_1)$ | $(M, H)$ |
# | output scores $Z_2$ | $\mathbf{h} W_2 + \mathbf{b}_2$ | $(M, D_y)$ |
# | prediction $\hat{Y}$ | $\operatorname{softmax}(Z_2)$, row-wise | $(M, D_y)$ |
# | labels $Y$ | one-hot rows | $(M, D_y)$ |
# | cost $J$ | $-\frac{1}{M} \sum_{m} \sum_j Y_{mj} \log \hat{Y}_{mj}$ | scalar |
#
# with $W_1: (D_x, H)$, $\mathbf{b}_1: (H,)$, $W_2: (H, D_y)$, $\mathbf{b}_2: (D_y,)$.
# The bias rows broadcast over the $M$ rows. The cost is the **mean** over the minibatch, so
# the step size of gradient descent does not depend on the batch size.

# %% [markdown] lang="zh"
# ## 1. 先看形状
#
# 我们一次处理 $M$ 个样本，每个样本占一**行**，所以下面每个量都是有 $M$ 行的矩阵。反向传播的大部分工作就是跟踪形状：如果一个乘积的形状对不上，公式就错了。
#
# | 量 | 公式 | 形状 |
# | --- | --- | --- |
# | 输入 $X$ | | $(M, D_x)$ |
# | 隐藏层的激活前输入 $Z_1$ | $X W_1 + \mathbf{b}_1$ | $(M, H)$ |
# | 隐藏层 $\mathbf{h}$ | $\sigma(Z_1)$ | $(M, H)$ |
# | 输出分数 $Z_2$ | $\mathbf{h} W_2 + \mathbf{b}_2$ | $(M, D_y)$ |
# | 预测 $\hat{Y}$ | $\operatorname{softmax}(Z_2)$，按行计算 | $(M, D_y)$ |
# | 标签 $Y$ | 每行是一个独热向量 | $(M, D_y)$ |
# | 代价 $J$ | $-\frac{1}{M} \sum_{m} \sum_j Y_{mj} \log \hat{Y}_{mj}$ | 标量 |
#
# 其中 $W_1: (D_x, H)$，$\mathbf{b}_1: (H,)$，$W_2: (H, D_y)$，$\mathbf{b}_2: (D_y,)$。偏置行会在 $M$ 行上广播。代价取的是小批量上的**平均值**，所以梯度下降的步长不依赖于批量的大小。

# %% [markdown]
# ## 2. Backpropagation, step by step (Question 2 (c))
#
# Go backwards through the table, one line at a time; each step is the chain rule.
#
# 1. **Output scores.** By notebook 2 (Question 2 b), for one example
#    $\partial CE / \partial \mathbf{z}_2 = \hat{\mathbf{y}} - \mathbf{y}$. With the mean over
#    $M$ rows: $\delta_2 = \partial J / \partial Z_2 = (\hat{Y} - Y) / M$, shape $(M, D_y)$.
# 2. **Second layer.** $Z_2 = \mathbf{h} W_2 + \mathbf{b}_2$, so
#    $\partial J / \partial W_2 = \mathbf{h}^\top \delta_2$, shape $(H, M)(M, D_y) = (H, D_y)$,
#    and $\partial J / \partial \mathbf{b}_2 = \sum_m \delta_{2,m}$ (sum over rows), shape $(D_y,)$:
#    the bias is added to every row, so its gradient collects every row's.
# 3. **Into the hidden layer.** $\partial J / \partial \mathbf{h} = \delta_2 W_2^\top$, shape
#    $(M, D_y)(D_y, H) = (M, H)$.
# 4. **Through the sigmoid**, element-wise:
#    $\delta_1 = \partial J / \partial Z_1 = (\delta_2 W_2^\top) \circ \sigma'(Z_1)
#    = (\delta_2 W_2^\top) \circ \mathbf{h} \circ (1 - \mathbf{h})$, shape $(M, H)$. Here
#    `sigmoid_grad(h)` pays off: we already have $\mathbf{h}$.
# 5. **First layer.** $\partial J / \partial W_1 = X^\top \delta_1$, shape $(D_x, H)$;
#    $\partial J / \partial \mathbf{b}_1 = \sum_m \delta_{1,m}$, shape $(H,)$.
#
# **The order of a product is not free.** In step 2, $\mathbf{h}^\top \delta_2$ has $W_2$'s shape;
# $\delta_2^\top \mathbf{h}$ has its transpose, and $\delta_2 \mathbf{h}$ does not even exist. Shapes
# catch this mistake at once. The product also *is* the sum over the minibatch: row $m$
# contributes the outer product $\mathbf{h}_m^\top \delta_{2,m}$, so one matrix product does
# what a loop over examples would:

# %% [markdown] lang="zh"
# ## 2. 一步一步做反向传播（问题 2 (c)）
#
# 沿着上表从下往上倒着走，一次一行；每一步都是链式法则。
#
# 1. **输出分数。** 由笔记本 2（问题 2 b），对单个样本有
#    $\partial CE / \partial \mathbf{z}_2 = \hat{\mathbf{y}} - \mathbf{y}$。对 $M$ 行取平均后：$\delta_2 = \partial J / \partial Z_2 = (\hat{Y} - Y) / M$，形状为 $(M, D_y)$。
# 2. **第二层。** $Z_2 = \mathbf{h} W_2 + \mathbf{b}_2$，所以
#    $\partial J / \partial W_2 = \mathbf{h}^\top \delta_2$，形状为 $(H, M)(M, D_y) = (H, D_y)$；而 $\partial J / \partial \mathbf{b}_2 = \sum_m \delta_{2,m}$（对各行求和），形状为 $(D_y,)$：偏置加到了每一行上，所以它的梯度要把每一行的梯度都收集起来。
# 3. **进入隐藏层。** $\partial J / \partial \mathbf{h} = \delta_2 W_2^\top$，形状为
#    $(M, D_y)(D_y, H) = (M, H)$。
# 4. **穿过 sigmoid**，逐元素计算：$\delta_1 = \partial J / \partial Z_1 = (\delta_2 W_2^\top) \circ \sigma'(Z_1)
#    = (\delta_2 W_2^\top) \circ \mathbf{h} \circ (1 - \mathbf{h})$，形状为 $(M, H)$。这时
#    `sigmoid_grad(h)` 就派上用场了：我们手里已经有 $\mathbf{h}$。
# 5. **第一层。** $\partial J / \partial W_1 = X^\top \delta_1$，形状为 $(D_x, H)$；$\partial J / \partial \mathbf{b}_1 = \sum_m \delta_{1,m}$，形状为 $(H,)$。
#
# **乘积的顺序不能随意。** 在第 2 步中，$\mathbf{h}^\top \delta_2$ 的形状与 $W_2$ 相同；$\delta_2^\top \mathbf{h}$ 的形状是它的转置，而 $\delta_2 \mathbf{h}$ 根本无法相乘。形状能立刻暴露这种错误。这个乘积本身*就是*对小批量的求和：第 $m$ 行贡献外积 $\mathbf{h}_m^\top \delta_{2,m}$，所以一次矩阵乘法就完成了对样本逐个循环所做的事：

# %%
rng = np.random.default_rng(0)
M, H, D_y = 4, 3, 2
h_demo, delta2_demo = rng.random((M, H)), rng.standard_normal((M, D_y))
print("h.T @ delta2:", (h_demo.T @ delta2_demo).shape, "(H, D_y), the shape of W2")
print("delta2.T @ h:", (delta2_demo.T @ h_demo).shape, "(D_y, H), the transpose: the wrong order")
try:
    delta2_demo @ h_demo
except ValueError as error:
    print("delta2 @ h:   ValueError:", error)
loop_sum = sum(np.outer(h_demo[m], delta2_demo[m]) for m in range(M))
difference = np.abs(h_demo.T @ delta2_demo - loop_sum).max()
print("largest |h.T @ delta2 - sum of the M outer products|:", difference)

# %% [markdown]
# **Question 2 (c), 3 points.** Derive the gradient of the cost with respect to the *input*
# $\mathbf{x}$ of a single example (one row, $M = 1$): $\partial J / \partial \mathbf{x} = \;?$
# Give the result in terms of $\hat{\mathbf{y}}, \mathbf{y}, W_1, W_2, \mathbf{h}$ and state
# its shape. (This gradient is what word2vec uses to learn its input vectors.)

# %% [markdown] lang="zh"
# **问题 2 (c)，3 分。** 对单个样本（一行，$M = 1$），推导代价对*输入* $\mathbf{x}$ 的梯度：$\partial J / \partial \mathbf{x} = \;?$ 用 $\hat{\mathbf{y}}, \mathbf{y}, W_1, W_2, \mathbf{h}$ 表示结果，并写出它的形状。（word2vec 正是用这个梯度来学习它的输入向量。）

# %% [markdown] answer="q2c_input_gradient" points=3
# With $\mathbf{z}_1 = \mathbf{x} W_1 + \mathbf{b}_1$, $\mathbf{h} = \sigma(\mathbf{z}_1)$,
# $\mathbf{z}_2 = \mathbf{h} W_2 + \mathbf{b}_2$ and $\hat{\mathbf{y}} = \operatorname{softmax}(\mathbf{z}_2)$
# (row vectors):
#
# * $\delta_2 = \partial J / \partial \mathbf{z}_2 = \hat{\mathbf{y}} - \mathbf{y}$, shape $(1, D_y)$;
# * $\partial J / \partial \mathbf{h} = \delta_2 W_2^\top$, shape $(1, H)$;
# * $\delta_1 = \partial J / \partial \mathbf{z}_1 = \delta_2 W_2^\top \circ \mathbf{h} \circ (1 - \mathbf{h})$,
#   shape $(1, H)$, because $\sigma' = \sigma (1 - \sigma)$ acts element-wise;
# * $\mathbf{z}_1$ depends on $\mathbf{x}$ through $W_1$, so
#
# $$\frac{\partial J}{\partial \mathbf{x}} = \delta_1 W_1^\top
# = \Big( (\hat{\mathbf{y}} - \mathbf{y}) W_2^\top \circ \mathbf{h} \circ (1 - \mathbf{h}) \Big) W_1^\top ,$$
#
# shape $(1, H)(H, D_x) = (1, D_x)$, the shape of $\mathbf{x}$, as it must be.

# %% [markdown] lang="zh"
# 记 $\mathbf{z}_1 = \mathbf{x} W_1 + \mathbf{b}_1$，$\mathbf{h} = \sigma(\mathbf{z}_1)$，$\mathbf{z}_2 = \mathbf{h} W_2 + \mathbf{b}_2$，$\hat{\mathbf{y}} = \operatorname{softmax}(\mathbf{z}_2)$（都是行向量）：
#
# * $\delta_2 = \partial J / \partial \mathbf{z}_2 = \hat{\mathbf{y}} - \mathbf{y}$，形状为 $(1, D_y)$；
# * $\partial J / \partial \mathbf{h} = \delta_2 W_2^\top$，形状为 $(1, H)$；
# * $\delta_1 = \partial J / \partial \mathbf{z}_1 = \delta_2 W_2^\top \circ \mathbf{h} \circ (1 - \mathbf{h})$，形状为 $(1, H)$，因为 $\sigma' = \sigma (1 - \sigma)$ 是逐元素作用的；
# * $\mathbf{z}_1$ 通过 $W_1$ 依赖于 $\mathbf{x}$，所以
#
# $$\frac{\partial J}{\partial \mathbf{x}} = \delta_1 W_1^\top
# = \Big( (\hat{\mathbf{y}} - \mathbf{y}) W_2^\top \circ \mathbf{h} \circ (1 - \mathbf{h}) \Big) W_1^\top ,$$
#
# 形状为 $(1, H)(H, D_x) = (1, D_x)$，与 $\mathbf{x}$ 的形状相同，理应如此。

# %% [markdown]
# ## 3. How many parameters? (Question 2 (d))
#
# `forward_backward_prop` receives all parameters packed into **one flat vector**, in the order
# $W_1, \mathbf{b}_1, W_2, \mathbf{b}_2$, each matrix row by row. That is the form the gradient
# checker and SGD want: one vector $\mathbf{x}$ and one gradient of the same shape.
#
# **Question 2 (d), 2 points.** How many parameters does the network have, for input dimension
# $D_x$, $H$ hidden units and $D_y$ outputs? Explain the count in the answer cell, then write it
# as a function, `param_count`, in the code cell after it; the cell after that compares your
# function with a count of the arrays' entries.

# %% [markdown] lang="zh"
# ## 3. 有多少个参数？（问题 2 (d)）
#
# `forward_backward_prop` 接收的所有参数被打包成**一个扁平向量**，顺序为 $W_1, \mathbf{b}_1, W_2, \mathbf{b}_2$，每个矩阵按行展开。这正是梯度检验器和随机梯度下降（SGD）需要的形式：一个向量 $\mathbf{x}$，以及一个同样形状的梯度。
#
# **问题 2 (d)，2 分。** 输入维度为 $D_x$、隐藏单元有 $H$ 个、输出有 $D_y$ 个时，这个网络有多少个参数？在回答单元格中解释你的计数，然后在它后面的代码单元格中把它写成函数 `param_count`；再后面的单元格会把你的函数与几个数组的元素总数进行比较。

# %% [markdown] answer="q2d_parameter_count" points=2
# $W_1$ has $D_x H$ entries and $\mathbf{b}_1$ has $H$; $W_2$ has $H D_y$ and $\mathbf{b}_2$
# has $D_y$. In total
#
# $$D_x H + H + H D_y + D_y = (D_x + 1) H + (H + 1) D_y .$$
#
# Each hidden unit has one weight per input plus a bias ($D_x + 1$), each output unit one weight
# per hidden unit plus a bias ($H + 1$). For the sanity check below, $(D_x, H, D_y) = (10, 5, 10)$:
# $11 \cdot 5 + 6 \cdot 10 = 115$ parameters.

# %% [markdown] lang="zh"
# $W_1$ 有 $D_x H$ 个元素，$\mathbf{b}_1$ 有 $H$ 个；$W_2$ 有 $H D_y$ 个，$\mathbf{b}_2$ 有 $D_y$ 个。合计
#
# $$D_x H + H + H D_y + D_y = (D_x + 1) H + (H + 1) D_y .$$
#
# 每个隐藏单元对每个输入有一个权重，再加一个偏置（$D_x + 1$）；每个输出单元对每个隐藏单元有一个权重，再加一个偏置（$H + 1$）。对下面合理性检查中的 $(D_x, H, D_y) = (10, 5, 10)$：共 $11 \cdot 5 + 6 \cdot 10 = 115$ 个参数。

# %% exercise="param_count"
def param_count(dimensions):
    """Question 2 (d): the number of parameters for dimensions = (Dx, H, Dy), as an int."""
    dx, h, dy = dimensions
    ### BEGIN SOLUTION
    return (dx + 1) * h + (h + 1) * dy
    ### END SOLUTION

# %% [markdown]
# These helpers give the four arrays' shapes and cut the flat vector into the four arrays (as
# views: no copying). `log_softmax` computes $\log \operatorname{softmax}(\mathbf{z})$ directly,
# which stays finite where $\hat{y}$ itself underflows to 0 and $\log \hat{y}$ would be
# $-\infty$: use it for the cost. The loop at the end checks your `param_count`.

# %% [markdown] lang="zh"
# 下面这些辅助函数给出四个数组的形状，并把扁平向量切分成这四个数组（切出的是视图，不复制数据）。`log_softmax` 直接计算 $\log \operatorname{softmax}(\mathbf{z})$：即使 $\hat{y}$ 本身下溢为 0、$\log \hat{y}$ 会变成 $-\infty$，它的结果仍然是有限的。计算代价时请用它。最后的循环会检查你的 `param_count`。

# %% provided=true
def parameter_shapes(dimensions):
    """The shapes of W1 (Dx, H), b1 (H,), W2 (H, Dy), b2 (Dy,), in the order they are packed."""
    dx, h, dy = (int(d) for d in dimensions)
    return [(dx, h), (h,), (h, dy), (dy,)]


def entries(dimensions):
    """How many numbers the four arrays hold together: the length of the flat vector."""
    return sum(int(np.prod(shape)) for shape in parameter_shapes(dimensions))


def unpack_params(params, dimensions):
    """Views of W1 (Dx, H), b1 (H,), W2 (H, Dy), b2 (Dy,) into the flat vector params."""
    shapes = parameter_shapes(dimensions)
    sizes = [int(np.prod(shape)) for shape in shapes]
    params = np.asarray(params, dtype=np.float64)
    if params.shape != (sum(sizes),):
        raise ValueError(
            f"params must be a flat vector of {sum(sizes)} numbers (W1, b1, W2, b2 packed in that "
            f"order) for dimensions {tuple(dimensions)}; got shape {params.shape}"
        )
    pieces = np.split(params, np.cumsum(sizes)[:-1])
    return tuple(piece.reshape(shape) for piece, shape in zip(pieces, shapes, strict=True))


# include: solutions.softmax:log_softmax


for dims in [(10, 5, 10), (2, 30, 3), (50, 1, 7), (1, 1, 1), (300, 100, 5)]:
    try:
        yours = param_count(dims)
    except NotImplementedError:
        print("param_count is not written yet: write it in the cell above (Question 2 (d)).")
        break
    verdict = "agrees" if yours == entries(dims) else "DIFFERS: recount the weights and the biases"
    print(f"(Dx, H, Dy) = {dims}: param_count {yours}, entries of the four arrays {entries(dims)}: {verdict}")

# %% [markdown]
# ## 4. Forward and backward (Question 2 (g))
#
# **Question 2 (g).** Write `forward_backward_prop(X, labels, params, dimensions)`, returning the mean cross-entropy
# cost and its gradient with respect to `params`, packed like `params`
# (`np.concatenate` of the four gradients, matrices flattened with `.ravel()`). No loop over
# examples: every step of section 2 is one matrix expression for the whole minibatch.

# %% [markdown] lang="zh"
# ## 4. 前向与反向（问题 2 (g)）
#
# **问题 2 (g)。** 编写 `forward_backward_prop(X, labels, params, dimensions)`，返回平均交叉熵代价，以及它对 `params` 的梯度，梯度的打包方式与 `params` 相同（用 `np.concatenate` 拼接四个梯度，矩阵用
# `.ravel()` 展平）。不要对样本做循环：第 2 节的每一步都是针对整个小批量的一个矩阵表达式。

# %% solution="forward_backward_prop"

# %% tests="forward_backward_prop"

# %% [markdown]
# ### Gradient check
#
# The assignment's sanity check: a few random examples, $(D_x, H, D_y) = (10, 5, 10)$, random
# labels, random parameters. `gradcheck_naive` compares every partial derivative with centred
# differences.

# %% [markdown] lang="zh"
# ### 梯度检验
#
# 作业中的合理性检查：几个随机样本，$(D_x, H, D_y) = (10, 5, 10)$，随机标签，随机参数。`gradcheck_naive` 把每一个偏导数与中心差分进行比较。

# %%
rng = np.random.default_rng(31415)
M, dimensions = 20, (10, 5, 10)
X = rng.standard_normal((M, dimensions[0]))
labels = np.eye(dimensions[2])[rng.integers(0, dimensions[2], M)]
params = rng.standard_normal(entries(dimensions))
n = entries(dimensions)
print(f"{M} examples, {n} parameters, so {n} partial derivatives to check")
gradcheck_naive(lambda p: forward_backward_prop(X, labels, p, dimensions), params)

# %% [markdown]
# ## 5. Watch it learn
#
# The network can draw curved boundaries that a linear classifier cannot. Three interleaved
# spirals of 2-D points, one class each, $H = 30$ hidden units, full-batch gradient descent on
# your `forward_backward_prop`, twice from the same start:
#
# * **plain** gradient descent, $\mathbf{x} \leftarrow \mathbf{x} - \eta\, \nabla J$;
# * with **momentum**, $\mathbf{v} \leftarrow \mu \mathbf{v} - \eta\, \nabla J$,
#   $\mathbf{x} \leftarrow \mathbf{x} + \mathbf{v}$: the step keeps a running memory of the past
#   gradients ($\mu = 0.9$), so it speeds up along directions where the gradients agree.
#
# The work is bounded whatever your code's style: the same number of steps on a small data
# set, and a run stops early (and says so) if your function is so slow that it would take
# longer than `TIME_BUDGET` seconds.

# %% [markdown] lang="zh"
# ## 5. 看着它学习
#
# 这个网络能画出线性分类器画不出的弯曲边界。三条相互交错的二维点螺旋线，每条是一个类别；隐藏单元
# $H = 30$ 个；用你的 `forward_backward_prop` 做全批量梯度下降，从同一个起点出发训练两次：
#
# * **普通**梯度下降，$\mathbf{x} \leftarrow \mathbf{x} - \eta\, \nabla J$；
# * 带**动量**的梯度下降，$\mathbf{v} \leftarrow \mu \mathbf{v} - \eta\, \nabla J$，$\mathbf{x} \leftarrow \mathbf{x} + \mathbf{v}$：每一步都带着对过去梯度的累积记忆（$\mu = 0.9$），因此在各次梯度方向一致的方向上会越走越快。
#
# 无论你的代码是什么写法，计算量都有上限：在一个小数据集上走相同的步数；如果你的函数慢到训练会超过
# `TIME_BUDGET` 秒，训练会提前停止（并给出说明）。

# %%
def spirals(points_per_class, classes, rng):
    X, y = [], []
    for k in range(classes):
        r = np.linspace(0.05, 1.0, points_per_class)
        t = np.linspace(k * 2 * np.pi / classes, k * 2 * np.pi / classes + 3.5, points_per_class)
        t = t + rng.normal(0.0, 0.15, points_per_class)
        X.append(np.column_stack([r * np.cos(t), r * np.sin(t)]))
        y.append(np.full(points_per_class, k))
    return np.vstack(X), np.concatenate(y)


def train(params, momentum, steps, step_size, time_budget):
    """Full-batch gradient descent (with momentum if > 0) on the spirals; returns params, costs, seconds."""
    params, velocity, costs = params.copy(), np.zeros_like(params), []
    start = time.perf_counter()
    for _ in range(steps):
        cost, grad = forward_backward_prop(X_toy, Y_toy, params, dims_toy)
        velocity = momentum * velocity - step_size * grad
        params += velocity
        costs.append(cost)
        if time.perf_counter() - start > time_budget:
            print(f"stopped after {len(costs)} of {steps} steps: {time_budget} s are up"
                  " (is there a Python loop over the examples in forward_backward_prop?)")
            break
    return params, costs, time.perf_counter() - start


def predict(X, params, dims):
    w1, b1, w2, b2 = unpack_params(params, dims)
    return np.argmax(sigmoid(X @ w1 + b1) @ w2 + b2, axis=1)


STEPS, STEP_SIZE, TIME_BUDGET = 400, 1.0, 25.0
rng = np.random.default_rng(7)
X_toy, y_toy = spirals(60, 3, rng)
dims_toy = (2, 30, 3)
Y_toy = np.eye(3)[y_toy]
start_params = rng.normal(0.0, 1.0, entries(dims_toy))
runs = {}
for name, momentum in (("plain", 0.0), ("momentum 0.9", 0.9)):
    runs[name] = train(start_params, momentum, STEPS, STEP_SIZE, TIME_BUDGET)
    params_run, costs_run, seconds = runs[name]
    accuracy = np.mean(predict(X_toy, params_run, dims_toy) == y_toy)
    print(f"{name:13}: {len(costs_run)} steps on {len(X_toy)} points in {seconds:.1f} s,"
          f" final cost {costs_run[-1]:.4f}, training accuracy {accuracy:.0%}")

params_toy = runs["momentum 0.9"][0]
grid = np.linspace(-1.2, 1.2, 200)
gx, gy = np.meshgrid(grid, grid)
regions = predict(np.column_stack([gx.ravel(), gy.ravel()]), params_toy, dims_toy).reshape(gx.shape)
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
for name, (_, costs_run, _) in runs.items():
    ax1.plot(costs_run, label=name)
ax1.set(xlabel="gradient descent step", ylabel="mean cross-entropy", yscale="log", title="Training cost")
ax1.legend()
ax2.contourf(gx, gy, regions, levels=[-0.5, 0.5, 1.5, 2.5], alpha=0.25, cmap="viridis")
ax2.scatter(X_toy[:, 0], X_toy[:, 1], c=y_toy, s=12, cmap="viridis")
accuracy_toy = np.mean(predict(X_toy, params_toy, dims_toy) == y_toy) * 100
ax2.set(title=f"Decision regions, momentum (training accuracy {accuracy_toy:.0f}%)", aspect="equal")
plt.tight_layout()
plt.show()

# %% [markdown]
# **Next:** notebook 4 uses the same ingredients (a softmax over scores, cross-entropy, the
# gradient with respect to an input vector) to learn word vectors.

# %% [markdown] lang="zh"
# **下一步：** 笔记本 4 用同样的原料（对分数做 softmax、交叉熵、对输入向量的梯度）来学习词向量。

# %% strings="zh"
# The Chinese edition's version of what the code cells print and draw: each key is a
# string literal exactly as the code above writes it, each value its Chinese text (the
# same {placeholders}). notebooks/build.py swaps them into the Chinese edition only.
{
    'f"{notebook} is not in this folder; keep the assignment\'s notebooks together."':
        'f"{notebook} 不在这个文件夹里：请把本作业的各个笔记本放在一起。"',
    'f"{notebook} does not define {\', \'.join(missing)}"':
        'f"{notebook} 没有定义 {\', \'.join(missing)}"',
    '"(H, D_y), the shape of W2"':
        '"(H, D_y)，即 W2 的形状"',
    '"(D_y, H), the transpose: the wrong order"':
        '"(D_y, H)，是转置：顺序错了"',
    '"largest |h.T @ delta2 - sum of the M outer products|:"':
        '"|h.T @ delta2 - M 个外积之和| 的最大值："',
    'f"params must be a flat vector of {sum(sizes)} numbers (W1, b1, W2, b2 packed in that "\n            f"order) for dimensions {tuple(dimensions)}; got shape {params.shape}"':
        'f"params 必须是含 {sum(sizes)} 个数的一维向量（按 W1、b1、W2、b2 的顺序拼接），" f"对应维度 {tuple(dimensions)}；收到的形状是 {params.shape}"',
    '"param_count is not written yet: write it in the cell above (Question 2 (d))."':
        '"param_count 还没有写：请在上面的单元格里写出它（问题 2 (d)）。"',
    '"DIFFERS: recount the weights and the biases"':
        '"不一致：请重新数一数权重和偏置"',
    'f"(Dx, H, Dy) = {dims}: param_count {yours}, entries of the four arrays {entries(dims)}: {verdict}"':
        'f"(Dx, H, Dy) = {dims}：param_count 为 {yours}，四个数组的元素个数为 {entries(dims)}：{verdict}"',
    'f"{M} examples, {n} parameters, so {n} partial derivatives to check"':
        'f"{M} 个样本，{n} 个参数，所以要检查 {n} 个偏导数"',
    'f"stopped after {len(costs)} of {steps} steps: {time_budget} s are up"\n                  " (is there a Python loop over the examples in forward_backward_prop?)"':
        'f"在第 {len(costs)} 步（共 {steps} 步）后停止：{time_budget} 秒的时间已用完" "（forward_backward_prop 里是不是有对样本的 Python 循环？）"',
    'f"{name:13}: {len(costs_run)} steps on {len(X_toy)} points in {seconds:.1f} s,"\n          f" final cost {costs_run[-1]:.4f}, training accuracy {accuracy:.0%}"':
        'f"{name:13}：{len(costs_run)} 步，{len(X_toy)} 个点，用时 {seconds:.1f} 秒，" f"最终损失 {costs_run[-1]:.4f}，训练准确率 {accuracy:.0%}"',
    '"gradient descent step"':
        '"梯度下降的步数"',
    '"mean cross-entropy"':
        '"平均交叉熵"',
    '"Training cost"':
        '"训练损失"',
    'f"Decision regions, momentum (training accuracy {accuracy_toy:.0f}%)"':
        'f"决策区域，动量法（训练准确率 {accuracy_toy:.0f}%）"',
    '"agrees"':
        '"一致"',
}
