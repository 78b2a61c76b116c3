# Template of a notebook: `python -m notebooks.build` turns it into course/source/a1/*.ipynb.
# Code is assembled at build time (includes, solutions), so lint the built notebooks instead:
# ruff: noqa
# %% [markdown]
# # CS224n Assignment 1, part 5: Sentiment analysis
#
# Do the word vectors of notebook 4 know anything about sentiment? We test them on the task the
# treebank was made for: each sentence carries one of five labels, from *very negative* (0) to
# *very positive* (4). This is question 4 of the 2017 handout, in its numbering:
# 1. turn a sentence into a feature vector by averaging its words' vectors (4a),
# 2. train a softmax (multinomial logistic regression) classifier on those features, and say why
#    it is regularised (4b),
# 3. choose its regularisation strength on the dev set, and only there (4c),
# 4. compare your vectors with pretrained GloVe vectors (4d; the handout expects about 36.5% with GloVe),
# 5. with GloVe: accuracy against the regularisation (4e), the confusion matrix (4f) and the
#    sentences it gets wrong (4g).

# %% [markdown] lang="zh"
# # CS224n 作业 1，第 5 部分：情感分析
#
# 笔记本 4 得到的词向量对情感有所了解吗？我们用树库原本就是为之建立的那个任务来检验它们：每个句子带有五个
# 标签之一，从*非常负面*（0）到*非常正面*（4）。本笔记本是 2017 年讲义的第 4 题，沿用讲义的题号：
# 1. 把句中各个词的向量取平均，将句子变成一个特征向量（4a），
# 2. 在这些特征上训练一个 softmax（多项逻辑回归）分类器，并说明为什么要对它做
#    正则化（4b），
# 3. 在验证集上、并且只在验证集上选择正则化强度（4c），
# 4. 把你的向量与预训练的 GloVe 向量进行比较（4d；讲义预期用 GloVe 的准确率约为 36.5%），
# 5. 使用 GloVe：准确率随正则化强度的变化（4e）、混淆矩阵（4f），以及
#    它分错的句子（4g）。

# %% provided=true
import warnings
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from autograder.notebook import check
from cs224n_datasets import DEV, TEST, TRAIN, MissingDataError, load_glove_text, load_treebank
from notebooks.w2v_check import VectorsRefused, load_student_vectors

plt.rcParams["figure.dpi"] = 100
np.set_printoptions(precision=4, suppress=True)
LABELS = ["very negative", "negative", "neutral", "positive", "very positive"]

# %% [markdown]
# The treebank's splits and the vectors saved by notebook 4 (`word_vectors.npz`, next to this
# notebook: one row of 20 numbers per word, the centre and outside vectors side by side). They are
# called yours only when notebook 4 confirmed that your functions compute them (its step 2);
# otherwise random vectors stand in, under their own name.

# %% [markdown] lang="zh"
# 树库的各个数据划分，以及笔记本 4 保存的向量（`word_vectors.npz`，放在本笔记本旁边：每个词一行
# 20 个数，即中心向量和外部向量并排拼在一起）。只有当笔记本 4 确认了这些向量是由你的函数算出的
# （它的第 2 步）时，它们才被称为你的向量；否则用随机向量代替，并以它们自己的名字标注。

# %%
treebank = load_treebank(fallback_to_toy=True)
splits = {"train": treebank.split_sentences(TRAIN), "dev": treebank.split_sentences(DEV),
          "test": treebank.split_sentences(TEST)}
for name, sentences in splits.items():
    label_counts = np.bincount([label for _, label in sentences], minlength=5)
    print(f"{name:>5}: {len(sentences):5,} sentences, label counts {label_counts}")

try:
    my_vectors = load_student_vectors("word_vectors.npz", treebank.ind2word)
    MINE = "yours (notebook 4)"
    print(f"Your word vectors from notebook 4, {my_vectors.shape}: notebook 4 checked that your functions "
          "compute them.")
except VectorsRefused as refusal:
    MINE = "random stand-in"
    print(f"Not using notebook 4's vectors as yours. {refusal}\n"
          "Until then random vectors stand in, labelled 'random stand-in'; their accuracies say nothing "
          "about your code.")
    my_vectors = np.random.default_rng(0).normal(0.0, 0.1, (len(treebank.ind2word), 20))

# %% [markdown]
# ## 1. Sentence features (4a)
#
# The simplest way to represent a sentence of $n$ words with a fixed-size vector is the mean of
# its word vectors:
#
# $$\mathbf{x} = \frac{1}{n} \sum_{i=1}^{n} \mathbf{v}_{w_i} .$$
#
# It ignores word order ("not good, bad" and "not bad, good" get the same features), but it is
# a strong baseline. Write `get_sentence_features(word2ind, word_vectors, sentence)`; gather all
# the rows at once (`word_vectors[rows]`) and average with `.mean(axis=0)`. An empty sentence
# gets the zero vector.

