"""The sandboxed evaluator: student code runs in a child process, never in the grader's.

One child serves a submission's functions one after another; each function has its own time
limit. When a function hangs, floods the output, or kills its process, every process of the
job is killed and a fresh child serves the next function, so the damage stays with that
function. The student's source reaches the child over its stdin (never the disk), and the
reference dependencies are evaluated here, in the grader, on the child's request: the
reference code never enters the child.

Isolation (see `isolation_mode` and `Confinement`):
- "bwrap": bubblewrap; the child sees a read-only system and Python install, the grader's
  runtime as /ag, a small private /sub and /tmp, no network, its own PID namespace; all
  capabilities dropped, no_new_privs, an unprivileged uid inside.
- "rlimits": no bubblewrap. As root the launcher builds the same private view in a mount
  namespace (with its own network) when the kernel allows it, or chroots into the jail of
  sandbox/jail.py where namespaces are refused (Docker run as root), and always drops to a uid
  of the job's own (per grading, so classmates cannot touch each other), with no capabilities
  and no_new_privs; every process of that uid dies when its function ends.
  Without root nothing of that is possible: the report says isolation is weak, and
  `--require-sandbox` / AUTOGRADER_REQUIRE_SANDBOX=1 refuse to grade.
Everywhere: memory, CPU, file-size and process-count limits; a memory and pids cgroup for the
whole submission where the grader may create one; every pipe read with a byte limit and a
deadline.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import signal
import site
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from autograder.feedback.messages import LANGUAGE_ENV, current_language, message
from autograder.runtime import probes, protocol, remote
from autograder.runtime.protocol import Status
from autograder.runtime.provided import LOCAL as LOCAL_DEPENDENCIES
from autograder.sandbox import jail
from autograder.submission.loader import Submission, sanitise_strict

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # autograder/
PROJECT_ROOT = PACKAGE_DIR.parent
RUNTIME_DIR = PACKAGE_DIR / "runtime"
LAUNCHER = Path(__file__).resolve().parent / "launch.py"

DEFAULT_TIME_LIMIT = float(os.environ.get("AUTOGRADER_TIME_LIMIT", "20"))
DEFAULT_MEMORY_MB = int(os.environ.get("AUTOGRADER_MEMORY_MB", "1024"))
OUTPUT_LIMIT = 1_000_000  # bytes a child may print before it is stopped
LOAD_TIME_LIMIT = 30.0
TMPFS_MB = 64  # the child's /tmp and /sub, each
NPROC = 48  # processes (threads included) of the job's uid
SUBMISSION_MEMORY_MB = 1536  # the whole submission (cgroup), tmpfs included
UID_BASE = int(os.environ.get("AUTOGRADER_UID_BASE", "1900000000"))
DEP_ARGUMENT_ELEMENTS = 2_000_000  # array entries a dependency call may carry
PROJECT_PACKAGES = ("solutions", "autograder", "word2vec_trainer", "cs224n_datasets", "notebooks", "tests")
_SYSTEM_PATHS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc/ld.so.cache", "/etc/alternatives")


class SandboxUnavailable(RuntimeError):
    """The isolation asked for cannot be had here (bubblewrap forced but broken, or a real
    sandbox required and only weak isolation is possible)."""


# --- what this machine allows ------------------------------------------------------------------


def _python_paths() -> list[str]:
    paths = {
        os.path.realpath(sys.prefix),
        os.path.realpath(sys.base_prefix),
        os.path.dirname(os.path.dirname(os.path.realpath(sys.executable))),
    }
    try:
        paths.update(os.path.realpath(p) for p in site.getsitepackages())
    except AttributeError:  # pragma: no cover - old virtualenv
        pass
    paths.add(os.path.dirname(os.path.dirname(os.path.realpath(np.__file__))))
    keep: list[str] = []
    for p in sorted(paths, key=len):
        if os.path.exists(p) and not any(_within(p, k) for k in keep):
            keep.append(p)
    return keep


def _within(path: str, parent: str) -> bool:
    return path == parent or path.startswith(parent.rstrip(os.sep) + os.sep)


def _view() -> list[tuple[str, str]]:
    """What the child may see of the machine, as (operation, path) in order: read-only binds
    of the system and the Python install, and an empty tmpfs over the project folder when a
    bound folder holds it (then the parts of the Python install inside it, e.g. .venv, are
    bound again). Never the project itself: solutions, notebooks, tests."""
    ops = [("bind", p) for p in _SYSTEM_PATHS if os.path.lexists(p)]
    system = [p for op, p in ops if not os.path.islink(p)]
    root = os.path.realpath(PROJECT_ROOT)
    python = _python_paths()
    inside = [p for p in python if _within(p, root)]
    for p in python:
        if not any(_within(p, s) for s in system) and p not in inside:
            ops.append(("bind", p))
    if any(_within(root, p) for _, p in ops) or any(_within(p, root) for p in inside):
        ops.append(("tmpfs", root))
    ops.extend(("bind", p) for p in inside)
    # The project installed as a package (`pip install .`, not editable) puts the reference and the
    # grader into site-packages: those folders are covered too.
    try:
        site_dirs = {os.path.realpath(p) for p in site.getsitepackages()}
    except AttributeError:  # pragma: no cover - old virtualenv
        site_dirs = set()
    for folder in sorted(site_dirs):
        for name in PROJECT_PACKAGES:
            if os.path.isdir(os.path.join(folder, name)):
                ops.append(("tmpfs", os.path.join(folder, name)))
    return ops


def _is_root() -> bool:
    return os.geteuid() == 0


_uid_counter = 0


def job_uid() -> int:
    """A uid of this grading's own: unique among the graders alive on this machine."""
    global _uid_counter
    _uid_counter = (_uid_counter + 1) % 8
    return UID_BASE + os.getpid() * 8 + _uid_counter


