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

# %% [markdown] lang="zh"
# # CS224n 作业 1，第 4 部分：word2vec
#
# word2vec 只凭原始文本就为每个词学出一个向量，办法是让每个词去预测它周围的词。本笔记本是
# 2017 年讲义的第 3 题，沿用讲义的题号：
# 1. 推导**朴素 softmax** 的梯度（3a、3b），并编写它的损失函数（3e 的一部分），
# 2. 推导**负采样**的梯度，并*实测*它带来的加速（3c），
# 3. 看看原始的 word2vec C 代码如何抽取负样本（一张一元词频表（unigram table）和一个
#    线性同余生成器），
# 4. 推导并编写**跳字模型（skip-gram）**（3d、3e），以及带步长退火和检查点的**随机梯度下降（SGD）**（3f），
# 5. 检验快速训练器算出的结果与*你自己的*函数一致，在斯坦福情感树库（Stanford Sentiment
#    Treebank）上训练，并观察得到的词向量（3g），
# 6. **连续词袋模型（CBOW）**（3h）是**附加题**：它的测试在这里计 0 个必做分（nbgrader 把一个
#    测试单元的得分上限定为它的分值），而 `python -m autograder` 会把它们作为 2 分的奖励分加到 41 分之上，
# 7. 对照你推导出的梯度，阅读 word2vec.c 的训练循环。
#
# **记号（沿用讲义）。** 每个词 $w$ 有两个向量：*中心*向量 $\mathbf{v}_w$（当 $w$ 是中心词时使用）
# 和*外部*向量 $\mathbf{u}_w$（当 $w$ 出现在上下文中时使用）。所有外部向量按行组成
# $U \in \mathbb{R}^{V \times D}$。对于中心词 $c$ 和一个真实的外部词 $o$，
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

# %% [markdown] lang="zh"
# 你的 `softmax`（笔记本 1）、`sigmoid` 和 `gradcheck_naive`（笔记本 2）是从那两个笔记本中加载的，
# 所以它们必须放在本文件夹里。（评分时，本笔记本的每个函数都搭配这些函数的参考实现来测试，
# 因此前面笔记本里的错误只会在那个笔记本里扣分。）

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

# %% [markdown] lang="zh"
# 这里给出两个数值上安全的辅助函数：$\log \operatorname{softmax}$ 和 $\log \sigma$。在
# $\operatorname{softmax}$ 或 $\sigma$ 下溢为 0 的地方（这时 `np.log` 会返回 `-inf`），它们仍然是有限值。
# 计算损失时请使用它们。

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

# %% [markdown] lang="zh"
# ### word2vec 是一个线性网络
#
# 把 word2vec 写成神经网络，它有一个输入层（中心词的 one-hot 向量 $\mathbf{x}$，长度为 $V$）、
# 一个含 $D$ 个单元的隐藏层，和一个给出 $V$ 个分数的输出层。输入层的权重就是中心向量，每个词
# 一行，$W \in \mathbb{R}^{V \times D}$：隐藏层是 $\mathbf{h} = W^\top \mathbf{x}$，而由于 $\mathbf{x}$ 是
# one-hot 向量，它恰好就是 **$W$ 的第 $c$ 行**，也就是中心向量 $\mathbf{v}_c$。隐藏层**没有非线性**；
# 唯一的非线性是输出端的 softmax（在负采样中则是那些 sigmoid），输出的分数是 $U \mathbf{h} = U \mathbf{v}_c$。
# 所以实际的实现从不真的去乘一个 one-hot 向量，而是直接取出那一行。

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

# %% [markdown] lang="zh"
# ## 1. 行归一化（3e 的一部分）
#
# 词向量常用它们夹角的余弦来比较，所以把每个向量缩放到长度 1 会很方便。编写 `normalize_rows(x)`：
# 把每一行除以它的 L2 范数，不用循环（`np.linalg.norm(x, axis=1, keepdims=True)`），不修改 `x`，
# 并且让全零的行保持为零，而不是去除以 0。

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

# %% [markdown] lang="zh"
# ## 2. 朴素 softmax 损失
#
# 对于一个（中心词，外部词）对，损失是真实分布 $\mathbf{y}$（在 $o$ 处为 1 的 one-hot 向量）与
# $\hat{\mathbf{y}}$ 之间的交叉熵：
#
# $$J_{\text{naive-softmax}}(\mathbf{v}_c, o, U) = -\log \hat{y}_o = -\mathbf{u}_o^\top \mathbf{v}_c + \log \sum_{w=1}^{V} \exp(\mathbf{u}_w^\top \mathbf{v}_c) .$$
#
# **softmax 的雅可比矩阵。** 设 $\hat{y}_i = e^{\theta_i} / \sum_k e^{\theta_k}$，用商的求导法则，
# 分别对 $i = j$ 和 $i \ne j$ 得到
#
# $$\frac{\partial \hat{y}_i}{\partial \theta_i} = \hat{y}_i (1 - \hat{y}_i), \qquad
# \frac{\partial \hat{y}_i}{\partial \theta_j} = -\hat{y}_i \hat{y}_j \quad (i \ne j), \qquad
# \text{i.e.} \quad \frac{\partial \hat{\mathbf{y}}}{\partial \boldsymbol{\theta}} = \operatorname{diag}(\hat{\mathbf{y}}) - \hat{\mathbf{y}} \hat{\mathbf{y}}^\top .$$
#
# 再用链式法则乘上 $\partial(-\log \hat{y}_o) / \partial \hat{y}_i = -y_i / \hat{y}_i$，结果化简为
# $\partial J / \partial \boldsymbol{\theta} = \hat{\mathbf{y}} - \mathbf{y}$（见笔记本 2）。下面做数值检验
# （用给定的 `log_softmax`，这样这个单元就不依赖你的笔记本 1）：

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

