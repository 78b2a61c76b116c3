# Template of a notebook: `python -m notebooks.build` turns it into course/source/a1/*.ipynb.
# Code is assembled at build time (includes, solutions), so lint the built notebooks instead:
# ruff: noqa
# %% [markdown]
# # CS224n Assignment 1, part 2: Neural network basics
#
# Three tools that every later notebook relies on:
# 1. the **sigmoid** $\sigma(x) = 1 / (1 + e^{-x})$ and its derivative, written through its
#    own value;
# 2. the gradient of the **cross-entropy loss** of a softmax output, which turns out to be the
#    famously simple $\hat{\mathbf{y}} - \mathbf{y}$;
# 3. a **gradient checker**: the numeric test that tells you whether the gradient you derived
#    by hand (and coded) is right. You will use it on everything in notebooks 3 and 4.
#
# As in notebook 1: fill in the cells marked `YOUR CODE HERE` and `YOUR ANSWER HERE`; the cell
# after each function checks it.

# %% provided
import random
import warnings
from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np

from autograder.notebook import check

plt.rcParams["figure.dpi"] = 100
np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# ## 1. The sigmoid
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
# Write `sigmoid(x)` for an array of any shape (or a plain number): element-wise, no `nan`
# and no overflow warning for $|x|$ up to $10^4$. A 0-d input should give a plain number back
# (`s[()]` does that).

# %% solution=sigmoid

# %% tests=sigmoid

# %% [markdown]
# ## 2. The derivative of the sigmoid
#
# **Question 2 (a), 2 points.** Show that $\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$.
# This is why `sigmoid_grad` takes $s = \sigma(x)$, not $x$: in backpropagation we already
# have $s$ from the forward pass, so the derivative costs one multiplication.

# %% [markdown] answer=sigmoid_derivative points=2
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
# Write `sigmoid_grad(s)`: given `s = sigmoid(x)` of any shape, return $\sigma'(x)$.

# %% solution=sigmoid_grad

# %% tests=sigmoid_grad

# %% [markdown]
# The sigmoid and its derivative. The derivative is at most $1/4$ (at $x = 0$) and almost 0
# once $|x| > 5$: a saturated sigmoid unit passes almost no gradient back, one reason deep
# networks built on sigmoids learn slowly.

# %%
x = np.linspace(-8, 8, 401)
s = sigmoid(x)
fig, ax = plt.subplots(figsize=(7, 3.2))
ax.plot(x, s, lw=2, label=r"$\sigma(x)$")
ax.plot(x, sigmoid_grad(s), lw=2, label=r"$\sigma'(x) = \sigma(x)(1 - \sigma(x))$")
ax.axhline(0.25, color="gray", lw=0.8, ls=":")
ax.set(xlabel="x", title="The sigmoid and its derivative")
ax.legend()
plt.show()

# %% [markdown]
# ## 3. The gradient of the cross-entropy loss
#
# A classifier outputs scores $\boldsymbol{\theta} \in \mathbb{R}^{D}$, turns them into
# probabilities $\hat{\mathbf{y}} = \operatorname{softmax}(\boldsymbol{\theta})$, and pays the
# cross-entropy loss against the one-hot label $\mathbf{y}$ (1 at the true class $k$):
#
# $$CE(\mathbf{y}, \hat{\mathbf{y}}) = -\sum_i y_i \log \hat{y}_i = -\log \hat{y}_k .$$
#
# **Question 2 (b), 3 points.** Derive the gradient of $CE$ with respect to the scores
# $\boldsymbol{\theta}$ and show that it is $\hat{\mathbf{y}} - \mathbf{y}$.

# %% [markdown] answer=cross_entropy_gradient points=3
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

# %% [markdown]
# ## 4. A gradient checker
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
# is about $\frac{h^2}{6} f'''(x)$: with $h = 10^{-4}$ that is $10^{-8}$ instead of $10^{-4}$.
# $h$ cannot be made tiny either: $f(x + h) - f(x - h)$ then loses its digits to rounding
# (float64 keeps about 16), and the error grows like $\varepsilon / h$. The plot shows both
# effects on $f(x) = e^x$ at $x = 1$:

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
# Write `gradcheck_naive(f, x)`:
# * `f(x)` returns `(cost, grad)` with `grad` of `x`'s shape; `x` may have any shape, even 0-d.
#   `np.ndindex(x.shape)` visits every index of any shape.
# * Save `random.getstate()` and `np.random.get_state()` at entry; restore both before *every*
#   call of `f` (including the first, which gives the analytic gradient).
# * Evaluate `f` on **copies** of `x`: the caller's `x` must be unchanged afterwards.
# * Return `True` when every coordinate passes, `False` at the first failure, and then print
#   where it failed (the index, both gradients, the relative error).
#
# The constants are given:

# %% provided
# include: solutions.gradcheck:GRADCHECK_STEP
# include: solutions.gradcheck:GRADCHECK_TOLERANCE

# %% solution=gradcheck_naive

# %% tests=gradcheck_naive

# %% [markdown]
# ### Sanity checks
#
# A correct gradient passes, on a scalar, a vector and a matrix; the sampling cost passes
# because of the reset; a gradient with a mistake fails and says where.

# %%
def quad(x):
    return np.sum(x ** 2), x * 2


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