# %% [markdown] lang="zh"
# ## 1. 句子特征（4a）
#
# 要用一个固定长度的向量表示含 $n$ 个词的句子，最简单的办法是取它的各个词向量的平均值：
#
# $$\mathbf{x} = \frac{1}{n} \sum_{i=1}^{n} \mathbf{v}_{w_i} .$$
#
# 它忽略了词序（"not good, bad" 和 "not bad, good" 得到相同的特征），但它是一个很强的基线。编写
# `get_sentence_features(word2ind, word_vectors, sentence)`；一次性取出所有的行（`word_vectors[rows]`），
# 再用 `.mean(axis=0)` 求平均。空句子得到零向量。

# %% solution="get_sentence_features"

# %% tests="get_sentence_features"

# %%
def features_and_labels(sentences, word_vectors):
    X = np.stack([get_sentence_features(treebank.word2ind, word_vectors, words) for words, _ in sentences])
    y = np.array([label for _, label in sentences])
    return X, y


data = {name: features_and_labels(sentences, my_vectors) for name, sentences in splits.items()}
print({name: X.shape for name, (X, _) in data.items()})

# %% [markdown]
# ## 2. A softmax classifier and its regularisation
#
# The classifier is the output layer of notebook 3 without the hidden layer:
# $\hat{\mathbf{y}} = \operatorname{softmax}(W^\top \mathbf{x} + \mathbf{b})$, with $W$ of shape $(D, 5)$.
#
# **Question 4 (b), 1 point.** Explain in at most three sentences why we regularise the classifier.

# %% [markdown] lang="zh"
# ## 2. softmax 分类器及其正则化
#
# 这个分类器就是笔记本 3 中去掉隐藏层之后的输出层：
# $\hat{\mathbf{y}} = \operatorname{softmax}(W^\top \mathbf{x} + \mathbf{b})$，其中 $W$ 的形状为 $(D, 5)$。
#
# **问题 4 (b)，1 分。** 用不超过三句话解释我们为什么要对分类器做正则化。

# %% [markdown] answer="q4b_why_regularize" points=1
# Without a penalty the weights are chosen only to fit the training sentences: the classifier can
# grow large weights on directions that happen to separate the training set (noise in averaged word
# vectors), and does worse on sentences it has not seen. The L2 penalty keeps the weights small,
# trading a little training fit (bias) for less sensitivity to the particular training sample
# (variance), so that the model generalises; it also keeps the optimum finite when some classes
# are separable.

# %% [markdown] lang="zh"
# 没有惩罚项时，选择权重只是为了拟合训练句子：分类器可能在恰好能把训练集分开的方向上（平均词向量中的
# 噪声）长出很大的权重，于是在没见过的句子上表现更差。L2 惩罚项让权重保持较小，用训练集上少许的拟合
# 程度（偏差）换取对具体训练样本更低的敏感性（方差），从而让模型能够泛化；当某些类别可分时，它还保证
# 最优解是有限的。

# %% [markdown]
# **What scikit-learn minimises.** `LogisticRegression(C=...)` with its default L2 penalty and a
# multinomial (softmax) loss finds the weights that minimise
#
# $$C \sum_{i=1}^{N} \text{CE}(\mathbf{y}_i, \hat{\mathbf{y}}_i) + \tfrac{1}{2} \lVert W \rVert^2$$
#
# over the $N$ = 8,544 training sentences: the **summed** cross-entropy, not the mean, and the
# bias $\mathbf{b}$ is not penalised. With `C = 1 / reg` (as the assignment does) this is, divided
# by $C$, $\sum_i \text{CE}_i + \frac{\text{reg}}{2} \lVert W \rVert^2$: `reg` weighs the penalty against
# a loss summed over 8,544 sentences. On the scale of the mean loss,
# $\frac{1}{N} \sum_i \text{CE}_i + \frac{\lambda}{2} \lVert W \rVert^2$, the same model has
# $\lambda = \text{reg} / N$: `reg = 100` is only $\lambda \approx 0.012$. The cell below checks this on
# a fitted classifier: the gradient of the summed objective vanishes at scikit-learn's solution, the
# gradient of the mean-loss reading with $\lambda = $ `reg` does not.

