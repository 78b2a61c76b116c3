"""The main job behind `make run`: one load of the treebank, a quiet fallback to the toy."""

from __future__ import annotations

import json
import socket

import pytest

import cs224n_datasets.download as download_module
import word2vec_trainer.main_job as job
from word2vec_trainer.train import TrainConfig


@pytest.fixture
def no_grading(monkeypatch):
    # Grading the reference is the autograder's job (tested there); here only the data flow.
    monkeypatch.setattr(job, "grade_reference", lambda out_dir: None)


@pytest.fixture
def no_data(monkeypatch, tmp_path):
    monkeypatch.setenv("CS224N_SST_DIR", str(tmp_path / "no-sst-here"))
    monkeypatch.setenv("CS224N_GLOVE_DIR", str(tmp_path / "no-glove-here"))


def test_the_main_job_loads_the_treebank_once(
    no_grading, no_data, monkeypatch, tmp_path, expected_vector_kinds
):
    loads = []
    real_load = job.load_corpus
    monkeypatch.setattr(job, "load_corpus", lambda toy=False: loads.append(toy) or real_load(toy))

    def second_load(*args, **kwargs):
        raise AssertionError("the treebank was loaded a second time")

    monkeypatch.setattr("word2vec_trainer.pipeline.load_corpus", second_load)
    out = tmp_path / "out"
    assert job.run_main_job(out, TrainConfig(iterations=500), toy=True, progress=False) == 0
    assert loads == [True]
    summary = json.loads((out / "sentiment" / "summary.json").read_text())
    assert [r["vectors"] for r in summary["results"]] == expected_vector_kinds()


def test_without_a_network_the_main_job_notes_it_and_uses_the_toy(
    no_grading, no_data, monkeypatch, tmp_path, capsys
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    real_download = download_module.download_treebank

    def unreachable(dest, url, **kwargs):  # the real downloader, pointed at a closed port
        return real_download(dest, f"http://127.0.0.1:{port}/trainDevTestTrees_PTB.zip", **kwargs)

    monkeypatch.setattr(download_module, "download_treebank", unreachable)
    status = job.run_main_job(tmp_path / "out", TrainConfig(iterations=500), progress=False)
    captured = capsys.readouterr()
    assert status == 0
    notes = [line for line in captured.out.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "toy corpus" in notes[0]
    assert "TOY CORPUS" in captured.out and "Traceback" not in captured.out + captured.err


@pytest.fixture
def recorded_main_job(monkeypatch):
    """run_main_job as `python -m word2vec_trainer all` calls it, replaced by a recorder."""
    import word2vec_trainer.__main__ as cli

    calls = []
    monkeypatch.setattr(
        cli, "run_main_job", lambda out, config, **kwargs: calls.append((out, config, kwargs)) or 0
    )
    return calls


def test_the_main_job_command_takes_the_options_of_trainer_all(recorded_main_job, tmp_path):
    argv = ["--toy", "--no-download", "--iterations", "7", "--dim", "4", "--out", str(tmp_path)]
    assert job.main(argv) == 0
    ((out, config, kwargs),) = recorded_main_job
    assert out == tmp_path
    assert (config.iterations, config.dim) == (7, 4)
    assert kwargs == {"toy": True, "download": False, "fresh": False, "progress": True}


def test_a_main_job_error_is_one_line_and_status_2(monkeypatch, capsys):
    import word2vec_trainer.__main__ as cli

    def fails(*args, **kwargs):
        raise ValueError("the step must be positive")

    monkeypatch.setattr(cli, "run_main_job", fails)
    assert job.main(["--toy"]) == 2
    assert capsys.readouterr().err == "error: the step must be positive\n"
