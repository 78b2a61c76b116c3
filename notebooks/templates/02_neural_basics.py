# Template of a notebook: `python -m notebooks.build` turns it into course/source/a1/*.ipynb.
# Code is assembled at build time (includes, solutions), so lint the built notebooks instead:
# ruff: noqa
# %% [markdown]
# # CS224n Assignment 1, part 2: Neural network basics (handout question 2, parts a, b, e, f)
#
# Three tools that every later notebook relies on:
# 1. the **sigmoid** $\sigma(x) = 1 / (1 + e^{-x})$ and its derivative, written through its
#    own value (**Questions 2 (e)** and **2 (a)**);
# 2. the gradient of the **cross-entropy loss** of a softmax output, which turns out to be the
#    famously simple $\hat{\mathbf{y}} - \mathbf{y}$ (**Question 2 (b)**), and its two-class
#    twin, the **binary cross-entropy** of a sigmoid output, which negative sampling uses;
# 3. a **gradient checker**: the numeric test that tells you whether the gradient you derived
#    by hand (and coded) is right (**Question 2 (f)**). You will use it on everything in
#    notebooks 3 and 4.
#
# Parts (c), (d) and (g) of question 2, the two-layer network, are notebook 3.
#
# As in notebook 1: fill in the cells marked `YOUR CODE HERE` and `YOUR ANSWER HERE`; the cell
# after each function checks it.

# %% [markdown] lang="zh"
# # CS224n 作业 1，第 2 部分：神经网络基础（讲义问题 2 的 a、b、e、f 小题）
#
# 后面每个笔记本都要用到的三件工具：
# 1. **sigmoid** 函数 $\sigma(x) = 1 / (1 + e^{-x})$ 及其导数，导数用 sigmoid 自身的值来表示（**问题 2 (e)** 和 **2 (a)**）；
# 2. softmax 输出的**交叉熵损失**的梯度，结果正是那个著名的简洁形式 $\hat{\mathbf{y}} - \mathbf{y}$（**问题 2 (b)**）；以及它在两类情形下的孪生兄弟，即 sigmoid 输出的**二元交叉熵**，负采样用的就是它；
# 3. 一个**梯度检验器**：用数值方法检验你手工推导（并写成代码）的梯度是否正确（**问题 2 (f)**）。笔记本 3 和 4 中的每个梯度你都要用它来检验。
#
# 问题 2 的 (c)、(d)、(g) 小题，即两层网络，在笔记本 3 中。
#
# 与笔记本 1 一样：填写标有 `YOUR CODE HERE` 和 `YOUR ANSWER HERE` 的单元格；每个函数后面的单元格会检查它。

# %% provided=true
import random
import warnings
from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np

from autograder.notebook import check

plt.rcParams["figure.dpi"] = 100
np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# ## 1. The sigmoid (Question 2 (e), first half)
#
# $$\sigma(x) = \frac{1}{1 + e^{-x}}$$
#
# squashes any real number into $(0, 1)$. Written naively it has the same trouble as the
# softmax: for $x = -1000$, $e^{-x} = e^{1000}$ overflows. The answer, $1 / (1 + \infty) = 0$,
# happens to be right, but NumPy warns, and inside a larger computation (for example
# $e^{x} / (1 + e^{x})$ for large positive $x$) the same overflow gives `nan`:

# %% [markdown] lang="zh"
# ## 1. sigmoid 函数（问题 2 (e) 前半部分）
#
# $$\sigma(x) = \frac{1}{1 + e^{-x}}$$
#
# 把任意实数压缩到 $(0, 1)$ 之间。照字面直接实现，它会遇到与 softmax 相同的麻烦：当 $x = -1000$ 时，$e^{-x} = e^{1000}$ 会上溢。结果 $1 / (1 + \infty) = 0$ 碰巧是对的，但 NumPy 会发出警告；而在更大的计算中（例如对很大的正数 $x$ 计算 $e^{x} / (1 + e^{x})$），同样的上溢会得到 `nan`：

# %%
x = np.array([-1000.0, 0.0, 1000.0])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print("1 / (1 + exp(-x))     =", 1 / (1 + np.exp(-x)))
    print("exp(x) / (1 + exp(x)) =", np.exp(x) / (1 + np.exp(x)))
for warning in caught:
    print("    NumPy warned:", warning.message)

# %% [markdown]
# Each form is safe on one side: $1 / (1 + e^{-x})$ for $x \ge 0$ (then $e^{-x} \le 1$) and
# $e^{x} / (1 + e^{x})$ for $x < 0$ (then $e^{x} < 1$). Both are the same function, so use
# each where it is safe. A tidy way: compute `e = np.exp(-np.abs(x))`, which is always in
# $(0, 1]$, and pick the form with `np.where(x >= 0, ..., ...)`.
#
# **Question 2 (e), first half.** Write `sigmoid(x)` for an array of any shape (or a plain
# number): element-wise, no `nan` and no overflow warning for $|x|$ up to $10^4$. A 0-d input
# should give a plain number back (`s[()]` does that).