# %% [markdown] lang="zh"
# **问题 3 (a)，3 分。** 推导 $\partial J / \partial \mathbf{v}_c$，用 $U$、$\mathbf{y}$ 和
# $\hat{\mathbf{y}}$ 表示。

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

# %% [markdown] lang="zh"
# 对 $J = -\mathbf{u}_o^\top \mathbf{v}_c + \log \sum_w \exp(\mathbf{u}_w^\top \mathbf{v}_c)$ 的两项分别求导：
#
# $$\frac{\partial J}{\partial \mathbf{v}_c}
# = -\mathbf{u}_o + \frac{\sum_w \exp(\mathbf{u}_w^\top \mathbf{v}_c)\, \mathbf{u}_w}{\sum_x \exp(\mathbf{u}_x^\top \mathbf{v}_c)}
# = -\mathbf{u}_o + \sum_w \hat{y}_w \mathbf{u}_w
# = U^\top (\hat{\mathbf{y}} - \mathbf{y}) .$$
#
# （由笔记本 2 也能得到同样的结果：对分数 $\boldsymbol{\theta} = U \mathbf{v}_c$ 有
# $\partial J / \partial \boldsymbol{\theta} = \hat{\mathbf{y}} - \mathbf{y}$，而 $\partial \boldsymbol{\theta} / \partial \mathbf{v}_c = U$。）
# 形状：$(D, V)(V,) = (D,)$。可以把它读作 $\sum_w \hat{y}_w \mathbf{u}_w - \mathbf{u}_o$：模型所预期的外部向量
# （按它的预测取的加权平均）减去实际观察到的那个外部向量。梯度下降让 $\mathbf{v}_c$ 向 $\mathbf{u}_o$ 靠近、
# 远离这个期望；当 $\hat{\mathbf{y}} = \mathbf{y}$ 时，梯度为零。

# %% [markdown]
# **Question 3 (b), 3 points.** Derive $\partial J / \partial \mathbf{u}_w$ for every word $w$,
# both for $w = o$ and for $w \ne o$, and write the whole gradient $\partial J / \partial U$ as one
# matrix.

# %% [markdown] lang="zh"
# **问题 3 (b)，3 分。** 对每个词 $w$ 推导 $\partial J / \partial \mathbf{u}_w$，$w = o$ 和 $w \ne o$
# 两种情况都要给出，并把整个梯度 $\partial J / \partial U$ 写成一个矩阵。

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

# %% [markdown] lang="zh"
# 只有分数 $\theta_w = \mathbf{u}_w^\top \mathbf{v}_c$ 依赖于 $\mathbf{u}_w$，并且
# $\partial J / \partial \theta_w = \hat{y}_w - y_w$，所以
#
# $$\frac{\partial J}{\partial \mathbf{u}_w} = (\hat{y}_w - y_w)\, \mathbf{v}_c =
# \begin{cases} (\hat{y}_o - 1)\, \mathbf{v}_c & w = o \\ \hat{y}_w\, \mathbf{v}_c & w \ne o \end{cases}$$
#
# 把各行叠在一起：$\partial J / \partial U = (\hat{\mathbf{y}} - \mathbf{y})\, \mathbf{v}_c^\top$，这是一个外积，
# 形状为 $(V, D)$，和 $U$ 一样。真实外部词的向量向 $\mathbf{v}_c$ 靠近（它的系数为负，而梯度下降是
# 减去梯度），其他每个词则按它的预测概率成比例地远离它。

# %% [markdown]
# Write `naive_softmax_loss_and_gradient`: the loss and both gradients for one pair. One matrix
# product gives all $V$ scores; the gradients are the two formulas above (`np.outer`). Compute
# the loss with `log_softmax` rather than `np.log(softmax(...))`.

# %% [markdown] lang="zh"
# 编写 `naive_softmax_loss_and_gradient`：对一个词对算出损失和两个梯度。一次矩阵乘法就得到全部
# $V$ 个分数；两个梯度就是上面的两个公式（`np.outer`）。用 `log_softmax` 计算损失，
# 而不是 `np.log(softmax(...))`。

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

