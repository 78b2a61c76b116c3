# Template of a notebook: `python -m notebooks.build` turns it into course/source/a1/*.ipynb.
# Code is assembled at build time (includes, solutions), so lint the built notebooks instead:
# ruff: noqa
# %% [markdown]
# # CS224n Assignment 1, part 5: Sentiment analysis
#
# Do the word vectors of notebook 4 know anything about sentiment? We test them on the task the
# treebank was made for: each sentence carries one of five labels, from *very negative* (0) to
# *very positive* (4). The plan:
# 1. turn a sentence into a feature vector by averaging its words' vectors,
# 2. train a softmax (multinomial logistic regression) classifier on those features,
# 3. choose its regularisation strength on the dev set (and only there),
# 4. look at the errors: the confusion matrix and the dev sentences it gets wrong,
# 5. compare your vectors with pretrained GloVe vectors.

# %% provided
import warnings
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import LogisticRegression

from autograder.notebook import check
from datasets import DEV, TEST, TRAIN, MissingDataError, load_glove_text, load_treebank

plt.rcParams["figure.dpi"] = 100
np.set_printoptions(precision=4, suppress=True)
LABELS = ["very negative", "negative", "neutral", "positive", "very positive"]

# %% [markdown]
# The treebank's splits and the vectors saved by notebook 4 (`word_vectors.npz`, next to this
# notebook: one row of 20 numbers per word, the centre and outside vectors side by side).

# %%
treebank = load_treebank(fallback_to_toy=True)
splits = {"train": treebank.split_sentences(TRAIN), "dev": treebank.split_sentences(DEV),
          "test": treebank.split_sentences(TEST)}
for name, sentences in splits.items():
    label_counts = np.bincount([label for _, label in sentences], minlength=5)
    print(f"{name:>5}: {len(sentences):5,} sentences, label counts {label_counts}")

try:
    saved = np.load("word_vectors.npz")
    if saved["words"].tolist() != list(treebank.ind2word):
        raise ValueError("word_vectors.npz was trained on another vocabulary")
    my_vectors = saved["vectors"]
    print("Your word vectors from notebook 4:", my_vectors.shape)
except (FileNotFoundError, ValueError) as problem:
    print(f"Could not use notebook 4's vectors ({problem}). Run notebook 4 first; "
          "until then random vectors stand in, and the accuracies below mean little.")
    my_vectors = np.random.default_rng(0).normal(0.0, 0.1, (len(treebank.ind2word), 20))

# %% [markdown]
# ## 1. Sentence features
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

# %% solution=get_sentence_features

# %% tests=get_sentence_features

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
# $\hat{\mathbf{y}} = \operatorname{softmax}(\mathbf{x} W + \mathbf{b})$, trained to minimise the mean
# cross-entropy plus an L2 penalty $\frac{\lambda}{2} \lVert W \rVert^2$. scikit-learn's
# `LogisticRegression` does exactly this; its parameter `C` is the inverse strength,
# $C = 1 / \lambda$.
#
# The regularisation strength $\lambda$ is a *hyperparameter*: training cannot choose it (the
# training loss is always lowest at $\lambda = 0$). We try a range of values and compare them on
# data the classifier was not trained on. Write `get_regularization_values()`: a sorted list of at
# least 5 values spanning at least three orders of magnitude, evenly spaced **on a log scale**
# (`np.logspace`), because what matters is the order of magnitude of $\lambda$, not its last digit.

# %% solution=get_regularization_values

# %% tests=get_regularization_values

# %% provided
# include: solutions.sentiment:accuracy


def sweep(data, regularization_values):
    """Train one classifier per value; report train, dev and test accuracy (percent)."""
    (X_train, y_train), (X_dev, y_dev), (X_test, y_test) = data["train"], data["dev"], data["test"]
    results = []
    for reg in regularization_values:
        # Newton's method converges in a few steps here (5 x 51 parameters at most);
        # the default L-BFGS needs hundreds of iterations when the penalty is weak.
        clf = LogisticRegression(C=1.0 / (reg + 1e-12), solver="newton-cholesky", max_iter=100)
        with warnings.catch_warnings():
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
# ## 3. Choosing the model: by dev accuracy, never by test accuracy
#
# The test set is there to *report* how well the final model does on sentences it has never seen.
# If we picked the regularisation by test accuracy, the test set would have taken part in
# training (through the choice), and the reported number would be optimistically biased: with
# enough candidates, one of them looks good on the test set by luck. So the dev set chooses, and
# the test accuracy of the chosen model is read exactly once, afterwards.
#
# Write `choose_best_model(results)`: return the result (the whole dict) with the highest `dev`
# accuracy. Do not look at `test`.

