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

# The graded functions of the contract, in the order of the handout.
GRADED_FUNCTIONS = (
    "softmax",
    "sigmoid",
    "sigmoid_grad",
    "gradcheck_naive",
    "forward_backward_prop",
    "normalize_rows",
    "naive_softmax_loss_and_gradient",
    "neg_sampling_loss_and_gradient",
    "skipgram",
    "cbow",
    "sgd",
    "get_sentence_features",
    "get_regularization_values",
    "choose_best_model",
)

__all__ = [
    *GRADED_FUNCTIONS,
    "accuracy",
    "get_negative_samples",
    "load_saved_params",
    "save_params",
    "word2vec_sgd_wrapper",
]
