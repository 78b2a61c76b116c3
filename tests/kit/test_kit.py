"""The student kit: no reference inside, and the same visible checks as the repository."""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest
from kit_fixtures import REPO_ROOT, RUNNER, run_in_kit

from autograder.checks import DEPENDENCIES, REGISTRY
from autograder.notebook import KIT_NOTE_START
from autograder.runtime.names import GRADED
from notebooks.build import solution_source

pytestmark = pytest.mark.slow  # builds the kit and a virtual environment

sys.path.insert(0, str(RUNNER.parent))
import kit_runner  # noqa: E402

SUBMISSIONS = REPO_ROOT / "tests" / "autograder" / "submissions"
BUGS = sorted(p.stem for p in (SUBMISSIONS / "buggy").glob("*.py"))


def _kit_text_files(site_packages) -> dict[str, str]:
    files = {}
    for top in ("autograder", "cs224n_datasets", "word2vec_trainer"):
        for path in (site_packages / top).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".json", ".md", ".txt"):
                files[str(path.relative_to(site_packages))] = path.read_text(encoding="utf-8")
    return files


def test_kit_import_of_solutions_fails(kit_python, tmp_path):
    result = subprocess.run(
        [str(kit_python), "-I", "-c", "import autograder.notebook; import solutions"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert "ModuleNotFoundError: No module named 'solutions'" in result.stderr


def _code_lines(text: str) -> list[str]:
    """Stripped lines of code (no blank lines, no comments): formatting does not hide a copy."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def test_kit_holds_no_solution_body(kit_python, site_packages, kit_dir):
    texts = _kit_text_files(site_packages)
    for path in (kit_dir / "notebooks").glob("*.ipynb"):
        texts[path.name] = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells)
    assert any(name.endswith("notebook.py") for name in texts)
    kit_code = {name: "\n".join(_code_lines(text)) for name, text in texts.items()}
    leaks = []
    for function in GRADED:
        body = _code_lines(solution_source(function)[1])
        # Three consecutive lines of the body: a line or two (`x = np.asarray(x)`, a shift by
        # the row maximum) are shared with provided code and the checks; a copied body is not.
        pairs = ["\n".join(body[k : k + 3]) for k in range(max(1, len(body) - 2))]
        for pair in pairs:
            leaks += [f"{function}: {pair!r} in {name}" for name, code in kit_code.items() if pair in code]
    assert leaks == [], "\n".join(leaks)


def test_kit_holds_no_hidden_check(site_packages):
    texts = _kit_text_files(site_packages)
    checks = {name: text for name, text in texts.items() if "/checks/" in name}
    assert len(checks) >= 8
    hidden = [c for c in REGISTRY if c.hidden]
    assert hidden, "the repository has hidden checks to look for"
    for name, text in checks.items():
        assert "hidden=True" not in text, name
        assert "hidden_seed(" not in text.replace("def hidden_seed(", ""), name
        for c in hidden:
            assert f'"{c.name}"' not in text, f"hidden check {c.title!r} in {name}"


def test_kit_registry_has_exactly_the_visible_checks(kit_python, tmp_path):
    code = "from autograder.checks import REGISTRY; print([(c.title, c.points, c.hidden) for c in REGISTRY])"
    result = subprocess.run(
        [str(kit_python), "-I", "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    visible = [(c.title, c.points, False) for c in REGISTRY if not c.hidden]
    assert result.stdout.strip() == str(visible)


def test_kit_refuses_hidden_checks_with_a_clear_message(kit_python, tmp_path):
    code = (
        "from autograder.notebook import check\n"
        "import numpy as np\n"
        "check('softmax', lambda x: x, hidden=True)\n"
    )
    result = subprocess.run([str(kit_python), "-I", "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert "hidden tests are not in the student kit" in result.stderr


def test_reference_answers_pass_every_visible_check_in_the_kit(kit_python, reference_copy, tmp_path):
    spec = {
        "sys_path": [str(reference_copy.parent)],
        "submissions": {"reference": [str(reference_copy / "__init__.py"), list(GRADED)]},
    }
    answers = run_in_kit(kit_python, spec, tmp_path)["reference"]
    assert sorted(answers) == sorted(GRADED)
    failed = [title for rows in answers.values() for title, score, points, _ in rows if score < points]
    assert failed == []
    visible = sum(c.points for c in REGISTRY if not c.hidden)
    assert sum(row[1] for rows in answers.values() for row in rows) == visible


def _dependents(function: str) -> list[str]:
    return [g for g, deps in DEPENDENCIES.items() if function in deps]


@pytest.fixture(scope="session")
def catalogue_both_ways(kit_python, tmp_path_factory):
    """Every one-bug submission checked in the kit and in the repository (its function and the
    functions that call it)."""
    from grader_fixtures import compose

    folder = tmp_path_factory.mktemp("catalogue")
    submissions = {}
    for bug in BUGS:
        path = folder / f"{bug}.py"
        path.write_text(compose(SUBMISSIONS / "buggy" / f"{bug}.py"))
        function = bug.split("__")[0]
        submissions[bug] = [str(path), [function, *_dependents(function)]]
    spec = {"submissions": submissions}
    in_kit = run_in_kit(kit_python, spec, folder)
    in_repo = kit_runner.run(spec)
    return in_kit, in_repo


sys.path.insert(0, str(REPO_ROOT / "tests" / "autograder"))


def _without_kit_note(rows: list[list]) -> list[list]:
    return [[title, score, points, output.split(KIT_NOTE_START)[0]] for title, score, points, output in rows]


@pytest.mark.parametrize("bug", BUGS)
def test_kit_gives_the_buggy_function_the_same_results_and_feedback(catalogue_both_ways, bug):
    in_kit, in_repo = catalogue_both_ways
    function = bug.split("__")[0]
    assert _without_kit_note(in_kit[bug][function]) == in_repo[bug][function]


@pytest.mark.parametrize("bug", BUGS)
def test_kit_says_when_a_caller_failed_with_the_students_own_dependency(catalogue_both_ways, bug):
    in_kit, in_repo = catalogue_both_ways
    function = bug.split("__")[0]
    for caller in _dependents(function):
        for kit_row, repo_row in zip(in_kit[bug][caller], in_repo[bug][caller], strict=True):
            assert kit_row[0] == repo_row[0]
            if kit_row[1] != repo_row[1]:
                assert "runs with your own" in kit_row[3] and function in kit_row[3], kit_row


# --- the feedback in Chinese (the Chinese notebooks call set_language("zh")) --------------------

ZH_BUGS = [
    "softmax__sums_whole_matrix",
    "forward_backward_prop__sum_not_mean",
    "neg_sampling_loss_and_gradient__no_accumulation",
    "gradcheck_naive__numpy_rng_not_reset",
    "sgd__postprocessing_result_ignored",
]


def test_kit_ships_the_message_table(kit_python, site_packages, tmp_path):
    from autograder.feedback.messages import CHECK_NAMES_ZH, MESSAGES

    assert (site_packages / "autograder" / "runtime" / "messages.py").is_file()
    assert (site_packages / "autograder" / "feedback" / "messages.py").is_file()
    code = (
        "from autograder.feedback.messages import MESSAGES, CHECK_NAMES_ZH\n"
        "print(sorted(MESSAGES) == sorted(__import__('json').loads(input())), len(CHECK_NAMES_ZH))"
    )
    import json

    result = subprocess.run(
        [str(kit_python), "-I", "-c", code],
        input=json.dumps(sorted(MESSAGES)),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["True", str(len(CHECK_NAMES_ZH))]


CHINESE_CHECK = """
import numpy as np
from autograder.notebook import check, set_language
set_language("zh")

def softmax(x):
    e = np.exp(x)
    return e / e.sum()

try:
    check("softmax", softmax)
except AssertionError as error:
    print(error)
"""


def test_kit_prints_chinese_after_set_language_zh_as_the_repository_does(kit_python, tmp_path):
    in_kit = subprocess.run(
        [str(kit_python), "-I", "-c", CHINESE_CHECK], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    in_repo = subprocess.run(
        [sys.executable, "-c", CHINESE_CHECK], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "通过 [0.5/0.5] softmax：单个向量" in in_kit
    assert "可能的错误：对整个矩阵做了归一化" in in_kit and "Likely mistake" not in in_kit
    assert in_kit == in_repo


@pytest.fixture(scope="session")
def chinese_catalogue(kit_python, tmp_path_factory):
    """A few one-bug submissions checked in the kit in Chinese and English, and in the repository
    in Chinese."""
    from grader_fixtures import compose

    folder = tmp_path_factory.mktemp("catalogue_zh")
    submissions = {}
    for bug in ZH_BUGS:
        path = folder / f"{bug}.py"
        path.write_text(compose(SUBMISSIONS / "buggy" / f"{bug}.py"))
        submissions[bug] = [str(path), [bug.split("__")[0]]]
    kit_zh = run_in_kit(kit_python, {"submissions": submissions, "language": "zh"}, folder)
    kit_en = run_in_kit(kit_python, {"submissions": submissions, "language": "en"}, folder)
    repo_zh = kit_runner.run({"submissions": submissions, "language": "zh"})
    return kit_zh, kit_en, repo_zh


def test_chinese_bugs_are_in_the_catalogue():
    assert set(ZH_BUGS) <= set(BUGS)


@pytest.mark.parametrize("bug", ZH_BUGS)
def test_kit_gives_chinese_feedback_and_the_same_scores(chinese_catalogue, bug):
    import re

    kit_zh, kit_en, repo_zh = chinese_catalogue
    function = bug.split("__")[0]
    zh, en = kit_zh[bug][function], kit_en[bug][function]
    assert [row[1:3] for row in zh] == [row[1:3] for row in en]
    failed = [row for row in zh if row[1] < row[2]]
    assert failed and all(re.search(r"[\u4e00-\u9fff]", row[3]) for row in failed)
    assert "Likely mistake" not in " ".join(row[3] for row in zh)
    # The kit's note on the student's own dependencies, in Chinese, is the only difference.
    assert [row[:3] + [row[3].split("\n     （在学生工具包中")[0]] for row in zh] == repo_zh[bug][function]