# %% [markdown] lang="zh"
# 两种写法各在一侧是安全的：$1 / (1 + e^{-x})$ 用于 $x \ge 0$（此时 $e^{-x} \le 1$），$e^{x} / (1 + e^{x})$ 用于 $x < 0$（此时 $e^{x} < 1$）。两者是同一个函数，所以各用在自己安全的一侧即可。一种简洁的做法：先算 `e = np.exp(-np.abs(x))`，它总在 $(0, 1]$ 之中，再用 `np.where(x >= 0, ..., ...)`
# 选择写法。
#
# **问题 2 (e)，前半部分。** 编写 `sigmoid(x)`，输入是任意形状的数组（或一个普通的数）：逐元素计算，在 $|x|$ 不超过 $10^4$ 时既不出现 `nan`，也不出现上溢警告。0 维输入应返回一个普通的数（`s[()]` 可以做到）。

# %% solution="sigmoid"

# %% tests="sigmoid"

# %% [markdown]
# ## 2. The derivative of the sigmoid (Question 2 (a); Question 2 (e), second half)
#
# **Question 2 (a), 2 points.** Show that $\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$.
# This is why `sigmoid_grad` takes $s = \sigma(x)$, not $x$: in backpropagation we already
# have $s$ from the forward pass, so the derivative costs one multiplication.

# %% [markdown] lang="zh"
# ## 2. sigmoid 的导数（问题 2 (a)；问题 2 (e) 后半部分）
#
# **问题 2 (a)，2 分。** 证明 $\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$。这就是 `sigmoid_grad` 接收 $s = \sigma(x)$ 而不是 $x$ 的原因：在反向传播中，我们已经从前向传播中得到了
# $s$，于是求导只需要一次乘法。

# %% [markdown] answer="q2a_sigmoid_derivative" points=2
# Write $\sigma(x) = (1 + e^{-x})^{-1}$ and use the chain rule:
#
# $$\sigma'(x) = -(1 + e^{-x})^{-2} \cdot \frac{d}{dx}(1 + e^{-x})
# = \frac{e^{-x}}{(1 + e^{-x})^2}
# = \underbrace{\frac{1}{1 + e^{-x}}}_{\sigma(x)} \cdot \underbrace{\frac{e^{-x}}{1 + e^{-x}}}_{1 - \sigma(x)} .$$
#
# The second factor is $1 - \sigma(x)$ because
# $1 - \frac{1}{1 + e^{-x}} = \frac{1 + e^{-x} - 1}{1 + e^{-x}} = \frac{e^{-x}}{1 + e^{-x}}$.
# Hence $\sigma'(x) = \sigma(x)(1 - \sigma(x))$.

# %% [markdown] lang="zh"
# 记 $\sigma(x) = (1 + e^{-x})^{-1}$，利用链式法则：
#
# $$\sigma'(x) = -(1 + e^{-x})^{-2} \cdot \frac{d}{dx}(1 + e^{-x})
# = \frac{e^{-x}}{(1 + e^{-x})^2}
# = \underbrace{\frac{1}{1 + e^{-x}}}_{\sigma(x)} \cdot \underbrace{\frac{e^{-x}}{1 + e^{-x}}}_{1 - \sigma(x)} .$$
#
# 第二个因子等于 $1 - \sigma(x)$，因为
# $1 - \frac{1}{1 + e^{-x}} = \frac{1 + e^{-x} - 1}{1 + e^{-x}} = \frac{e^{-x}}{1 + e^{-x}}$。因此 $\sigma'(x) = \sigma(x)(1 - \sigma(x))$。

# %% [markdown]
# **Question 2 (e), second half.** Write `sigmoid_grad(s)`: given `s = sigmoid(x)` of any shape, return $\sigma'(x)$.

# %% [markdown] lang="zh"
# **问题 2 (e)，后半部分。** 编写 `sigmoid_grad(s)`：给定任意形状的 `s = sigmoid(x)`，返回 $\sigma'(x)$。

# %% solution="sigmoid_grad"

# %% tests="sigmoid_grad"

# %% [markdown]
# The sigmoid and its derivative. The derivative is largest at $x = 0$, where $\sigma = 1/2$ and
# $\sigma' = \frac12 (1 - \frac12) = \frac14$, and it is almost 0 once $|x|$ is a few units: a
# saturated sigmoid unit passes almost no gradient back, one reason deep networks built on
# sigmoids learn slowly. The cell prints how small it gets. The plot also shows a symmetry
# worth remembering: $\sigma(-x) = 1 - \sigma(x)$ (multiply numerator and denominator of
# $1 / (1 + e^{x})$ by $e^{-x}$). So "the probability of *no*" is the sigmoid of the negated
# score, which is how negative sampling writes its negatives in notebook 4.