# %% [markdown] lang="zh"
# ## 3. 负采样
#
# 朴素 softmax 对每个词对都要用到全部 $V$ 个外部向量：词表有 20,000 个词（树库）乃至数百万个词
# （网页语料）时，这就是训练的全部开销。负采样把 $V$ 类的分类换成 $K + 1$ 个二分类：$o$ 是不是
# $c$ 的真实外部词（是）；随机抽出的 $K$ 个词 $w_1, \dots, w_K$（即*负样本*）是不是外部词（不是）？
#
# $$J_{\text{neg-sample}}(\mathbf{v}_c, o, U) = -\log \sigma(\mathbf{u}_o^\top \mathbf{v}_c) - \sum_{k=1}^{K} \log \sigma(-\mathbf{u}_{w_k}^\top \mathbf{v}_c)$$
#
# **$K + 1$ 个逻辑回归。** 对标签 $t \in \{0, 1\}$ 和概率 $p = \sigma(z)$，二元交叉熵是
# $-t \log p - (1 - t) \log(1 - p)$。利用 $1 - \sigma(z) = \sigma(-z)$，上面的损失恰好是 $K + 1$ 个
# 二元交叉熵之和，分数为 $z = \mathbf{u}_w^\top \mathbf{v}_c$：$o$ 的标签为 1，每个负样本的标签为 0。
# 每一项都是一个逻辑回归，它们共享“权重” $\mathbf{v}_c$，“输入”则是 $U$ 的一行
# （反过来看也一样：两者都是学出来的）。
#
# **把目标写成期望，以及它的符号。** Mikolov 等人（2013b）把一个词对上要*最大化*的目标写成
# $\log \sigma(\mathbf{u}_o^\top \mathbf{v}_c) + \sum_{k=1}^{K} \mathbb{E}_{w_k \sim P_n}\left[\log \sigma(-\mathbf{u}_{w_k}^\top \mathbf{v}_c)\right]$，
# 其中 $P_n(w) \propto \text{count}(w)^{3/4}$。讲义中的 $J$ 是它的相反数，要*最小化*，并用 $K$ 个样本
# 代替期望（这是一个无偏估计，而 SGD 只需要无偏估计）。C 代码做的是最大化，所以它的更新写成
# $+\alpha \cdot$（对数似然的梯度）；我们的更新是减去 $\eta \nabla J$：两者是同一步（见第 8 节）。
#
# **为什么有效：平移的 PMI。** Levy 和 Goldberg（2014）证明：当每个分数都能自由取值（$D$ 足够大）时，
# 整个语料上的期望损失在 $\mathbf{u}_o^\top \mathbf{v}_c = \operatorname{PMI}(c, o) - \log K$ 处取到最小，其中
# $\operatorname{PMI}(c, o) = \log \frac{P(c, o)}{P(c) P_n(o)}$（$P_n$ 是噪声分布）：带负采样的跳字模型
# 隐式地分解了“词-上下文” PMI 矩阵，只是整体平移了 $\log K$。PMI 行相近（上下文相近）的词会得到相近的向量。
#
# **问题 3 (c)，第一部分，4 分。** 推导 $J_{\text{neg-sample}}$ 对 $\mathbf{v}_c$、$\mathbf{u}_o$ 和某个负样本
# $\mathbf{u}_{w_k}$ 的梯度（假设 $o \notin \{w_1, \dots, w_K\}$）。然后说明：同一个词被两次抽为负样本时，
# 会有什么变化。

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

# %% [markdown] lang="zh"
# 利用 $\frac{d}{dz} \log \sigma(z) = \frac{\sigma'(z)}{\sigma(z)} = 1 - \sigma(z)$ 和
# $\sigma(-z) = 1 - \sigma(z)$，得到
# $\frac{d}{dz}[-\log \sigma(z)] = \sigma(z) - 1$ 以及 $\frac{d}{dz}[-\log \sigma(-z)] = 1 - \sigma(-z) = \sigma(z)$。
# 记 $z_o = \mathbf{u}_o^\top \mathbf{v}_c$，$z_k = \mathbf{u}_{w_k}^\top \mathbf{v}_c$，则
#
# $$\frac{\partial J}{\partial \mathbf{v}_c} = (\sigma(z_o) - 1)\, \mathbf{u}_o + \sum_{k=1}^{K} \sigma(z_k)\, \mathbf{u}_{w_k}$$
#
# $$\frac{\partial J}{\partial \mathbf{u}_o} = (\sigma(z_o) - 1)\, \mathbf{v}_c ,
# \qquad \frac{\partial J}{\partial \mathbf{u}_{w_k}} = \sigma(z_k)\, \mathbf{v}_c ,$$
#
# 而对其他每个词，$\partial J / \partial \mathbf{u}_w = \mathbf{0}$。一个被抽中 $m$ 次的词在 $J$ 的求和中
# 贡献 $m$ 项，所以它的梯度是 $m\, \sigma(z_k)\, \mathbf{v}_c$：重复负样本的梯度要**累加**（在 NumPy 中
# 用 `np.add.at`，因为 `grad[negatives] += ...` 遇到重复的下标只会保留其中一次更新）。

# %% [markdown]
# The negatives come from `get_negative_samples` (given): it asks the dataset for $K$ word
# indices, drawn with probability proportional to $\text{count}(w)^{3/4}$, redrawing any that
# equals $o$. Your loss must call it **exactly once** per pair (the grader counts).

# %% [markdown] lang="zh"
# 负样本由 `get_negative_samples`（已给出）提供：它向数据集要 $K$ 个词的下标，每个词被抽中的概率
# 与 $\text{count}(w)^{3/4}$ 成正比，抽到与 $o$ 相同的词就重抽。你的损失函数对每个词对必须
# **恰好调用它一次**（评分程序会计数）。

# %% provided=true
# include: solutions.word2vec:ContextDataset


# include: solutions.word2vec:LossAndGradient


# include: solutions.word2vec:get_negative_samples

# %% [markdown]
# Write `neg_sampling_loss_and_gradient`. Gather the $K$ negative rows at once (`U[negatives]`,
# shape $(K, D)$) rather than looping, and accumulate repeated negatives with `np.add.at`.

# %% [markdown] lang="zh"
# 编写 `neg_sampling_loss_and_gradient`。一次性取出 $K$ 个负样本对应的行（`U[negatives]`，
# 形状为 $(K, D)$），不要写循环；用 `np.add.at` 累加重复负样本的梯度。