@lru_cache(maxsize=1)
def _bwrap_variant() -> str | None:
    """How bubblewrap works here: "user" (started as the job's uid, unprivileged), "root"
    (started as root with a user namespace and every capability dropped), "plain" (the grader
    is not root), or None (it does not work)."""
    exe = shutil.which("bwrap")
    if not exe:
        return None
    variants = ["user", "root"] if _is_root() else ["plain"]
    for variant in variants:
        try:
            # bubblewrap makes every bind before it runs the command: `true` proves the Python
            # install is reachable as cheaply as Python itself would.
            cmd = _bwrap_prefix(variant, UID_BASE) + [shutil.which("true") or "/bin/true"]
            if variant == "user":
                config = {"memory_mb": 4096, "cpu_seconds": 60, "uid": UID_BASE, "gid": UID_BASE}
                cmd = [sys.executable, "-I", "-S", str(LAUNCHER), json.dumps(config), "--", *cmd]
            done = subprocess.run(cmd, capture_output=True, timeout=30, start_new_session=True)
            if done.returncode == 0:
                return variant
        except (OSError, subprocess.SubprocessError):
            continue
    return None


def _bwrap_works() -> bool:
    return _bwrap_variant() is not None


@lru_cache(maxsize=1)
def _root_probe() -> dict:
    """As root without bubblewrap: can the launcher build a private mount namespace and drop to
    a job uid? (Run once, in a throwaway process.)"""
    if not _is_root():
        return {"root": False, "mount_namespace": False, "setuid": False}
    with tempfile.TemporaryDirectory(prefix="autograder-probe-") as tmp:
        config = {
            "root_dir": tmp,
            "view": _view(),
            "runtime": str(RUNTIME_DIR),
            "python": sys.executable,
            "uid": UID_BASE,
            "gid": UID_BASE,
        }
        try:
            done = subprocess.run(
                [sys.executable, "-I", "-S", str(LAUNCHER), "--probe", json.dumps(config)],
                capture_output=True,
                timeout=30,
            )
            return json.loads(done.stdout.decode() or "{}")
        except (OSError, subprocess.SubprocessError, ValueError):
            return {"root": True, "mount_namespace": False, "setuid": False}


def isolation_mode() -> str:
    """'bwrap' or 'rlimits'. AUTOGRADER_SANDBOX=bwrap|rlimits forces one; a forced bwrap that
    does not work raises SandboxUnavailable (it never falls back silently)."""
    forced = os.environ.get("AUTOGRADER_SANDBOX", "").strip().lower()
    if forced == "rlimits":
        return "rlimits"
    if forced == "bwrap":
        if not _bwrap_works():
            raise SandboxUnavailable(
                "AUTOGRADER_SANDBOX=bwrap, but bubblewrap does not work here (not installed, or "
                "namespaces are not allowed); nothing was graded"
            )
        return "bwrap"
    if forced not in ("", "auto"):
        raise SandboxUnavailable(f"AUTOGRADER_SANDBOX={forced!r}: use bwrap, rlimits or auto")
    return "bwrap" if _bwrap_works() else "rlimits"


def _check_python_reachable() -> None:
    """Raise SandboxUnavailable when the job's unprivileged uid cannot run the grader's Python.

    As root the child runs as a uid of its own; a Python it cannot reach (a folder above it that
    only root may enter, such as /root for a pyenv install) would make every submission "fail to
    load". That is the machine's fault, not the students': say so and grade nothing.
    """
    probe = _root_probe()
    if probe.get("setuid") and probe.get("python_reachable") is False:
        raise SandboxUnavailable(
            f"the grader's Python ({sys.executable}, installed in {os.path.realpath(sys.base_prefix)}) "
            "cannot "
            "be run by the unprivileged user that runs student code: a folder above it may be entered by "
            "root only (for example /root, mode 0700). Build the grader's environment from a Python that "
            "every user can read (a system python3.11 in /usr, and the venv in /autograder/venv); nothing "
            "was graded"
        )


def require_sandbox_from_env() -> bool:
    return os.environ.get("AUTOGRADER_REQUIRE_SANDBOX", "").strip().lower() in ("1", "true", "yes")