# %% [markdown] lang="zh"
# sigmoid 函数及其导数。导数在 $x = 0$ 处最大，此时 $\sigma = 1/2$，$\sigma' = \frac12 (1 - \frac12) = \frac14$；而一旦 $|x|$ 达到几个单位，导数就几乎为 0：饱和的 sigmoid
# 单元几乎不往回传递梯度，这是以 sigmoid 为基础的深层网络学得慢的原因之一。下面的单元格会打印出它能变得多小。图中还展示了一个值得记住的对称性：$\sigma(-x) = 1 - \sigma(x)$（把 $1 / (1 + e^{x})$ 的分子和分母同乘以
# $e^{-x}$ 即可得到）。所以“*否*的概率”就是取负之后的分数的 sigmoid，笔记本 4 中负采样正是这样写出负样本的。

# %%
x = np.linspace(-8, 8, 401)
s = sigmoid(x)
fig, ax = plt.subplots(figsize=(7, 3.2))
ax.plot(x, s, lw=2, label=r"$\sigma(x)$")
ax.plot(x, sigmoid(-x), lw=1, ls="--", label=r"$\sigma(-x) = 1 - \sigma(x)$")
ax.plot(x, sigmoid_grad(s), lw=2, label=r"$\sigma'(x) = \sigma(x)(1 - \sigma(x))$")
ax.axhline(sigmoid_grad(sigmoid(0.0)), color="gray", lw=0.8, ls=":")
ax.set(xlabel="x", title="The sigmoid and its derivative")
ax.legend(fontsize=8)
plt.show()
print(f"largest derivative: {sigmoid_grad(s).max():.4f} at x = {x[np.argmax(sigmoid_grad(s))]:g}")
for point in (2.0, 5.0, 8.0):
    print(f"sigma'({point:g}) = {sigmoid_grad(sigmoid(point)):.5f}"
          f" = {sigmoid_grad(sigmoid(point)) / sigmoid_grad(sigmoid(0.0)):.2%} of the largest")
print("largest |sigma(-x) - (1 - sigma(x))| on the plot:", np.abs(sigmoid(-x) - (1 - s)).max())

# %% [markdown]
# ## 3. The gradient of the cross-entropy loss (Question 2 (b))
#
# A classifier outputs scores $\boldsymbol{\theta} \in \mathbb{R}^{D}$, turns them into
# probabilities $\hat{\mathbf{y}} = \operatorname{softmax}(\boldsymbol{\theta})$, and pays the
# cross-entropy loss against the one-hot label $\mathbf{y}$ (1 at the true class $k$):
#
# $$CE(\mathbf{y}, \hat{\mathbf{y}}) = -\sum_i y_i \log \hat{y}_i = -\log \hat{y}_k .$$
#
# **Question 2 (b), 3 points.** Derive the gradient of $CE$ with respect to the scores
# $\boldsymbol{\theta}$ and show that it is $\hat{\mathbf{y}} - \mathbf{y}$. (Two routes work: write
# $\log \hat{y}_k$ out in terms of $\boldsymbol{\theta}$, or use the chain rule with the softmax
# Jacobian of notebook 1, section 4.)

# %% [markdown] lang="zh"
# ## 3. 交叉熵损失的梯度（问题 2 (b)）
#
# 分类器输出分数 $\boldsymbol{\theta} \in \mathbb{R}^{D}$，把它们变成概率
# $\hat{\mathbf{y}} = \operatorname{softmax}(\boldsymbol{\theta})$，再相对于独热标签 $\mathbf{y}$（在真实类别 $k$ 处为 1，其余为 0）计算交叉熵损失：
#
# $$CE(\mathbf{y}, \hat{\mathbf{y}}) = -\sum_i y_i \log \hat{y}_i = -\log \hat{y}_k .$$
#
# **问题 2 (b)，3 分。** 推导 $CE$ 对分数 $\boldsymbol{\theta}$ 的梯度，并证明它等于 $\hat{\mathbf{y}} - \mathbf{y}$。（两条路都走得通：把 $\log \hat{y}_k$ 用 $\boldsymbol{\theta}$ 展开写出来；或者利用链式法则和笔记本 1 第 4 节中
# softmax 的雅可比矩阵。）

