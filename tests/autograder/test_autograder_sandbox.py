"""The sandbox holds where courses run graders: as root, with and without bubblewrap, under attack.

Every attack of tests/autograder/submissions/attacks/ runs in both isolation modes ("bwrap" and
"rlimits", the fallback without bubblewrap). As root (CI), the fallback is the launcher's
private mount namespace and a uid of the job's own; as an ordinary user it is weak, and the
report says so.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from grader_fixtures import BASE, FULL, SUBMISSIONS

from autograder.checks import DEPENDENCIES
from autograder.checks.engine import reference_functions
from autograder.grade import grade_path
from autograder.runtime import protocol
from autograder.sandbox import runner
from autograder.sandbox.runner import ChildEvaluator, SandboxUnavailable, _bwrap_works
from autograder.submission.loader import load_submission

pytestmark = pytest.mark.slow

ATTACKS = SUBMISSIONS / "attacks"
PROJECT = Path(__file__).resolve().parent.parent.parent
IS_ROOT = os.geteuid() == 0
MODES = [
    "rlimits",
    pytest.param("bwrap", marks=pytest.mark.skipif(not _bwrap_works(), reason="bubblewrap unusable here")),
]
# The fallback as root in a container that refuses namespaces: a chroot jail (see sandbox/jail.py).
JAIL = pytest.param("jail", marks=pytest.mark.skipif(os.geteuid() != 0, reason="a jail needs root"))


@pytest.fixture(scope="session")
def jail_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from autograder.sandbox.jail import build_jail

    folder = tmp_path_factory.mktemp("jail") / "root"
    return build_jail(folder)


@pytest.fixture
def sandbox(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The isolation mode to pass to the grader; "jail" is the rlimits mode with a forced jail."""
    mode = request.param
    if mode == "jail":
        monkeypatch.setenv("AUTOGRADER_JAIL", str(request.getfixturevalue("jail_dir")))
        monkeypatch.setenv("AUTOGRADER_ROOT_VIEW", "jail")
        return "rlimits"
    return mode


ESCAPE_MARK = f"31.{os.getpid()}"
HOLD_MARK = f"61.{os.getpid()}"
ROOT_ONLY = pytest.mark.skipif(not IS_ROOT, reason="the confinement of the fallback needs root")


def _compose(tmp_path: Path, attack: str, name: str = "student.py") -> Path:
    text = (ATTACKS / f"{attack}.py").read_text()
    text = text.replace("__PROJECT__", str(PROJECT)).replace("__GRADER_PID__", str(os.getpid()))
    # The sleeping processes' arguments name this test process: parallel tests do not see each other's.
    text = text.replace("31.4159", ESCAPE_MARK).replace("61.803", HOLD_MARK)
    path = tmp_path / name
    path.write_text(BASE.read_text() + "\n\n# ---- the attack ----\n" + text)
    return path


def _scores(report) -> dict[str, float]:
    return {f: s for f, (s, _) in report.by_function().items()}


def _others_intact(report, attacked: str) -> dict[str, float]:
    """The functions other than the attacked one that lost points (should be empty)."""
    return {f: s for f, s in _scores(report).items() if f != attacked and s != FULL[f]}


def _outputs(report, function: str) -> str:
    return "\n".join(r.output for r in report.results if r.function == function and r.score < r.points)


def _probe(tmp_path: Path, mode: str) -> dict:
    submission = load_submission(_compose(tmp_path, "softmax__privilege_probe"))
    with ChildEvaluator(
        submission, mode=mode, references=reference_functions, dependencies=DEPENDENCIES, time_limit=20
    ) as evaluator:
        (outcome,) = evaluator.evaluate("softmax", [{"args": [protocol.encode(1.0)], "kwargs": {}}])
    assert outcome["status"] == "ok", outcome
    return protocol.decode(outcome["value"])


# --- §1 and §2: no privilege, nothing of the grader visible or writable ----------------------------


@pytest.mark.parametrize("sandbox", [*MODES, JAIL], indirect=True)
def test_child_has_no_capabilities_and_cannot_regain_them(tmp_path, sandbox):
    mode = sandbox
    found = _probe(tmp_path, mode)
    assert (found["cap_eff"], found["cap_prm"], found["no_new_privs"]) == (0, 0, 1)
    assert found["mount_tmpfs"] is False


