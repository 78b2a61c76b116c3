"""The sandboxed evaluator: student code runs in a child process, never in the grader's.

One child serves a submission's functions one after another; each function
has its own time limit. When a function hangs, floods the output, or kills
its process, the child is killed and a fresh one serves the next function,
so the damage stays with that function. Limits: address space (memory), CPU
time, output size. Isolation: bubblewrap (the project folder, and so the
reference solutions, does not exist inside; no network; own PID namespace;
dies with the grader) when it works here, otherwise rlimits, a new session
and an audit hook that refuses to read the grader's files, import the
reference, or start processes.
"""

from __future__ import annotations

import os
import queue
import re
import resource
import shutil
import signal
import site
import subprocess
import sys
import tempfile
import threading
import time
from functools import lru_cache
from pathlib import Path

from autograder.runtime import protocol, remote
from autograder.sandbox.deps import dependency_source
from autograder.submission.loader import Submission, sanitise_strict

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # autograder/
PROJECT_ROOT = PACKAGE_DIR.parent
RUNTIME_DIR = PACKAGE_DIR / "runtime"

DEFAULT_TIME_LIMIT = float(os.environ.get("AUTOGRADER_TIME_LIMIT", "20"))
DEFAULT_MEMORY_MB = int(os.environ.get("AUTOGRADER_MEMORY_MB", "1024"))
OUTPUT_LIMIT = 1_000_000  # bytes a child may print before it is stopped
LOAD_TIME_LIMIT = 30.0


@lru_cache(maxsize=1)
def _bwrap_works() -> bool:
    exe = shutil.which("bwrap")
    if not exe:
        return False
    try:
        done = subprocess.run(
            [
                exe,
                "--ro-bind",
                "/",
                "/",
                "--unshare-pid",
                "--unshare-net",
                "--die-with-parent",
                "--dev",
                "/dev",
                "--proc",
                "/proc",
                "true",
            ],
            capture_output=True,
            timeout=10,
        )
        return done.returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def isolation_mode() -> str:
    """'bwrap' or 'rlimits' (AUTOGRADER_SANDBOX=bwrap|rlimits forces one)."""
    forced = os.environ.get("AUTOGRADER_SANDBOX", "").strip().lower()
    if forced == "rlimits":
        return "rlimits"
    if forced == "bwrap" or _bwrap_works():
        return "bwrap" if _bwrap_works() else "rlimits"
    return "rlimits"


ISOLATION_TEXT = {
    "bwrap": "bubblewrap sandbox (no project files, no network, own process namespace) + resource limits",
    "rlimits": "resource limits + new session + import/file/process blocker "
    "(bubblewrap not available or not chosen)",
}


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
    import numpy

    paths.add(os.path.dirname(os.path.dirname(os.path.realpath(numpy.__file__))))
    keep = []
    for p in sorted(paths, key=len):
        if os.path.exists(p) and not any(p == k or p.startswith(k + os.sep) for k in keep):
            keep.append(p)
    return keep


def _within(path: str, parent: str) -> bool:
    return path == parent or path.startswith(parent.rstrip(os.sep) + os.sep)


def bwrap_command(work: Path) -> list[str]:
    """The bubblewrap command line: a read-only system, the Python install, /ag and /sub."""
    cmd = [
        "bwrap",
        "--unshare-pid",
        "--unshare-net",
        "--unshare-ipc",
        "--unshare-uts",
        "--die-with-parent",
        "--new-session",
        "--dev",
        "/dev",
        "--proc",
        "/proc",
        "--tmpfs",
        "/tmp",
    ]
    system = []
    for p in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc/ld.so.cache", "/etc/alternatives"):
        if os.path.islink(p):
            cmd += ["--symlink", os.readlink(p), p]
        elif os.path.exists(p):
            cmd += ["--ro-bind", p, p]
            system.append(p)
    root = os.path.realpath(PROJECT_ROOT)
    python = _python_paths()
    for p in python:
        if not any(_within(p, s) for s in system):
            cmd += ["--ro-bind", p, p]
    # The project folder must not exist inside, even when it lies under a bound folder.
    if any(_within(root, p) for p in system + python):
        cmd += ["--tmpfs", root]
        for p in python:
            if _within(p, root):
                cmd += ["--ro-bind", p, p]
    for p in python:
        candidate = os.path.join(p, "solutions")
        if os.path.isdir(candidate):
            cmd += ["--tmpfs", candidate]
    cmd += [
        "--ro-bind",
        str(work / "runtime"),
        "/ag",
        "--ro-bind",
        str(work / "sub"),
        "/sub",
        "--chdir",
        "/sub",
    ]
    return cmd


def _limits(memory_mb: int, cpu_seconds: int) -> None:
    """Run in the child before exec: memory, CPU and core-dump limits."""
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (50_000_000, 50_000_000))


