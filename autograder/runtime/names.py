"""The names a graded function may have in a submission.

The contract's snake_case names come first; then the official CS224n
spellings of the 2017 and 2019 starter code, so students can bring code
written for the original starter files.
"""

from __future__ import annotations

ALIASES: dict[str, tuple[str, ...]] = {
    "softmax": ("softmax",),
    "sigmoid": ("sigmoid",),
    "sigmoid_grad": ("sigmoid_grad", "sigmoidGrad"),
    "gradcheck_naive": ("gradcheck_naive", "gradcheckNaive"),
    "forward_backward_prop": ("forward_backward_prop", "forwardBackwardProp"),
    "normalize_rows": ("normalize_rows", "normalizeRows"),
    "naive_softmax_loss_and_gradient": (
        "naive_softmax_loss_and_gradient",
        "naiveSoftmaxLossAndGradient",  # 2019
        "softmaxCostAndGradient",  # 2017
        "softmax_cost_and_gradient",
    ),
    "neg_sampling_loss_and_gradient": (
        "neg_sampling_loss_and_gradient",
        "negSamplingLossAndGradient",  # 2019
        "negSamplingCostAndGradient",  # 2017
        "neg_sampling_cost_and_gradient",
    ),
    "skipgram": ("skipgram", "skip_gram", "skipGram"),
    "cbow": ("cbow", "CBOW"),
    "sgd": ("sgd",),
    "get_sentence_features": ("get_sentence_features", "getSentenceFeatures"),
    "get_regularization_values": ("get_regularization_values", "getRegularizationValues"),
    "choose_best_model": ("choose_best_model", "chooseBestModel"),
    # Provided (not graded), injected as a dependency.
    "get_negative_samples": ("get_negative_samples", "getNegativeSamples"),
}

GRADED = tuple(name for name in ALIASES if name != "get_negative_samples")


def aliases_of(name: str) -> tuple[str, ...]:
    """Every accepted spelling of a graded (or provided) function, contract name first."""
    return ALIASES.get(name, (name,))


def canonical(name: str) -> str | None:
    """The contract name for a spelling, or None."""
    for graded, spellings in ALIASES.items():
        if name in spellings:
            return graded
    return None
