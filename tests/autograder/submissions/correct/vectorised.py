# ruff: noqa
"""A correct submission written with whole-array NumPy operations (a student's style)."""

import random

import numpy as np


def softmax(x):
    shifted = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_grad(s):
    return s * (1 - s)


def gradcheck_naive(f, x):
    rndstate = random.getstate()
    npstate = np.random.get_state()
    random.setstate(rndstate)
    np.random.set_state(npstate)
    fx, grad = f(x)
    h = 1e-4
    x = np.array(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"])
    while not it.finished:
        ix = it.multi_index
        old = x[ix]
        x[ix] = old + h
        random.setstate(rndstate)
        np.random.set_state(npstate)
        fplus = f(x)[0]
        x[ix] = old - h
        random.setstate(rndstate)
        np.random.set_state(npstate)
        fminus = f(x)[0]
        x[ix] = old
        numgrad = (fplus - fminus) / (2 * h)
        reldiff = abs(numgrad - grad[ix]) / max(1, abs(numgrad), abs(grad[ix]))
        if reldiff > 1e-5:
            print("Gradient check failed at", ix)
            return False
        it.iternext()
    print("Gradient check passed!")
    return True


def forward_backward_prop(X, labels, params, dimensions):
    Dx, H, Dy = dimensions
    ofs = 0
    W1 = np.reshape(params[ofs : ofs + Dx * H], (Dx, H))
    ofs += Dx * H
    b1 = np.reshape(params[ofs : ofs + H], (1, H))
    ofs += H
    W2 = np.reshape(params[ofs : ofs + H * Dy], (H, Dy))
    ofs += H * Dy
    b2 = np.reshape(params[ofs : ofs + Dy], (1, Dy))
    M = X.shape[0]
    h = sigmoid(X.dot(W1) + b1)
    yhat = softmax(h.dot(W2) + b2)
    cost = -np.sum(labels * np.log(yhat)) / M
    d2 = (yhat - labels) / M
    gradW2 = h.T.dot(d2)
    gradb2 = np.sum(d2, axis=0, keepdims=True)
    d1 = d2.dot(W2.T) * sigmoid_grad(h)
    gradW1 = X.T.dot(d1)
    gradb1 = np.sum(d1, axis=0, keepdims=True)
    grad = np.concatenate((gradW1.flatten(), gradb1.flatten(), gradW2.flatten(), gradb2.flatten()))
    return cost, grad


def normalize_rows(x):
    return x / np.sqrt(np.sum(x**2, axis=1, keepdims=True))


def naive_softmax_loss_and_gradient(center_word_vec, outside_word_idx, outside_vectors, dataset):
    y_hat = softmax(outside_vectors.dot(center_word_vec))
    loss = -np.log(y_hat[outside_word_idx])
    y_hat[outside_word_idx] -= 1
    grad_center_vec = outside_vectors.T.dot(y_hat)
    grad_outside_vecs = np.outer(y_hat, center_word_vec)
    return loss, grad_center_vec, grad_outside_vecs


def neg_sampling_loss_and_gradient(center_word_vec, outside_word_idx, outside_vectors, dataset, K=10):
    neg = get_negative_samples(outside_word_idx, dataset, K)
    u_o = outside_vectors[outside_word_idx]
    u_k = outside_vectors[neg]
    s_o = sigmoid(u_o.dot(center_word_vec))
    s_k = sigmoid(-u_k.dot(center_word_vec))
    loss = -np.log(s_o) - np.sum(np.log(s_k))
    grad_center_vec = (s_o - 1) * u_o + (1 - s_k).dot(u_k)
    grad_outside_vecs = np.zeros(outside_vectors.shape)
    grad_outside_vecs[outside_word_idx] += (s_o - 1) * center_word_vec
    np.add.at(grad_outside_vecs, neg, np.outer(1 - s_k, center_word_vec))
    return loss, grad_center_vec, grad_outside_vecs


def get_negative_samples(outside_word_idx, dataset, K):
    neg = [None] * K
    for k in range(K):
        new = dataset.sample_token_idx()
        while new == outside_word_idx:
            new = dataset.sample_token_idx()
        neg[k] = new
    return neg


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
    loss = 0.0
    grad_center_vecs = np.zeros(center_word_vectors.shape)
    grad_outside_vectors = np.zeros(outside_vectors.shape)
    c = word2ind[current_center_word]
    for word in outside_words:
        l, gc, go = word2vec_loss_and_gradient(
            center_word_vectors[c], word2ind[word], outside_vectors, dataset
        )
        loss += l
        grad_center_vecs[c] += gc
        grad_outside_vectors += go
    return loss, grad_center_vecs, grad_outside_vectors


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
    idx = [word2ind[w] for w in outside_words]
    v_hat = np.sum(center_word_vectors[idx], axis=0)
    loss, g_hat, grad_outside_vectors = word2vec_loss_and_gradient(
        v_hat, word2ind[current_center_word], outside_vectors, dataset
    )
    grad_center_vecs = np.zeros(center_word_vectors.shape)
    np.add.at(grad_center_vecs, idx, g_hat)
    return loss, grad_center_vecs, grad_outside_vectors


def sgd(f, x0, step, iterations, postprocessing=None, use_saved=False, print_every=10):
    ANNEAL_EVERY = 20000
    if postprocessing is None:
        postprocessing = lambda x: x
    x = x0
    for it in range(1, iterations + 1):
        cost, grad = f(x)
        x = x - step * grad
        x = postprocessing(x)
        if print_every and it % print_every == 0:
            print("iter %d: %f" % (it, cost))
        if it % ANNEAL_EVERY == 0:
            step *= 0.5
    return x


def get_sentence_features(word2ind, word_vectors, sentence):
    return np.mean(word_vectors[[word2ind[w] for w in sentence]], axis=0)


def get_regularization_values():
    return sorted([1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0])


def choose_best_model(results):
    return max(results, key=lambda r: r["dev"])
