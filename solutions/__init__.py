"""Reference implementations of every function of CS224n Assignment 1.

This package is the one source of truth: the notebooks' solution cells and the
autograder's expected values come from it.
"""

from solutions.activations import sigmoid, sigmoid_grad
from solutions.gradcheck import gradcheck_naive
from solutions.neural import forward_backward_prop
from solutions.sentiment import (
    accuracy,
    choose_best_model,
    get_regularization_values,
    get_sentence_features,
)
from solutions.sgd import load_saved_params, save_params, sgd
from solutions.softmax import softmax
from solutions.word2vec import (
    cbow,
    get_negative_samples,
    naive_softmax_loss_and_gradient,
    neg_sampling_loss_and_gradient,
    normalize_rows,
    skipgram,
    word2vec_sgd_wrapper,
)

# The graded functions are listed in autograder/manifest.py (the one list); the grader checks that
# every one of them is here.
__all__ = [
    "accuracy",
    "cbow",
    "choose_best_model",
    "forward_backward_prop",
    "get_negative_samples",
    "get_regularization_values",
    "get_sentence_features",
    "gradcheck_naive",
    "load_saved_params",
    "naive_softmax_loss_and_gradient",
    "neg_sampling_loss_and_gradient",
    "normalize_rows",
    "save_params",
    "sgd",
    "sigmoid",
    "sigmoid_grad",
    "skipgram",
    "softmax",
    "word2vec_sgd_wrapper",
]
