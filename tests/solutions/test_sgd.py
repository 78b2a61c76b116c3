import random

import numpy as np
import pytest

from solutions import load_saved_params, save_params, sgd
from solutions.sgd import ANNEAL_EVERY


def quadratic(x):
    return float(np.sum(x**2)), 2 * x


def test_sgd_minimises_a_quadratic():
    x = sgd(quadratic, np.array([3.0, -2.0]), 0.1, 200, print_every=None)
    np.testing.assert_allclose(x, 0.0, atol=1e-10)


def test_sgd_takes_plain_gradient_steps():
    x = sgd(quadratic, np.array([1.0]), 0.1, 1, print_every=None)
    np.testing.assert_allclose(x, [0.8])  # 1 - 0.1 * 2


def test_sgd_does_not_modify_x0():
    x0 = np.array([1.0, 2.0])
    sgd(quadratic, x0, 0.1, 5, print_every=None)
    np.testing.assert_array_equal(x0, [1.0, 2.0])


def test_sgd_uses_the_result_of_postprocessing():
    x = sgd(
        lambda x: (0.0, np.zeros_like(x)),
        np.array([5.0]),
        0.1,
        3,
        postprocessing=lambda x: x / 2,
        print_every=None,
    )
    np.testing.assert_allclose(x, [5.0 / 8])


def test_sgd_halves_the_step_every_20000_iterations():
    constant_slope = lambda x: (float(x[0]), np.ones_like(x))  # noqa: E731
    x = sgd(constant_slope, np.array([0.0]), 1.0, ANNEAL_EVERY + 10, print_every=None)
    assert x[0] == pytest.approx(-(ANNEAL_EVERY + 10 * 0.5))


def test_sgd_prints_the_smoothed_cost(capsys):
    sgd(quadratic, np.array([1.0]), 0.1, 20, print_every=10)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["iter 10", "iter 20"]


def noisy_quadratic(x):
    # Draws from both global RNGs, like word2vec's sampling does.
    return float(np.sum(x**2)), 2 * x + random.random() - np.random.rand()


def test_sgd_resumed_from_a_checkpoint_equals_an_uninterrupted_run(tmp_path):
    x0 = np.array([2.0, -1.0])
    random.seed(5)
    np.random.seed(5)
    uninterrupted = sgd(noisy_quadratic, x0, 0.01, 40, print_every=None)

    random.seed(5)
    np.random.seed(5)
    sgd(
        noisy_quadratic,
        x0,
        0.01,
        25,
        use_saved=True,
        print_every=None,
        checkpoint_directory=tmp_path,
        save_every=10,
    )
    random.seed(999)  # whatever happens in between is undone by the checkpoint
    np.random.seed(999)
    resumed = sgd(
        noisy_quadratic,
        x0,
        0.01,
        40,
        use_saved=True,
        print_every=None,
        checkpoint_directory=tmp_path,
        save_every=10,
    )
    np.testing.assert_allclose(resumed, uninterrupted, rtol=0, atol=1e-12)


def test_sgd_resumes_with_the_annealed_step(tmp_path):
    save_params(ANNEAL_EVERY + 5000, np.array([0.0]), tmp_path)
    constant_slope = lambda x: (float(x[0]), np.ones_like(x))  # noqa: E731
    x = sgd(
        constant_slope,
        np.array([0.0]),
        1.0,
        ANNEAL_EVERY + 5001,
        use_saved=True,
        print_every=None,
        checkpoint_directory=tmp_path,
    )
    assert x[0] == pytest.approx(-0.5)


def test_load_saved_params_picks_the_newest_checkpoint(tmp_path):
    save_params(5000, np.array([1.0]), tmp_path)
    save_params(15000, np.array([3.0]), tmp_path)
    save_params(10000, np.array([2.0]), tmp_path)
    iteration, params, states = load_saved_params(tmp_path)
    assert iteration == 15000
    np.testing.assert_array_equal(params, [3.0])
    assert set(states) == {"python", "numpy"}


def test_load_saved_params_without_checkpoints_starts_at_zero(tmp_path):
    assert load_saved_params(tmp_path) == (0, None, None)


def test_checkpoints_are_plain_arrays_without_pickles(tmp_path):
    path = save_params(10, np.arange(3.0), tmp_path)
    with np.load(path, allow_pickle=False) as data:
        assert all(data[key].dtype != object for key in data.files)