# %% [markdown] lang="zh"
# **scikit-learn 最小化的是什么。** 使用默认 L2 惩罚项和多项（softmax）损失的
# `LogisticRegression(C=...)` 所求的权重使下式最小：
#
# $$C \sum_{i=1}^{N} \text{CE}(\mathbf{y}_i, \hat{\mathbf{y}}_i) + \tfrac{1}{2} \lVert W \rVert^2$$
#
# 求和遍历 $N$ = 8,544 个训练句子：这是**求和**的交叉熵，而不是平均值，并且偏置 $\mathbf{b}$ 不受惩罚。
# 取 `C = 1 / reg`（作业就是这样做的），把上式除以 $C$，得到
# $\sum_i \text{CE}_i + \frac{\text{reg}}{2} \lVert W \rVert^2$：`reg` 是惩罚项相对于一个在 8,544 个
# 句子上求和的损失所占的权重。换到平均损失的尺度上，即
# $\frac{1}{N} \sum_i \text{CE}_i + \frac{\lambda}{2} \lVert W \rVert^2$，同一个模型对应
# $\lambda = \text{reg} / N$：`reg = 100` 只相当于 $\lambda \approx 0.012$。下面的单元在一个训练好的分类器上
# 验证这一点：求和形式的目标函数的梯度在 scikit-learn 给出的解处为零，而按平均损失来理解、取
# $\lambda = $ `reg` 时，梯度并不为零。

# %%
def objective_gradients(clf, X, y, reg):
    """dW of sum CE + reg/2 ||W||^2 and of mean CE + reg/2 ||W||^2 at the classifier's weights."""
    scores = X @ clf.coef_.T + clf.intercept_  # (N, 5)
    probabilities = np.exp(scores - scores.max(axis=1, keepdims=True))
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    delta = probabilities - np.eye(5)[y]  # y_hat - y, row by row
    summed = (X.T @ delta).T + reg * clf.coef_  # (5, D)
    mean = (X.T @ delta).T / len(y) + reg * clf.coef_
    return np.abs(summed).max(), np.abs(mean).max()


X_check, y_check = data["train"]
for reg in (0.1, 10.0):
    with threadpool_limits(limits=1):
        clf = LogisticRegression(C=1.0 / reg, solver="newton-cholesky", tol=1e-10, max_iter=200)
        clf.fit(X_check, y_check)
    summed, mean = objective_gradients(clf, X_check, y_check, reg)
    print(f"reg = {reg:>4}: largest gradient of  sum CE + reg/2 ||W||^2: {summed:.1e}   "
          f"mean CE + reg/2 ||W||^2: {mean:.1e}")

# %% [markdown]
# ## 3. Choosing the regularisation (4c)
#
# The regularisation strength is a *hyperparameter*: training cannot choose it (the training loss
# is always lowest at `reg = 0`). We try a range of values and compare them on data the classifier
# was not trained on. Write `get_regularization_values()`: a sorted list of at least 5 values
# spanning at least three orders of magnitude. Think about the spacing: does the step from 1.00 to
# 1.01 matter as much as the step from 0.01 to 1?

# %% [markdown] lang="zh"
# ## 3. 选择正则化强度（4c）
#
# 正则化强度是一个*超参数*：训练本身无法选出它（训练损失总是在 `reg = 0` 时最低）。我们尝试一系列
# 取值，并在分类器没有训练过的数据上比较它们。编写 `get_regularization_values()`：返回一个排好序的
# 列表，至少含 5 个值，跨越至少三个数量级。想一想取值的间隔：从 1.00 到 1.01 这一步，和从 0.01 到 1
# 这一步同样重要吗？

# %% solution="get_regularization_values"

# %% tests="get_regularization_values"

# %% provided=true
# include: solutions.sentiment:accuracy


def sweep(data, regularization_values):
    """Train one classifier per value; report train, dev and test accuracy (percent)."""
    (X_train, y_train), (X_dev, y_dev), (X_test, y_test) = data["train"], data["dev"], data["test"]
    results = []
    for reg in regularization_values:
        # Newton's method converges in a few steps here (5 x 51 parameters at most);
        # the default L-BFGS needs hundreds of iterations when the penalty is weak.
        clf = LogisticRegression(C=1.0 / (reg + 1e-12), solver="newton-cholesky", max_iter=100)
        # One BLAS thread: on a busy 2-core machine competing threads make this several times slower.
        with warnings.catch_warnings(), threadpool_limits(limits=1):
            warnings.simplefilter("ignore")  # a convergence warning would only clutter the output
            clf.fit(X_train, y_train)
        results.append({
            "reg": reg,
            "clf": clf,
            "train": accuracy(y_train, clf.predict(X_train)),
            "dev": accuracy(y_dev, clf.predict(X_dev)),
            "test": accuracy(y_test, clf.predict(X_test)),
        })
    return results


results = sweep(data, get_regularization_values())
print(f"{'reg':>10} {'train %':>8} {'dev %':>7}")
for r in results:
    print(f"{r['reg']:>10.4g} {r['train']:>8.2f} {r['dev']:>7.2f}")