@pytest.mark.parametrize("sandbox", [*MODES, JAIL], indirect=True)
@ROOT_ONLY
def test_child_runs_as_an_unprivileged_user(tmp_path, sandbox):
    mode = sandbox
    found = _probe(tmp_path, mode)
    assert found["uid"] != 0 and found["euid"] != 0 and found["gid"] != 0


@pytest.mark.parametrize("sandbox", [*MODES, JAIL], indirect=True)
@ROOT_ONLY
def test_project_and_grader_are_invisible_to_the_child(tmp_path, sandbox):
    mode = sandbox
    found = _probe(tmp_path, mode)
    assert (found["seen"], found["tmp_entries"]) == ([], [])


@pytest.mark.parametrize("sandbox", [*MODES, JAIL], indirect=True)
def test_grader_and_python_install_are_read_only_to_the_child(tmp_path, sandbox):
    mode = sandbox
    assert _probe(tmp_path, mode)["writable"] == []


@pytest.mark.parametrize("sandbox", MODES, indirect=True)
@ROOT_ONLY
def test_child_has_no_network(tmp_path, sandbox):
    assert _probe(tmp_path, sandbox)["network"] is False


@pytest.mark.parametrize("sandbox", [*MODES, JAIL], indirect=True)
def test_child_cannot_signal_the_grader(tmp_path, sandbox):
    mode = sandbox
    assert _probe(tmp_path, mode)["can_signal_grader"] is False