# %% solution=choose_best_model

# %% tests=choose_best_model

# %%
best = choose_best_model(results)
print(f"chosen: reg = {best['reg']:.4g}, train {best['train']:.2f}%, dev {best['dev']:.2f}%, "
      f"and only now the test accuracy: {best['test']:.2f}%")
majority = np.bincount(data["train"][1]).argmax()
print(f"(always answering the most common training label, '{LABELS[majority]}', "
      f"scores {accuracy(data['dev'][1], np.full_like(data['dev'][1], majority)):.2f}% on dev)")

regs = [r["reg"] for r in results]
fig, ax = plt.subplots(figsize=(7, 4))
ax.semilogx(regs, [r["train"] for r in results], "o-", label="train")
ax.semilogx(regs, [r["dev"] for r in results], "s-", label="dev")
ax.axvline(best["reg"], color="gray", ls=":", lw=1)
ax.set(xlabel=r"regularisation strength $\lambda$ (log scale)", ylabel="accuracy (%)",
       title="Your word vectors: accuracy against regularisation")
ax.legend()
plt.show()

# %% [markdown]
# **Question 4 (a), 2 points.** Explain the shape of the two curves: what happens to train and dev
# accuracy as $\lambda$ grows, and why? Why is the gap between them small here?

# %% [markdown] answer=regularization_plot points=2
# For small $\lambda$ the classifier is almost unregularised: train and dev accuracy are flat,
# because with only 20 (or 50) averaged features and 8,544 sentences a linear model has too few
# parameters to overfit much. That is also why the train/dev gap is small (a few points): the
# model is limited by its features (bias), not by variance. As $\lambda$ grows past about 1, the
# penalty shrinks the weights toward zero, the scores of all classes become similar, and both
# accuracies fall toward that of always predicting the most frequent classes ("positive" or
# "negative", about 26-28%). The best dev accuracy sits on the plateau, where the penalty is
# just small enough not to hurt; a small amount of regularisation can help dev slightly by
# damping noisy directions of the word vectors.

# %% [markdown]
# ## 4. What the classifier gets wrong
#
# The confusion matrix counts, for every true label (row), how often each label was predicted
# (column), on the dev set. Rows are normalised to sum to 1 so that classes of different sizes
# compare.

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


X_dev, y_dev = data["dev"]
dev_predictions = best["clf"].predict(X_dev)
fig, ax = plt.subplots(figsize=(6, 5))
image = plot_confusion(ax, confusion_matrix(y_dev, dev_predictions),
                       f"Dev confusion matrix (accuracy {best['dev']:.1f}%)")
fig.colorbar(image, ax=ax, label="fraction of the true label's sentences")
plt.tight_layout()
plt.show()

# %% [markdown]
# **Question 4 (b), 2 points.** Interpret the confusion matrix. Which mistakes are common, which
# are rare, and what does that say about the features?

# %% [markdown] answer=confusion_matrix points=2
# (The numbers depend on the vectors; the reference run shows this pattern.) The classifier
# predicts almost only the two most frequent labels, "negative" and "positive"; "neutral" and the
# two extreme labels are hardly ever predicted, so nearly all of their sentences are wrong. Worse,
# polarity itself is separated only weakly: "very negative" sentences are predicted "positive"
# about as often as "negative", and positive sentences are predicted "negative" a third of the
# time. The dev accuracy (about 30%) is only a few points above always answering "positive".
# So the averaged notebook-4 vectors carry a faint polarity signal and no sense of intensity:
# with 10-dimensional vectors trained on 227k tokens to predict *context*, "good" and "bad"
# (which share contexts) look alike. "Neutral" is hard for any averaged representation, because
# it has no words of its own. (Section 5 shows the GloVe matrix, where mistakes concentrate on
# neighbouring labels and across-the-scale errors become rarer.)

# %% [markdown]
# Some dev sentences the classifier gets wrong (a fixed random sample), with their true and
# predicted labels:

# %%
wrong = np.flatnonzero(dev_predictions != y_dev)
sample = np.random.default_rng(224).choice(wrong, size=min(8, len(wrong)), replace=False)
for i in sample:
    words, label = splits["dev"][i]
    print(f"true: {LABELS[label]:<13} predicted: {LABELS[dev_predictions[i]]:<13} | {' '.join(words)}")

# %% [markdown]
# **Question 4 (c), 2 points.** Pick two or three of these errors (or others from the dev set) and
# explain why an average of word vectors gets them wrong.