# %% [markdown]
# ### By dev accuracy, never by test accuracy
#
# The test set is there to *report* how well the final model does on sentences it has never seen.
# If we picked the regularisation by test accuracy, the test set would have taken part in
# training (through the choice), and the reported number would be optimistically biased: with
# enough candidates, one of them looks good on the test set by luck. So the dev set chooses, and
# the test accuracy of the chosen model is read exactly once, afterwards.
#
# Write `choose_best_model(results)`: return the result (the whole dict) with the highest `dev`
# accuracy. Do not look at `test`.

# %% [markdown] lang="zh"
# ### 按验证集准确率来选，绝不按测试集准确率来选
#
# 测试集的作用是*报告*最终模型在从未见过的句子上表现如何。如果按测试集准确率来挑选正则化强度，
# 测试集就（通过这次选择）参与了训练，报告出的数字就会偏于乐观：候选值足够多时，总有一个会凭运气在
# 测试集上显得很好。所以由验证集来做选择，被选中模型的测试集准确率只在事后读取一次。
#
# 编写 `choose_best_model(results)`：返回 `dev` 准确率最高的那个结果（整个 dict）。不要看 `test`。

# %% solution="choose_best_model"

# %% tests="choose_best_model"

# %%
best = choose_best_model(results)
print(f"{MINE}: chosen reg = {best['reg']:.4g}, train {best['train']:.2f}%, dev {best['dev']:.2f}%, "
      f"and only now the test accuracy: {best['test']:.2f}%")
majority = np.bincount(data["train"][1]).argmax()
print(f"(always answering the most common training label, '{LABELS[majority]}', "
      f"scores {accuracy(data['dev'][1], np.full_like(data['dev'][1], majority)):.2f}% on dev)")

# %% [markdown]
# ## 4. Your vectors against pretrained GloVe (4d)
#
# GloVe vectors (Pennington et al., 2014) were trained on 6 billion tokens of Wikipedia and news
# text, against the treebank's 227 thousand. The same pipeline, with the 50-dimensional GloVe
# vectors of the treebank's words (a word GloVe lacks gets the zero vector). The handout expects
# about 36.5% accuracy with GloVe.

# %% [markdown] lang="zh"
# ## 4. 你的向量与预训练的 GloVe 对比（4d）
#
# GloVe 向量（Pennington 等人，2014）是在维基百科和新闻文本的 60 亿个词例上训练的，而树库只有
# 22.7 万个词例。下面用同样的流程，换成树库中各个词的 50 维 GloVe 向量（GloVe 中没有的词得到零向量）。
# 讲义预期用 GloVe 的准确率约为 36.5%。

# %%
GLOVE_TARGET = 36.5
try:
    glove_vectors, coverage = load_glove_text(None, treebank.word2ind, dim=50)
except MissingDataError as problem:
    glove_vectors = None
    print(f"GloVe vectors not found, the comparison is skipped and 4(e)-(g) use {MINE}: {problem}")
if glove_vectors is not None:
    print(f"GloVe covers {coverage:.1%} of the treebank's words")
    glove_data = {name: features_and_labels(sentences, glove_vectors) for name, sentences in splits.items()}
    glove_results = sweep(glove_data, get_regularization_values())
    glove_best = choose_best_model(glove_results)
    print(f"{'vectors':<20} {'dims':>4} {'chosen reg':>10} {'train %':>8} {'dev %':>6} {'test %':>7}")
    for name, vectors, chosen in [(MINE, my_vectors, best), ("GloVe 6B 50-d", glove_vectors, glove_best)]:
        print(f"{name:<20} {vectors.shape[1]:>4} {chosen['reg']:>10.3g} {chosen['train']:>8.2f} "
              f"{chosen['dev']:>6.2f} {chosen['test']:>7.2f}")
    for split in ("dev", "test"):
        verdict = "meets" if glove_best[split] >= GLOVE_TARGET else "misses"
        print(f"GloVe {split} accuracy {glove_best[split]:.2f}% {verdict} the handout's {GLOVE_TARGET}%")
    study_name, study_data, study_results, study_best = "GloVe", glove_data, glove_results, glove_best
else:
    study_name, study_data, study_results, study_best = MINE, data, results, best

# %% [markdown]
# **Question 4 (d), 2 points.** Which vectors work better, by how much, and why? Does GloVe reach the
# handout's 36.5%?

# %% [markdown] lang="zh"
# **问题 4 (d)，2 分。** 哪种向量效果更好？好多少？为什么？GloVe 达到讲义中的 36.5% 了吗？

