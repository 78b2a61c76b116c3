"""Evaluate one student function on the calls the grader sends.

A *call* is plain data: {"args": [...], "kwargs": {...}, "seed": int | None,
"record_args": bool, "identify": int | None}. Arguments may hold markers for
grader-made objects: {"__dataset__": spec}, {"__callback__": {"probe": name,
"params": {...}}}, {"__reference__": name} (a reference dependency),
{"__recording_loss__": name} and {"__opaque__": label}.

The *outcome* is plain data too (protocol.Outcome, its status a protocol.Status): OK with
"value", "args_after", "observations", "warnings", "stdout"; or ERROR,
NOT_IMPLEMENTED or MEMORY with "error_type", "message", "where". Judging happens elsewhere,
in the grader.
"""

from __future__ import annotations

import io
import random
import sys
import traceback
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from . import messages, probes, protocol, remote
from .names import aliases_of
from .protocol import Status

STDOUT_KEEP = 20_000  # characters of a call's printed output kept for the report


class CappedWriter(io.TextIOBase):
    """A text sink that keeps the first STDOUT_KEEP characters and drops the rest."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.kept = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        text = str(text)
        if self.kept < STDOUT_KEEP:
            piece = text[: STDOUT_KEEP - self.kept]
            self.parts.append(piece)
            self.kept += len(piece)
        return len(text)

    def getvalue(self) -> str:
        return "".join(self.parts)


class _Context:
    def __init__(self, deps: dict[str, Callable]) -> None:
        self.deps = deps
        self.probes: list[probes.Probe] = []
        self.negative_sample_calls = 0


def _materialize(data: Any, ctx: _Context, objects: list) -> Any:
    """Plain data -> argument values, building grader objects for markers."""
    if type(data) is dict:
        if "__dataset__" in data:
            dataset = probes.make_dataset(data["__dataset__"])
            objects.append(dataset)
            return dataset
        if "__callback__" in data:
            spec = data["__callback__"]
            probe = probes.PROBES[spec["probe"]](spec.get("params", {}))
            ctx.probes.append(probe)
            return probe
        if "__remote__" in data:  # a function evaluated by the grader (see remote.py)
            spec = data["__remote__"]
            return remote.local_function(spec) if spec else remote.remote_function
        if "__reference__" in data:
            return ctx.deps[data["__reference__"]]
        if "__recording_loss__" in data:
            recorder = probes.RecordingLoss({}, ctx.deps[data["__recording_loss__"]])
            ctx.probes.append(recorder)
            return recorder
        if "__opaque__" in data:
            return probes.Opaque(str(data["__opaque__"]))
        if "__seq__" in data:
            items = [_materialize(v, ctx, objects) for v in data["items"]]
            return items if data["__seq__"] == "list" else tuple(items)
        if "__dict__" in data:
            return {k: _materialize(v, ctx, objects) for k, v in data["__dict__"].items()}
        return protocol.decode(data)
    if type(data) is list:
        return [_materialize(v, ctx, objects) for v in data]
    return protocol.decode(data)


def _where(tb: Any, trusted_files: tuple[str, ...]) -> str:
    """'line N of FILE' for the deepest frame of the student's own code."""
    best = ""
    for frame in traceback.extract_tb(tb):
        name = frame.filename
        if any(part in name for part in trusted_files) or "site-packages" in name or "/lib/python" in name:
            continue
        short = name.rsplit("/", 1)[-1]
        best = f"line {frame.lineno} of {short}"
    return best


def inject(
    func: Callable, deps: dict[str, Callable], wrap_negatives: Callable | None = None
) -> Callable[[], None]:
    """Put the reference dependencies into func's module namespace; return the undo.

    Every accepted name of a dependency (snake_case and the official camelCase
    spellings) is set, so code written for either starter file calls the
    reference. Nothing is done for functions that are not plain Python
    functions (a student who wrote `softmax = scipy.special.softmax`).
    """
    namespace = getattr(func, "__globals__", None)
    if type(namespace) is not dict:
        return lambda: None
    saved: dict[str, Any] = {}
    missing = object()
    for dep_name, dep in deps.items():
        value = dep
        if dep_name == "get_negative_samples" and wrap_negatives is not None:
            value = wrap_negatives(dep)
        for alias in aliases_of(dep_name):
            saved.setdefault(alias, namespace.get(alias, missing))
            namespace[alias] = value

    def undo() -> None:
        for alias, old in saved.items():
            if old is missing:
                namespace.pop(alias, None)
            else:
                namespace[alias] = old

    return undo


def run_call(
    func: Callable,
    call: dict,
    deps: dict[str, Callable],
    *,
    trusted_files: tuple[str, ...] = (),
    inject_deps: bool = True,
) -> dict:
    """Evaluate func on one call and return the outcome as plain data."""
    ctx = _Context(deps)
    objects: list = []
    args = _materialize(call.get("args", []), ctx, objects)
    kwargs = _materialize({"__dict__": call.get("kwargs", {})}, ctx, objects)

    def wrap_negatives(dep: Callable) -> Callable:
        def counted(*a: Any, **k: Any) -> Any:
            ctx.negative_sample_calls += 1
            return dep(*a, **k)

        return counted

    undo = inject(func, deps, wrap_negatives) if inject_deps else (lambda: None)
    seed = call.get("seed")
    if seed is not None:
        random.seed(seed)
        np.random.seed(seed)
    out = CappedWriter()
    outcome: dict[str, Any]
    old_err = np.seterr(all="warn")
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            old_stdout = sys.stdout
            sys.stdout = out
            try:
                value = func(*args, **kwargs)
            finally:
                sys.stdout = old_stdout
        identify = None
        if call.get("identify") is not None:
            candidate = args[int(call["identify"])]
            identify = candidate if type(candidate) is list else None
        outcome = {"status": Status.OK.value, "value": protocol.encode(value, identify=identify)}
        if call.get("record_args"):
            outcome["args_after"] = [protocol.encode(a) for a in args]
        outcome["warnings"] = sorted({str(w.message)[:200] for w in caught})[:10]
    except NotImplementedError as exc:
        outcome = {
            "status": Status.NOT_IMPLEMENTED.value,
            "error_type": "NotImplementedError",
            "message": str(exc)[:500],
            "where": _where(exc.__traceback__, trusted_files),
        }
    except MemoryError as exc:
        outcome = {
            "status": Status.MEMORY.value,
            "error_type": "MemoryError",
            "message": "",
            "where": _where(exc.__traceback__, trusted_files),
        }
    except RecursionError as exc:
        outcome = {
            "status": Status.ERROR.value,
            "error_type": "RecursionError",
            "message": "maximum recursion depth exceeded",
            "where": _where(exc.__traceback__, trusted_files),
        }
    except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt included
        if isinstance(exc, (SystemExit, KeyboardInterrupt)):
            kind = type(exc).__name__
            message = messages.message("error.stopped")
        else:
            kind = type(exc).__name__
            try:
                message = str(exc)[:500]
            except BaseException:  # noqa: BLE001 - a hostile __str__
                message = messages.message("error.unprintable")
        outcome = {
            "status": Status.ERROR.value,
            "error_type": kind[:100],
            "message": message,
            "where": _where(exc.__traceback__, trusted_files),
        }
    finally:
        np.seterr(**old_err)
        undo()
    outcome["stdout"] = out.getvalue()
    outcome["observations"] = [p.observations() for p in ctx.probes]
    outcome["negative_sample_calls"] = ctx.negative_sample_calls
    outcome["draws"] = [getattr(o, "draw_count", None) for o in objects]
    return outcome
