# ruff: noqa
"""A correct submission leaning on SciPy helpers (expit, logsumexp, softmax)."""

import random

import numpy as np
from scipy import special


def softmax(x):
    return special.softmax(x, axis=-1)


def sigmoid(x):
    return special.expit(x)


def sigmoid_grad(s):
    return s - s**2


def gradcheck_naive(f, x):
    states = (random.getstate(), np.random.get_state())

    def reset():
        random.setstate(states[0])
        np.random.set_state(states[1])

    reset()
    _, grad = f(x)
    point = np.array(x, dtype=np.float64)
    flat = point.reshape(-1)
    grad_flat = np.reshape(grad, -1)
    for i in range(flat.size):
        keep = flat[i]
        flat[i] = keep + 1e-4
        reset()
        hi = f(point)[0]
        flat[i] = keep - 1e-4
        reset()
        lo = f(point)[0]
        flat[i] = keep
        num = (hi - lo) / 2e-4
        if abs(num - grad_flat[i]) > 1e-5 * max(1.0, abs(num), abs(grad_flat[i])):
            print("failed at", np.unravel_index(i, point.shape))
            return False
    return True


def forward_backward_prop(X, labels, params, dimensions):
    dx, h, dy = dimensions
    cuts = np.cumsum([dx * h, h, h * dy])
    w1, b1, w2, b2 = np.split(params, cuts)
    w1, w2 = w1.reshape(dx, h), w2.reshape(h, dy)
    hidden = special.expit(X @ w1 + b1)
    scores = hidden @ w2 + b2
    log_p = scores - special.logsumexp(scores, axis=1, keepdims=True)
    n = len(X)
    cost = -np.sum(labels * log_p) / n
    err = (np.exp(log_p) - labels) / n
    back = (err @ w2.T) * hidden * (1 - hidden)
    return cost, np.hstack([(X.T @ back).ravel(), back.sum(0), (hidden.T @ err).ravel(), err.sum(0)])


def normalize_rows(x):
    return x / np.linalg.norm(x, axis=1)[:, None]


def naive_softmax_loss_and_gradient(center_word_vec, outside_word_idx, outside_vectors, dataset):
    scores = outside_vectors @ center_word_vec
    loss = special.logsumexp(scores) - scores[outside_word_idx]
    err = special.softmax(scores)
    err[outside_word_idx] -= 1
    return loss, outside_vectors.T @ err, err[:, None] * center_word_vec[None, :]


def neg_sampling_loss_and_gradient(center_word_vec, outside_word_idx, outside_vectors, dataset, K=10):
    ids = [outside_word_idx] + list(get_negative_samples(outside_word_idx, dataset, K))
    signs = np.array([1.0] + [-1.0] * K)
    z = signs * (outside_vectors[ids] @ center_word_vec)
    loss = -np.sum(special.log_expit(z))
    coef = -signs * special.expit(-z)  # d loss / d (u_w . v_c) for each sampled row
    grad_outside = np.zeros_like(outside_vectors)
    np.add.at(grad_outside, ids, coef[:, None] * center_word_vec)
    return loss, coef @ outside_vectors[ids], grad_outside


def get_negative_samples(outside_word_idx, dataset, K):
    result = []
    for _ in range(K):
        pick = dataset.sample_token_idx()
        while pick == outside_word_idx:
            pick = dataset.sample_token_idx()
        result.append(pick)
    return result


def skipgram(
    current_center_word,
    window_size,
    outside_words,
    word2ind,
    center_word_vectors,
    outside_vectors,
    dataset,
    word2vec_loss_and_gradient=naive_softmax_loss_and_gradient,
):
    c = word2ind[current_center_word]
    parts = [
        word2vec_loss_and_gradient(center_word_vectors[c], word2ind[w], outside_vectors, dataset)
        for w in outside_words
    ]
    grad_in = np.zeros_like(center_word_vectors)
    if not parts:
        return 0.0, grad_in, np.zeros_like(outside_vectors)
    grad_in[c] = np.sum([p[1] for p in parts], axis=0)
    return sum(p[0] for p in parts), grad_in, np.sum([p[2] for p in parts], axis=0)


def cbow(
    current_center_word,
    window_size,
    outside_words,
    word2ind,
    center_word_vectors,
    outside_vectors,
    dataset,
    word2vec_loss_and_gradient=naive_softmax_loss_and_gradient,
):
    rows = np.array([word2ind[w] for w in outside_words])
    loss, g, grad_out = word2vec_loss_and_gradient(
        center_word_vectors[rows].sum(axis=0), word2ind[current_center_word], outside_vectors, dataset
    )
    counts = np.bincount(rows, minlength=len(center_word_vectors)).astype(float)
    return loss, counts[:, None] * g[None, :], grad_out


def sgd(f, x0, step, iterations, postprocessing=None, use_saved=False, print_every=10):
    post = postprocessing or (lambda v: v)
    x = np.array(x0, dtype=float)
    for it in range(1, iterations + 1):
        x = post(x - step * f(x)[1])
        if it % 20000 == 0:
            step /= 2.0
    return x


def get_sentence_features(word2ind, word_vectors, sentence):
    return np.average(word_vectors[[word2ind[w] for w in sentence]], axis=0)


def get_regularization_values():
    return list(np.logspace(-5, 1, 7))


def choose_best_model(results):
    return results[int(np.argmax([r["dev"] for r in results]))]
