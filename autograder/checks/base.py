"""What a check is, how its calls are collected, and how it is judged.

A check is written once: `build(setup)` records the calls to make (plain
data) and returns `judge(results)`, which raises CheckFailed or returns. The
"evaluate" step in between is pluggable: the notebook runs the calls in its
own kernel, the command line in a sandboxed child process.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from autograder.feedback.compare import CheckFailed, describe_value
from autograder.feedback.messages import message
from autograder.runtime import protocol

# --- markers for grader-made objects in a call's arguments -----------------


@dataclass(frozen=True)
class Marker:
    data: dict


def dataset(num_words: int) -> Marker:
    """A uniform dataset drawing from Python's global `random` (seeded per call)."""
    return Marker({"__dataset__": {"kind": "uniform", "V": int(num_words)}})


def fixed_dataset(num_words: int, draws: list[int]) -> Marker:
    """A dataset whose sample_token_idx() returns `draws` in order (cycling)."""
    return Marker({"__dataset__": {"kind": "fixed", "V": int(num_words), "draws": [int(d) for d in draws]}})


def callback(probe: str, **params: Any) -> Marker:
    """A grader-defined function (see autograder.runtime.probes)."""
    return Marker({"__callback__": {"probe": probe, "params": _plain(params)}})


def grader_function(probe: str, **params: Any) -> Marker:
    """A function f(x) the grader evaluates: the child only holds an opaque stub
    (autograder.runtime.remote), so the recipe (right or wrong) cannot be read from it."""
    return Marker({"__remote__": {"probe": probe, "params": _plain(params)}})


def reference(name: str) -> Marker:
    """The reference version of a dependency (a word2vec loss)."""
    return Marker({"__reference__": name})


def recording_loss(name: str) -> Marker:
    """A reference loss that records how it was called."""
    return Marker({"__recording_loss__": name})


def opaque(label: str) -> Marker:
    return Marker({"__opaque__": label})


