"""No import name of the project shadows, or is shadowed by, an installed PyPI package.

Hugging Face's `datasets` (CS224n's later assignments use it) is installed beside the project (the
`test` extra pins it). Our data package is `cs224n_datasets`, kept in the folder datasets/, which has
no __init__.py: a folder without one is only a namespace portion, and Python picks a regular package
(Hugging Face's) over it wherever the two are on sys.path. The word2vec trainer is
`word2vec_trainer` (PyPI's `trainer` is Coqui's).

Each import runs in a child process started in the folder a user works in, so the working
directory really is on sys.path, as it is for `python -c` and a Jupyter kernel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
OUR_DISTRIBUTION = PYPROJECT["project"]["name"]
# The import names the issue reports taken on PyPI (Hugging Face's datasets, Coqui's trainer).
TAKEN_ON_PYPI = ("datasets", "trainer")

# Imports Hugging Face's datasets and uses it, then ours; prints where each came from.
PROBE = """
import json
import datasets
import cs224n_datasets
import word2vec_trainer

table = datasets.Dataset.from_dict({"word": ["good", "bad"], "label": [1, 0]})
print(json.dumps({
    "datasets_file": datasets.__file__,
    "has_load_dataset": callable(getattr(datasets, "load_dataset", None)),
    "rows": table.num_rows,
    "ours_file": cs224n_datasets.__file__,
    "toy_found": cs224n_datasets.TOY_TREEBANK.is_file(),
    "trainer_file": word2vec_trainer.__file__,
}))
"""


def _source_roots() -> list[Path]:
    """The folders pyproject's packages.find searches (the repository root and datasets/)."""
    where = PYPROJECT["tool"]["setuptools"]["packages"]["find"].get("where", ["."])
    return [(REPO_ROOT / folder).resolve() for folder in where]


def project_import_names() -> set[str]:
    """Top-level names the project's code is imported by: packages and modules in the source roots."""
    names = set()
    for root in _source_roots():
        for entry in root.iterdir():
            if entry.is_dir() and (entry / "__init__.py").is_file():
                names.add(entry.name)
            elif entry.suffix == ".py" and entry.stem.isidentifier():
                names.add(entry.stem)
    return names


def _student_folder(tmp_path: Path) -> Path:
    """A student's copy of the released assignment: the notebooks in a folder of their own."""
    folder = tmp_path / "cs224n" / "a1"
    folder.mkdir(parents=True)
    for notebook in (REPO_ROOT / "notebooks" / "course" / "source" / "a1").glob("*.ipynb"):
        shutil.copy(notebook, folder / notebook.name)
    return folder


def _plain_env() -> dict[str, str]:
    """The user's environment without PYTHONPATH (a student's shell)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def _kernel_env() -> dict[str, str]:
    """What notebooks.execute gives the notebooks' kernels (the repository on PYTHONPATH)."""
    from notebooks.execute import kernel_env

    return kernel_env()


def _pytest_env() -> dict[str, str]:
    """pytest's sys.path: its `pythonpath` (repository root, datasets/) and the rootdir's tests/."""
    paths = [str(REPO_ROOT / p) for p in PYPROJECT["tool"]["pytest"]["ini_options"]["pythonpath"]]
    return {**_plain_env(), "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "tests"), *paths])}


PLACES = {
    "repository root": (lambda tmp: REPO_ROOT, _plain_env),
    "repository root, pytest's path": (lambda tmp: REPO_ROOT, _pytest_env),
    "course notebooks' folder, kernel env": (
        lambda tmp: REPO_ROOT / "notebooks" / "course" / "source" / "a1",
        _kernel_env,
    ),
    "student's release folder": (_student_folder, _plain_env),
}


def _site_packages() -> list[Path]:
    return [Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")]


@pytest.fixture(scope="module")
def hugging_face_installed() -> None:
    """Hugging Face's datasets must be installed: without it these tests would prove nothing."""
    owners = packages_distributions().get("datasets", [])
    assert "datasets" in owners, (
        "Hugging Face's `datasets` is not installed, so the import-name clash cannot be tested. "
        "Install the test extra: .venv/bin/pip install -e '.[test]' (it pins datasets==5.2.0)."
    )


@pytest.mark.slow
@pytest.mark.parametrize("place", list(PLACES))
def test_import_datasets_gives_hugging_face_and_ours_still_import(hugging_face_installed, tmp_path, place):
    cwd_of, env_of = PLACES[place]
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=cwd_of(tmp_path),
        env=env_of(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    datasets_file = Path(found["datasets_file"]).resolve()
    assert any(datasets_file.is_relative_to(site) for site in _site_packages()), datasets_file
    assert not datasets_file.is_relative_to(REPO_ROOT / "datasets"), datasets_file
    assert found["has_load_dataset"] and found["rows"] == 2
    assert Path(found["ours_file"]).resolve().parent.name == "cs224n_datasets"
    assert found["toy_found"]
    assert Path(found["trainer_file"]).resolve().parent.name == "word2vec_trainer"


def test_datasets_folder_is_not_a_package():
    # With an __init__.py, datasets/ would be a regular package and win over Hugging Face's from the
    # repository root (the working directory comes first on sys.path).
    assert not (REPO_ROOT / "datasets" / "__init__.py").exists()
    assert (REPO_ROOT / "datasets" / "cs224n_datasets" / "__init__.py").is_file()


def test_project_import_names_avoid_names_taken_on_pypi():
    names = project_import_names()
    assert {"cs224n_datasets", "word2vec_trainer", "autograder", "solutions"} <= names
    assert names.isdisjoint(TAKEN_ON_PYPI), sorted(names & set(TAKEN_ON_PYPI))


def test_no_installed_distribution_ships_a_project_import_name(hugging_face_installed):
    owners = packages_distributions()
    clashes = {
        name: sorted(set(owners[name]) - {OUR_DISTRIBUTION})
        for name in project_import_names()
        if set(owners.get(name, [])) - {OUR_DISTRIBUTION}
    }
    assert not clashes, f"installed distributions that also provide our import names: {clashes}"