# %% solution="neg_sampling_loss_and_gradient"

# %% tests="neg_sampling_loss_and_gradient"

# %% [markdown]
# ### Gradient checks of both losses
#
# The checker of notebook 2 on both losses, on a small random problem. The negative-sampling
# loss draws its negatives from Python's global `random`; `gradcheck_naive` restores that state
# before every evaluation, so each evaluation sees the same negatives.

# %% [markdown] lang="zh"
# ### 两个损失的梯度检验
#
# 在一个小的随机问题上，用笔记本 2 的检验函数检查两个损失。负采样损失从 Python 的全局 `random`
# 中抽取负样本；`gradcheck_naive` 在每次求值之前都会恢复这个随机状态，所以每次求值看到的负样本都相同。

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

# %% [markdown] lang="zh"
# ### 快了多少？实测一下。
#
# 对一个词对，朴素 softmax 需要全部 $V$ 个分数（$O(VD)$ 的计算量）；负采样只需要 $K + 1$ 个
# （$O(KD)$）。两者之比应当大致按 $V / K$ 增长。我们在逐渐增大的词表上（$D = 50$，$K = 10$）
# 给两者计时。
#
# 按现在的写法，代码里有一个陷阱：两个函数都返回**整个** $U$ 的梯度，即一个 $(V, D)$ 的数组，
# 而对负采样来说它几乎全是零。分配并填写这个数组又是 $O(VD)$ 的开销。第三条曲线计时的版本只返回
# 它用到的 $K + 1$ 行（真正的实现，比如 word2vec 的 C 代码，就是原地更新这些行）。

# %% [markdown]
# The touched-rows version is `neg_sampling_touched_rows` from the project's `notebooks/w2v_check.py`
# (it is your negative-sampling gradient, so it is not printed here). Every time is the best of three,
# with NumPy's BLAS pinned to **one thread** (`threadpoolctl`), so that the numbers do not depend on how
# many cores are free; the table also gives the multiply-adds of the scores, $V D$ against $(K + 1) D$.

# %% [markdown] lang="zh"
# 只返回用到的行的版本是项目中 `notebooks/w2v_check.py` 里的 `neg_sampling_touched_rows`
# （它就是你的负采样梯度，所以这里不展示它的代码）。每个时间都取三次测量中最好的一次，并用
# `threadpoolctl` 把 NumPy 的 BLAS 固定为**单线程**，这样结果不取决于当时有多少空闲的核；
# 表中还列出了计算分数所需的乘加次数，$V D$ 对 $(K + 1) D$。

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

# %% [markdown] lang="zh"
# **问题 3 (c)，第二部分，2 分。** 读一读表格和图：加速比如何随 $V$ 增长？为什么？为什么返回完整
# $(V, D)$ 梯度的版本加速比小得多？这对训练循环应当如何应用更新意味着什么？

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

# %% [markdown] lang="zh"
# 朴素 softmax 要计算全部 $V$ 个分数 $U \mathbf{v}_c$、它们的 softmax 以及完整的外积
# $(\hat{\mathbf{y}} - \mathbf{y}) \mathbf{v}_c^\top$：它的时间随 $V$ 线性增长（图上词表每扩大十倍，
# 大约慢十倍）。无论 $V$ 多大，负采样都只看 $K + 1 = 11$ 行，所以它本身的计算量是常数：计算分数的
# 乘加次数是 $VD$ 对 $(K + 1) D$，比值为 $V / (K + 1)$（这里约为 91、909 和 9,091）。只返回用到的行的
# 版本，实测的加速比也随 $V$ 增长，但始终低于这个比值：每次调用不论规模大小，都有几微秒的 Python 和
# NumPy 固定开销，在很小的负采样调用中（以及 $V = 10^3$ 时的朴素调用中）这部分开销占了大头。具体时间
# 取决于机器；使用单个 BLAS 线程时，重复测量的结果相差不过百分之几。
#
# 把梯度作为稠密的 $(V, D)$ 数组返回（其中大部分是零），每个词对要写 $O(VD)$ 次内存，所以“稠密”版本的
# 时间也随 $V$ 增长，它的加速比只停留在一个很小的常数倍。只有当训练循环像 word2vec 的 C 代码那样，
# 只原地更新 $U$ 中用到的 $K + 1$ 行（以及中心向量中的那一行），而不是把一个稠密的梯度矩阵加到全部
# 参数上时，这种节省才真正兑现。

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

# %% [markdown] lang="zh"
# ## 4. word2vec.c 如何抽取负样本
#
# 原始的 C 实现（Mikolov 等人，2013）要做数十亿次抽样，每一次它既不做搜索，也不调用库里的随机数生成器：
#
# * **一元词频表（unigram table）。** 一个含 $10^8$ 个词下标的数组，词 $w$ 在其中所占的格子数与
#   $\text{count}(w)^{0.75}$ 成正比。于是抽一个负样本只要在随机位置读一次数组。$3/4$ 次幂让分布
#   变得平坦：高频词被抽中的频率低于它的出现频率，低频词则高于它的出现频率。
# * **线性同余生成器（LCG）。** 每个线程保存一个 64 位整数，用
#   `next_random = next_random * 25214903917 + 11` 更新它，让它对 $2^{64}$ 取模自然回绕（即 C 中无符号
#   整数的溢出）。这两个常数与 Java 的 `java.util.Random` 以及 POSIX 的 `drand48`（其模数为 $2^{48}$）
#   相同。表的下标是 `(next_random >> 16) % table_size`。
#
# **为什么要 `>> 16`？** 当模数是 2 的幂时，LCG 的低位质量很差：第 $j$ 位以 $2^{j+1}$ 为周期重复，
# 所以最低位只是 0、1 交替。右移就丢掉了最差的那些位。下面是一个 NumPy 版本（无符号 64 位数组和 C
# 完全一样，对 $2^{64}$ 取模回绕），每个“线程”一个生成器，种子的取法与 C 代码相同，即线程编号
# （0, 1, 2, ...：`next_random = (long long)id`，线程从 0 开始编号）：

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

