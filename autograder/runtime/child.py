"""The child process: loads the student's code and evaluates it on request.

Started by autograder.sandbox.runner as
    python -I -c "import sys; sys.path.insert(0, RUNTIME_PARENT); from ag_runtime.child import main; main()"
It reads JSON lines on stdin and answers JSON lines on its original stdout (the messages are
defined in protocol.py); everything the student prints goes to stderr (which the grader caps).
The grader's checks, the hidden inputs and the reference solutions are not in this process:
the student's source arrives in the load request (it is never written to disk), and the
reference dependencies of a function are evaluated by the grader on request (DepCall).
"""

from __future__ import annotations

import ast
import builtins
import importlib
import importlib.abc
import importlib.util
import linecache
import os
import sys
import traceback
import types
from collections.abc import Callable
from typing import Any

BLOCKED_PACKAGES = ("solutions", "autograder")


def _install_guards(blocked_paths: list[str], writable: list[str] | None = None) -> None:
    """An audit hook (it cannot be removed): no reading of the grader's files, no new processes,
    and, when `writable` is given (no bubblewrap: the real file system is visible), no writing,
    deleting or renaming outside those folders."""
    from .messages import message  # bound now: the hook's messages, in the feedback's language

    blocked = tuple(os.path.realpath(p) for p in blocked_paths if p)
    allowed = tuple(os.path.realpath(p) + os.sep for p in (writable or []))
    spawn_events = {
        "os.system",
        "os.exec",
        "os.posix_spawn",
        "os.spawn",
        "os.fork",
        "os.forkpty",
        "subprocess.Popen",
        "pty.spawn",
        "socket.connect",
        "os.kill",
        "os.killpg",
    }
    change_events = {
        "os.remove",
        "os.rmdir",
        "os.rename",
        "shutil.rmtree",
        "os.truncate",
        "os.chmod",
        "os.chown",
        "os.link",
        "os.symlink",
        "os.mkdir",
        "os.utime",
    }
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def real(path: object) -> str | None:
        if not isinstance(path, (str, bytes, os.PathLike)):
            return None
        try:
            return os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError):
            return None

    def outside(path: str | None) -> bool:
        return path is not None and not (path + os.sep).startswith(allowed)

    def hook(event: str, args: tuple) -> None:
        if event in spawn_events:
            raise PermissionError(message("guard.not_allowed", event=event))
        if event == "open" and args:
            path = real(args[0])
            if path is not None and blocked and path.startswith(blocked):
                raise PermissionError(message("guard.grader_files"))
            if writable is not None and path is not None:
                mode = args[1] if len(args) > 1 else None
                flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
                writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or bool(
                    flags & write_flags
                )
                if writing and outside(path):
                    raise PermissionError(message("guard.write_outside"))
        elif event in change_events and writable is not None and args:
            if outside(real(args[0])):
                raise PermissionError(message("guard.change_outside", event=event))

    sys.addaudithook(hook)


