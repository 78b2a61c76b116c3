import re

from solutions.__main__ import main


def test_main_job_reports_every_sanity_check_and_a_cost_per_print(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("CS224N_SST_DIR", str(tmp_path / "nowhere"))  # forces the toy corpus
    assert main(["--iterations", "40"]) == 0
    out = capsys.readouterr().out
    assert len(re.findall(r"^  ok  ", out, flags=re.M)) == 8
    assert "TOY" in out
    costs = [float(c) for c in re.findall(r"^iter \d+: ([\d.]+)$", out, flags=re.M)]
    assert len(costs) == 10 and all(c > 0 for c in costs)