# %% [markdown] answer=error_analysis points=2
# (The sentences printed depend on the vectors; a good answer names concrete sentences and
# identifies the mechanism.) Typical causes:
#
# * **Negation and contrast.** "not bad", "the plot is thin, but the acting is superb": averaging
#   ignores word order and scope, so "not" cannot flip "bad", and a "but" clause that decides the
#   label is averaged with the clause it overrules.
# * **Sentiment carried by rare or domain words.** Words seen a handful of times in the treebank
#   ("unwatchable", "mesmerizing") have nearly random vectors, so the words that decide the label
#   contribute noise.
# * **Long sentences dilute.** Many neutral words (names, plot description) pull the average
#   toward the centre, so strongly worded sentences are predicted as milder or neutral.
# * **Vectors trained to predict context, not sentiment**: "good" and "bad" occur in the same
#   contexts and are close in word2vec space, so their averages differ little.

# %% [markdown]
# ## 5. Your vectors against pretrained GloVe
#
# GloVe vectors (Pennington et al., 2014) were trained on 6 billion tokens of Wikipedia and news
# text, against the treebank's 227 thousand. The same pipeline, with the 50-dimensional GloVe
# vectors of the treebank's words (a word GloVe lacks gets the zero vector):

# %%
try:
    glove_vectors, coverage = load_glove_text(None, treebank.word2ind, dim=50)
except MissingDataError as problem:
    glove_vectors = None
    print(f"GloVe vectors not found, comparison skipped: {problem}")
if glove_vectors is not None:
    print(f"GloVe covers {coverage:.1%} of the treebank's words")
    glove_data = {name: features_and_labels(sentences, glove_vectors) for name, sentences in splits.items()}
    glove_results = sweep(glove_data, get_regularization_values())
    glove_best = choose_best_model(glove_results)
    print(f"{'vectors':<22} {'dims':>4} {'best reg':>9} {'train %':>8} {'dev %':>6} {'test %':>7}")
    rows = [("yours (notebook 4)", my_vectors, best), ("GloVe 6B", glove_vectors, glove_best)]
    for name, vectors, chosen in rows:
        print(f"{name:<22} {vectors.shape[1]:>4} {chosen['reg']:>9.3g} {chosen['train']:>8.2f} "
              f"{chosen['dev']:>6.2f} {chosen['test']:>7.2f}")

    fig, ax = plt.subplots(figsize=(7, 4))
    for name, res, marker in [("yours", results, "o"), ("GloVe", glove_results, "s")]:
        regs = [r["reg"] for r in res]
        ax.semilogx(regs, [r["train"] for r in res], marker + "-", label=f"{name}: train")
        ax.semilogx(regs, [r["dev"] for r in res], marker + "--", label=f"{name}: dev")
    ax.set(xlabel=r"regularisation strength $\lambda$ (log scale)", ylabel="accuracy (%)",
           title="Your vectors against GloVe")
    ax.legend(fontsize=8)
    plt.show()

    glove_dev_predictions = glove_best["clf"].predict(glove_data["dev"][0])
    fig, axes = plt.subplots(1, 2, figsize=(12, 5))
    plot_confusion(axes[0], confusion_matrix(y_dev, dev_predictions),
                   f"Your vectors (dev {best['dev']:.1f}%)")
    plot_confusion(axes[1], confusion_matrix(glove_data["dev"][1], glove_dev_predictions),
                   f"GloVe (dev {glove_best['dev']:.1f}%)")
    plt.tight_layout()
    plt.show()

# %% [markdown]
# **Question 4 (d), 2 points.** Which vectors work better, by how much, and why?

# %% [markdown] answer=glove_comparison points=2
# GloVe features are clearly better: about 36% dev accuracy (37% test) against about 30% for
# the vectors trained in notebook 4, and their confusion matrix puts more mass on the right
# side of the scale, including some correct extreme labels (the exact numbers depend on the
# run). Reasons:
#
# * **Data.** GloVe saw 6 billion tokens, about 26,000 times more than the treebank; every word
#   has been seen in many contexts, so even rarer sentiment words ("mesmerizing") have meaningful
#   vectors, while most of the treebank's words occur only a few times.
# * **Dimension.** 50 dimensions against 10 (20 with the outside vectors appended): more room to
#   encode distinctions, including the polarity directions a linear classifier needs.
# * **Training.** Our vectors come from a short SGD run on a small corpus; GloVe's training
#   converged on global co-occurrence statistics.
#
# Neither captures word order or negation, which caps both well below what sentence models
# (recursive or recurrent networks) reach on this task.
