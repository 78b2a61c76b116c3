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

# %% [markdown] answer="q4b_why_regularize" points=1
# Without a penalty the weights are chosen only to fit the training sentences: the classifier can
# grow large weights on directions that happen to separate the training set (noise in averaged word
# vectors), and does worse on sentences it has not seen. The L2 penalty keeps the weights small,
# trading a little training fit (bias) for less sensitivity to the particular training sample
# (variance), so that the model generalises; it also keeps the optimum finite when some classes
# are separable.

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

# %% [markdown]
# ## 5. Accuracy against the regularisation, with GloVe (4e)

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

# %% [markdown]
# ## 6. What the GloVe classifier gets wrong (4f, 4g)
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

# %% [markdown]
# Some dev sentences the GloVe classifier gets wrong (a fixed random sample), with their true and
# predicted labels:

# %%
wrong = np.flatnonzero(dev_predictions != y_dev)
sample = np.random.default_rng(224).choice(wrong, size=min(8, len(wrong)), replace=False)
for i in sample:
    words, label = splits["dev"][i]
    print(f"true: {LABELS[label]:<13} predicted: {LABELS[dev_predictions[i]]:<13} | {' '.join(words)}")

# %% [markdown]
# **Question 4 (g), 2 points.** Pick three of these errors (or others from the dev set), explain why
# an average of word vectors gets them wrong, and name a feature or model that would fix each.

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