# %% [markdown] lang="zh"
# 现在用树库的词频建一张小的一元词频表（一百万个格子，而不是 $10^8$ 个），按 `InitUnigramTable`
# 的方式填充（词 $i$ 一直填到它在 $\text{count}^{0.75}$ 总量中的累积份额为止），再用 1,000 个生成器
# 抽取 400,000 次：

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

# %% [markdown] lang="zh"
# 抽样结果服从 $\text{count}^{0.75}$，而不是原始频率：最高频的词被抽中的次数远少于它们出现的次数
# （最后一列；在树库上，"the" 被抽中的次数只有它出现次数的三分之一左右），低频词则被抽中得更多。作业的数据集
# （`Word2VecDataset.sample_token_idx`）从同一个分布中抽样，方法是用 Python 的 `random`
# 在累积和上做二分查找。
#
# ## 5. 跳字模型与连续词袋模型
#
# 一个*窗口*由中心词 $c$ 和它周围最多 $2C$ 个外部词组成，
# $w_{t-C}, \dots, w_{t+C}$。
#
# * **跳字模型**（skip-gram）由中心词预测每个外部词：
#   $J_{\text{skip-gram}}(c, w_{t-C..t+C}) = \sum_{-C \le j \le C,\, j \ne 0} J(\mathbf{v}_c, w_{t+j}, U)$。
# * **连续词袋模型**（CBOW）由外部词的（中心）向量之*和*
#   $\hat{\mathbf{v}} = \sum_{j \ne 0} \mathbf{v}_{w_{t+j}}$ 预测中心词：
#   $J_{\text{CBOW}} = J(\hat{\mathbf{v}}, c, U)$。
#
# 这里的 $J$ 可以是上面两种损失中的任意一种。
#
# **问题 3 (d)，3 分。** 给出 $J_{\text{skip-gram}}$ 和 $J_{\text{CBOW}}$ 对 $U$、对 $\mathbf{v}_c$
# 以及对任意其他词的中心向量 $\mathbf{v}_w$ 的梯度，用该损失的 $\partial J / \partial \mathbf{v}_c$ 和
# $\partial J / \partial U$ 表示。

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

# %% [markdown] lang="zh"
# **跳字模型。** 损失是对各个外部词的求和，所以它的梯度也是求和：
#
# $$\frac{\partial J_{\text{skip-gram}}}{\partial U} = \sum_{j \ne 0} \frac{\partial J(\mathbf{v}_c, w_{t+j}, U)}{\partial U}, \qquad
# \frac{\partial J_{\text{skip-gram}}}{\partial \mathbf{v}_c} = \sum_{j \ne 0} \frac{\partial J(\mathbf{v}_c, w_{t+j}, U)}{\partial \mathbf{v}_c}, \qquad
# \frac{\partial J_{\text{skip-gram}}}{\partial \mathbf{v}_w} = \mathbf{0} \;\; (w \ne c).$$
#
# **CBOW。** $J_{\text{CBOW}} = J(\hat{\mathbf{v}}, c, U)$，其中 $\hat{\mathbf{v}} = \sum_{j \ne 0} \mathbf{v}_{w_{t+j}}$。
# 对这个求和用链式法则，得到
#
# $$\frac{\partial J_{\text{CBOW}}}{\partial U} = \frac{\partial J(\hat{\mathbf{v}}, c, U)}{\partial U}, \qquad
# \frac{\partial J_{\text{CBOW}}}{\partial \mathbf{v}_{w}} = m_w\, \frac{\partial J(\hat{\mathbf{v}}, c, U)}{\partial \hat{\mathbf{v}}},$$
#
# 其中 $m_w$ 是 $w$ 在外部词中出现的次数（$\partial \hat{\mathbf{v}} / \partial \mathbf{v}_w = m_w I$）；
# 特别地，中心词自己的向量 $\mathbf{v}_c$ 的梯度为 $\mathbf{0}$，除非 $c$ 也出现在它自己的上下文中。

# %% [markdown]
# Write `skipgram` (part of 3e). Words arrive as strings; `word2ind` gives their rows. It returns
# the loss, the gradient for **all** centre vectors $(V, D)$ (zero except the rows that were
# used) and the gradient for $U$.

# %% [markdown] lang="zh"
# 编写 `skipgram`（3e 的一部分）。词以字符串的形式传入；`word2ind` 给出它们所在的行。它返回损失、
# **所有**中心向量的梯度 $(V, D)$（除了用到的行，其余都为零）以及 $U$ 的梯度。

# %% solution="skipgram"

# %% tests="skipgram"

# %% [markdown]
# **Question 3 (h), extra credit.** Write `cbow`, with the same arguments and returns as
# `skipgram`, predicting the centre word from $\hat{\mathbf{v}}$, the sum of the outside words'
# vectors. Its tests print the extra credit earned; they add nothing to the required total.