class ChildEvaluator:
    """evaluate(function, calls) for one submission, through sandboxed child processes.

    Args:
        submission: the parsed submission (autograder.submission.load_submission).
        time_limit: seconds of wall time per graded function.
        memory_mb: address-space limit of the child.
        mode: "bwrap" or "rlimits"; None chooses (see isolation_mode).
    """

    def __init__(
        self,
        submission: Submission,
        *,
        time_limit: float = DEFAULT_TIME_LIMIT,
        memory_mb: int = DEFAULT_MEMORY_MB,
        mode: str | None = None,
    ) -> None:
        self.submission = submission
        self.time_limit = time_limit
        self.memory_mb = memory_mb
        self.mode = mode or isolation_mode()
        self.notes: list[str] = []
        self.found: dict[str, bool] = {}
        self.load_failure: str | None = None
        self.strict = False
        self._tmp = tempfile.TemporaryDirectory(prefix="autograder-")
        self.work = Path(self._tmp.name)
        self._write_files()
        self._proc: subprocess.Popen | None = None
        self._answers: queue.Queue = queue.Queue()
        self._stderr_head = bytearray()
        self._stderr_total = 0

    # -- files -------------------------------------------------------------------
    def _write_files(self, strict: bool = False) -> None:
        runtime = self.work / "runtime" / "ag_runtime"
        if not runtime.exists():
            runtime.mkdir(parents=True)
            for file in RUNTIME_DIR.glob("*.py"):
                shutil.copyfile(file, runtime / file.name)  # not the mode: the source may be root-only
        sub = self.work / "sub"
        sub.mkdir(exist_ok=True)
        for module in self.submission.modules:
            text = sanitise_strict(module.text) if strict else module.text
            (sub / f"{module.module}.py").write_text(text, encoding="utf-8")

    def _paths(self) -> tuple[str, str]:
        if self.mode == "bwrap":
            return "/ag", "/sub"
        return str(self.work / "runtime"), str(self.work / "sub")

    # -- the child process ---------------------------------------------------------
    def _start(self) -> None:
        runtime_parent, sub_dir = self._paths()
        boot = (
            f"import sys; sys.path.insert(0, {runtime_parent!r}); from ag_runtime.child import main; main()"
        )
        cmd = [sys.executable, "-I", "-c", boot]
        if self.mode == "bwrap":
            cmd = bwrap_command(self.work) + cmd
        env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": "/tmp",
            "LANG": "C.UTF-8",
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONHASHSEED": "0",
        }
        if self.mode == "rlimits":  # /tmp is shared here: keep caches (matplotlib) in the work folder
            env["HOME"] = sub_dir
            env["MPLCONFIGDIR"] = os.path.join(sub_dir, ".matplotlib")
        cpu = int(self.time_limit * 16 + 60)
        self._proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=str(self.work / "sub"),
            start_new_session=True,
            preexec_fn=lambda: _limits(self.memory_mb, cpu),
        )
        self._answers = queue.Queue()
        self._stderr_head = bytearray()
        self._stderr_total = 0
        proc = self._proc
        threading.Thread(target=self._read_answers, args=(proc, self._answers), daemon=True).start()
        threading.Thread(target=self._drain_stderr, args=(proc,), daemon=True).start()
        blocked = [str(PROJECT_ROOT / "solutions"), str(PACKAGE_DIR), str(PROJECT_ROOT / "tests")]
        package = self.submission.path.name if self.submission.path.is_dir() else ""
        request = {
            "op": "load",
            "dir": sub_dir,
            "package": package,
            "modules": [m.module for m in self.submission.modules],
            "functions": {g: list(v) for g, v in self.submission.functions.items()},
            "blocked_paths": blocked,
            # Without bubblewrap the real file system is visible: writes only in the work folder.
            "writable": [sub_dir] if self.mode == "rlimits" else None,
        }
        self._send(request)
        answer, problem = self._wait(LOAD_TIME_LIMIT)
        if answer is None or not answer.get("loaded"):
            self._kill()
            raise _LoadFailed(problem or "the child did not start")
        found = answer.get("found", {})
        self.found = {str(k): bool(v) for k, v in found.items()} if isinstance(found, dict) else {}
        seen: dict[str, int] = {}
        for note in answer.get("notes", [])[:50]:
            # "x.py line 12: ImportError ..." repeated for many lines becomes one note and a count.
            key = re.sub(r"line \d+", "line N", str(note))
            seen[key] = seen.get(key, 0) + 1
            if seen[key] == 1 and str(note) not in self.notes:
                self.notes.append(str(note)[:300])
        repeats = sum(count - 1 for count in seen.values())
        if repeats:
            self.notes.append(f"({repeats} more statement(s) failed the same way while loading.)")

    def _read_answers(self, proc: subprocess.Popen, answers: queue.Queue) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if len(line) > 200_000_000:
                answers.put(("bad", None))
                break
            try:
                answers.put(("ok", protocol.loads(line)))
            except ValueError:
                answers.put(("bad", None))
        answers.put(("eof", None))

    def _drain_stderr(self, proc: subprocess.Popen) -> None:
        assert proc.stderr is not None
        while True:
            chunk = proc.stderr.read1(65536) if hasattr(proc.stderr, "read1") else proc.stderr.read(65536)
            if not chunk:
                break
            self._stderr_total += len(chunk)
            if len(self._stderr_head) < 4000:
                self._stderr_head.extend(chunk[: 4000 - len(self._stderr_head)])

    def _send(self, data: dict) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        try:
            self._proc.stdin.write((protocol.dumps(data) + "\n").encode("utf-8"))
            self._proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass

    def _wait(self, seconds: float) -> tuple[dict | None, str | None]:
        """The next answer, or (None, reason) on timeout / flood / death."""
        deadline = time.monotonic() + seconds
        while True:
            if self._stderr_total > OUTPUT_LIMIT:
                return None, "output"
            left = deadline - time.monotonic()
            if left <= 0:
                return None, "timeout"
            try:
                kind, data = self._answers.get(timeout=min(left, 0.05))
            except queue.Empty:
                continue
            if kind == "ok" and isinstance(data, dict):
                return data, None
            if kind == "eof":
                return None, "crashed"
            return None, "bad_output"

    def _kill(self) -> None:
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
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover
            pass
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            try:
                if stream:
                    stream.close()
            except OSError:
                pass

    def _crash_reason(self) -> tuple[str, str]:
        """(status, detail) for a child that stopped answering."""
        text = self._stderr_head.decode("utf-8", errors="replace")
        if "MemoryError" in text:
            return "memory", ""
        code = None
        if self._proc is not None:
            try:
                code = self._proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                code = None
        if code is None:
            return "crashed", ""
        if code < 0:
            return "crashed", f"(killed by signal {-code})"
        return "crashed", f"(exit code {code}: os._exit, sys.exit in a thread, or a fatal error)"

    def close(self) -> None:
        self._kill()
        self._tmp.cleanup()

    def __enter__(self) -> ChildEvaluator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- evaluation --------------------------------------------------------------------
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
                self._write_files(strict=True)
                return self.ensure_started()
            self.load_failure = _describe(str(failed))
            return False

    def evaluate(self, function: str, calls: list[dict]) -> list[dict]:
        if not calls:
            return []
        if function in self.submission.functions and not self.ensure_started():
            reason = self.load_failure or "crashed"
            return [{"status": "crashed", "message": f"(while loading the submission: {reason})"}] * len(
                calls
            )
        if function not in self.submission.functions or (self.found and not self.found.get(function, False)):
            return [{"status": "missing"} for _ in calls]
        source, names = dependency_source(function)
        self._stderr_total = 0
        self._send(
            {
                "op": "run",
                "function": function,
                "deps_source": source if names else "",
                "deps": list(names),
                "calls": remote.for_child(calls),  # the recipes of grader-evaluated functions stay here
            }
        )
        outcomes: list[dict] = []
        callbacks = 0
        deadline = time.monotonic() + self.time_limit
        while len(outcomes) < len(calls):
            answer, problem = self._wait(max(0.0, deadline - time.monotonic()))
            if answer is None:
                status, message = self._crash_reason() if problem == "crashed" else (problem, "")
                if status == "timeout":
                    message = f"(limit: {self.time_limit:g} s for all its test cases)"
                elif status == "output":
                    message = f"(more than {OUTPUT_LIMIT // 1_000_000} MB)"
                self._kill()
                outcomes.append({"status": status, "message": message})
                outcomes.extend({"status": "skipped"} for _ in range(len(calls) - len(outcomes)))
                return outcomes
            if "remote_call" in answer:  # a grader-evaluated function called during call len(outcomes)
                callbacks += 1
                current = calls[len(outcomes)] if callbacks <= remote.MAX_CALLBACKS else None
                self._send({"remote_reply": remote.reply(current, answer["remote_call"])})
                continue
            if "outcome" in answer:
                outcomes.append(answer["outcome"])
        answer, problem = self._wait(max(1.0, deadline - time.monotonic()))
        if answer is None or not answer.get("done"):
            self._kill()
        return outcomes


class _LoadFailed(Exception):
    pass


def _describe(reason: str) -> str:
    return {
        "crashed": "the process exited or was killed while the file was being loaded",
        "timeout": "loading the file did not finish in time",
        "output": "the file printed far too much while being loaded",
        "bad_output": "the loader's answer was unreadable",
    }.get(reason, reason)
