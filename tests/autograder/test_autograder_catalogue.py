"""The grader on the catalogue: reference and correct styles get full marks, every bug is caught
in its own function only, and the feedback names the likely mistake."""

from __future__ import annotations

import re

import pytest
from grader_fixtures import FULL, SUBMISSIONS, failed_outputs, scores

pytestmark = pytest.mark.slow  # grades whole submission catalogues in the sandbox


BUGS = sorted(p.stem for p in (SUBMISSIONS / "buggy").glob("*.py"))
CORRECT = sorted(p.stem for p in (SUBMISSIONS / "correct").glob("*.py"))


def test_catalogue_has_at_least_30_bugs_covering_every_graded_function():
    assert len(BUGS) >= 30
    assert {bug.split("__")[0] for bug in BUGS} == set(FULL)


def test_catalogue_has_at_least_three_correct_styles():
    assert len(CORRECT) >= 3


def test_reference_solutions_score_full_marks():
    from autograder.grade import grade_path

    report = grade_path(None)
    assert [r.title for r in report.results if not r.passed] == []
    assert report.score == sum(FULL.values())


@pytest.mark.parametrize("style", CORRECT)
def test_correct_style_scores_full_marks(catalogue, style):
    entry = catalogue[f"correct__{style}"]
    assert scores(entry) == {f: float(p) for f, p in FULL.items()}, entry["report"]["output"]


@pytest.mark.parametrize("bug", BUGS)
def test_bug_costs_points_in_its_own_function_only(catalogue, bug):
    function = bug.split("__")[0]
    got = scores(catalogue[bug])
    assert got[function] < FULL[function], f"{bug} was not caught"
    others = {f: s for f, s in got.items() if f != function and s != FULL[f]}
    assert others == {}, f"{bug} also cost points in {others}"


LIKELY_MISTAKES = {
    "softmax__no_max_shift": "overflow",
    "softmax__sums_whole_matrix": "whole matrix",
    "softmax__modifies_input": "modified its input",
    "softmax__wrong_axis": "each column",
    "sigmoid__naive_overflow": "overflow",
    "sigmoid_grad__recomputes_sigmoid": "already s = sigmoid(x)",
    "gradcheck_naive__absolute_error": "relative error",
    "gradcheck_naive__numpy_rng_not_reset": "NumPy's global RNG",
    "gradcheck_naive__modifies_x": "modified its input",
    "forward_backward_prop__sum_not_mean": "batch size M",
    "forward_backward_prop__gradient_not_divided_by_m": "batch size M",
    "normalize_rows__columns": "each column",
    "normalize_rows__in_place": "modified its input",
    "normalize_rows__squared_norm": "squared norm",
    "naive_softmax_loss_and_gradient__outside_gradient_transposed": "transposed",
    "naive_softmax_loss_and_gradient__center_sign_flip": "sign flip",
    "naive_softmax_loss_and_gradient__only_true_row": "only the row",
    "naive_softmax_loss_and_gradient__unstable_exp": "NaN",
    "neg_sampling_loss_and_gradient__no_accumulation": "np.add.at",
    "neg_sampling_loss_and_gradient__own_sampling": "get_negative_samples was called 0 times",
    "skipgram__averages": "number of outside words",
    "skipgram__ignores_loss_argument": "with neg_sampling_loss_and_gradient",
    "skipgram__set_of_words": "called 3 times; expected 6",
    "cbow__no_accumulation": "repeated word",
    "cbow__mean_not_sum": "mean of the context vectors",
    "gradcheck_naive__forward_difference": "centred difference",
    "gradcheck_naive__first_coordinate_only": "not every coordinate is checked",
    "sgd__no_annealing": "never halves",
    "sgd__postprocessing_result_ignored": "postprocessing",
    "sgd__anneal_counter_from_zero": "starts at 0",
    "sgd__gradient_ascent": "uphill",
    "get_sentence_features__sum_not_mean": "number of words",
    "get_sentence_features__unique_words": "repeated word",
    "get_regularization_values__too_narrow": "orders of magnitude",
    "get_regularization_values__unsorted": "sorted",
    "choose_best_model__by_test": "test accuracy",
    "choose_best_model__lowest_dev": "LOWEST",
}


@pytest.mark.parametrize(("bug", "phrase"), sorted(LIKELY_MISTAKES.items()))
def test_feedback_names_the_likely_mistake(catalogue, bug, phrase):
    outputs = failed_outputs(catalogue[bug], bug.split("__")[0])
    assert any(phrase in text for text in outputs), outputs


def test_visible_feedback_says_what_was_expected_and_where(catalogue):
    outputs = failed_outputs(
        catalogue["forward_backward_prop__bias_gradient_first_row"], "forward_backward_prop"
    )
    assert any("expected" in t and re.search(r"b[12]\[\d+\]", t) for t in outputs), outputs


def test_hidden_feedback_shows_no_numbers_from_the_inputs(catalogue):
    for name, entry in catalogue.items():
        for test in entry["report"]["tests"]:
            if test.get("visibility") == "after_published":
                assert not re.search(r"\d\.\d", test["output"]), (name, test["output"])


def test_csv_has_one_row_per_submission_and_every_function(catalogue):
    row = next(iter(catalogue.values()))["row"]
    assert list(row)[:2] == ["student", "total"] and set(FULL) <= set(row)
    assert len(catalogue) == len(BUGS) + len(CORRECT)


HIDDEN_GIVEAWAYS = [
    r"shape \(",  # a shape
    r"entry \d",  # a position in a flat vector
    r"row \d|column \d|index \(",  # a position in a matrix
    r"\b(?!2 )\d+ times too",  # a factor taken from a hidden size ("20 times too large")
    r"called \d+ times",  # a count that follows a hidden size
    r"a (list|tuple) of \d+ items",
]


def test_hidden_feedback_reveals_no_sizes_or_positions(catalogue):
    hidden = [
        (name, test["output"])
        for name, entry in catalogue.items()
        for test in entry["report"]["tests"]
        if test.get("visibility") == "after_published" and test["score"] < test["max_score"]
    ]
    assert len(hidden) >= 20  # the catalogue's bugs fail many hidden tests
    for name, text in hidden:
        for pattern in HIDDEN_GIVEAWAYS:
            assert not re.search(pattern, text), (name, pattern, text)


def test_hidden_feedback_still_names_the_likely_mistake(catalogue):
    outputs = [
        t["output"]
        for t in catalogue["forward_backward_prop__sum_not_mean"]["report"]["tests"]
        if t.get("visibility") == "after_published" and t["score"] < t["max_score"]
    ]
    assert outputs and all("batch size M" in text for text in outputs), outputs
