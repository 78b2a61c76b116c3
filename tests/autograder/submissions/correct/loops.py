# ruff: noqa
"""A correct submission written with explicit Python loops (a beginner's style)."""

import math
import random

import numpy as np


def softmax(x):
    x = np.array(x, dtype=float)
    rows = x.reshape(1, -1) if x.ndim == 1 else x
    out = np.zeros(rows.shape)
    for i in range(rows.shape[0]):
        biggest = max(rows[i])
        total = 0.0
        for j in range(rows.shape[1]):
            out[i, j] = math.exp(rows[i, j] - biggest)
            total += out[i, j]
        for j in range(rows.shape[1]):
            out[i, j] /= total
    return out.reshape(x.shape)


def _sig(v):
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


def sigmoid(x):
    arr = np.array(x, dtype=float)
    out = np.zeros(arr.shape)
    for ix in np.ndindex(arr.shape):
        out[ix] = _sig(arr[ix])
    return out


def sigmoid_grad(s):
    arr = np.array(s, dtype=float)
    out = np.zeros(arr.shape)
    for ix in np.ndindex(arr.shape):
        out[ix] = arr[ix] * (1.0 - arr[ix])
    return out


def gradcheck_naive(f, x):
    state_py = random.getstate()
    state_np = np.random.get_state()

    def call(point):
        random.setstate(state_py)
        np.random.set_state(state_np)
        return f(point)

    _, grad = call(np.copy(x))
    for ix in np.ndindex(np.shape(x)):
        up = np.array(x, dtype=float)
        down = np.array(x, dtype=float)
        up[ix] += 1e-4
        down[ix] -= 1e-4
        numeric = (call(up)[0] - call(down)[0]) / 2e-4
        if abs(numeric - grad[ix]) / max(1.0, abs(numeric), abs(grad[ix])) > 1e-5:
            print(f"First gradient error found at index {ix}")
            return False
    return True


def forward_backward_prop(X, labels, params, dimensions):
    n_in, n_hidden, n_out = dimensions
    pos = 0
    W1 = params[pos : pos + n_in * n_hidden].reshape(n_in, n_hidden)
    pos += n_in * n_hidden
    b1 = params[pos : pos + n_hidden]
    pos += n_hidden
    W2 = params[pos : pos + n_hidden * n_out].reshape(n_hidden, n_out)
    pos += n_hidden * n_out
    b2 = params[pos : pos + n_out]
    gW1, gb1 = np.zeros(W1.shape), np.zeros(b1.shape)
    gW2, gb2 = np.zeros(W2.shape), np.zeros(b2.shape)
    M = X.shape[0]
    cost = 0.0
    for m in range(M):
        h = sigmoid(X[m] @ W1 + b1)
        scores = h @ W2 + b2
        top = np.max(scores)
        log_probs = scores - top - math.log(np.sum(np.exp(scores - top)))
        cost -= float(labels[m] @ log_probs) / M
        delta2 = (np.exp(log_probs) - labels[m]) / M
        gW2 += np.outer(h, delta2)
        gb2 += delta2
        delta1 = (W2 @ delta2) * sigmoid_grad(h)
        gW1 += np.outer(X[m], delta1)
        gb1 += delta1
    return cost, np.concatenate([gW1.ravel(), gb1, gW2.ravel(), gb2])


def normalize_rows(x):
    out = np.zeros(x.shape)
    for i in range(x.shape[0]):
        norm = math.sqrt(sum(v * v for v in x[i]))
        out[i] = x[i] / norm
    return out


def naive_softmax_loss_and_gradient(center_word_vec, outside_word_idx, outside_vectors, dataset):
    V = outside_vectors.shape[0]
    scores = np.array([outside_vectors[w] @ center_word_vec for w in range(V)])
    probs = softmax(scores)
    loss = -math.log(probs[outside_word_idx])
    grad_center = np.zeros(center_word_vec.shape)
    grad_outside = np.zeros(outside_vectors.shape)
    for w in range(V):
        coef = probs[w] - (1.0 if w == outside_word_idx else 0.0)
        grad_center += coef * outside_vectors[w]
        grad_outside[w] = coef * center_word_vec
    return loss, grad_center, grad_outside


def neg_sampling_loss_and_gradient(center_word_vec, outside_word_idx, outside_vectors, dataset, K=10):
    negatives = get_negative_samples(outside_word_idx, dataset, K)
    grad_center = np.zeros(center_word_vec.shape)
    grad_outside = np.zeros(outside_vectors.shape)
    s = sigmoid(outside_vectors[outside_word_idx] @ center_word_vec)
    loss = -math.log(s)
    grad_center += (s - 1.0) * outside_vectors[outside_word_idx]
    grad_outside[outside_word_idx] += (s - 1.0) * center_word_vec
    for k in negatives:
        sk = sigmoid(-(outside_vectors[k] @ center_word_vec))
        loss -= math.log(sk)
        grad_center += (1.0 - sk) * outside_vectors[k]
        grad_outside[k] += (1.0 - sk) * center_word_vec
    return loss, grad_center, grad_outside


def get_negative_samples(outside_word_idx, dataset, K):
    out = []
    while len(out) < K:
        idx = dataset.sample_token_idx()
        if idx != outside_word_idx:
            out.append(idx)
    return out


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
    total = 0.0
    g_in = np.zeros(center_word_vectors.shape)
    g_out = np.zeros(outside_vectors.shape)
    c = word2ind[current_center_word]
    for word in outside_words:
        loss, gc, go = word2vec_loss_and_gradient(
            center_word_vectors[c], word2ind[word], outside_vectors, dataset
        )
        total += loss
        g_in[c] += gc
        g_out += go
    return total, g_in, g_out


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
    v_hat = np.zeros(center_word_vectors.shape[1])
    for word in outside_words:
        v_hat += center_word_vectors[word2ind[word]]
    loss, g_hat, g_out = word2vec_loss_and_gradient(
        v_hat, word2ind[current_center_word], outside_vectors, dataset
    )
    g_in = np.zeros(center_word_vectors.shape)
    for word in outside_words:
        g_in[word2ind[word]] += g_hat
    return loss, g_in, g_out


def sgd(f, x0, step, iterations, postprocessing=None, use_saved=False, print_every=10):
    x = np.copy(x0)
    for i in range(iterations):
        _, grad = f(x)
        x = x - step * grad
        if postprocessing:
            x = postprocessing(x)
        if (i + 1) % 20000 == 0:
            step = step / 2
    return x


def get_sentence_features(word2ind, word_vectors, sentence):
    total = np.zeros(word_vectors.shape[1])
    for word in sentence:
        total += word_vectors[word2ind[word]]
    return total / len(sentence)


def get_regularization_values():
    values = []
    v = 1e-4
    while v <= 100:
        values.append(v)
        v *= 10
    return values


def choose_best_model(results):
    best = results[0]
    for r in results[1:]:
        if r["dev"] > best["dev"]:
            best = r
    return best
