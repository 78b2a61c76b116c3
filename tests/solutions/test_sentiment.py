import numpy as np
import pytest

from solutions import accuracy, choose_best_model, get_regularization_values, get_sentence_features


def test_sentence_features_are_the_mean_word_vector():
    w2i = {"good": 0, "film": 1, "bad": 2}
    vectors = np.array([[1.0, 0.0], [0.0, 2.0], [5.0, 5.0]])
    np.testing.assert_allclose(get_sentence_features(w2i, vectors, ["good", "film", "good"]), [2 / 3, 2 / 3])


def test_sentence_features_of_an_empty_sentence_are_zero():
    np.testing.assert_array_equal(get_sentence_features({}, np.ones((2, 3)), []), np.zeros(3))


def test_regularization_values_are_sorted_and_span_three_orders_of_magnitude():
    values = get_regularization_values()
    assert len(values) >= 5
    assert values == sorted(values)
    assert values[0] > 0 and values[-1] / values[0] >= 1e3


def test_best_model_is_chosen_by_dev_accuracy_not_test():
    results = [
        {"reg": 0.1, "clf": None, "train": 40, "dev": 30, "test": 50},
        {"reg": 1.0, "clf": None, "train": 35, "dev": 33, "test": 20},
    ]
    assert choose_best_model(results)["reg"] == 1.0


def test_choose_best_model_rejects_an_empty_list():
    with pytest.raises(ValueError):
        choose_best_model([])


def test_accuracy_is_a_percentage():
    assert accuracy(np.array([1, 2, 3, 4]), np.array([1, 2, 0, 0])) == 50.0
