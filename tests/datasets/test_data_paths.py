"""Data locations: environment variables first, else datasets/data/ (in the repository) or the package."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import cs224n_datasets
from cs224n_datasets import TOY_TREEBANK, glove_dir, sst_dir

PACKAGE = Path(cs224n_datasets.__file__).resolve().parent
REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("function", "variable", "default"),
    [
        (sst_dir, "CS224N_SST_DIR", REPO_ROOT / "datasets" / "data" / "sst"),
        (glove_dir, "CS224N_GLOVE_DIR", REPO_ROOT / "datasets" / "data" / "glove"),
    ],
)
def test_default_is_datasets_data_in_repository(monkeypatch, tmp_path, function, variable, default):
    monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)  # the working directory must not matter
    assert function() == default


def test_default_is_inside_package_when_installed(tmp_path):
    # A copy of paths.py in a site-packages-like folder: not under datasets/, so <package>/data.
    package = tmp_path / "site-packages" / "cs224n_datasets"
    package.mkdir(parents=True)
    (package / "paths.py").write_bytes((PACKAGE / "paths.py").read_bytes())
    spec = importlib.util.spec_from_file_location("installed_paths", package / "paths.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.DATA_DIR == package.resolve() / "data"


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
        assert hasattr(cs224n_datasets, name), name
    assert (cs224n_datasets.TRAIN, cs224n_datasets.DEV, cs224n_datasets.TEST) == (0, 1, 2)
    assert issubclass(cs224n_datasets.DataError, Exception)