# %% [markdown] answer="q4d_glove_comparison" points=2
# (Reference run: GloVe about 36% dev and 37% test against about 30-31% for the notebook-4 vectors;
# the numbers are printed above.) GloVe features are clearly better, by about six points. Reasons:
#
# * **Data.** GloVe saw 6 billion tokens, about 26,000 times more than the treebank; every word
#   has been seen in many contexts, so even rarer sentiment words have meaningful vectors, while
#   most of the treebank's words occur only a few times (notebook 4: their vectors barely moved, and
#   the main direction of the trained vectors is word frequency).
# * **Dimension.** 50 dimensions against 10 (20 with the outside vectors appended): more room to
#   encode distinctions, including the polarity directions a linear classifier needs.
# * **Training.** Our vectors come from 40,000 small SGD steps on a small corpus; GloVe's training
#   converged on global co-occurrence statistics.
#
# With the handout's 36.5% as target, GloVe's dev accuracy lands within a point of it and its test
# accuracy above it. Neither set of vectors captures word order or negation, which caps both well
# below what sentence models (recursive or recurrent networks) reach on this task.

# %% [markdown] lang="zh"
# （参考运行：GloVe 在验证集上约 36%、测试集上约 37%，而笔记本 4 的向量约为 30-31%；具体数字打印在
# 上面。）GloVe 特征明显更好，高出约六个百分点。原因如下：
#
# * **数据。** GloVe 见过 60 亿个词例，约为树库的 26,000 倍；每个词都在许多上下文中出现过，所以即使是
#   较少见的情感词也有有意义的向量，而树库中的大多数词只出现几次（见笔记本 4：它们的向量几乎没有移动，
#   训练所得向量的主方向是词频）。
# * **维度。** 50 维对 10 维（拼上外部向量后是 20 维）：有更多的空间来编码各种区别，包括线性分类器
#   所需要的褒贬方向。
# * **训练。** 我们的向量来自在一个小语料上走的 40,000 个 SGD 小步；GloVe 的训练则在全局的共现统计量上
#   收敛了。
#
# 以讲义的 36.5% 为目标，GloVe 的验证集准确率与它相差不到一个百分点，测试集准确率则高于它。两种向量
# 都无法刻画词序或否定，这使得两者的准确率都远低于句子级模型（递归或循环神经网络）在这个任务上所能
# 达到的水平。

# %% [markdown]
# ## 5. Accuracy against the regularisation, with GloVe (4e)

# %% [markdown] lang="zh"
# ## 5. 准确率随正则化强度的变化，使用 GloVe（4e）

# %%
fig, ax = plt.subplots(figsize=(7.5, 4.2))
for name, res, marker in [(study_name, study_results, "o"), (MINE, results, "s")]:
    regs = [r["reg"] for r in res]
    ax.semilogx(regs, [r["train"] for r in res], marker + "-", label=f"{name}: train")
    ax.semilogx(regs, [r["dev"] for r in res], marker + "--", label=f"{name}: dev")
    if name == MINE and study_name == MINE:
        break
ax.axvline(study_best["reg"], color="gray", ls=":", lw=1)
ax.set(xlabel="reg = 1 / C (log scale; the penalty is reg/2 ||W||^2 against the summed loss)",
       ylabel="accuracy (%)", title=f"Accuracy against regularisation ({study_name} chosen: dotted)")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# **Question 4 (e), 2 points.** Explain the shape of the GloVe curves: what happens to train and dev
# accuracy as the regularisation grows, and why? Why is the gap between them small?

# %% [markdown] lang="zh"
# **问题 4 (e)，2 分。** 解释 GloVe 曲线的形状：随着正则化增强，训练集和验证集的准确率怎样变化，
# 为什么？为什么两者之间的差距很小？

# %% [markdown] answer="q4e_regularization_plot" points=2
# (Reference run, GloVe.) For `reg` up to about 0.01 the curves are flat: the penalty
# $\frac{\text{reg}}{2} \lVert W \rVert^2$ is negligible against a cross-entropy summed over 8,544
# sentences, so the classifier is practically unregularised (train about 40%, dev about 35%). From
# there on the penalty shrinks the weights: train accuracy falls slowly (to about 38% at `reg` = 30
# and below 37% at 100), because the model can fit the training sentences less closely. Dev
# accuracy moves within about one point (35-36%), highest around `reg` = 10-30 (the chosen value)
# where damping noisy directions of the averaged vectors helps a little; one point of dev is about
# 11 of 1,101 sentences, so most of these wiggles are noise. Much larger values (not in the sweep)
# would push every class score toward the same value and accuracy toward always answering the most
# common class. The train-dev gap stays small (a few points) because 5 x 51 parameters on 8,544
# sentences cannot overfit much: the model is limited by its features (bias), not by variance. On
# the scale of the mean loss, the sweep covers $\lambda = \text{reg} / N \approx 10^{-8}$ to $10^{-2}$.