def _plain(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def encode_arg(value: Any) -> Any:
    if isinstance(value, Marker):
        return value.data
    if isinstance(value, list):
        return {"__seq__": "list", "items": [encode_arg(v) for v in value]}
    if isinstance(value, tuple):
        return {"__seq__": "tuple", "items": [encode_arg(v) for v in value]}
    if isinstance(value, dict):
        return {"__dict__": {k: encode_arg(v) for k, v in value.items()}}
    return protocol.encode(value)


# --- collecting calls ------------------------------------------------------


class Setup:
    """Collects the calls of one check."""

    def __init__(self) -> None:
        self.calls: list[dict] = []

    def call(
        self,
        *args: Any,
        seed: int | None = None,
        record_args: bool = False,
        identify: int | None = None,
        **kwargs: Any,
    ) -> int:
        """Record a call of the graded function; returns its index for the judge."""
        self.calls.append(
            {
                "args": [encode_arg(a) for a in args],
                "kwargs": {k: encode_arg(v) for k, v in kwargs.items()},
                "seed": seed,
                "record_args": record_args,
                "identify": identify,
            }
        )
        return len(self.calls) - 1


# --- outcomes --------------------------------------------------------------

# The statuses whose words are in the message table (autograder/feedback/messages.py, "outcome.*").
STATUS_WORDS = ("timeout", "crashed", "memory", "output", "skipped", "missing", "bad_output")


@dataclass
class Outcome:
    """One call's result, decoded and validated."""

    status: str
    value: Any = None
    args_after: list | None = None
    observations: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    stdout: str = ""
    negative_sample_calls: int = 0
    draws: list = field(default_factory=list)
    error_type: str = ""
    message: str = ""
    where: str = ""

    @classmethod
    def from_raw(cls, raw: Any) -> Outcome:
        """Validate an outcome dict from the evaluator; malformed data becomes bad_output."""
        try:
            if type(raw) is not dict or type(raw.get("status")) is not str:
                raise protocol.ProtocolError("not an outcome")
            status = raw["status"]
            out = cls(status=status)
            out.error_type = str(raw.get("error_type", ""))[:100]
            out.message = str(raw.get("message", ""))[:600]
            out.where = str(raw.get("where", ""))[:200]
            out.stdout = str(raw.get("stdout", ""))[:20_000]
            if status == "ok":
                out.value = protocol.decode(raw.get("value"))
                if raw.get("args_after") is not None:
                    out.args_after = [protocol.decode(a) for a in raw["args_after"]]
                out.warnings = [str(w)[:200] for w in raw.get("warnings", [])][:10]
            obs = raw.get("observations", [])
            out.observations = obs if type(obs) is list else []
            out.negative_sample_calls = int(raw.get("negative_sample_calls", 0) or 0)
            draws = raw.get("draws", [])
            out.draws = draws if type(draws) is list else []
            return out
        except (protocol.ProtocolError, ValueError, TypeError, KeyError) as exc:
            return cls(status="bad_output", message=str(exc)[:200])

    def failure_text(self, function: str, hidden: bool) -> str:
        """Why there is no value, in words (in the current language)."""
        if self.status == "not_implemented":
            return message("outcome.not_implemented", function=function)
        if self.status == "error":
            where = message("outcome.where", where=self.where) if self.where else ""
            if hidden:
                return message(
                    "outcome.error_hidden", function=function, error_type=self.error_type, where=where
                )
            return message(
                "outcome.error",
                function=function,
                error_type=self.error_type,
                where=where,
                detail=self.message,
            )
        if self.status in STATUS_WORDS:
            extra = message("outcome.extra", detail=self.message) if self.message else ""
            return message(f"outcome.{self.status}", function=function, extra=extra)
        return message("outcome.unknown", function=function, status=self.status)


class Results:
    """What a judge sees: the student's outcomes and, lazily, the reference's."""

    def __init__(
        self,
        function: str,
        hidden: bool,
        calls: list[dict],
        outcomes: list[Outcome],
        reference_runner: Callable[[dict], Outcome],
    ) -> None:
        self.function = function
        self.hidden = hidden
        self.calls = calls
        self.outcomes = outcomes
        self._reference_runner = reference_runner
        self._expected: dict[int, Outcome] = {}

    def outcome(self, i: int) -> Outcome:
        """The outcome of call i; CheckFailed when the call did not return."""
        out = self.outcomes[i]
        if out.status != "ok":
            raise CheckFailed(out.failure_text(self.function, self.hidden))
        return out

    def value(self, i: int) -> Any:
        return self.outcome(i).value

    def reference(self, i: int) -> Outcome:
        if i not in self._expected:
            out = self._reference_runner(self.calls[i])
            if out.status != "ok":  # a bug in the grader, not the student's fault
                raise RuntimeError(f"the reference failed on a {self.function} case: {out.message}")
            self._expected[i] = out
        return self._expected[i]

    def expected(self, i: int) -> Any:
        return self.reference(i).value

    def tuple_of(self, i: int, n: int, names: str) -> tuple:
        """The value of call i, which must be a tuple (or list) of n items."""
        value = self.value(i)
        if not isinstance(value, (tuple, list)) or len(value) != n:
            raise CheckFailed(
                message(
                    "outcome.tuple",
                    function=self.function,
                    n=n,
                    names=names,
                    got=describe_value(value, self.hidden),
                )
            )
        return tuple(value)


# --- checks and their registry ---------------------------------------------


@dataclass(frozen=True)
class Check:
    function: str
    name: str
    points: float
    hidden: bool
    build: Callable[[Setup], Callable[[Results], None]]

    @property
    def title(self) -> str:
        return f"{self.function}: {self.name}"


REGISTRY: list[Check] = []


def check(function: str, name: str, points: float, *, hidden: bool = False):
    """Register a check (a decorator on its build function)."""

    def register(build: Callable[[Setup], Callable[[Results], None]]):
        REGISTRY.append(Check(function, name, float(points), hidden, build))
        return build

    return register


def hidden_seed(offset: int) -> int:
    """Seeds of hidden cases; instructors may set AUTOGRADER_HIDDEN_SEED to vary them."""
    base = int(os.environ.get("AUTOGRADER_HIDDEN_SEED", "20170224"))
    return base * 1009 + offset
