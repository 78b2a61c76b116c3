"""benchmarks/bench_word2vec.py runs end to end on the toy corpus and writes every table.

Timings are not checked here (they belong to the benchmark's own output); what is checked
is that each table is there with its rows, so that a change to the trainer or the
benchmark cannot leave `make bench` broken until someone runs it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location(
        "bench_word2vec", REPO_ROOT / "benchmarks" / "bench_word2vec.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_word2vec"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report(bench, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("bench") / "bench_word2vec.md"
    options = ["--toy", "--iterations", "1000", "--reference-iterations", "500", "--dense-iterations", "2"]
    options += ["--repeat", "1", "--seeds", "1", "--busy", "1", "--out", str(out)]
    assert bench.main(options) == 0
    return out.read_text(encoding="utf-8")


def test_the_speed_table_has_a_row_per_method(report):
    for name in (
        "handout code (dense gradients)",
        "per-window reference loop",
        "trainer float64, compiled, exact",
        "trainer float32, compiled, exact",
        "trainer float64, NumPy engine, 5 it/update",
    ):
        assert f"| {name} | " in report


def test_the_busy_option_is_stated_with_the_figures(report):
    assert "with 1 process spinning throughout (--busy)" in report


def test_the_accuracy_table_has_the_trainer_at_both_steps(report):
    assert "| trainer float64, exact, the assignment's step 0.3 | " in report
    assert "| trainer float64, exact, step 0.6 | " in report


def test_the_profile_compares_the_two_engines(report):
    assert "| float64 | NumPy | " in report and "| float64 | compiled | " in report
    assert "| float32 | NumPy | " in report and "| float32 | compiled | " in report


def test_the_busy_processes_spin_during_the_block_and_are_gone_after_it(bench):
    with bench.busy_cores(2) as spinners:
        assert len(spinners) == 2 and all(spinner.poll() is None for spinner in spinners)
    assert all(spinner.poll() is not None for spinner in spinners)