# %% [markdown] lang="zh"
# （参考运行，GloVe。）`reg` 不超过约 0.01 时，曲线是平的：惩罚项 $\frac{\text{reg}}{2} \lVert W \rVert^2$
# 与在 8,544 个句子上求和的交叉熵相比可以忽略，所以分类器实际上没有被正则化（训练集约 40%，验证集约
# 35%）。从这里开始，惩罚项让权重收缩：训练集准确率缓慢下降（`reg` = 30 时约为 38%，100 时低于 37%），
# 因为模型对训练句子的拟合不能那么紧了。验证集准确率只在约一个百分点的范围内变动（35-36%），在
# `reg` = 10-30 附近（即被选中的值）最高，在那里抑制平均向量中带噪声的方向会有一点帮助；验证集上的一个
# 百分点大约是 1,101 个句子中的 11 个，所以这些起伏大多是噪声。大得多的取值（不在扫描范围内）会把每个
# 类别的分数都推向同一个值，使准确率趋向于总是回答最常见类别时的水平。训练集与验证集之间的差距一直很小
# （几个百分点），因为在 8,544 个句子上，5 x 51 个参数过拟合不了多少：限制模型的是它的特征（偏差），
# 而不是方差。换到平均损失的尺度上，这次扫描覆盖了 $\lambda = \text{reg} / N \approx 10^{-8}$ 到 $10^{-2}$。

# %% [markdown]
# ## 6. What the GloVe classifier gets wrong (4f, 4g)
#
# The confusion matrix counts, for every true label (row), how often each label was predicted
# (column), on the dev set. Rows are normalised to sum to 1 so that classes of different sizes
# compare.

# %% [markdown] lang="zh"
# ## 6. GloVe 分类器错在哪里（4f、4g）
#
# 混淆矩阵在验证集上统计：对每个真实标签（行），每个标签（列）被预测了多少次。每一行都归一化为
# 和为 1，这样大小不同的类别也能相互比较。

# %%
def confusion_matrix(y, predictions):
    """(5, 5) counts: row = true label, column = predicted label."""
    counts = np.zeros((5, 5), dtype=np.int64)
    np.add.at(counts, (y, predictions), 1)
    return counts


def plot_confusion(ax, counts, title):
    rates = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    image = ax.imshow(rates, cmap="Blues", vmin=0, vmax=1)
    for i in range(5):
        for j in range(5):
            ax.text(j, i, f"{counts[i, j]}\n{rates[i, j]:.0%}", ha="center", va="center", fontsize=8,
                    color="white" if rates[i, j] > 0.5 else "black")
    ax.set(xticks=range(5), yticks=range(5), xlabel="predicted label", ylabel="true label", title=title)
    ax.set_xticklabels(LABELS, rotation=30, ha="right")
    ax.set_yticklabels(LABELS)
    return image


X_dev, y_dev = study_data["dev"]
dev_predictions = study_best["clf"].predict(X_dev)
my_dev_predictions = best["clf"].predict(data["dev"][0])
fig, axes = plt.subplots(1, 2, figsize=(14, 5.2), layout="constrained")
image = plot_confusion(axes[0], confusion_matrix(y_dev, dev_predictions),
                       f"{study_name} (dev {study_best['dev']:.1f}%)")
plot_confusion(axes[1], confusion_matrix(data["dev"][1], my_dev_predictions),
               f"{MINE} (dev {best['dev']:.1f}%)")
fig.colorbar(image, ax=axes, label="fraction of the true label's sentences", shrink=0.8)
plt.show()

# %% [markdown]
# **Question 4 (f), 2 points.** Interpret the GloVe confusion matrix. Which mistakes are common,
# which are rare, and what does that say about the features?

# %% [markdown] lang="zh"
# **问题 4 (f)，2 分。** 解读 GloVe 的混淆矩阵。哪些错误常见，哪些少见？这说明这些特征有什么特点？

# %% [markdown] answer="q4f_confusion_matrix" points=2
# (Reference run; the numbers are in the left matrix.) The GloVe classifier predicts mostly the two
# most frequent labels, "negative" and "positive":
#
# * **Intensity is lost.** The extreme labels go mostly to their milder neighbour (about 70% of
#   "very negative" sentences are predicted "negative", about two thirds of "very positive" ones
#   "positive"); only "very positive" is sometimes right (about a fifth).
# * **"Neutral" is almost never predicted** (a few per cent of neutral sentences are right); they are
#   split between "negative" and "positive". Neutral sentences have no words of their own, and an
#   average of word vectors cannot express "no sentiment".
# * **Polarity is still often wrong**: over a third of "negative" sentences are predicted
#   "positive", a quarter of "positive" ones "negative". Errors across the whole scale (very negative
#   predicted very positive, or the reverse) are almost absent.
#
# So the averaged GloVe features carry a clear but noisy polarity signal and almost nothing about
# strength. The notebook-4 vectors (right) are weaker still: they put more than half of every class
# into "positive".