def _processes_with(marker: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if marker.encode() in Path(f"/proc/{entry}/cmdline").read_bytes():
                    found.append(int(entry))
            except OSError:
                pass
    return found


@pytest.mark.parametrize("sandbox", [*MODES, JAIL], indirect=True)
def test_process_escaping_to_a_new_session_is_dead_when_grading_ends(tmp_path, sandbox):
    mode = sandbox
    report = grade_path(_compose(tmp_path, "normalize_rows__escaping_process"), mode=mode, time_limit=10)
    assert _processes_with(ESCAPE_MARK) == []
    assert _others_intact(report, "normalize_rows") == {}


@pytest.mark.parametrize("mode", ["rlimits"])
@ROOT_ONLY
def test_every_process_of_the_job_dies_when_its_function_ends(tmp_path, mode):
    submission = load_submission(_compose(tmp_path, "normalize_rows__escaping_process"))
    with ChildEvaluator(
        submission, mode=mode, references=reference_functions, dependencies=DEPENDENCIES
    ) as ev:
        ev.evaluate("normalize_rows", [{"args": [protocol.encode([[3.0, 4.0]])], "kwargs": {}}])
        alive = _processes_with(ESCAPE_MARK)
    assert alive == []


# --- §3: nothing stops the grader ------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_grandchild_holding_the_pipes_costs_only_its_function(tmp_path, mode):
    report = grade_path(_compose(tmp_path, "sigmoid__grandchild_holds_pipes"), mode=mode, time_limit=10)
    assert _scores(report)["sigmoid"] == 0
    assert "made the process it ran in die" in _outputs(report, "sigmoid")
    assert _others_intact(report, "sigmoid") == {}
    assert _processes_with(HOLD_MARK) == []


@pytest.mark.parametrize("sandbox", [*MODES, JAIL], indirect=True)
@ROOT_ONLY
def test_fork_bomb_is_bounded_and_dies_with_its_function(tmp_path, sandbox):
    mode = sandbox
    report = grade_path(_compose(tmp_path, "sigmoid__fork_bomb"), mode=mode, time_limit=10)
    assert _scores(report)["sigmoid"] == 0
    assert _others_intact(report, "sigmoid") == {}
    mine = [p for p in _processes_with("ag_runtime.child") if (_uid(p) - runner.UID_BASE) // 8 == os.getpid()]
    assert mine == []


def _uid(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("Uid:"):
                return int(line.split()[1])
    except OSError:
        pass
    return -1


@pytest.mark.parametrize("mode", MODES)
def test_flooding_the_answer_channel_costs_only_its_function(tmp_path, mode):
    report = grade_path(_compose(tmp_path, "softmax__floods_answer_channel"), mode=mode, time_limit=10)
    assert _scores(report)["softmax"] == 0
    assert _others_intact(report, "softmax") == {}


@pytest.mark.parametrize("attack", ["sigmoid_grad__forged_answer", "sigmoid_grad__forged_counts"])
@pytest.mark.parametrize("mode", MODES)
def test_forged_answers_are_read_safely(tmp_path, mode, attack):
    report = grade_path(_compose(tmp_path, attack), mode=mode, time_limit=10)
    assert _scores(report)["sigmoid_grad"] < FULL["sigmoid_grad"]
    assert _others_intact(report, "sigmoid_grad") == {}


@pytest.mark.parametrize("sandbox", [*MODES, JAIL], indirect=True)
def test_memory_of_many_processes_costs_only_its_function(tmp_path, sandbox):
    mode = sandbox
    report = grade_path(_compose(tmp_path, "forward_backward_prop__memory_bomb"), mode=mode, time_limit=10)
    assert _scores(report)["forward_backward_prop"] == 0
    assert _others_intact(report, "forward_backward_prop") == {}


@pytest.mark.parametrize("mode", MODES)
@ROOT_ONLY
def test_filling_tmp_is_refused_by_a_small_private_tmpfs(tmp_path, mode):
    report = grade_path(_compose(tmp_path, "get_sentence_features__fills_tmp"), mode=mode, time_limit=10)
    assert _scores(report)["get_sentence_features"] == 0
    assert "No space left" in _outputs(report, "get_sentence_features") or "OSError" in _outputs(
        report, "get_sentence_features"
    )
    assert _others_intact(report, "get_sentence_features") == {}


def test_forged_float_is_a_protocol_error():
    with pytest.raises(protocol.ProtocolError):
        protocol.decode({"__float__": 10**400})


@pytest.mark.parametrize("line", ["1e400", "NaN", "-Infinity", "[" * 100_000 + "]" * 100_000])
def test_unreadable_message_is_a_protocol_error(line):
    with pytest.raises(protocol.ProtocolError):
        protocol.loads('{"outcome": ' + line + "}")


@pytest.mark.parametrize(
    "raw",
    [
        {"status": "error", "negative_sample_calls": 1e400, "message": 5},
        {"status": "ok", "negative_sample_calls": "many", "draws": {"a": 1}, "observations": 7},
        {"status": "no such status"},
        ["not", "a", "dict"],
    ],
)
def test_forged_outcome_is_cleaned_into_something_the_grader_reads(raw):
    from autograder.checks.base import Outcome

    cleaned = protocol.clean_outcome(raw)
    outcome = Outcome.from_raw(protocol.loads(protocol.dumps(cleaned)))
    assert outcome.status in {s.value for s in protocol.Status}


def test_deeply_nested_message_is_a_protocol_error():
    with pytest.raises(protocol.ProtocolError):
        protocol.loads("[" * 100_000 + "]" * 100_000)


@pytest.mark.parametrize(
    "line",
    [
        "x = " + "-" * 200_000 + "1",
        "y = " + "+".join(["a"] * 100_000),
        "z = " + "not " * 100_000 + "1",
        "w = " + "(" * 100_000 + ")" * 100_000,
    ],
    ids=["unary_minus", "chained_plus", "chained_not", "nested_brackets"],
)
def test_one_pathological_line_keeps_the_honest_score(tmp_path, line):
    path = tmp_path / "student.py"
    path.write_text(BASE.read_text() + "\n\n" + line + "\n")
    report = grade_path(path, time_limit=10)
    assert _scores(report) == FULL
    assert report.problems


def test_notebook_nested_too_deeply_is_reported_not_fatal(tmp_path):
    path = tmp_path / "deep.ipynb"
    path.write_text('{"cells": ' + "[" * 100_000 + "]" * 100_000 + "}")
    report = grade_path(path, time_limit=10)
    assert report.score == 0 and any("not a readable notebook" in p for p in report.problems)


def test_notebook_cell_nested_too_deeply_costs_only_that_cell(tmp_path):
    cells = [
        {
            "cell_type": "code",
            "metadata": {},
            "source": BASE.read_text(),
            "outputs": [],
            "execution_count": None,
        },
        {"cell_type": "code", "metadata": {}, "source": "x = " + "-" * 200_000 + "1", "outputs": []},
    ]
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    report = grade_path(path, time_limit=10)
    assert _scores(report) == FULL


def test_forged_dependency_call_cannot_make_the_grader_loop(tmp_path):
    submission = load_submission(BASE)
    ev = ChildEvaluator(submission, references=reference_functions, dependencies=DEPENDENCIES)
    try:
        dataset = {"__dataset__": {"kind": "fixed", "V": 3, "draws": [1, 2]}}
        request = {
            "dep_call": "neg_sampling_loss_and_gradient",
            "args": [
                protocol.encode([1.0, 2.0]),
                0,
                protocol.encode([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]),
                dataset,
                10**9,
            ],
            "kwargs": {},
        }
        reply = ev._dependency("skipgram", request)
    finally:
        ev.close()
    assert reply["error_type"] == "ValueError"


def test_dependency_not_given_to_the_function_is_refused():
    ev = ChildEvaluator(load_submission(BASE), references=reference_functions, dependencies=DEPENDENCIES)
    try:
        reply = ev._dependency(
            "softmax", {"dep_call": "softmax", "args": [protocol.encode([1.0])], "kwargs": {}}
        )
    finally:
        ev.close()
    assert reply["error_type"] == "NameError"


# --- §4: links are never followed; the reference never reaches the child ---------------------------


@pytest.mark.parametrize("mode", MODES)
def test_links_to_the_reference_are_never_followed(tmp_path, mode):
    folder = tmp_path / "linked"
    folder.mkdir()
    for source in sorted((PROJECT / "solutions").glob("*.py")):
        (folder / source.name).symlink_to(source)
    (folder / "all").symlink_to(PROJECT / "solutions", target_is_directory=True)
    os.mkfifo(folder / "pipe.py")
    report = grade_path(folder, mode=mode, time_limit=10)
    assert report.score == 0
    assert any("symbolic link" in p for p in report.problems)
    assert any("FIFO" in p for p in report.problems)


def test_a_submission_that_is_itself_a_link_is_not_followed(tmp_path):
    link = tmp_path / "student.py"
    link.symlink_to(PROJECT / "solutions" / "softmax.py")
    report = grade_path(link, time_limit=10)
    assert report.score == 0 and any("symbolic link" in p for p in report.problems)


@pytest.mark.parametrize("mode", MODES)
def test_reference_source_never_reaches_the_child(tmp_path, mode):
    report = grade_path(_compose(tmp_path, "skipgram__leaks_reference"), mode=mode, time_limit=10)
    leaked = _outputs(report, "skipgram")
    assert "LEAK" in leaked  # the attack ran and its message is in the report
    assert "def naive_softmax_loss_and_gradient" not in leaked and "np.exp" not in leaked
    assert _others_intact(report, "skipgram") == {}


# --- choosing the sandbox --------------------------------------------------------------------------


def test_forced_bubblewrap_that_does_not_work_fails_loudly(monkeypatch):
    monkeypatch.setenv("AUTOGRADER_SANDBOX", "bwrap")
    monkeypatch.setattr(runner, "_bwrap_variant", lambda: None)
    with pytest.raises(SandboxUnavailable):
        runner.isolation_mode()


@pytest.mark.parametrize("command", ["grade", "grade-all"])
def test_forced_bubblewrap_that_does_not_work_exits_with_status_3(monkeypatch, capsys, tmp_path, command):
    from autograder.cli import main

    monkeypatch.setenv("AUTOGRADER_SANDBOX", "bwrap")
    monkeypatch.setattr(runner, "_bwrap_variant", lambda: None)
    args = (
        ["grade", str(BASE)]
        if command == "grade"
        else ["grade-all", str(BASE.parent), "--csv", str(tmp_path / "g.csv")]
    )
    assert main(args) == 3
    assert "bubblewrap does not work" in capsys.readouterr().err
    assert not (tmp_path / "g.csv").exists()


def test_required_sandbox_refuses_weak_isolation(monkeypatch):
    monkeypatch.setattr(runner, "_root_probe", lambda: {"root": False, "mount_namespace": False})
    with pytest.raises(SandboxUnavailable):
        ChildEvaluator(load_submission(BASE), mode="rlimits", require_sandbox=True)


def test_required_sandbox_from_the_command_line_exits_with_status_3(monkeypatch, capsys):
    from autograder.cli import main

    monkeypatch.setattr(runner, "_root_probe", lambda: {"root": False, "mount_namespace": False})
    monkeypatch.setenv("AUTOGRADER_SANDBOX", "rlimits")
    assert main(["grade", str(BASE), "--require-sandbox"]) == 3
    assert "sandbox is required" in capsys.readouterr().err


def test_weak_isolation_is_said_plainly_in_the_report(monkeypatch):
    monkeypatch.setattr(runner, "_root_probe", lambda: {"root": False, "mount_namespace": False})
    assert runner.isolation_text("rlimits").startswith("WEAK ISOLATION")


def _as_nobody(command: list[str], stage: Path) -> list[str]:
    """command run as uid/gid 65534. When the Python install lives under root's own folder (700),
    a private mount namespace shows it (and only it) there first, so that the grader can start."""
    drop = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"]
    base = os.path.realpath(sys.base_prefix)
    if not base.startswith("/root/"):
        return [*drop, *command]
    keep = "/root/" + base.split("/")[2]
    script = (
        "set -e; mount --make-rprivate /; "
        f"mount --bind {keep} {stage}; mount -t tmpfs -o mode=755 none /root; "
        f"mkdir -p {keep}; mount --bind {stage} {keep}; exec " + " ".join(drop) + ' "$@"'
    )
    return ["unshare", "--mount", "sh", "-c", script, "sh", *command]


@pytest.fixture
def nobody_folder():
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="ag-nobody-"))
    folder.chmod(0o777)
    (folder / "stage").mkdir()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _grade_as_nobody(folder: Path, mode: str) -> subprocess.CompletedProcess:
    path = folder / "student.py"
    path.write_text(BASE.read_text())
    path.chmod(0o644)
    command = [sys.executable, "-m", "autograder", "grade", str(path), "--json", str(folder / "r.json")]
    return subprocess.run(
        _as_nobody(command, folder / "stage"),
        capture_output=True,
        text=True,
        timeout=600,
        cwd=PROJECT,
        env={**os.environ, "AUTOGRADER_SANDBOX": mode, "HOME": str(folder)},
    )


@ROOT_ONLY
def test_grading_as_an_unprivileged_user_without_bubblewrap_says_isolation_is_weak(nobody_folder):
    done = _grade_as_nobody(nobody_folder, "rlimits")
    assert done.returncode == 0, done.stderr
    assert "WEAK ISOLATION" in done.stdout
    assert json.loads((nobody_folder / "r.json").read_text())["score"] == sum(FULL.values())


@ROOT_ONLY
@pytest.mark.skipif(not _bwrap_works(), reason="bubblewrap unusable here")
def test_grading_as_an_unprivileged_user_with_bubblewrap_is_confined(nobody_folder):
    done = _grade_as_nobody(nobody_folder, "bwrap")
    assert done.returncode == 0, done.stderr
    assert "Isolation: bubblewrap" in done.stdout
    assert json.loads((nobody_folder / "r.json").read_text())["score"] == sum(FULL.values())


# --- grade-all -------------------------------------------------------------------------------------


def test_alice_file_and_alice_folder_are_two_students(tmp_path):
    from autograder.batch import student_entries

    (tmp_path / "alice.py").write_text("")
    (tmp_path / "alice").mkdir()
    (tmp_path / "bob.py").write_text("")
    assert [name for name, _ in student_entries(tmp_path)] == ["alice", "alice.py", "bob"]


def test_dead_worker_requeues_its_students_and_every_student_gets_a_report(tmp_path, monkeypatch):
    import autograder.grade as grade_module
    from autograder.batch import grade_folder

    real = grade_module.grade_path

    def sometimes_dies(path, **kwargs):
        if "killer" in str(path):
            os._exit(9)  # the worker process dies (as a ctypes kill of the parent once did)
        return real(path, **kwargs)

    monkeypatch.setattr(grade_module, "grade_path", sometimes_dies)
    folder = tmp_path / "class"
    folder.mkdir()
    for name in ("a", "b", "killer", "c", "d"):
        (folder / f"{name}.py").write_text(BASE.read_text())
    summary = grade_folder(folder, csv_path=tmp_path / "grades.csv", jobs=2, time_limit=10, progress=False)
    rows = (tmp_path / "grades.csv").read_text().splitlines()[1:]
    statuses = {row.split(",")[0]: row.split(",")[-1] for row in rows}
    assert statuses == {
        "a": "graded",
        "b": "graded",
        "c": "graded",
        "d": "graded",
        "killer": statuses["killer"],
    }
    assert "worker died" in statuses["killer"]
    assert sorted(p.stem for p in (tmp_path / "grades_reports").glob("*.json")) == [
        "a",
        "b",
        "c",
        "d",
        "killer",
    ]
    assert "Graded 4 of 5" in summary and "killer" in summary


def test_killed_grade_all_leaves_no_student_code_in_tmp(tmp_path):
    marker = "UNIQUE_STUDENT_MARKER_8f3a"
    folder = tmp_path / "class"
    folder.mkdir()
    for i in range(6):
        (folder / f"s{i}.py").write_text(BASE.read_text() + f"\n{marker} = {i}\n")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "autograder",
            "grade-all",
            str(folder),
            "--csv",
            str(tmp_path / "g.csv"),
            "--jobs",
            "2",
        ],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(4)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    time.sleep(0.5)
    leftovers = []
    for folder_left in Path("/tmp").glob("autograder-*"):
        for file in folder_left.rglob("*"):
            try:
                if file.is_file() and marker.encode() in file.read_bytes():
                    leftovers.append(str(file))
            except OSError:
                pass
    assert leftovers == []