# %% [markdown] lang="zh"
# **问题 3 (h)，附加题。** 编写 `cbow`，参数和返回值与 `skipgram` 相同，由外部词向量之和
# $\hat{\mathbf{v}}$ 预测中心词。它的测试会打印获得的附加分；这些分数不计入必做题的总分。

# %% solution="cbow"

# %% tests="cbow" bonus=true

# %% [markdown]
# ### Gradient checks of the models
#
# `word2vec_sgd_wrapper` (given) evaluates a model on a minibatch of 50 random windows and
# averages: it is the function SGD minimises. The parameters are one matrix of shape $(2V, D)$:
# the centre vectors on top, the outside vectors below. All four combinations pass the checker:

# %% [markdown] lang="zh"
# ### 模型的梯度检验
#
# `word2vec_sgd_wrapper`（已给出）在一个由 50 个随机窗口组成的小批量上计算模型并取平均：它就是 SGD
# 要最小化的函数。参数是一个形状为 $(2V, D)$ 的矩阵：上面是中心向量，下面是外部向量。
# 四种组合都能通过检验：

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

# %% [markdown] lang="zh"
# ## 6. 随机梯度下降，带退火和检查点（3f）
#
# `sgd(f, x0, step, iterations, ...)` 反复执行 $\mathbf{x} \leftarrow \mathbf{x} - \eta \nabla f(\mathbf{x})$，
# 其中每次调用 `f` 都会用一个新的随机小批量。有三个实际细节：
#
# * **退火。** 固定的步长会让参数在最小值附近来回跳动（随机小批量的梯度带有噪声）；每
#   `ANNEAL_EVERY` = 20,000 次迭代把步长减半，参数就能稳定下来。
# * **检查点。** 训练耗时较长；当 `use_saved=True` 时，`sgd` 每隔 `save_every` 次迭代保存参数以及两个
#   随机数生成器的状态（`save_params`，已给出），再次调用时从最新的检查点恢复（`load_saved_params`，
#   已给出），步长也已经按那个迭代次数应有的次数退火。这样，恢复后的运行会和不中断的运行完全一样地继续下去。
# * **平滑后的代价。** 单个小批量的代价噪声很大；每隔 `print_every` 次迭代，打印它的指数移动平均
#   `smoothed = 0.95 * smoothed + 0.05 * cost`。
#
# 每一步之后，如果给出了 `postprocessing(x)`，就对参数应用它（例如 `normalize_rows`）。

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

# %% [markdown] lang="zh"
# ## 7. 训练（3g）
#
# 树库的 11,855 个句子（227,242 个词例，19,538 个词型）对 word2vec 来说很小，但足以看出结构。
# 作业的设置是：带负采样的跳字模型，$D = 10$，窗口最大 $C = 5$，$K = 10$，每个小批量 50 个窗口，
# 步长 0.3，40,000 次迭代。
#
# 你的函数按讲义要求的函数签名，为每个词对计算稠密的 $(V, D)$ 梯度：在整个树库上，每次迭代要
# 100 ms 以上，整个训练要一个多小时。所以本节分三步：
#
# 1. **你的代码在学习**：在树库的一小部分（前 150 个句子，约 1,300 个词）上，稠密梯度的代价很小：
#    用你的 `sgd` 训练你的 `skipgram` 和 `neg_sampling_loss_and_gradient`，在中途保存一个检查点，
#    第二次调用时从它恢复。
# 2. **你的代码与训练器对照**，在整个树库上：项目的向量化训练器（`word2vec_trainer/`）在精确模式下
#    （每次迭代更新一次）与你的函数拿到*相同的*窗口和负样本；一个词对的损失、一个窗口的梯度，
#    以及在一个小批量上走的一步 `sgd`，都必须在 $10^{-10}$ 以内一致。
# 3. **快速跑完整训练**：训练器在精确模式下跑 40,000 次迭代。如果第 2 步通过，这些就是你的函数在这些
#    窗口上会算出的向量，只差舍入误差；训练器只是把同样的运算批量化（它只更新每个窗口用到的行，
#    一次 NumPy 调用处理许多个窗口）。如果第 2 步没有通过，这些向量就是训练器的，笔记本会如实说明。

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

# %% [markdown] lang="zh"
# 切片小、训练短，所以步长比作业的大（1.0 而不是 0.3），而且切片在每个窗口中保留更多的词
# （下采样阈值为 $10^{-3}$ 而不是 $10^{-5}$，后者在 3,000 个词例上会丢掉其中的大部分）：
# 因此它每个窗口的代价一开始就比在整个树库上高。
#
# **第 2 步：你的函数与训练器对照。** 训练器的采样器从整个树库中抽取一个由 50 个窗口组成的小批量，
# 连同它们的负样本；你的函数拿到的正是这些窗口和负样本（由一个替身数据集把它们重放出来）。这里的
# 外部向量从随机值而不是零开始：如果从零开始，$\partial J / \partial \mathbf{v}_c$ 中的好几种错误都不会被发现。

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

# %% [markdown] lang="zh"
# **第 3 步：快速跑完整训练。** 训练器使用精确模式（`iterations_per_update=1`：和 `sgd` 一样，每次
# 迭代的梯度都在当前参数处计算；它的默认值 5 会在同一组参数处计算 5 次迭代的梯度，这样更快，但与作业
# 的 SGD 并不完全相同）。窗口和负样本的分布相同，步长 0.3，在第 20,000 次迭代时减半。

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