# %% [markdown] lang="zh"
# （参考运行；数字见左边的矩阵。）GloVe 分类器预测的大多是两个最常见的标签，"negative" 和 "positive"：
#
# * **强度信息丢失了。** 两端的标签大多被判为较温和的相邻标签（约 70% 的 "very negative" 句子被预测为
#   "negative"，约三分之二的 "very positive" 句子被预测为 "positive"）；只有 "very positive" 有时能判对
#   （约五分之一）。
# * **"neutral" 几乎从不被预测**（中性句子只有百分之几被判对）；它们被分到 "negative" 和 "positive"
#   两边。中性句子没有属于自己的词，而词向量的平均无法表达“没有情感”。
# * **褒贬方向仍然经常判错**：超过三分之一的 "negative" 句子被预测为 "positive"，四分之一的 "positive"
#   句子被预测为 "negative"。跨越整个量表的错误（very negative 被预测为 very positive，或者反过来）
#   几乎没有。
#
# 所以，平均后的 GloVe 特征带有清晰但有噪声的褒贬信号，却几乎不含强度的信息。笔记本 4 的向量（右边）
# 还要更弱：每个类别都有一半以上的句子被它们归入 "positive"。

# %% [markdown]
# Some dev sentences the GloVe classifier gets wrong (a fixed random sample), with their true and
# predicted labels:

# %% [markdown] lang="zh"
# 下面是 GloVe 分类器在验证集上分错的一些句子（一个固定的随机样本），附有它们的真实标签和预测标签：

# %%
wrong = np.flatnonzero(dev_predictions != y_dev)
sample = np.random.default_rng(224).choice(wrong, size=min(8, len(wrong)), replace=False)
for i in sample:
    words, label = splits["dev"][i]
    print(f"true: {LABELS[label]:<13} predicted: {LABELS[dev_predictions[i]]:<13} | {' '.join(words)}")

# %% [markdown]
# **Question 4 (g), 2 points.** Pick three of these errors (or others from the dev set), explain why
# an average of word vectors gets them wrong, and name a feature or model that would fix each.

# %% [markdown] lang="zh"
# **问题 4 (g)，2 分。** 从这些错误（或验证集中的其他错误）中挑出三个，解释为什么词向量的平均会把它们
# 分错，并为每一个指出一种能纠正它的特征或模型。

# %% [markdown] answer="q4g_error_analysis" points=2
# (The sentences printed depend on the vectors; a good answer names concrete sentences, the
# mechanism, and a remedy.) Typical causes and fixes:
#
# * **Negation and contrast.** "not bad", "the plot is thin, but the acting is superb": averaging
#   ignores word order and scope, so "not" cannot flip "bad", and a "but" clause that decides the
#   label is averaged with the clause it overrules. Fix: n-gram features ("not_bad"), or a model
#   that composes words in order (a recurrent or recursive network over the parse tree, which is
#   what the treebank's phrase labels were made for).
# * **Sentiment carried by a few strong words in a long sentence.** Many neutral words (names,
#   plot description) pull the average toward the centre, so strongly worded sentences are
#   predicted as milder. Fix: weight words (tf-idf, or learnt attention weights), or add the
#   max/min of the word vectors to the mean.
# * **Domain words and rare words.** Words whose sentiment is specific to film reviews ("formulaic",
#   "overlong") may not carry it in GloVe's general-purpose vectors. Fix: features learnt for the
#   task, e.g. a bag of words with its own weights, or fine-tuning the word vectors on the labels.
# * **Sarcasm and world knowledge** ("a must-see for insomniacs") defeat every word-level feature.

# %% [markdown] lang="zh"
# （打印出的句子取决于所用的向量；好的答案要指出具体的句子、出错的机制和补救办法。）典型的原因和
# 补救办法：
#
# * **否定与转折。** "not bad"，"the plot is thin, but the acting is superb"：取平均忽略了词序和作用范围，
#   所以 "not" 无法把 "bad" 反转过来，而决定标签的 "but" 分句又会和被它推翻的那个分句平均在一起。补救：
#   n-gram 特征（"not_bad"），或者按顺序组合词语的模型（循环神经网络，或在句法树上的递归神经网络，
#   树库的短语标签正是为此而标注的）。
# * **长句中情感只由少数几个强烈的词承载。** 许多中性词（人名、剧情描述）把平均值拉向中间，所以措辞
#   强烈的句子被预测得更温和。补救：给词加权（tf-idf，或学出来的注意力权重），或者在平均值之外再加上
#   词向量的最大值/最小值。
# * **领域词和罕见词。** 有些词的情感是影评特有的（"formulaic"、"overlong"），在 GloVe 的通用向量中
#   可能体现不出来。补救：为这个任务专门学习的特征，例如带有自己权重的词袋，或者在标签上微调词向量。
# * **讽刺和常识**（"a must-see for insomniacs"）会让所有词级别的特征都失效。

