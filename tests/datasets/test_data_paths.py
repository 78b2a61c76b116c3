"""Data locations: environment variables first, else folders inside the package."""

from __future__ import annotations

from pathlib import Path

import pytest

import datasets
from datasets import TOY_TREEBANK, glove_dir, sst_dir

PACKAGE = Path(datasets.__file__).resolve().parent


@pytest.mark.parametrize(
    ("function", "variable", "default"),
    [
        (sst_dir, "CS224N_SST_DIR", PACKAGE / "data" / "sst"),
        (glove_dir, "CS224N_GLOVE_DIR", PACKAGE / "data" / "glove"),
    ],
)
def test_default_is_inside_package(monkeypatch, tmp_path, function, variable, default):
    monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)  # the working directory must not matter
    assert function() == default


@pytest.mark.parametrize(
    ("function", "variable"),
    [
        (sst_dir, "CS224N_SST_DIR"),
        (glove_dir, "CS224N_GLOVE_DIR"),
    ],
)
def test_env_variable_wins(monkeypatch, tmp_path, function, variable):
    monkeypatch.setenv(variable, str(tmp_path))
    assert function() == tmp_path


def test_toy_treebank_ships_with_package():
    assert TOY_TREEBANK == PACKAGE / "toy" / "toy_trees.zip"
    assert TOY_TREEBANK.is_file()


def test_public_api_is_exported():
    for name in [
        "DataError",
        "load_treebank",
        "Treebank",
        "Word2VecDataset",
        "load_glove_text",
        "load_glove_kumo",
        "sst_dir",
        "glove_dir",
        "TOY_TREEBANK",
        "TRAIN",
        "DEV",
        "TEST",
    ]:
        assert hasattr(datasets, name), name
    assert (datasets.TRAIN, datasets.DEV, datasets.TEST) == (0, 1, 2)
    assert issubclass(datasets.DataError, Exception)