class _SubmissionFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves the student's (sanitised) modules, tolerant of failing statements.

    Module `m` and `<package>.m` (the submission folder's own name) both map
    to the file m.py of the submission. Imports of the grader's or the
    reference's packages are refused.
    """

    def __init__(
        self, directory: str, package: str, sources: dict[str, str], origins: dict[str, str], notes: list[str]
    ) -> None:
        self.directory = directory
        self.package = package
        self.sources = sources
        self.origins = origins
        self.modules = set(sources)
        self.notes = notes
        self.quiet_failures = 0

    def _target(self, fullname: str) -> str | None:
        if fullname in self.modules:
            return fullname
        if self.package and fullname.startswith(self.package + "."):
            rest = fullname[len(self.package) + 1 :]
            if rest in self.modules:
                return rest
        return None

    def find_spec(self, fullname, path=None, target=None):  # noqa: ANN001 - importlib API
        if self.package and fullname == self.package:
            return importlib.util.spec_from_loader(fullname, self, is_package=True)
        if self._target(fullname) is not None:
            return importlib.util.spec_from_loader(fullname, self, origin=self._file(fullname))
        if fullname.split(".")[0] in BLOCKED_PACKAGES:
            from .messages import message

            raise ImportError(message("guard.import", module=fullname))
        return None

    def _file(self, fullname: str) -> str:
        return os.path.join(self.directory, (self._target(fullname) or fullname) + ".py")

    def create_module(self, spec):  # noqa: ANN001
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        name = module.__name__
        if self.package and name == self.package:
            module.__path__ = []
            return
        target = self._target(name)
        if target != name and target in sys.modules:
            module.__dict__.update(
                {
                    k: v
                    for k, v in sys.modules[target].__dict__.items()
                    if k not in ("__name__", "__spec__", "__loader__")
                }
            )
            return
        filename = self._file(name)
        text = self.sources.get(target or name, "")
        module.__file__ = filename
        # Tracebacks can show the student's lines although the file exists only in memory.
        linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
        try:
            tree = ast.parse(text, filename)
        except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
            self.notes.append(f"{self.origins.get(name, name)}: could not be parsed ({type(exc).__name__}).")
            return
        # One statement at a time: a failing import or assignment loses that name only.
        for node in tree.body:
            try:
                code = compile(ast.Module(body=[node], type_ignores=[]), filename, "exec")
                exec(code, module.__dict__)  # noqa: S102 - student code, sandboxed
            except BaseException as exc:  # noqa: BLE001 - SystemExit at import included
                line = getattr(node, "lineno", "?")
                if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr)):
                    # Notebook data cells often use names made by cells that are not run.
                    self.quiet_failures += 1
                    continue
                self.notes.append(
                    f"{os.path.basename(filename)} line {line}: {type(exc).__name__} "
                    f"while loading ({str(exc)[:150]}); that statement was skipped."
                )


def _share_names(modules: list[types.ModuleType]) -> None:
    """Give every module the top-level names it lacks from the others (the first file wins).

    Notebooks of one assignment reuse each other's functions (a later notebook
    imports an earlier one's helpers at run time); files of a 2017-style
    submission import each other. A name a module defines itself is never replaced.
    """
    shared: dict = {}
    for module in modules:
        for key, value in vars(module).items():
            if not key.startswith("__"):
                shared.setdefault(key, value)
    for module in modules:
        namespace = vars(module)
        for key, value in shared.items():
            namespace.setdefault(key, value)


class _Channel:
    """The grader's end of the conversation: requests in on a private copy of fd 0, answers out
    on a private copy of fd 1. The student's code gets /dev/null as stdin and stderr as stdout."""

    def __init__(self) -> None:
        self.requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
        self.answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.dup2(2, 1)
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the process
        sys.stdout = sys.stderr

    def send(self, data: dict) -> None:
        from .protocol import dumps

        self.answers.write(dumps(data) + "\n")
        self.answers.flush()

    def receive(self) -> dict | None:
        from .protocol import loads

        line = self.requests.readline()
        if not line:
            return None
        request = loads(line)
        return request if type(request) is dict else None


class DependencyError(Exception):
    """The reference dependency raised (the grader evaluated it); the message says what."""


def _remote(name: str, channel: _Channel) -> Callable[..., Any]:
    """A stand-in for the reference dependency `name`: the grader evaluates it (DepCall)."""
    from . import protocol, provided

    def call(*given: Any, **kwargs: Any) -> Any:  # takes what the reference takes
        args = list(given)
        if name in ("neg_sampling_loss_and_gradient", "naive_softmax_loss_and_gradient"):
            # The dataset object lives here: draw the negatives here (the provided function, the
            # same draws the reference would make) and send them as a fixed sequence.
            dataset = args[3] if len(args) > 3 else kwargs.pop("dataset", None)
            spec = None
            if name == "neg_sampling_loss_and_gradient":
                outside: Any = args[1] if len(args) > 1 else kwargs.get("outside_word_idx")  # as given
                k = args[4] if len(args) > 4 else kwargs.get("K", 10)
                draws = [int(d) for d in provided.get_negative_samples(outside, dataset, int(k))]
                spec = {"__dataset__": {"kind": "fixed", "V": max(draws, default=0) + 1, "draws": draws}}
                if len(args) > 4:
                    args[4] = len(draws)
                else:
                    kwargs["K"] = len(draws)
            if len(args) > 3:
                args[3] = spec
            else:
                kwargs["dataset"] = spec
        message = {
            "dep_call": name,
            "args": [a if type(a) is dict and "__dataset__" in a else protocol.encode(a) for a in args],
            "kwargs": {
                k: v if type(v) is dict and "__dataset__" in v else protocol.encode(v)
                for k, v in kwargs.items()
            },
        }
        channel.send(message)
        reply = channel.receive()
        if reply is None:
            raise SystemExit(0)  # the grader is gone
        if "error_type" in reply:
            kind = getattr(builtins, str(reply["error_type"]), None)
            if not (isinstance(kind, type) and issubclass(kind, Exception)):
                kind = DependencyError
            raise kind(f"(in the reference {name}) {reply.get('message', '')}")
        return protocol.decode(reply.get("value"))

    call.__name__ = call.__qualname__ = name
    return call


def main() -> None:
    channel = _Channel()

    import numpy  # noqa: F401 - loaded before student code, so the encoder holds the real one

    from . import execute, protocol, provided, remote

    # Functions the grader evaluates (remote.py) talk over the same channel and read their reply.
    remote.connect(channel.send, channel.receive)

    functions: dict = {}
    loaded_modules: dict = {}
    while True:
        request = channel.receive()
        if request is None:
            break
        op = request.get("op")
        if op == protocol.Op.LOAD:
            _install_guards(request.get("blocked_paths", []), request.get("writable"))
            notes: list[str] = []
            sources = {str(k): str(v) for k, v in request.get("sources", {}).items()}
            origins = {str(k): str(v) for k, v in request.get("origins", {}).items()}
            finder = _SubmissionFinder(request["dir"], request.get("package", ""), sources, origins, notes)
            sys.meta_path.insert(0, finder)
            os.chdir(request["dir"])
            for name in request["modules"]:
                try:
                    loaded_modules[name] = importlib.import_module(name)
                except BaseException as exc:  # noqa: BLE001
                    notes.append(f"{name}: could not be loaded ({type(exc).__name__}: {str(exc)[:150]}).")
            _share_names([loaded_modules[name] for name in request["modules"] if name in loaded_modules])
            if finder.quiet_failures:
                notes.append(
                    f"{finder.quiet_failures} top-level assignment(s) could not be evaluated "
                    "without the cells that were not run; they were skipped."
                )
            found = {}
            for graded, (module, attr) in request["functions"].items():
                obj = getattr(loaded_modules.get(module), attr, None)
                found[graded] = callable(obj)
                if callable(obj):
                    functions[graded] = obj
            channel.send({"loaded": True, "found": found, "notes": notes[:50]})
        elif op == protocol.Op.RUN:
            graded = request["function"]
            deps = {
                name: provided.LOCAL[name] if name in provided.LOCAL else _remote(name, channel)
                for name in request.get("deps", [])
            }
            func = functions.get(graded)
            for call in request["calls"]:
                if func is None:  # never asked by the grader: it decides "missing" before running
                    channel.send({"outcome": protocol.failure(protocol.Status.MISSING)})
                    continue
                try:
                    text = protocol.dumps(execute.run_call(func, call, deps, trusted_files=("ag_runtime",)))
                except BaseException as exc:  # noqa: BLE001 - e.g. an unencodable value
                    text = protocol.dumps(protocol.failure(protocol.Status.BAD_OUTPUT, type(exc).__name__))
                channel.answers.write('{"outcome":' + text + "}\n")
                channel.answers.flush()
            channel.send({"done": True})
        else:
            break


if __name__ == "__main__":  # pragma: no cover
    try:
        main()
    except BaseException:  # noqa: BLE001
        traceback.print_exc()
        raise