def root_view() -> str | None:
    """Without bubblewrap, as root: how the child's private file system view is made.

    "namespace" (the launcher's mount namespace, preferred), "jail" (a chroot into the jail
    built by `python -m autograder build-jail`, for containers that refuse namespaces), or None.
    AUTOGRADER_ROOT_VIEW=namespace|jail|none forces one (tests, and the curious).
    """
    probe = _root_probe()
    if not probe.get("setuid"):
        return None
    forced = os.environ.get("AUTOGRADER_ROOT_VIEW", "").strip().lower()
    jail_ok = jail.jail_ready(jail.jail_path())
    if forced == "none":
        return None
    if forced == "jail":
        return "jail" if jail_ok else None
    if probe.get("mount_namespace") and forced in ("", "auto", "namespace"):
        return "namespace"
    return "jail" if jail_ok and forced != "namespace" else None


def isolation_is_strong(mode: str) -> bool:
    """True when the kernel confines the child (bubblewrap, or root's private view and uid)."""
    return mode == "bwrap" or root_view() is not None


def isolation_text(mode: str) -> str:
    if mode == "bwrap":
        return (
            "bubblewrap sandbox (no project files, no network, own process namespace, unprivileged, "
            "read-only system) + resource limits"
        )
    view = root_view()
    if view == "namespace":
        return (
            "private mount namespace (no project files) + a uid of its own without privileges + "
            "resource limits (bubblewrap not available or not chosen)"
        )
    if view == "jail":
        return (
            f"chroot jail {jail.jail_path()} (no project files) + a uid of its own without privileges + "
            "resource limits (bubblewrap and mount namespaces not available)"
        )
    if _root_probe().get("setuid"):
        return (
            "WEAK ISOLATION: a uid of its own without privileges + resource limits, but no private "
            "file system view (the submission could read world-readable files, such as the project)"
        )
    return (
        "WEAK ISOLATION: resource limits and an audit hook only (the grader is neither root nor able "
        "to use bubblewrap); a determined submission can read and change what the grader's user can"
    )


# --- the job's processes and cgroups ---------------------------------------------------------


def _pids_of_uid(uid: int) -> list[int]:
    """Live processes (zombies left out: they are dead already) with uid as real, effective or saved."""
    found = []
    wanted = str(uid)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as handle:
                state = ""
                for line in handle:
                    if line.startswith("State:"):
                        state = line.split()[1]
                    elif line.startswith("Uid:"):
                        if wanted in line.split()[1:4] and state not in ("Z", "X"):
                            found.append(int(entry))
                        break
        except OSError:
            continue
    return found


def kill_uid(uid: int, keep: frozenset[int] = frozenset()) -> None:
    """SIGKILL every process of uid (but `keep`) until none is left (a forking process loses)."""
    for _ in range(200):
        pids = [p for p in _pids_of_uid(uid) if p not in keep]
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        time.sleep(0.005)


