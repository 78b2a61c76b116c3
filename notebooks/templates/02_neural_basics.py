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

# %% solution="sigmoid"

# %% tests="sigmoid"

# %% [markdown]
# ## 2. The derivative of the sigmoid (Question 2 (a); Question 2 (e), second half)
#
# **Question 2 (a), 2 points.** Show that $\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$.
# This is why `sigmoid_grad` takes $s = \sigma(x)$, not $x$: in backpropagation we already
# have $s$ from the forward pass, so the derivative costs one multiplication.

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

# %% [markdown]
# **Question 2 (e), second half.** Write `sigmoid_grad(s)`: given `s = sigmoid(x)` of any shape, return $\sigma'(x)$.

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

# %% [markdown]
# We can already test the formula numerically, with a small softmax of our own (notebook 1 is
# where you wrote the real one): nudge each score by $\pm h$ and compare the change of the loss
# with $\hat{y}_i - y_i$.

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