# %% [markdown] lang="zh"
# 在整个树库上，代价在最初几千次迭代中停在一个平台上：19,538 个词中的每一个都很少出现，而且外部向量
# 从零开始。等向量移动开之后，代价才开始下降，到第 20,000 次迭代步长减半时已经基本趋于平稳。
#
# ### 二维空间中的词向量
#
# 每个词有 10 + 10 个数（中心向量和外部向量，像作业那样并排拼在一起）。讲义中的图把选中的词投影到
# 它们的两个主方向上：先把这 24 个向量中心化，做 SVD $\tilde{X} = U_s S V_s^\top$，再保留坐标
# $\tilde{X} V_s[:, :2]$。每个奇异方向的符号是任意的；这里把第一个方向的符号取为使坐标随该词的
# 出现次数增大。

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

# %% [markdown] lang="zh"
# 这张图显示的主要是**每个词出现得有多频繁**。另外两项测量说明了原因：所有词的原始向量都共享一个
# 很大的公共方向（在减去平均向量之前，每个余弦都接近 1）；而中心化之后，一个词的近邻更多是频率相近
# 的词，而不是意思相近的词。作为对比，这里也给出了在 60 亿个词例上训练的 GloVe。

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

# %% [markdown] lang="zh"
# **问题 3 (g)，2 分。** 描述这张图。哪些词彼此靠近？哪些你预期会聚在一起的词却没有聚在一起，
# 为什么？请利用上面的测量结果（第一个坐标轴代表什么、余弦、近邻），并想一想这些向量被训练来预测
# 什么、用的是什么数据、数据有多少。

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

# %% [markdown] lang="zh"
# （数字来自参考运行，打印在上面；好的答案要读这些数字，而不是读出自己希望看到的语义。）
#
# * **第一个坐标轴是词频。** 它几乎承载了这 24 个向量的全部方差，与词出现次数的对数相关，相关系数约为
#   $r = 0.95$：高频词（"bad"、"well"、"great"、"man"、"worth"，都出现一百次以上）在一端，最罕见的词
#   （"hail" 只出现一次，"tea" 3 次，"coffee" 和 "rain" 各 5 次）远远落在另一端。一个只出现过几次的词
#   很少成为窗口的中心，也很少被抽为负样本，所以它的向量离初始位置没移动多少：**罕见的词离得远，是因为
#   它们罕见**，而不是因为它们意思相近。
# * **原始余弦说明不了什么。** 中心化之前，两个选中词的余弦平均约为 0.99：所有向量共享一个很大的公共
#   方向（中心向量和外部向量一起朝着能压低高频负样本所有分数的方向漂移）。只有减去平均向量之后，
#   余弦才会分散开；即便如此，"good" 或 "bad" 的最近邻也大多是其他高频词，褒义贬义都有。
# * **仅有的一点语义来自共同的上下文**："good" 和 "bad" 出现在相同的位置（"a ___ movie"），所以
#   跳字模型把它们放在一起；它预测的并不是情感。只有 10 维和 227k 个词例时，man : king :: woman : ?
#   这样的类比会失败，而 GloVe（50 维，60 亿个词例）能答出 "queen"。
# * 二维投影只保留了 20 个数的一部分方差，所以图上的远近是更弱的证据。

# %% [markdown]
# Notebook 5 uses these vectors as features for sentiment classification. They are saved next to
# this notebook together with the outcome of step 2: notebook 5 calls them yours only when your
# functions passed it.

# %% [markdown] lang="zh"
# 笔记本 5 会把这些向量用作情感分类的特征。它们和第 2 步的结果一起保存在本笔记本旁边：只有当你的
# 函数通过了第 2 步，笔记本 5 才会把它们称为你的向量。

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

# %% [markdown] lang="zh"
# ## 8. 逐行对照 word2vec.c 与你的梯度
#
# 原始的 C 实现（Mikolov，2013；`word2vec.c` 中的函数 `TrainModelThread`）每次训练一个（输入词，
# 被预测词）对，多个 Hogwild 线程不加锁地更新共享数组。它的变量名与讲义记号的对应关系如下：
#
# | word2vec.c | 讲义 | 含义 |
# | --- | --- | --- |
# | `syn0[last_word]` | $\mathbf{v}_c$ | 做预测的那个词的输入向量 |
# | `syn1neg[target]` | $\mathbf{u}_o$ 或 $\mathbf{u}_{w_k}$ | 观察到的词（`label = 1`）或某个负样本（`label = 0`）的输出向量 |
# | `f` | $\mathbf{u}^\top \mathbf{v}_c$ | 分数 |
# | `g = (label - sigma(f)) * alpha` | $-\alpha\, \partial J / \partial f$ | 步长乘以损失中这一项对其分数的导数的相反数（与你对 3c 的答案比较） |
# | `neu1e += g * syn1neg[target]` | $-\alpha\, \partial J / \partial \mathbf{v}_c$ | 在 $K + 1$ 项上累加，循环结束后加到 `syn0[last_word]` 上 |
# | `syn1neg[target] += g * syn0[last_word]` | $-\alpha\, \partial J / \partial \mathbf{u}$ | 在循环内立即更新 |
#
# 关于符号：C 代码*加上* $g$，因为它在沿对数似然往上爬；你则*减去* $\eta \nabla J$，这里的损失正是对数似然取负。
# 下面的 `c_pair_update` 是这个循环的 NumPy 逐句转写（`exp_table` 和 `table_sigmoid` 是 C 代码的
# sigmoid 查找表，后面会用到）；旁边是你的 `neg_sampling_loss_and_gradient` 在同一个词对、同样的
# 负样本上的结果。

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