# %% [markdown] answer="q2b_cross_entropy_gradient" points=3
# With $\hat{y}_k = e^{\theta_k} / \sum_j e^{\theta_j}$,
#
# $$CE = -\log \hat{y}_k = -\theta_k + \log \sum_j e^{\theta_j} .$$
#
# Differentiate with respect to one score $\theta_i$:
#
# $$\frac{\partial CE}{\partial \theta_i}
# = -\mathbb{1}[i = k] + \frac{e^{\theta_i}}{\sum_j e^{\theta_j}}
# = \hat{y}_i - y_i ,$$
#
# since $y_i = \mathbb{1}[i = k]$ for a one-hot $\mathbf{y}$. In vector form,
# $\partial CE / \partial \boldsymbol{\theta} = \hat{\mathbf{y}} - \mathbf{y}$: the predicted
# distribution minus the true one. The gradient pushes the true class's score up by
# $1 - \hat{y}_k$ and every other score down by its probability $\hat{y}_i$; it vanishes only
# when the model puts probability 1 on the true class.

# %% [markdown] lang="zh"
# 由 $\hat{y}_k = e^{\theta_k} / \sum_j e^{\theta_j}$ 得
#
# $$CE = -\log \hat{y}_k = -\theta_k + \log \sum_j e^{\theta_j} .$$
#
# 对其中一个分数 $\theta_i$ 求导：
#
# $$\frac{\partial CE}{\partial \theta_i}
# = -\mathbb{1}[i = k] + \frac{e^{\theta_i}}{\sum_j e^{\theta_j}}
# = \hat{y}_i - y_i ,$$
#
# 这是因为对独热向量 $\mathbf{y}$ 有 $y_i = \mathbb{1}[i = k]$。写成向量形式，$\partial CE / \partial \boldsymbol{\theta} = \hat{\mathbf{y}} - \mathbf{y}$：预测分布减去真实分布。沿着这个梯度下降，真实类别的分数按 $1 - \hat{y}_k$ 被推高，其他每个分数按各自的概率 $\hat{y}_i$ 被压低；只有当模型把概率 1 全部给了真实类别时，梯度才为零。

# %% [markdown]
# We can already test the formula numerically, with a small softmax of our own (notebook 1 is
# where you wrote the real one): nudge each score by $\pm h$ and compare the change of the loss
# with $\hat{y}_i - y_i$.

# %% [markdown] lang="zh"
# 我们现在就可以用数值方法检验这个公式，这里用的是我们自己写的一个小 softmax（真正的 softmax 是你在笔记本 1
# 中写的）：把每个分数微调 $\pm h$，把损失的变化与 $\hat{y}_i - y_i$ 进行比较。

# %%
def cross_entropy(theta, k):
    shifted = theta - theta.max()
    return -(shifted[k] - np.log(np.exp(shifted).sum()))


theta = np.array([0.5, -1.0, 2.0, 0.1])
k = 2
y_hat = np.exp(theta - theta.max()) / np.exp(theta - theta.max()).sum()
y = np.eye(len(theta))[k]
h = 1e-5
numeric = np.array([(cross_entropy(theta + h * e, k) - cross_entropy(theta - h * e, k)) / (2 * h)
                    for e in np.eye(len(theta))])
print("y_hat - y :", y_hat - y)
print("numeric   :", numeric)
print("largest difference:", np.abs(numeric - (y_hat - y)).max())

# %% [markdown]
# ## 4. Two classes: the sigmoid and the binary cross-entropy
#
# With only two classes, "yes" and "no", fix the score of "no" at 0 and call the score of
# "yes" $z$. The softmax then gives
# $P(\text{yes}) = e^{z} / (e^{z} + e^{0}) = 1 / (1 + e^{-z}) = \sigma(z)$: **the sigmoid is a
# two-class softmax.** The cross-entropy of section 3 becomes the **binary cross-entropy** of a
# label $y \in \{0, 1\}$ and the prediction $p = \sigma(z)$:
#
# $$BCE(y, p) = -y \log p - (1 - y) \log (1 - p) .$$
#
# Its gradient with respect to the score $z$, by the chain rule and Question 2 (a):
#
# $$\frac{\partial BCE}{\partial p} = -\frac{y}{p} + \frac{1 - y}{1 - p} = \frac{p - y}{p (1 - p)},
# \qquad \frac{\partial p}{\partial z} = p (1 - p),
# \qquad \text{so} \qquad \frac{\partial BCE}{\partial z} = p - y = \sigma(z) - y .$$
#
# Prediction minus truth once more: the factor $p(1 - p)$ of the sigmoid's derivative cancels
# exactly, so a confidently wrong prediction still gets a large gradient (a squared error
# $(p - y)^2$ would keep the factor and learn slowly when the sigmoid saturates).
#
# **In code**, compute the logarithms from the score, not from $p$: $\log \sigma(z) = -\log(1 + e^{-z})$,
# which `np.logaddexp(0, -z)` evaluates without overflow, and $\log(1 - \sigma(z)) = \log \sigma(-z)$
# by the symmetry of section 2. The cell checks the gradient $\sigma(z) - y$ against finite
# differences, compares $\sigma(z)$ with the two-class softmax, and shows what `np.log(sigmoid(z))`
# does for a very wrong score.
#
# **Where it returns.** Negative sampling (notebook 4) is this loss $K + 1$ times: label 1 for the
# true outside word, label 0 for each of the $K$ sampled words, all sharing the centre vector.
# Its $-\log \sigma(\mathbf{u}_o^\top \mathbf{v}_c) - \sum_k \log \sigma(-\mathbf{u}_{w_k}^\top \mathbf{v}_c)$
# is exactly $K + 1$ binary cross-entropies.

