"""Notebook 4 calls the word vectors the student's only when the student's functions compute them.

`notebooks.w2v_check.compare_with_trainer` replays the trainer's windows and negatives
through the student's loss, skipgram and sgd; notebook 5 refuses vectors whose check
did not pass. Also: the word2vec.c transcription of notebook 4 against the gradient.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

import solutions
from cs224n_datasets import load_treebank
from notebooks.w2v_check import (
    TOLERANCE,
    StudentCheck,
    VectorsRefused,
    compare_with_trainer,
    load_student_vectors,
    neg_sampling_touched_rows,
    save_vectors,
    smooth,
    treebank_slice,
)
from solutions.word2vec_c import MAX_EXP, c_pair_update, exp_table, table_sigmoid
from word2vec_trainer.sampling import WindowSampler

V, D, K, WINDOW = 30, 5, 10, 3


@pytest.fixture
def setting():
    """A Zipf corpus of 30 words, a minibatch of 50 skip-gram windows, random vectors."""
    rng = np.random.default_rng(11)
    probs = 1.0 / np.arange(1, V + 1)
    tokens = rng.choice(V, 3000, p=probs / probs.sum()).astype(np.int32)
    tokens[:V] = np.arange(V)
    offsets = np.arange(0, 3001, 10, dtype=np.int64)
    counts = np.bincount(tokens, minlength=V) ** 0.75
    sampler = WindowSampler(tokens, offsets, np.cumsum(counts / counts.sum()), window_size=WINDOW)
    batch = sampler.sample(50, rng)
    return {
        "batch": batch,
        "center_vectors": (rng.random((V, D)) - 0.5) / D,
        "outside_vectors": rng.standard_normal((V, D)) * 0.1,
        "ind2word": [f"w{i}" for i in range(V)],
        "step": 0.3,
        "window_size": WINDOW,
    }


def run_check(setting, **functions) -> StudentCheck:
    chosen = {
        "loss_function": solutions.neg_sampling_loss_and_gradient,
        "skipgram_function": solutions.skipgram,
        "sgd_function": solutions.sgd,
        "sgd_wrapper": solutions.word2vec_sgd_wrapper,
    }
    chosen.update(functions)
    return compare_with_trainer(**chosen, **setting)


def test_reference_functions_give_the_trainers_update(setting):
    result = run_check(setting)
    assert result.passed, result.message
    assert max(result.differences.values()) <= TOLERANCE


def test_a_wrong_centre_gradient_is_named(setting):
    def neg_sampling_loss_and_gradient(v_c, o, U, dataset, K=10):
        loss, grad_center, grad_outside = solutions.neg_sampling_loss_and_gradient(v_c, o, U, dataset, K)
        return loss, -grad_center, grad_outside  # a sign error

    result = run_check(setting, loss_function=neg_sampling_loss_and_gradient)
    assert not result.passed
    assert "dJ/dv_c" in result.message and "neg_sampling_loss_and_gradient" in result.message


def test_a_skipgram_that_counts_a_repeated_word_once_is_named(setting):
    def skipgram(center, window, outside_words, *args):
        return solutions.skipgram(center, window, list(dict.fromkeys(outside_words)), *args)

    batch = setting["batch"]
    # The check's window is the batch's first: start the batch at a window that repeats a word.
    bounds = zip(batch.indptr[:-1], batch.indptr[1:], strict=True)
    repeats = np.flatnonzero([len(set(batch.words[lo:hi])) < hi - lo for lo, hi in bounds])
    assert repeats.size, "the fixture has no window with a repeated word"
    setting["batch"] = batch.slice(int(repeats[0]), batch.num_windows)
    result = run_check(setting, skipgram_function=skipgram)
    assert not result.passed and "`skipgram`" in result.message and "window" in result.message


def test_an_sgd_with_the_wrong_step_is_named(setting):
    def sgd(f, x0, step, iterations, postprocessing=None, use_saved=False, print_every=10):
        return solutions.sgd(f, x0, 2 * step, iterations, print_every=None)

    result = run_check(setting, sgd_function=sgd)
    assert not result.passed
    assert "`sgd`" in result.message and "parameters after one step" in result.message


def test_a_loss_that_draws_too_many_negatives_is_named(setting):
    def neg_sampling_loss_and_gradient(v_c, o, U, dataset, K=10):
        solutions.get_negative_samples(o, dataset, 1)  # an extra draw
        return solutions.neg_sampling_loss_and_gradient(v_c, o, U, dataset, K)

    result = run_check(setting, loss_function=neg_sampling_loss_and_gradient)
    assert not result.passed and "negative samples" in result.message


def test_a_function_not_written_yet_says_so(setting):
    def skipgram(*args):
        raise NotImplementedError("Not written yet")

    result = run_check(setting, skipgram_function=skipgram)
    assert not result.passed and "`skipgram` is not written yet" in result.message


def test_the_check_leaves_pythons_random_state_alone(setting):
    random.seed(5)
    state = random.getstate()
    run_check(setting)
    assert random.getstate() == state


WORDS = ["a", "b", "c"]


def saved(tmp_path, passed: bool):
    check = StudentCheck(passed, "dJ/dv_c differs" if not passed else "agree")
    return save_vectors(tmp_path / "word_vectors.npz", np.ones((3, 4)), WORDS, check)


def test_notebook_5_takes_vectors_that_passed_the_check(tmp_path):
    np.testing.assert_array_equal(load_student_vectors(saved(tmp_path, True), WORDS), np.ones((3, 4)))


def test_notebook_5_refuses_vectors_whose_check_failed(tmp_path):
    with pytest.raises(VectorsRefused, match="could not confirm.*dJ/dv_c differs"):
        load_student_vectors(saved(tmp_path, False), WORDS)


def test_notebook_5_refuses_a_missing_file(tmp_path):
    with pytest.raises(VectorsRefused, match="run notebook 4"):
        load_student_vectors(tmp_path / "word_vectors.npz", WORDS)


def test_notebook_5_refuses_vectors_saved_without_a_check(tmp_path):
    path = tmp_path / "word_vectors.npz"
    np.savez(path, vectors=np.ones((3, 4)), words=np.array(WORDS))
    with pytest.raises(VectorsRefused, match="does not say whether"):
        load_student_vectors(path, WORDS)


def test_notebook_5_refuses_vectors_of_another_vocabulary(tmp_path):
    with pytest.raises(VectorsRefused, match="another vocabulary"):
        load_student_vectors(saved(tmp_path, True), ["a", "b", "d"])


def test_smooth_of_no_costs_is_empty():
    assert smooth([]).shape == (0,)


def test_smooth_is_the_moving_average_sgd_prints():
    np.testing.assert_allclose(smooth([10.0, 0.0]), [10.0, 9.5])


@pytest.mark.filterwarnings("ignore::UserWarning")  # the toy corpus when the treebank is absent
def test_treebank_slice_has_its_own_vocabulary():
    treebank = load_treebank(fallback_to_toy=True)
    part = treebank_slice(treebank, 5)
    assert part.num_sentences == 5
    assert sorted(part.ind2word) == sorted({w for s in treebank.sentences[:5] for w in s})
    assert part.counts.sum() == part.num_tokens == sum(len(s) for s in treebank.sentences[:5])


class FixedDraws:
    def __init__(self, draws):
        self.draws = iter(draws)

    def sample_token_idx(self):
        return next(self.draws)


def c_and_reference(draws, table=None, alpha=0.05):
    rng = np.random.default_rng(3)
    syn0, syn1neg = rng.normal(0, 0.5, (8, 4)), rng.normal(0, 0.5, (8, 4))
    new0, new1 = syn0.copy(), syn1neg.copy()
    used = c_pair_update(new0, new1, 2, 5, draws, alpha, table)
    _, grad_v, grad_u = solutions.neg_sampling_loss_and_gradient(
        syn0[5], 2, syn1neg, FixedDraws(draws), len(draws)
    )
    return used, (new0 - syn0)[5] + alpha * grad_v, (new1 - syn1neg) + alpha * grad_u


def test_word2vec_c_update_is_one_sgd_step_on_the_negative_sampling_loss():
    used, gap_v, gap_u = c_and_reference([0, 3, 6, 7])
    assert used == 4
    np.testing.assert_allclose(gap_v, 0, atol=1e-14)
    np.testing.assert_allclose(gap_u, 0, atol=1e-14)


def test_word2vec_c_differs_at_second_order_for_a_repeated_negative():
    _, gap_v, _ = c_and_reference([0, 3, 3, 7], alpha=0.05)
    _, half_gap_v, _ = c_and_reference([0, 3, 3, 7], alpha=0.025)
    assert np.abs(gap_v).max() > 1e-6
    assert np.abs(gap_v).max() / np.abs(half_gap_v).max() == pytest.approx(4.0, rel=0.1)  # O(alpha^2)


def test_word2vec_c_skips_a_draw_equal_to_the_predicted_word():
    syn0, syn1neg = np.zeros((8, 4)), np.zeros((8, 4))
    assert c_pair_update(syn0, syn1neg, 2, 5, [0, 2, 6, 2], 0.025) == 2


def test_word2vec_c_exp_table_is_close_to_the_sigmoid_inside_its_range():
    table = exp_table()
    f = np.linspace(-MAX_EXP, MAX_EXP - 1e-9, 999)
    looked_up = np.array([table_sigmoid(x, table) for x in f])
    assert table.size == 1000
    assert np.abs(looked_up - 1 / (1 + np.exp(-f))).max() < 0.01


def test_touched_rows_version_matches_the_dense_gradient():
    rng = np.random.default_rng(0)
    U, v_c, negatives = rng.normal(size=(20, 4)), rng.normal(size=4), np.array([3, 5, 5, 9])
    loss, grad_v, rows, grad_rows = neg_sampling_touched_rows(v_c, 1, U, negatives)
    ref_loss, ref_v, ref_u = solutions.neg_sampling_loss_and_gradient(v_c, 1, U, FixedDraws(negatives), 4)
    dense = np.zeros_like(U)
    np.add.at(dense, rows, grad_rows)
    assert loss == pytest.approx(ref_loss, rel=1e-12)
    np.testing.assert_allclose(grad_v, ref_v, atol=1e-12)
    np.testing.assert_allclose(dense, ref_u, atol=1e-12)