# %% [markdown] lang="zh"
# 当负样本互不相同、并且使用精确的 sigmoid 时，C 的循环**就是**在你的损失上以步长 $\alpha$ 走的一步 SGD
# （差异只是舍入误差）。另外两行则不然：
#
# * **exp 表。** C 代码在循环中从不调用 `exp`：它从一张在 $[-6, 6)$ 上预先算好、含
#   `EXP_TABLE_SIZE` = 1,000 个值的表中读出 $\sigma(f)$（`MAX_EXP` = 6），并且在负采样中把超出范围的
#   分数截断（大于 6 时 $\sigma = 1$，小于 $-6$ 时为 $0$：已经以这么大的余量判对的项不产生更新，以这么大的
#   余量判错的项得到完整的步长 $\pm\alpha$）。下标是 `(int)((f + MAX_EXP) * (EXP_TABLE_SIZE / MAX_EXP / 2))`，
#   其中的常数按整数运算求出：$1000 / 6 / 2 = 83$，而不是 $83.3$。下面的图展示了查表返回的值。
# * **重复的负样本。** C 代码在循环内更新 `syn1neg[target]`，所以同一个词的第二次抽样会看到第一次的
#   更新：差异是 $\alpha^2$ 量级。你的梯度（以及讲义的梯度）则在同一组参数处计算这两项。
# * **target == word。** 与被预测词相同的抽样会被*跳过*，所以这个词对的负样本少于 $K$ 个；讲义的
#   `get_negative_samples` 会重新抽取，所以每个词对都恰好有 $K$ 个负样本。

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

# %% [markdown] lang="zh"
# **与讲义的训练方式相比，还有三处不同**，下面分别画出：
#
# * **下采样。** 讲义以概率 $\min(1, \sqrt{t / f_w})$ 保留词 $w$ 的每一次出现，其中 $f_w$ 是它在所有
#   词例中所占的比例，$t = 10^{-5}$。word2vec.c 则以概率 $\sqrt{t / f_w} + t / f_w$ 保留它（代码写作 `(sqrt(cn / (sample * train_words)) + 1) *
#   (sample * train_words) / cn`），默认 $t = 10^{-3}$，并且每一遍都重新决定。
# * **窗口收缩。** 对每个中心词，C 代码抽取 `b = next_random % window`，并使用两侧各 `window - b`
#   个词：窗口大小在 $1..C$ 上均匀分布，与讲义中 `random.randint(1, C)` 的分布相同。因此离中心词越近
#   的词被用到得越多。
# * **学习率。** C 代码让学习率随已处理的词数线性衰减，$\alpha = \alpha_0 (1 - \text{progress})$，但不低于
#   $10^{-4} \alpha_0$（跳字模型 $\alpha_0 = 0.025$，CBOW 为 0.05），每处理 10,000 个词更新一次；讲义则把
#   0.3 的步长每 20,000 次迭代减半。

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

# %% [markdown] lang="zh"
# **谁预测谁。** 在讲义的跳字模型中，中心词的 $\mathbf{v}_c$ 预测每个外部词的 $\mathbf{u}_o$。而在
# word2vec.c 的跳字模型循环中，`l1 = last_word *
# layer1_size`：每个*上下文*词的输入向量（`syn0[last_word]`）预测*中心*词（`syn1neg[word]`）。在整个
# 语料上，两者看到的是相同的（词，邻词）对，只是各从一侧看一遍，所以学到的东西相同；但一个词的
# `syn0` 行是从它各个邻词周围的窗口中训练出来的，而不是从它自己的窗口中。
#
# **CBOW：取平均还是求和。** word2vec.c 的 CBOW 把上下文向量之和除以它们的个数（`neu1[c] /= cw`），
# 然后把整个 `neu1e` 加到每个上下文词的向量上，并不除以 `cw`。gensim 把这种做法称为 `cbow_mean=1`
# （它的默认值）；`cbow_mean=0` 则是讲义中的求和，$\hat{\mathbf{v}} = \sum_j \mathbf{v}_{w_{t+j}}$。（这两种
# 做法中，哪一种是它自身损失的精确梯度？你对 3(d) 的答案会告诉你。）

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

# %% [markdown] lang="zh"
# ## 延伸阅读
#
# * Xin Rong (2014), *word2vec Parameter Learning Explained*, arXiv:1411.2738：逐步推导了跳字模型和
#   CBOW 在层次 softmax 与负采样下的每一个梯度。
# * Tomas Mikolov, Kai Chen, Greg Corrado, Jeffrey Dean (2013a), *Efficient Estimation of Word
#   Representations in Vector Space*, arXiv:1301.3781：提出跳字模型和 CBOW。
# * Tomas Mikolov, Ilya Sutskever, Kai Chen, Greg Corrado, Jeffrey Dean (2013b), *Distributed
#   Representations of Words and Phrases and their Compositionality*, NeurIPS：负采样以及高频词的下采样。
# * Yoav Goldberg, Omer Levy (2014), *word2vec Explained: deriving Mikolov et al.'s
#   negative-sampling word-embedding method*, arXiv:1402.3722；以及 Omer Levy, Yoav Goldberg (2014),
#   *Neural Word Embedding as Implicit Matrix Factorization*, NeurIPS：平移 PMI 的观点。