# %% [markdown] lang="zh"
# ## 4. 两个类别：sigmoid 与二元交叉熵
#
# 只有“是”（yes）和“否”（no）两个类别时，把“否”的分数固定为 0，把“是”的分数记为 $z$。softmax 于是给出
# $P(\text{yes}) = e^{z} / (e^{z} + e^{0}) = 1 / (1 + e^{-z}) = \sigma(z)$：**sigmoid 就是只有两个类别的
# softmax。** 第 3 节的交叉熵变成了标签 $y \in \{0, 1\}$ 与预测 $p = \sigma(z)$ 之间的**二元交叉熵**：
#
# $$BCE(y, p) = -y \log p - (1 - y) \log (1 - p) .$$
#
# 由链式法则和问题 2 (a)，它对分数 $z$ 的梯度为：
#
# $$\frac{\partial BCE}{\partial p} = -\frac{y}{p} + \frac{1 - y}{1 - p} = \frac{p - y}{p (1 - p)},
# \qquad \frac{\partial p}{\partial z} = p (1 - p),
# \qquad \text{so} \qquad \frac{\partial BCE}{\partial z} = p - y = \sigma(z) - y .$$
#
# 又一次是预测减去真实值：sigmoid 导数中的因子 $p(1 - p)$ 恰好被约掉，所以一个很有把握的错误预测仍然会得到很大的梯度（如果用平方误差 $(p - y)^2$，这个因子会保留下来，sigmoid 饱和时学习就会很慢）。
#
# **写代码时**，要从分数而不是从 $p$ 计算对数：$\log \sigma(z) = -\log(1 + e^{-z})$，`np.logaddexp(0, -z)` 计算它时不会上溢；而由第 2 节的对称性，$\log(1 - \sigma(z)) = \log \sigma(-z)$。下面的单元格用有限差分检验梯度 $\sigma(z) - y$，把 $\sigma(z)$ 与两类 softmax 进行比较，并展示对一个错得离谱的分数，`np.log(sigmoid(z))` 会得到什么。
#
# **它还会再出现。** 负采样（笔记本 4）就是把这个损失用 $K + 1$ 次：真实的外部词标签为 1，$K$ 个采样得到的词标签各为 0，它们共用同一个中心词向量。负采样损失
# $-\log \sigma(\mathbf{u}_o^\top \mathbf{v}_c) - \sum_k \log \sigma(-\mathbf{u}_{w_k}^\top \mathbf{v}_c)$
# 恰好是 $K + 1$ 个二元交叉熵之和。

# %%
def binary_cross_entropy(z, y):
    """BCE of the label y (0 or 1) for the score z, with p = sigmoid(z), computed from z."""
    # -log sigma(z) = log(1 + e^-z) = logaddexp(0, -z); -log(1 - sigma(z)) = -log sigma(-z).
    return y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z)


z = np.array([-30.0, -3.0, -0.5, 0.0, 2.0, 30.0])
h = 1e-5
for label in (1, 0):
    analytic = sigmoid(z) - label
    numeric = (binary_cross_entropy(z + h, label) - binary_cross_entropy(z - h, label)) / (2 * h)
    print(f"y = {label}: sigma(z) - y = {analytic}")
    print(f"       numeric     = {numeric}   (largest difference {np.abs(analytic - numeric).max():.1e})")

two_class = np.column_stack([z, np.zeros_like(z)])  # scores of "yes" and "no"
two_class = np.exp(two_class - two_class.max(axis=1, keepdims=True))
p_yes = two_class[:, 0] / two_class.sum(axis=1)
print("largest |sigmoid(z) - softmax([z, 0])[0]|:", np.abs(sigmoid(z) - p_yes).max())

with np.errstate(divide="ignore"):
    print(f"label 1, score -800: -np.log(sigmoid(z)) = {-np.log(sigmoid(-800.0))},"
          f" from the score: {binary_cross_entropy(-800.0, 1)}")