def test_project_installed_into_site_packages_is_covered(tmp_path, monkeypatch):
    import site

    names = ("solutions", "autograder", "cs224n_datasets", "word2vec_trainer")
    for name in names:
        (tmp_path / name).mkdir()
    monkeypatch.setattr(site, "getsitepackages", lambda: [str(tmp_path)])
    view = runner._view()
    assert all(("tmpfs", str(tmp_path / name)) in view for name in names)


def test_project_folder_is_never_bound_into_the_child():
    view = runner._view()
    root = str(PROJECT.resolve())
    assert ("bind", root) not in view
    covered = ("tmpfs", root) in view
    assert covered or not any(root.startswith(p.rstrip("/") + "/") for op, p in view if op == "bind")


def test_deeply_nested_folders_and_many_files_are_bounded(tmp_path):
    folder = tmp_path / "student"
    deep = folder
    for i in range(40):
        deep = deep / f"d{i}"
    deep.mkdir(parents=True)
    (deep / "softmax.py").write_text("def softmax(x):\n    return x\n")
    many = folder / "many"
    many.mkdir()
    for i in range(300):
        (many / f"f{i:03d}.py").write_text(f"X{i} = {i}\n")
    (folder / "main.py").write_text(BASE.read_text())
    report = grade_path(folder, time_limit=10)
    assert _scores(report) == FULL
    assert any("nested deeper" in p for p in report.problems)
    assert any("only the first" in p for p in report.problems)