# %% strings="zh"
# The Chinese edition's version of what the code cells print and draw: each key is a
# string literal exactly as the code above writes it, each value its Chinese text (the
# same {placeholders}). notebooks/build.py swaps them into the Chinese edition only.
{
    'f"{name:>5}: {len(sentences):5,} sentences, label counts {label_counts}"':
        'f"{name:>5}：{len(sentences):5,} 个句子，各标签的数目 {label_counts}"',
    'f"Your word vectors from notebook 4, {my_vectors.shape}: notebook 4 checked that your functions "\n          "compute them."':
        'f"你在笔记本 4 中训练的词向量，{my_vectors.shape}：笔记本 4 已检查过计算它们的函数" "是你写的。"',
    'f"Not using notebook 4\'s vectors as yours. {refusal}\\n"\n          "Until then random vectors stand in, labelled \'random stand-in\'; their accuracies say nothing "\n          "about your code."':
        'f"不把笔记本 4 的向量当作你的向量。{refusal}\\n" "在此之前由随机向量代替，标为 \'random stand-in\'；它们的准确率与" "你的代码无关。"',
    'f"reg = {reg:>4}: largest gradient of  sum CE + reg/2 ||W||^2: {summed:.1e}   "\n          f"mean CE + reg/2 ||W||^2: {mean:.1e}"':
        'f"reg = {reg:>4}：sum CE + reg/2 ||W||^2 的最大梯度 {summed:.1e}   " f"mean CE + reg/2 ||W||^2 的最大梯度 {mean:.1e}"',
    'f"labels have shape {y.shape} but predictions {y_hat.shape}"':
        'f"标签的形状是 {y.shape}，而预测的形状是 {y_hat.shape}"',
    'f"{MINE}: chosen reg = {best[\'reg\']:.4g}, train {best[\'train\']:.2f}%, dev {best[\'dev\']:.2f}%, "\n      f"and only now the test accuracy: {best[\'test\']:.2f}%"':
        'f"{MINE}：选出的 reg = {best[\'reg\']:.4g}，训练集 {best[\'train\']:.2f}%，开发集 {best[\'dev\']:.2f}%，" f"直到现在才看测试集准确率：{best[\'test\']:.2f}%"',
    'f"(always answering the most common training label, \'{LABELS[majority]}\', "\n      f"scores {accuracy(data[\'dev\'][1], np.full_like(data[\'dev\'][1], majority)):.2f}% on dev)"':
        'f"（总是回答训练集中最常见的标签 \'{LABELS[majority]}\'，" f"在开发集上得 {accuracy(data[\'dev\'][1], np.full_like(data[\'dev\'][1], majority)):.2f}%）"',
    'f"GloVe vectors not found, the comparison is skipped and 4(e)-(g) use {MINE}: {problem}"':
        'f"没有找到 GloVe 向量，跳过这项比较，4(e)-(g) 使用 {MINE}：{problem}"',
    'f"GloVe covers {coverage:.1%} of the treebank\'s words"':
        'f"GloVe 覆盖了树库中 {coverage:.1%} 的词"',
    'f"GloVe {split} accuracy {glove_best[split]:.2f}% {verdict} the handout\'s {GLOVE_TARGET}%"':
        'f"GloVe 在 {split} 上的准确率 {glove_best[split]:.2f}%，{verdict}讲义给出的 {GLOVE_TARGET}%"',
    'f"{name}: train"':
        'f"{name}：训练集"',
    'f"{name}: dev"':
        'f"{name}：开发集"',
    '"reg = 1 / C (log scale; the penalty is reg/2 ||W||^2 against the summed loss)"':
        '"reg = 1 / C（对数刻度；惩罚项是相对于损失之和的 reg/2 ||W||^2）"',
    '"accuracy (%)"':
        '"准确率 (%)"',
    'f"Accuracy against regularisation ({study_name} chosen: dotted)"':
        'f"准确率与正则化强度（{study_name} 选中的值：虚线）"',
    '"predicted label"':
        '"预测的标签"',
    '"true label"':
        '"真实的标签"',
    '"fraction of the true label\'s sentences"':
        '"占该真实标签句子的比例"',
    'f"true: {LABELS[label]:<13} predicted: {LABELS[dev_predictions[i]]:<13} | {\' \'.join(words)}"':
        'f"真实：{LABELS[label]:<13} 预测：{LABELS[dev_predictions[i]]:<13} | {\' \'.join(words)}"',
    '"meets"':
        '"达到了"',
    '"misses"':
        '"未达到"',
}