# %% [markdown]
# ## 5. A gradient checker (Question 2 (f))
#
# That comparison is worth automating: it is the single most useful debugging tool for
# backpropagation. For a function $f$ returning its cost and its analytic gradient, check every
# coordinate $i$ with a **centred difference**
#
# $$\frac{\partial f}{\partial x_i} \approx \frac{f(\mathbf{x} + h\mathbf{e}_i) - f(\mathbf{x} - h\mathbf{e}_i)}{2h},
# \qquad h = 10^{-4}.$$
#
# **Why centred?** By Taylor's theorem the one-sided difference $(f(x + h) - f(x)) / h$ is off
# by about $\frac{h}{2} f''(x)$, while in the centred one the $f''$ terms cancel and the error
# is about $\frac{h^2}{6} f'''(x)$: for $h = 10^{-4}$ the centred error is smaller by a factor of
# about $3 / h$. $h$ cannot be made tiny either: $f(x + h) - f(x - h)$ then loses its digits to
# rounding (a float64 keeps about $-\log_{10} \varepsilon$ significant decimal digits, with
# $\varepsilon$ = `np.finfo(float).eps`), and the error grows like $\varepsilon / h$. The plot
# shows both effects on $f(x) = e^x$ at $x = 1$, and the cell prints them at $h = 10^{-4}$:

# %% [markdown] lang="zh"
# ## 5. 梯度检验器（问题 2 (f)）
#
# 上面这种比较值得自动化：它是调试反向传播时最有用的工具，没有之一。对一个返回代价及其解析梯度的函数 $f$，用**中心差分**检验每一个坐标 $i$：
#
# $$\frac{\partial f}{\partial x_i} \approx \frac{f(\mathbf{x} + h\mathbf{e}_i) - f(\mathbf{x} - h\mathbf{e}_i)}{2h},
# \qquad h = 10^{-4}.$$
#
# **为什么用中心差分？** 由泰勒定理，单侧差分 $(f(x + h) - f(x)) / h$ 的误差约为 $\frac{h}{2} f''(x)$；而在中心差分中，$f''$ 项相互抵消，误差约为 $\frac{h^2}{6} f'''(x)$：当 $h = 10^{-4}$ 时，中心差分的误差大约小 $3 / h$ 倍。$h$ 也不能取得太小：那样 $f(x + h) - f(x - h)$ 的有效数字会被舍入误差吞掉（一个 float64 大约保留 $-\log_{10} \varepsilon$ 位有效十进制数字，其中 $\varepsilon$ = `np.finfo(float).eps`），误差会像 $\varepsilon / h$ 那样增长。下图在 $x = 1$ 处对 $f(x) = e^x$ 展示了这两种效应，单元格还打印出
# $h = 10^{-4}$ 时的数值：

# %%
hs = np.logspace(-13, -1, 61)
exact = np.exp(1.0)
forward = np.abs((np.exp(1.0 + hs) - np.exp(1.0)) / hs - exact)
centred = np.abs((np.exp(1.0 + hs) - np.exp(1.0 - hs)) / (2 * hs) - exact)
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.loglog(hs, forward, label="one-sided (f(x+h) - f(x)) / h")
ax.loglog(hs, centred, label="centred (f(x+h) - f(x-h)) / 2h")
ax.axvline(1e-4, color="gray", lw=0.8, ls=":")
ax.set(xlabel="step h", ylabel="absolute error of the derivative",
       title="Numeric derivative of exp at x = 1: truncation (right) vs rounding (left)")
ax.legend()
plt.show()
h = 1e-4
one_sided = abs((np.exp(1 + h) - np.exp(1)) / h - exact)
centred_h = abs((np.exp(1 + h) - np.exp(1 - h)) / (2 * h) - exact)
print(f"at h = {h:g}: one-sided error {one_sided:.1e} (h/2 f'' = {h / 2 * exact:.1e}),"
      f" centred error {centred_h:.1e} (h^2/6 f''' = {h ** 2 / 6 * exact:.1e});"
      f" ratio {one_sided / centred_h:.3g}, 3 / h = {3 / h:.3g}")
eps = np.finfo(float).eps
print(f"float64: eps = {eps:.1e}, about {-np.log10(eps):.1f} significant digits")

# %% [markdown]
# **Relative error.** Compare numbers of any size on the same footing:
#
# $$\text{error}_i = \frac{|\text{numeric}_i - \text{grad}_i|}{\max(1, |\text{numeric}_i|, |\text{grad}_i|)} \le 10^{-5} .$$
#
# Dividing by the larger magnitude makes it relative for big gradients; the 1 keeps it absolute
# for tiny ones (where a relative error would blow up for two numbers that are both almost 0).
#
# **Randomness.** Negative sampling (notebook 4) draws random words *inside* the cost function.
# If $f(\mathbf{x} + h\mathbf{e}_i)$ and $f(\mathbf{x} - h\mathbf{e}_i)$ draw different words,
# their difference measures the change of the samples, not of $x_i$, and a correct gradient
# fails the check. So the checker saves the state of **both** global generators (Python's
# `random` and NumPy's `np.random`) when it starts, and restores it before *every* call of $f$:
# each call then sees the same draws. See it fail without the reset:

