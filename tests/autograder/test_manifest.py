"""The assignment manifest is the one list: everything else is derived from it, and kept so.

Each derived file has a drift test (`make regen` rebuilds them); a changed copy of the manifest
(the real one untouched) changes every derived output alike: the checks' points, the README's
tables, the notebooks' nbgrader points, the command line's and nbgrader's totals.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from autograder import manifest, regen

ROOT = Path(__file__).resolve().parents[2]
CHANGED_FUNCTION = "softmax"
CHANGED_POINTS = 10.0  # softmax's points in the changed copy
CHANGED_EXTRA_CREDIT = 3.0  # the extra-credit function's points in the changed copy


# --- the manifest itself -----------------------------------------------------------------------


def test_the_checks_share_each_functions_manifest_points():
    from autograder.checks import REGISTRY, max_points

    for function in manifest.GRADED:
        assert max_points(function) == pytest.approx(manifest.points(function))
    assert sum(c.points for c in REGISTRY) == pytest.approx(manifest.total_points(extra_credit=True))


def test_the_command_line_totals_are_the_manifests():
    from autograder.checks import total_points
    from autograder.grade import Report

    assert total_points() == manifest.total_points()
    assert total_points(bonus=True) == manifest.total_points(extra_credit=True)
    assert Report(path="x").max_score == manifest.total_points()


def test_cbow_alone_is_extra_credit_and_answers_3h():
    assert manifest.EXTRA_CREDIT == {"cbow"} and manifest.BY_NAME["cbow"].question == "3h"
    assert manifest.extra_credit_points() == manifest.points("cbow")


def test_questions_follow_the_2017_handout():
    allowed = {"1a", "1b", *(f"2{c}" for c in "abcdefg"), *(f"3{c}" for c in "abcdefgh")}
    allowed |= {f"4{c}" for c in "abcdefg"}
    assert set(manifest.HANDOUT_QUESTIONS.values()) <= allowed
    assert manifest.HANDOUT_QUESTIONS["softmax"] == "1b"
    assert manifest.HANDOUT_QUESTIONS["gradcheck_naive"] == "2f"


def test_every_function_has_a_solution_cell_in_its_notebooks_template():
    templates = ROOT / "notebooks" / "templates"
    for notebook, functions in manifest.NOTEBOOKS.items():
        text = (templates / f"{notebook}.py").read_text()
        assert all(f'solution="{name}"\n' in text for name in functions), notebook


def test_every_dependency_is_graded_or_provided():
    for function, deps in manifest.DEPENDENCIES.items():
        assert set(deps) <= set(manifest.GRADED) | set(manifest.PROVIDED), function


def test_the_childs_provided_functions_are_the_manifests():
    # The child runs its own copy of the provided (not graded) functions graded ones call.
    from autograder.runtime.provided import LOCAL

    assert set(LOCAL) == set(manifest.PROVIDED)


def test_solutions_export_every_graded_function():
    import solutions

    assert set(manifest.GRADED) <= set(solutions.__all__)
    assert all(callable(getattr(solutions, name)) for name in manifest.GRADED)


def test_json_lists_every_function_and_the_totals():
    data = json.loads(manifest.as_json())
    assert [f["name"] for f in data["functions"]] == list(manifest.GRADED)
    assert data["total_points"] == manifest.total_points()
    assert data["extra_credit_points"] == manifest.extra_credit_points()


def test_questions_table_sums_to_the_totals():
    table = manifest.questions_table()
    rows = [line for line in table.splitlines()[2:] if not line.startswith("| **total**")]
    assert len(rows) == len(manifest.GRADED)
    assert sum(float(r.split("|")[4]) for r in rows) == manifest.total_points(extra_credit=True)
    required, bonus = manifest.total_points(), manifest.extra_credit_points()
    assert f"**{required:g}** + {bonus:g}" in table
    assert f"| 3h | `cbow` | 04_word2vec | {manifest.points('cbow'):g} | yes |" in table


def test_points_of_an_unknown_function_is_a_clear_error():
    with pytest.raises(KeyError, match="not a graded function"):
        manifest.points("softmaxx")


# --- derived files: up to date -----------------------------------------------------------------


@pytest.mark.parametrize("path", list(regen.DERIVED), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_derived_file_is_up_to_date(path):
    current = path.read_text(encoding="utf-8")
    assert regen.DERIVED[path](current) == current, f"{path.name} is out of date: run `make regen`"


def test_regen_check_passes_on_the_repository():
    done = subprocess.run(
        [sys.executable, "-m", "autograder.regen", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_regen_check_names_a_stale_file_and_regen_rewrites_it(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "derived.txt"
    stale.write_text("old\n")
    monkeypatch.setattr(regen, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(regen, "DERIVED", {stale: lambda old: "new\n"})
    assert regen.main(["--check"]) == 1
    assert "out of date: derived.txt" in capsys.readouterr().out
    assert stale.read_text() == "old\n"  # --check writes nothing
    assert regen.main([]) == 0 and stale.read_text() == "new\n"
    assert regen.main(["--check"]) == 0


def test_replace_between_needs_both_markers_in_order():
    markers = ("<!-- a -->", "<!-- b -->")
    assert regen.replace_between("x\n<!-- a -->\nold\n<!-- b -->\ny", markers, "new") == (
        "x\n<!-- a -->\nnew\n<!-- b -->\ny"
    )
    with pytest.raises(ValueError, match="markers"):
        regen.replace_between("<!-- b -->\n<!-- a -->", markers, "new")
    with pytest.raises(ValueError, match="markers"):
        regen.replace_between("<!-- a -->", markers, "new")


def test_runtime_names_are_the_manifests():
    from autograder.runtime import names

    assert names.ALIASES == manifest.ALIASES
    assert names.GRADED == manifest.GRADED
    assert names.canonical("negSamplingCostAndGradient") == "neg_sampling_loss_and_gradient"


def test_runtime_copy_loads_without_the_grader(tmp_path):
    # As the sandbox's child does: the runtime folder alone, under another package name.
    runtime = tmp_path / "ag_runtime"
    runtime.mkdir()
    for file in (ROOT / "autograder" / "runtime").glob("*.py"):
        shutil.copyfile(file, runtime / file.name)
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); from ag_runtime import names; "
        "assert 'autograder' not in sys.modules and 'solutions' not in sys.modules; "
        "print(json.dumps(names.ALIASES))"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-c", code, str(tmp_path)], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert {k: tuple(v) for k, v in json.loads(done.stdout).items()} == manifest.ALIASES


def test_runtime_copy_stays_formatted_for_long_and_short_alias_lists(tmp_path):
    ruff = Path(sys.executable).parent / "ruff"
    if not ruff.exists():
        pytest.skip("ruff is not installed next to this Python")
    long_aliases = tuple(f"a_rather_long_spelling_number_{k}" for k in range(6))
    functions = (
        replace(manifest.FUNCTIONS[0], aliases=("softmax",)),
        replace(manifest.FUNCTIONS[1], name="sigmoid", aliases=("sigmoid", "Sigmoid")),
        replace(manifest.FUNCTIONS[2], name="long_one", aliases=long_aliases),
    )
    source = tmp_path / "manifest_copy.py"
    source.write_text(regen.render_runtime_copy(functions, {}))
    done = subprocess.run([str(ruff), "format", "--check", "--line-length", "110", str(source)])
    assert done.returncode == 0
    namespace: dict = {}
    exec(compile(source.read_text(), str(source), "exec"), namespace)
    assert namespace["ALIASES"]["long_one"] == long_aliases
    assert namespace["GRADED"] == ("softmax", "sigmoid", "long_one")


# --- a changed copy of the manifest changes every derived output alike --------------------------


@pytest.fixture
def changed_manifest(monkeypatch):
    """The manifest with softmax and the extra credit worth other points; the file untouched."""
    import autograder.checks as checks

    changed = tuple(
        replace(f, points=CHANGED_POINTS)
        if f.name == CHANGED_FUNCTION
        else replace(f, points=CHANGED_EXTRA_CREDIT)
        if f.extra_credit
        else f
        for f in manifest.FUNCTIONS
    )
    before = {
        "required": manifest.total_points(),
        "extra": manifest.extra_credit_points(),
        "points": manifest.points(CHANGED_FUNCTION),
    }
    assert before["points"] != CHANGED_POINTS and before["extra"] != CHANGED_EXTRA_CREDIT
    saved = list(checks.REGISTRY)
    monkeypatch.setattr(manifest, "FUNCTIONS", changed)
    checks._scale_points()
    yield {
        "functions": changed,
        "required": before["required"] + CHANGED_POINTS - before["points"],
        "extra": CHANGED_EXTRA_CREDIT,
    }
    checks.REGISTRY[:] = saved


@pytest.fixture
def rendered_notebooks(changed_manifest):
    from notebooks.build import TEMPLATE_DIR, notebook_names, render

    return {stem: render(TEMPLATE_DIR / f"{stem}.py") for stem in notebook_names()}


def _cell_points(notebooks: dict, grade_id: str) -> float:
    (found,) = [
        c.metadata["nbgrader"]["points"]
        for nb in notebooks.values()
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id
    ]
    return float(found)


def test_changed_points_reach_the_checks_and_the_command_line(changed_manifest, capsys):
    from autograder import cli
    from autograder.checks import max_points, total_points
    from autograder.grade import Report

    assert max_points(CHANGED_FUNCTION) == pytest.approx(CHANGED_POINTS)
    assert total_points() == changed_manifest["required"] == Report(path="x").max_score
    assert total_points(bonus=True) == changed_manifest["required"] + changed_manifest["extra"]
    assert cli.main(["points"]) == 0
    printed = capsys.readouterr().out
    assert f"| Q1 softmax | {CHANGED_POINTS:g} |" in printed
    assert f"| **total** (without the bonus) | **{changed_manifest['required']:g}** |" in printed


def test_changed_points_reach_the_readme_tables(changed_manifest, rendered_notebooks):
    from autograder.checks import points_table

    rows = [line for line in points_table().splitlines() if f"| `{CHANGED_FUNCTION}`:" in line]
    assert sum(float(row.split("|")[3]) for row in rows) == pytest.approx(CHANGED_POINTS)
    totals = regen.render_points_totals(regen.nbgrader_totals(rendered_notebooks.values()))
    required, extra = changed_manifest["required"], changed_manifest["extra"]
    assert f"| 1b | `softmax` | 01_softmax | {CHANGED_POINTS:g} |  |" in totals
    assert f"| autograded, required | {required:g} | {required:g} |" in totals
    assert f"| {extra:g} | {extra:g} (`extra_credit`" in totals


def test_changed_points_reach_the_notebooks_cells_and_nbgrader_total(changed_manifest, rendered_notebooks):
    from autograder.checks import total_points

    public = _cell_points(rendered_notebooks, f"test-{CHANGED_FUNCTION}")
    hidden = _cell_points(rendered_notebooks, f"hidden-test-{CHANGED_FUNCTION}")
    assert public + hidden == pytest.approx(CHANGED_POINTS)
    for function in manifest.EXTRA_CREDIT:  # extra credit: 0 points, whatever it is worth
        assert _cell_points(rendered_notebooks, f"test-{function}") == 0.0
    autograded = regen.nbgrader_totals(rendered_notebooks.values()).autograded
    assert autograded == pytest.approx(total_points()) and autograded == changed_manifest["required"]


def test_changed_points_reach_the_notebooks_readme(changed_manifest):
    text = regen.NOTEBOOKS_README.read_text(encoding="utf-8")
    new = regen.render_notebooks_readme(text, regen._check_split)
    question = manifest.BY_NAME[CHANGED_FUNCTION].question
    (row,) = [line for line in new.splitlines() if line.startswith(f"| {question} |") and "test-" in line]
    assert sum(float(p) for p in row.rstrip(" |").rsplit("|", 1)[1].split("+")) == pytest.approx(
        CHANGED_POINTS
    )
    assert new != text


def test_changed_points_leave_the_runtime_copy_alone(changed_manifest):
    assert regen.render_runtime_copy() == regen.RUNTIME_COPY.read_text(encoding="utf-8")


def test_a_templates_bonus_flag_must_agree_with_the_manifest(monkeypatch):
    from notebooks.build import TEMPLATE_DIR, render

    monkeypatch.setattr(manifest, "EXTRA_CREDIT", frozenset())
    with pytest.raises(ValueError, match="extra credit in autograder/manifest.py"):
        render(TEMPLATE_DIR / "04_word2vec.py")