_swept = False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale() -> None:
    """What a grader killed with SIGKILL left behind: its job processes, work folders and cgroups."""
    global _swept
    if _swept:
        return
    _swept = True
    tmp = Path(tempfile.gettempdir())
    for folder in tmp.glob("autograder-*-*"):
        match = re.match(r"autograder-(\d+)-", folder.name)
        if match and not _alive(int(match.group(1))):
            shutil.rmtree(folder, ignore_errors=True)
    if not _is_root():
        return
    for folder in (jail.jail_path() / "tmp").glob("ag-*"):
        try:
            if not _alive((int(folder.name[3:]) - UID_BASE) // 8):
                shutil.rmtree(folder, ignore_errors=True)
        except ValueError:
            continue
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as handle:
                uid = next(int(line.split()[1]) for line in handle if line.startswith("Uid:"))
        except (OSError, StopIteration, ValueError, IndexError):
            continue
        if uid >= UID_BASE and not _alive((uid - UID_BASE) // 8):
            try:
                os.kill(int(entry), signal.SIGKILL)
            except OSError:
                pass
    for folder in _Cgroups.parents():
        for stale in folder.glob("autograder-*-*"):
            match = re.match(r"autograder-(\d+)-", stale.name)
            if match and not _alive(int(match.group(1))):
                try:
                    stale.rmdir()
                except OSError:
                    pass


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except (OSError, IndexError):
        return True


class _Cgroups:
    """A memory and a pids cgroup for one job (cgroup v1 controllers, or v2), when allowed."""

    @staticmethod
    def _own() -> dict[str, str]:
        own: dict[str, str] = {}
        try:
            for line in Path("/proc/self/cgroup").read_text().splitlines():
                _, controllers, path = line.split(":", 2)
                for c in controllers.split(","):
                    own[c] = path
        except (OSError, ValueError):
            pass
        return own

    @classmethod
    def parents(cls) -> list[Path]:
        """The folders under which this grader makes its jobs' cgroups."""
        base, own = Path("/sys/fs/cgroup"), cls._own()
        if (base / "memory").is_dir():
            return [base / c / own.get(c, "/").lstrip("/") for c in ("memory", "pids")]
        return [base / own.get("", "/").lstrip("/")] if (base / "cgroup.controllers").exists() else []

    def __init__(self, name: str, memory_mb: int) -> None:
        self.dirs: list[Path] = []
        self.procs: list[str] = []
        if not _is_root() or os.environ.get("AUTOGRADER_CGROUPS", "1") == "0":
            return
        base = Path("/sys/fs/cgroup")
        own = self._own()
        plan = []
        if (base / "memory" / "memory.limit_in_bytes").exists() or (base / "memory").is_dir():
            limit = str(memory_mb * 1024 * 1024)
            plan.append(
                (
                    base / "memory" / own.get("memory", "/").lstrip("/") / name,
                    {"memory.limit_in_bytes": limit},
                )
            )
            plan.append((base / "pids" / own.get("pids", "/").lstrip("/") / name, {"pids.max": str(NPROC)}))
        elif (base / "cgroup.controllers").exists():
            limit = str(memory_mb * 1024 * 1024)
            settings = {"memory.max": limit, "memory.swap.max": "0", "pids.max": str(NPROC)}
            plan.append((base / own.get("", "/").lstrip("/") / name, settings))
        for folder, settings in plan:
            try:
                folder.mkdir()
                self.dirs.append(folder)
                for file, value in settings.items():
                    if (folder / file).exists():
                        (folder / file).write_text(value)
                procs = folder / "cgroup.procs"
                self.procs.append(str(procs))
            except OSError:
                continue

    def memory_exceeded(self) -> bool:
        for folder in self.dirs:
            for file in ("memory.failcnt", "memory.events"):
                try:
                    text = (folder / file).read_text()
                except OSError:
                    continue
                if file == "memory.failcnt" and text.strip() not in ("", "0"):
                    return True
                if file == "memory.events" and re.search(r"^(oom_kill|max) [1-9]", text, re.M):
                    return True
        return False

    def kill(self) -> None:
        for _ in range(200):
            left = False
            for procs in self.procs:
                try:
                    pids = [int(p) for p in Path(procs).read_text().split()]
                except OSError:
                    continue
                for pid in pids:
                    if _zombie(pid):
                        continue
                    left = True
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
            if not left:
                return
            time.sleep(0.005)

    def remove(self) -> None:
        self.kill()
        for folder in self.dirs:
            for _ in range(50):
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.01)
        self.dirs, self.procs = [], []


# --- the plan of one child ----------------------------------------------------------------------


@dataclass
class Confinement:
    """How children of one submission are started."""

    mode: str
    uid: int | None  # the job's uid (root only)
    view: str | None  # rlimits as root: "namespace" or "jail" (see root_view)

    @property
    def private_view(self) -> bool:
        return self.mode == "bwrap" or self.view is not None

    def runtime_parent(self, work: Path) -> str:
        return "/ag" if self.private_view else str(work / "_ag")

    def scratch(self, work: Path) -> str:
        if self.mode == "rlimits" and self.view == "jail":
            return f"/tmp/ag-{self.uid}"
        return "/sub" if self.private_view else str(work / "sub")


def _bwrap_prefix(variant: str, uid: int) -> list[str]:
    cmd = [
        shutil.which("bwrap") or "bwrap",
        "--unshare-pid",
        "--unshare-net",
        "--unshare-ipc",
        "--unshare-uts",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--dev",
        "/dev",
        "--proc",
        "/proc",
        "--size",
        str(TMPFS_MB * 1024 * 1024),
        "--tmpfs",
        "/tmp",
        "--size",
        str(TMPFS_MB * 1024 * 1024),
        "--tmpfs",
        "/sub",
    ]
    if variant == "root":
        # Root outside: a user namespace whose only uid is unprivileged, no capabilities.
        cmd += ["--unshare-user", "--uid", str(uid), "--gid", str(uid)]
    for op, p in _view():
        if op == "tmpfs":
            cmd += ["--tmpfs", p]
        elif os.path.islink(p):
            cmd += ["--symlink", os.readlink(p), p]
        else:
            cmd += ["--ro-bind", p, p]
    cmd += ["--ro-bind", str(RUNTIME_DIR), "/ag/ag_runtime", "--chdir", "/sub", "--remount-ro", "/"]
    return cmd


def bwrap_command(work: Path | None = None) -> list[str]:
    """The bubblewrap command line used here (for tests and the curious)."""
    return _bwrap_prefix(_bwrap_variant() or "plain", UID_BASE)


# --- the evaluator ------------------------------------------------------------------------------

References = Callable[[], Mapping[str, Callable]]


class ChildEvaluator:
    """evaluate(function, calls) for one submission, through sandboxed child processes.

    Args:
        submission: the parsed submission (autograder.submission.load_submission).
        time_limit: seconds of wall time per graded function.
        memory_mb: address-space limit of the child.
        mode: "bwrap" or "rlimits"; None chooses (see isolation_mode).
        references: returns the reference functions by name (evaluated here, for DepCall);
            default: autograder.checks.engine.reference_functions.
        dependencies: graded function -> the reference functions it is given; default:
            autograder.checks.DEPENDENCIES.
        require_sandbox: refuse (SandboxUnavailable) when isolation would be weak.
    """

    def __init__(
        self,
        submission: Submission,
        *,
        time_limit: float = DEFAULT_TIME_LIMIT,
        memory_mb: int = DEFAULT_MEMORY_MB,
        mode: str | None = None,
        references: References | None = None,
        dependencies: Mapping[str, tuple[str, ...]] | None = None,
        require_sandbox: bool | None = None,
    ) -> None:
        self.submission = submission
        self.time_limit = time_limit
        self.memory_mb = memory_mb
        self.mode = mode or isolation_mode()
        if self.mode == "bwrap" and not _bwrap_works():
            raise SandboxUnavailable("bubblewrap was asked for but does not work here")
        if require_sandbox is None:
            require_sandbox = require_sandbox_from_env()
        if require_sandbox and not isolation_is_strong(self.mode):
            raise SandboxUnavailable(
                "a real sandbox is required (--require-sandbox / AUTOGRADER_REQUIRE_SANDBOX), but here "
                "isolation would be weak: " + isolation_text(self.mode)
            )
        if references is None or dependencies is None:
            # Callers that do not pass them get the grader's own (imported here, in the grader).
            from autograder.checks import DEPENDENCIES
            from autograder.checks.engine import reference_functions

            references = references or reference_functions
            dependencies = DEPENDENCIES if dependencies is None else dependencies
        self.references = references
        self.dependencies = dict(dependencies)
        uid = job_uid() if _is_root() else None
        self.confinement = Confinement(self.mode, uid, root_view() if self.mode == "rlimits" else None)
        if self.confinement.mode == "rlimits" and uid is not None and self.confinement.view != "jail":
            _check_python_reachable()
        self.notes: list[str] = []
        self.found: dict[str, bool] = {}
        self.load_failure: str | None = None
        self.strict = False
        self.work = Path(tempfile.mkdtemp(prefix=f"autograder-{os.getpid()}-"))
        os.chmod(self.work, 0o711)
        self._cgroups: _Cgroups | None = None
        self._proc: subprocess.Popen | None = None
        self._keep: frozenset[int] = frozenset()
        self._out = bytearray()
        self._stderr_head = bytearray()
        self._stderr_total = 0
        self._eof = False
        self._err_eof = False
        # The job's processes run as its uid outside any user namespace (not so with bubblewrap
        # started as root, where the PID namespace and the cgroup hold them instead).
        real = uid is not None and (self.mode == "rlimits" or _bwrap_variant() == "user")
        self._real_uid: int | None = uid if real else None  # the uid its processes run as, or None
        sweep_stale()
        if self._real_uid is not None:
            kill_uid(self._real_uid)  # a stale process of an earlier job with this uid

    @property
    def isolation(self) -> str:
        return isolation_text(self.mode)

    # -- starting the child ------------------------------------------------------------------
    def _command(self) -> list[str]:
        conf = self.confinement
        parent = conf.runtime_parent(self.work)
        boot = f"import sys; sys.path.insert(0, {parent!r}); from ag_runtime.child import main; main()"
        python = [sys.executable, "-I", "-c", boot]
        config: dict[str, Any] = {
            "grader_pid": os.getpid(),
            "memory_mb": self.memory_mb,
            "cpu_seconds": int(self.time_limit * 16 + 60),
            "cgroups": self._cgroups.procs if self._cgroups else [],
        }
        if conf.uid is not None:
            config.update(uid=conf.uid, gid=conf.uid, nproc=NPROC)
        elif self.mode == "rlimits":
            config["nproc"] = 4096
        if self.mode == "bwrap":
            variant = _bwrap_variant() or "plain"
            if variant == "root":
                config.pop("uid", None)  # bubblewrap needs root to bind what only root can reach
                config.pop("nproc", None)
            inner = _bwrap_prefix(variant, conf.uid or UID_BASE) + python
        else:
            inner = python
            if conf.view == "namespace":
                root = self.work / "root"
                root.mkdir(exist_ok=True)
                runtime = str(self._readable_runtime())
                config.update(root_dir=str(root), view=_view(), runtime=runtime, tmp_mb=TMPFS_MB)
            elif conf.view == "jail":
                config.update(jail=str(jail.jail_path()), scratch=conf.scratch(self.work))
        return [sys.executable, "-I", "-S", str(LAUNCHER), json.dumps(config), "--", *inner]

    def _readable_runtime(self) -> Path:
        """A copy of the runtime the job's uid may read (root's, read-only to others).

        The grader's source is root's only on Gradescope (run_autograder's chmod), so the
        runtime itself cannot be shown to the child: a private view binds this copy instead.
        """
        runtime = self.work / "_ag" / "ag_runtime"
        if not runtime.exists():
            runtime.mkdir(parents=True)
            for folder in (runtime.parent, runtime):
                folder.chmod(0o755)
            for file in RUNTIME_DIR.glob("*.py"):
                shutil.copyfile(file, runtime / file.name)  # not the mode: the source may be root-only
                (runtime / file.name).chmod(0o644)
        return runtime

    def _prepare_unconfined_files(self) -> None:
        """Without a private view the runtime is imported from a copy in the work folder."""
        self._readable_runtime()
        scratch = self.work / "sub"
        scratch.mkdir(exist_ok=True)
        scratch.chmod(0o700)
        if self.confinement.uid is not None:
            os.chown(scratch, self.confinement.uid, self.confinement.uid)

    def _start(self) -> None:
        conf = self.confinement
        if not conf.private_view:
            self._prepare_unconfined_files()
        if conf.view == "jail" and conf.uid is not None:
            scratch_dir = jail.jail_path() / conf.scratch(self.work).lstrip("/")
            shutil.rmtree(scratch_dir, ignore_errors=True)
            scratch_dir.mkdir(mode=0o700)
            os.chown(scratch_dir, conf.uid, conf.uid)
        if self._cgroups is None:
            self._cgroups = _Cgroups(f"autograder-{os.getpid()}-{id(self) & 0xFFFFFF}", SUBMISSION_MEMORY_MB)
        cmd = self._command()
        scratch = conf.scratch(self.work)
        env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": "/tmp" if scratch == "/sub" else scratch,
            "TMPDIR": "/tmp" if scratch == "/sub" else scratch,
            "LANG": "C.UTF-8",
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONHASHSEED": "0",
            "MPLCONFIGDIR": os.path.join("/tmp" if scratch == "/sub" else scratch, ".matplotlib"),
            LANGUAGE_ENV: current_language(),  # the child describes odd values in the feedback's language
        }
        self._proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=str(self.work),
            start_new_session=True,
        )
        for stream in (self._proc.stdin, self._proc.stdout, self._proc.stderr):
            assert stream is not None
            os.set_blocking(stream.fileno(), False)
        self._out = bytearray()
        self._stderr_head = bytearray()
        self._stderr_total = 0
        self._eof = False
        self._err_eof = False
        blocked = [str(PROJECT_ROOT / "solutions"), str(PACKAGE_DIR), str(PROJECT_ROOT / "tests")]
        text = {m.module: sanitise_strict(m.text) if self.strict else m.text for m in self.submission.modules}
        request: protocol.LoadRequest = {
            "op": "load",
            "dir": scratch,
            "package": self.submission.path.name if self.submission.path.is_dir() else "",
            "modules": [m.module for m in self.submission.modules],
            "sources": text,
            "origins": {m.module: m.origin for m in self.submission.modules},
            "functions": {g: list(v) for g, v in self.submission.functions.items()},
            "blocked_paths": blocked,
            # Without a private view the real file system is visible: writes only in the scratch folder.
            "writable": [scratch] if scratch != "/sub" else None,
        }
        deadline = time.monotonic() + LOAD_TIME_LIMIT
        if not self._send(dict(request), deadline):
            self._kill()
            raise _LoadFailed("crashed")
        answer, problem = self._wait(deadline)
        if answer is None or not answer.get("loaded"):
            self._kill()
            raise _LoadFailed(problem or "the child did not start")
        self._keep = self._server_pids()
        found = answer.get("found", {})
        self.found = {str(k): bool(v) for k, v in found.items()} if isinstance(found, dict) else {}
        seen: dict[str, int] = {}
        notes = answer.get("notes", [])
        for note in notes[:50] if isinstance(notes, list) else []:
            # "x.py line 12: ImportError ..." repeated for many lines becomes one note and a count.
            key = re.sub(r"line \d+", "line N", str(note))
            seen[key] = seen.get(key, 0) + 1
            if seen[key] == 1 and str(note) not in self.notes:
                self.notes.append(str(note)[:300])
        repeats = sum(count - 1 for count in seen.values())
        if repeats:
            self.notes.append(f"({repeats} more statement(s) failed the same way while loading.)")

    def _server_pids(self) -> frozenset[int]:
        """The child's own processes (launcher/bubblewrap chain down to the oldest Python)."""
        if self._proc is None or self._real_uid is None:
            return frozenset()
        keep = {self._proc.pid}
        if self.mode == "rlimits":  # the launcher became the child (exec): no chain to keep
            return frozenset(keep)
        frontier = [self._proc.pid]
        children: dict[int, list[tuple[int, int]]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append((int(fields[19]), int(entry)))
            except (OSError, IndexError, ValueError):
                continue
        while frontier:
            kids = sorted(children.get(frontier.pop(), []))
            if kids:  # the oldest child is the server; later ones were forked by the student
                keep.add(kids[0][1])
                frontier.append(kids[0][1])
        return frozenset(keep)

    # -- pipes: byte limits and deadlines everywhere ----------------------------------------------
    def _send(self, data: dict, deadline: float) -> bool:
        proc = self._proc
        if proc is None or proc.stdin is None:
            return False
        payload = memoryview((protocol.dumps(data) + "\n").encode("utf-8"))
        fd = proc.stdin.fileno()
        while payload:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                _, ready, _ = select.select([], [fd], [], min(left, 0.5))
                if ready:
                    written = os.write(fd, payload)
                    payload = payload[written:]
                else:
                    self._pump(0)  # keep the child's output flowing while it cannot read
            except (BrokenPipeError, OSError):
                return False
        return True

    def _pump(self, timeout: float) -> None:
        """Read what the child wrote (answers into a buffer, stderr counted and capped)."""
        proc = self._proc
        if proc is None or proc.stdout is None or proc.stderr is None:
            return
        fds = ([] if self._err_eof else [proc.stderr.fileno()]) + (
            [] if self._eof else [proc.stdout.fileno()]
        )
        if not fds:
            time.sleep(max(0.0, min(timeout, 0.05)))  # both pipes closed: only the process's death is left
            return
        try:
            ready, _, _ = select.select(fds, [], [], max(0.0, timeout))
        except (OSError, ValueError):
            self._eof = True
            return
        for fd in ready:
            try:
                chunk = os.read(fd, 1 << 20)
            except BlockingIOError:
                continue
            except OSError:
                chunk = b""
            if fd == proc.stderr.fileno():
                self._stderr_total += len(chunk)
                if len(self._stderr_head) < 4000:
                    self._stderr_head.extend(chunk[: 4000 - len(self._stderr_head)])
                if not chunk:
                    self._err_eof = True
            elif not chunk:
                self._eof = True
            else:
                self._out.extend(chunk)

    def _wait(self, deadline: float) -> tuple[dict | None, str | None]:
        """The next message, or (None, reason): timeout, output, bad_output, crashed."""
        died_at: float | None = None
        while True:
            newline = self._out.find(b"\n")
            if newline >= 0:
                line = bytes(self._out[:newline])
                del self._out[: newline + 1]
                try:
                    data = protocol.loads(line)
                except protocol.ProtocolError:
                    return None, Status.BAD_OUTPUT.value
                return (data, None) if isinstance(data, dict) else (None, Status.BAD_OUTPUT.value)
            if len(self._out) > protocol.MAX_LINE_BYTES:
                return None, "too_large"
            if self._stderr_total > OUTPUT_LIMIT:
                return None, Status.OUTPUT.value
            if self._eof:
                return None, Status.CRASHED.value
            now = time.monotonic()
            if now >= deadline:
                return None, Status.TIMEOUT.value
            if self._proc is not None and self._proc.poll() is not None:
                # The child is dead; a grandchild may hold the pipe open: do not wait for it.
                died_at = died_at or now
                if now - died_at > 0.3:
                    return None, Status.CRASHED.value
            self._pump(min(deadline - now, 0.1))

    def _kill(self) -> None:
        """Kill every process of the job (uid, cgroup, process group), then close the pipes."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            proc.kill()
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=5)  # reaped first: a zombie would look alive to the scans below
        except subprocess.TimeoutExpired:  # pragma: no cover
            pass
        if self._real_uid is not None:
            kill_uid(self._real_uid)
        if self._cgroups is not None:
            self._cgroups.kill()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            try:
                if stream:
                    stream.close()
            except OSError:
                pass
        self._returncode = proc.returncode

    def _kill_strays(self) -> None:
        """At the end of a function: every process of the job but the child itself dies."""
        if self._real_uid is not None and self._proc is not None:
            kill_uid(self._real_uid, keep=self._keep)

    def _crash_reason(self) -> tuple[str, str]:
        """(status, detail) for a child that stopped answering."""
        text = self._stderr_head.decode("utf-8", errors="replace")
        if "MemoryError" in text or (self._cgroups is not None and self._cgroups.memory_exceeded()):
            return Status.MEMORY.value, ""
        code = None
        if self._proc is not None:
            try:
                code = self._proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                code = None
        if code is None:
            return Status.CRASHED.value, ""
        if code < 0:
            return Status.CRASHED.value, message("limit.signal", signal=-code)
        return Status.CRASHED.value, message("limit.exit_code", code=code)

    def close(self) -> None:
        """Kill everything of the job, remove its cgroups and its work folder."""
        self._kill()
        if self._real_uid is not None:
            kill_uid(self._real_uid)
        if self._cgroups is not None:
            self._cgroups.remove()
        if self.confinement.view == "jail":
            shutil.rmtree(
                jail.jail_path() / self.confinement.scratch(self.work).lstrip("/"), ignore_errors=True
            )
        shutil.rmtree(self.work, ignore_errors=True)

    def __enter__(self) -> ChildEvaluator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- evaluation --------------------------------------------------------------------------
    def ensure_started(self) -> bool:
        """Start the child (and load the submission) if needed; False when loading is impossible."""
        if self._proc is not None and self._proc.poll() is None:
            return True
        if self.load_failure is not None:
            return False
        try:
            self._start()
            return True
        except _LoadFailed as failed:
            if not self.strict:
                # Try again with only imports and function definitions (no classes, no assignments).
                self.notes.append(
                    f"Loading the submission failed ({_describe(str(failed))}); it was "
                    "loaded again with only its imports and function definitions."
                )
                self.strict = True
                return self.ensure_started()
            self.load_failure = _describe(str(failed))
            return False

    def missing(self, function: str) -> str | None:
        """Why `function` cannot be graded (not written, or not loadable), or None.

        The one place that decides "missing": the loader finds the definitions, the child
        reports which of them exist after loading, and this combines the two.
        """
        from autograder.runtime.names import ALIASES

        if function not in self.submission.functions:
            names = ", ".join(ALIASES.get(function, (function,)))
            return message("missing.not_found", function=function, names=names)
        if self.ensure_started() and self.found and not self.found.get(function, False):
            return message("missing.not_loaded", function=function)
        return None

    def evaluate(self, function: str, calls: list[dict]) -> list[protocol.Outcome]:
        if not calls:
            return []
        if function in self.submission.functions and not self.ensure_started():
            reason = self.load_failure or "crashed"
            return [protocol.failure(Status.CRASHED, message("limit.loading", reason=reason))] * len(calls)
        if self.missing(function) is not None:
            return [protocol.failure(Status.MISSING) for _ in calls]
        deps = list(self.dependencies.get(function, ()))
        self._stderr_total = 0
        deadline = time.monotonic() + self.time_limit
        # The recipes of grader-evaluated functions stay here (remote.py).
        request: protocol.RunRequest = {
            "op": "run",
            "function": function,
            "deps": deps,
            "calls": remote.for_child(calls),
        }
        outcomes: list[protocol.Outcome] = []
        callbacks = 0
        if not self._send(dict(request), deadline):
            answer, problem = None, Status.CRASHED.value
        else:
            answer, problem = None, None
        while len(outcomes) < len(calls) and problem is None:
            answer, problem = self._wait(deadline)
            if answer is None:
                break
            if "dep_call" in answer:
                reply = self._dependency(function, answer)
                if not self._send(reply, deadline):
                    late = time.monotonic() >= deadline
                    problem = Status.TIMEOUT.value if late else Status.CRASHED.value
                continue
            if "remote_call" in answer:  # a grader-evaluated function called during call len(outcomes)
                callbacks += 1
                current = calls[len(outcomes)] if callbacks <= remote.MAX_CALLBACKS else None
                if not self._send({"remote_reply": remote.reply(current, answer["remote_call"])}, deadline):
                    late = time.monotonic() >= deadline
                    problem = Status.TIMEOUT.value if late else Status.CRASHED.value
                continue
            if "outcome" in answer:
                outcomes.append(protocol.clean_outcome(answer["outcome"]))
            else:
                answer, problem = None, Status.BAD_OUTPUT.value
        if problem is not None:
            status, detail = self._crash_reason() if problem == Status.CRASHED.value else (problem, "")
            if status == Status.TIMEOUT.value:
                detail = message("limit.time", seconds=f"{self.time_limit:g}")
            elif status == Status.OUTPUT.value:
                detail = message("limit.output", megabytes=OUTPUT_LIMIT // 1_000_000)
            elif status == "too_large":
                status = Status.BAD_OUTPUT.value
                detail = message("limit.answer", megabytes=protocol.MAX_LINE_BYTES // 1_000_000)
            self._kill()
            outcomes.append(protocol.failure(Status(status), detail))
            outcomes.extend(protocol.failure(Status.SKIPPED) for _ in range(len(calls) - len(outcomes)))
            return outcomes
        answer, problem = self._wait(max(deadline, time.monotonic() + 1.0))
        if answer is None or not answer.get("done"):
            self._kill()
        else:
            self._kill_strays()
        return outcomes

    def _dependency(self, function: str, request: dict) -> dict:
        """Evaluate a reference dependency on the child's plain-data arguments (DepCall)."""
        name = request.get("dep_call")
        allowed = set(self.dependencies.get(function, ())) - set(LOCAL_DEPENDENCIES)
        if name not in allowed or self.references is None:
            return {"op": "dep_reply", "error_type": "NameError", "message": f"{name!r} is not available"}
        try:
            args = request.get("args", [])
            kwargs = request.get("kwargs", {})
            if type(args) is not list or type(kwargs) is not dict or len(args) > 8 or len(kwargs) > 8:
                raise TypeError("bad arguments")
            values = [_dep_argument(a) for a in args]
            named = {str(k): _dep_argument(v) for k, v in kwargs.items()}
            size = sum(v.size for v in [*values, *named.values()] if isinstance(v, np.ndarray))
            if size > DEP_ARGUMENT_ELEMENTS:
                raise ValueError("arguments too large")
            if name == "neg_sampling_loss_and_gradient":
                k = values[4] if len(values) > 4 else named.get("K", 10)
                if type(k) is not int or not 0 < k <= 1000:
                    raise ValueError("K must be an int between 1 and 1000")
            reference = self.references()[name]
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                value = reference(*values, **named)
            return {"op": "dep_reply", "value": protocol.encode(value)}
        except Exception as exc:  # noqa: BLE001 - the student's arguments may be anything
            kind = type(exc).__name__ if type(exc).__module__ == "builtins" else "ValueError"
            return {"op": "dep_reply", "error_type": kind, "message": str(exc)[:200]}


def _dep_argument(data: Any) -> Any:
    """A dependency's argument: plain data, or a fixed draw sequence for the negatives."""
    if type(data) is dict and "__dataset__" in data:
        spec = data["__dataset__"]
        if type(spec) is not dict or spec.get("kind") != "fixed":
            raise TypeError("bad dataset")
        draws = spec.get("draws")
        if type(draws) is not list or not 0 < len(draws) <= 1000 or not all(type(d) is int for d in draws):
            raise TypeError("bad dataset")
        if not all(0 <= d < 100_000 for d in draws):
            raise ValueError("bad dataset")
        return probes.make_dataset({"kind": "fixed", "V": max(draws) + 1, "draws": draws})
    if data is None:
        return None
    value = protocol.decode(data)
    if isinstance(value, (protocol.Unsupported, protocol.ItemOf)):
        raise TypeError("an argument of an unsupported type")
    return value


class _LoadFailed(Exception):
    pass


def _describe(reason: str) -> str:
    if reason in ("crashed", "timeout", "output", "bad_output", "too_large"):
        return message(f"loading.{reason}")
    return reason