# %% [markdown] lang="zh"
# **相对误差。** 让大小不同的数在同一标准下比较：
#
# $$\text{error}_i = \frac{|\text{numeric}_i - \text{grad}_i|}{\max(1, |\text{numeric}_i|, |\text{grad}_i|)} \le 10^{-5} .$$
#
# 除以两者中较大的绝对值，梯度很大时衡量的就是相对误差；分母中的 1 让很小的梯度仍按绝对误差衡量（两个都几乎为 0 的数，相对误差会大得离谱）。
#
# **随机性。** 负采样（笔记本 4）在代价函数*内部*随机抽取词。如果 $f(\mathbf{x} + h\mathbf{e}_i)$ 和
# $f(\mathbf{x} - h\mathbf{e}_i)$ 抽到的词不同，它们的差衡量的就是样本的变化，而不是 $x_i$ 的变化，于是一个正确的梯度也会通不过检验。所以检验器在开始时保存**两个**全局随机数生成器（Python 的 `random` 和
# NumPy 的 `np.random`）的状态，并在*每次*调用 $f$ 之前恢复它：这样每次调用抽到的都是同样的样本。看看不重置时检验如何失败：

# %%
def noisy_quadratic(x):
    """sum(x^2) times a random factor: a stand-in for a cost that samples."""
    factor = 1.0 + 0.1 * random.random()
    return factor * np.sum(x ** 2), factor * 2 * x


random.seed(0)
x0 = np.array([0.3, -1.2])
state = random.getstate()
random.setstate(state)
_, grad = noisy_quadratic(x0)
h = 1e-4
e0 = np.array([1.0, 0.0])
without_reset = (noisy_quadratic(x0 + h * e0)[0] - noisy_quadratic(x0 - h * e0)[0]) / (2 * h)
random.setstate(state)
plus = noisy_quadratic(x0 + h * e0)[0]
random.setstate(state)
minus = noisy_quadratic(x0 - h * e0)[0]
with_reset = (plus - minus) / (2 * h)
print(f"analytic gradient[0]:       {grad[0]: .8f}")
print(f"numeric, no RNG reset:      {without_reset: .8f}")
print(f"numeric, reset before each: {with_reset: .8f}")

# %% [markdown]
# **Question 2 (f).** Write `gradcheck_naive(f, x)`:
# * `f(x)` returns `(cost, grad)` with `grad` of `x`'s shape; `x` may have any shape, even 0-d.
#   `np.ndindex(x.shape)` visits every index of any shape.
# * Save `random.getstate()` and `np.random.get_state()` at entry; restore both before *every*
#   call of `f` (including the first, which gives the analytic gradient).
# * Evaluate `f` on **copies** of `x`: the caller's `x` must be unchanged afterwards.
# * Return `True` when every coordinate passes, `False` at the first failure, and then print
#   where it failed (the index, both gradients, the relative error).
#
# The constants are given:

# %% [markdown] lang="zh"
# **问题 2 (f)。** 编写 `gradcheck_naive(f, x)`：
# * `f(x)` 返回 `(cost, grad)`，其中 `grad` 与 `x` 形状相同；`x` 可以是任意形状，甚至是 0 维。`np.ndindex(x.shape)` 可以遍历任意形状的每一个下标。
# * 进入函数时保存 `random.getstate()` 和 `np.random.get_state()`；在*每次*调用 `f` 之前把两者都恢复（包括给出解析梯度的第一次调用）。
# * 在 `x` 的**副本**上计算 `f`：调用结束后，调用者的 `x` 必须保持不变。
# * 所有坐标都通过时返回 `True`；遇到第一个失败的坐标时返回 `False`，并打印失败的位置（下标、两个梯度、相对误差）。
#
# 下面给出了所需的常数：

# %% provided=true
# include: solutions.gradcheck:GRADCHECK_STEP
# include: solutions.gradcheck:GRADCHECK_TOLERANCE

# %% solution="gradcheck_naive"

# %% tests="gradcheck_naive"

# %% [markdown]
# ### Sanity checks
#
# A correct gradient passes, on a scalar, a vector and a matrix; the sampling cost passes
# because of the reset; a gradient with a mistake fails and says where.

# %% [markdown] lang="zh"
# ### 合理性检查
#
# 正确的梯度在标量、向量和矩阵上都能通过；带采样的代价函数因为有了重置也能通过；有错误的梯度则通不过，并指出错在哪里。

# %%
def quad(x):
    return np.sum(x ** 2), x * 2


np.random.seed(1)  # the test points below are random, but the same on every run
print(gradcheck_naive(quad, np.array(123.456)))
print(gradcheck_naive(quad, np.random.randn(3)))
print(gradcheck_naive(quad, np.random.randn(4, 5)))
print(gradcheck_naive(noisy_quadratic, np.random.randn(3)))
def wrong(x):
    """The gradient of sum(x^3) with a small mistake on the diagonal."""
    return np.sum(x ** 3), 3 * x ** 2 + np.eye(*x.shape) * 1e-3