# --- a grader's Python the job's uid cannot reach ------------------------------------------------


def test_python_the_job_uid_cannot_reach_is_refused_with_a_clear_message(tmp_path, monkeypatch):
    """Every submission would otherwise "fail to load": the grader names the machine's fault."""
    probe = {"root": True, "mount_namespace": True, "setuid": True, "error": "", "python_reachable": False}
    monkeypatch.setattr(runner, "_root_probe", lambda: probe)
    monkeypatch.setattr(runner, "_is_root", lambda: True)
    monkeypatch.setattr(runner, "kill_uid", lambda uid, keep=frozenset(): None)
    monkeypatch.delenv("AUTOGRADER_ROOT_VIEW", raising=False)
    submission = load_submission(_compose(tmp_path, "softmax__privilege_probe"))
    with pytest.raises(SandboxUnavailable, match="cannot be run by the unprivileged user"):
        ChildEvaluator(submission, mode="rlimits", references=reference_functions, dependencies=DEPENDENCIES)


@ROOT_ONLY
def test_probe_tells_whether_the_job_uid_can_run_the_python(tmp_path):
    """The launcher's probe, dropped to the job's uid inside the private view: with the Python
    install bound it can run it; with only the system bound it cannot."""

    def probe(view: list) -> dict:
        config = {
            "root_dir": str(tmp_path / f"root{len(view)}"),
            "view": view,
            "runtime": str(runner.RUNTIME_DIR),
            "python": sys.executable,
            "uid": runner.UID_BASE,
            "gid": runner.UID_BASE,
        }
        Path(config["root_dir"]).mkdir()
        done = subprocess.run(
            [sys.executable, "-I", "-S", str(runner.LAUNCHER), "--probe", json.dumps(config)],
            capture_output=True,
            timeout=30,
        )
        return json.loads(done.stdout.decode() or "{}")

    full = probe([list(op) for op in runner._view()])
    if not (full.get("mount_namespace") and full.get("setuid")):
        pytest.skip("mount namespaces or setuid are refused here")
    assert full["python_reachable"] is True
    system_only = [list(op) for op in runner._view() if op[1] in ("/lib", "/lib64", "/bin")]
    assert probe(system_only)["python_reachable"] is False