print(gradcheck_naive(wrong, np.random.randn(3, 3)))

# %% [markdown]
# **Next:** notebook 3 puts softmax, sigmoid, cross-entropy and this checker together in a
# two-layer network.

# %% [markdown] lang="zh"
# **下一步：** 笔记本 3 把 softmax、sigmoid、交叉熵和这个检验器组合成一个两层网络。

# %% strings="zh"
# The Chinese edition's version of what the code cells print and draw: each key is a
# string literal exactly as the code above writes it, each value its Chinese text (the
# same {placeholders}). notebooks/build.py swaps them into the Chinese edition only.
{
    '"    NumPy warned:"':
        '"    NumPy 警告："',
    '"The sigmoid and its derivative"':
        '"sigmoid 函数及其导数"',
    'f"largest derivative: {sigmoid_grad(s).max():.4f} at x = {x[np.argmax(sigmoid_grad(s))]:g}"':
        'f"最大的导数：{sigmoid_grad(s).max():.4f}，在 x = {x[np.argmax(sigmoid_grad(s))]:g} 处"',
    'f"sigma\'({point:g}) = {sigmoid_grad(sigmoid(point)):.5f}"\n          f" = {sigmoid_grad(sigmoid(point)) / sigmoid_grad(sigmoid(0.0)):.2%} of the largest"':
        'f"sigma\'({point:g}) = {sigmoid_grad(sigmoid(point)):.5f}" f"，是最大值的 {sigmoid_grad(sigmoid(point)) / sigmoid_grad(sigmoid(0.0)):.2%}"',
    '"largest |sigma(-x) - (1 - sigma(x))| on the plot:"':
        '"图中 |sigma(-x) - (1 - sigma(x))| 的最大值："',
    '"numeric   :"':
        '"数值梯度  ："',
    '"largest difference:"':
        '"最大差："',
    'f"       numeric     = {numeric}   (largest difference {np.abs(analytic - numeric).max():.1e})"':
        'f"       数值梯度    = {numeric}   （最大差 {np.abs(analytic - numeric).max():.1e}）"',
    '"largest |sigmoid(z) - softmax([z, 0])[0]|:"':
        '"|sigmoid(z) - softmax([z, 0])[0]| 的最大值："',
    'f"label 1, score -800: -np.log(sigmoid(z)) = {-np.log(sigmoid(-800.0))},"\n          f" from the score: {binary_cross_entropy(-800.0, 1)}"':
        'f"标签 1，分数 -800：-np.log(sigmoid(z)) = {-np.log(sigmoid(-800.0))}，" f"直接由分数计算：{binary_cross_entropy(-800.0, 1)}"',
    '"one-sided (f(x+h) - f(x)) / h"':
        '"单侧差分 (f(x+h) - f(x)) / h"',
    '"centred (f(x+h) - f(x-h)) / 2h"':
        '"中心差分 (f(x+h) - f(x-h)) / 2h"',
    '"step h"':
        '"步长 h"',
    '"absolute error of the derivative"':
        '"导数的绝对误差"',
    '"Numeric derivative of exp at x = 1: truncation (right) vs rounding (left)"':
        '"exp 在 x = 1 处的数值导数：截断误差（右）与舍入误差（左）"',
    'f"at h = {h:g}: one-sided error {one_sided:.1e} (h/2 f\'\' = {h / 2 * exact:.1e}),"\n      f" centred error {centred_h:.1e} (h^2/6 f\'\'\' = {h ** 2 / 6 * exact:.1e});"\n      f" ratio {one_sided / centred_h:.3g}, 3 / h = {3 / h:.3g}"':
        'f"h = {h:g} 时：单侧误差 {one_sided:.1e}（h/2 f\'\' = {h / 2 * exact:.1e}），" f"中心误差 {centred_h:.1e}（h^2/6 f\'\'\' = {h ** 2 / 6 * exact:.1e}）；" f"两者之比 {one_sided / centred_h:.3g}，3 / h = {3 / h:.3g}"',
    'f"float64: eps = {eps:.1e}, about {-np.log10(eps):.1f} significant digits"':
        'f"float64：eps = {eps:.1e}，约 {-np.log10(eps):.1f} 位有效数字"',
    'f"analytic gradient[0]:       {grad[0]: .8f}"':
        'f"解析梯度 gradient[0]：       {grad[0]: .8f}"',
    'f"numeric, no RNG reset:      {without_reset: .8f}"':
        'f"数值梯度，不重置随机数生成器：{without_reset: .8f}"',
    'f"numeric, reset before each: {with_reset: .8f}"':
        'f"数值梯度，每次计算前重置：    {with_reset: .8f}"',
}
