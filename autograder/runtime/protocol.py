"""The grader-child protocol: its messages (one typed definition) and the plain-data encoding
of the values they carry.

Messages are JSON objects, one per line. The grader sends `LoadRequest`, then for each graded
function a `RunRequest`; while a function runs, the child may ask the grader to evaluate a
reference dependency (`DepCall`, answered by `DepReply`), so the reference code never enters
the child. The child answers `Loaded` once, then one `OutcomeMessage` per call and `Done`.
Every outcome carries a `Status`.

Values: only None, bools, ints, floats, strings, lists, string-keyed dicts and NumPy
arrays of numbers cross; arrays travel as dtype + shape + raw little-endian
float64 bytes (base64). Nothing is ever pickled. Anything else a student
function returns becomes an `{"__unsupported__": type name}` marker, which the
grader turns into a failed test with a clear message.
"""

from __future__ import annotations

import base64
import binascii
import enum
import json
import math
from typing import Any, Literal, TypedDict

import numpy as np

from .messages import message

# Captured at import, before any student code runs: rebinding np.ndarray or
# np.float64 later cannot change what the encoder accepts.
_NDARRAY = np.ndarray
_GENERIC = np.generic
_FLOAT64 = np.dtype("<f8")
_JSON_DUMPS = json.dumps
_JSON_LOADS = json.loads
_B64ENCODE = base64.b64encode

MAX_ARRAY_ELEMENTS = 5_000_000
MAX_DEPTH = 12
# The longest message line either side accepts; a longer one is that function's failure.
MAX_LINE_BYTES = 64_000_000


class Status(enum.StrEnum):
    """What became of one call of a student function (the `status` of an outcome)."""

    OK = "ok"
    ERROR = "error"
    NOT_IMPLEMENTED = "not_implemented"
    MISSING = "missing"
    TIMEOUT = "timeout"
    CRASHED = "crashed"
    MEMORY = "memory"
    OUTPUT = "output"
    SKIPPED = "skipped"
    BAD_OUTPUT = "bad_output"


class Op(enum.StrEnum):
    """The requests the grader sends to the child."""

    LOAD = "load"
    RUN = "run"
    DEP_REPLY = "dep_reply"


class Call(TypedDict, total=False):
    """One call of the graded function: arguments as plain data (with markers, see execute)."""

    args: list
    kwargs: dict
    seed: int | None
    record_args: bool
    identify: int | None


class LoadRequest(TypedDict):
    """Load the submission. `sources` maps module name -> sanitised text (never written to disk)."""

    op: Literal["load"]
    dir: str  # the child's scratch folder (its working directory)
    package: str  # the submission folder's name, so `from <package> import m` works
    modules: list[str]
    sources: dict[str, str]
    origins: dict[str, str]  # module name -> the file as the student named it
    functions: dict[str, list[str]]  # graded name -> [module, attribute]
    blocked_paths: list[str]
    writable: list[str] | None


class RunRequest(TypedDict):
    """Evaluate `function` on each call. `deps` are evaluated by the grader (DepCall)."""

    op: Literal["run"]
    function: str
    deps: list[str]
    calls: list[Call]


class DepCall(TypedDict):
    """Child -> grader: evaluate the reference dependency `name` on plain-data arguments."""

    dep_call: str
    args: list
    kwargs: dict


class DepReply(TypedDict, total=False):
    """Grader -> child: the dependency's value (encoded), or the error it raised."""

    op: Literal["dep_reply"]
    value: Any
    error_type: str
    message: str


class Loaded(TypedDict):
    loaded: bool
    found: dict[str, bool]  # graded name -> a callable of that name exists after loading
    notes: list[str]


class Outcome(TypedDict, total=False):
    """The result of one call (see execute.run_call); judged by the grader."""

    status: str  # a Status value
    value: Any
    args_after: list
    observations: list
    warnings: list[str]
    stdout: str
    negative_sample_calls: int
    draws: list
    error_type: str
    message: str
    where: str


class OutcomeMessage(TypedDict):
    outcome: Outcome


class Done(TypedDict):
    done: bool


_STATUSES = frozenset(status.value for status in Status)
_MAX_COUNT = 10**12


def _count(value: Any) -> int:
    return value if type(value) is int and 0 <= value <= _MAX_COUNT else 0


def clean_outcome(raw: Any) -> Outcome:
    """An outcome as the child sent it, reduced to the fields and types the grader reads.

    The child is not trusted: a forged outcome (an unknown status, a count that is not an int,
    a message that is not a string) becomes BAD_OUTPUT or loses the field, never an exception
    in the grader. Values stay encoded (decode() checks them where they are judged).
    """
    if type(raw) is not dict or raw.get("status") not in _STATUSES:
        return failure(Status.BAD_OUTPUT, "(an answer that is not an outcome)")
    out: Outcome = {"status": raw["status"]}
    texts: tuple[tuple[Literal["error_type", "message", "where", "stdout"], int], ...] = (
        ("error_type", 100),
        ("message", 600),
        ("where", 200),
        ("stdout", 20_000),
    )
    for key, limit in texts:
        if type(raw.get(key)) is str:
            out[key] = raw[key][:limit]
    out["negative_sample_calls"] = _count(raw.get("negative_sample_calls"))
    if "value" in raw:
        out["value"] = raw["value"]
    if type(raw.get("args_after")) is list:
        out["args_after"] = raw["args_after"]
    out["warnings"] = (
        [w[:200] for w in raw.get("warnings", []) if type(w) is str][:10]
        if type(raw.get("warnings")) is list
        else []
    )
    observations = raw.get("observations")
    out["observations"] = (
        [o for o in observations if type(o) is dict][:100] if type(observations) is list else []
    )
    draws = raw.get("draws")
    out["draws"] = [d if type(d) is int else None for d in draws][:100] if type(draws) is list else []
    return out


def failure(status: Status, message: str = "") -> Outcome:
    """An outcome without a value (the function did not return)."""
    out: Outcome = {"status": status.value}
    if message:
        out["message"] = message
    return out


class ProtocolError(ValueError):
    """Data that does not follow the plain-data protocol."""


class Unsupported:
    """A value the student's function returned that cannot cross as plain data."""

    def __init__(self, type_name: str, reason: str = "") -> None:
        self.type_name = type_name
        self.reason = reason

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Unsupported({self.type_name!r})"

    def describe(self) -> str:
        return self.reason or _reason("value.object_of_type", type_name=self.type_name)


class ItemOf:
    """The returned value *is* (identity) item `index` of a list argument."""

    def __init__(self, index: int) -> None:
        self.index = index


def _reason(key: str, **fields: Any) -> str:
    """A value's description from the message table, in the feedback's language (in the sandboxed
    child too: the grader passes CS224N_LANGUAGE)."""
    return message(key, **fields)


def _type_name(value: Any) -> str:
    cls = type(value)
    module = getattr(cls, "__module__", "") or ""
    name = getattr(cls, "__qualname__", "?")
    return name if module in ("builtins", "") else f"{module}.{name}"


def encode(value: Any, *, identify: list | None = None, _depth: int = 0) -> Any:
    """Turn a value into JSON-ready plain data (see the module docstring).

    Args:
        value: what the student's function returned (or an argument after the call).
        identify: a list of objects; when value is one of them (identity), the
            marker {"__item__": index} is produced instead.
    """
    if identify is not None:
        for index, item in enumerate(identify):
            if value is item:
                return {"__item__": index}
    if _depth > MAX_DEPTH:
        return {
            "__unsupported__": "nested too deeply",
            "reason": _reason("unsupported.nested", levels=MAX_DEPTH),
        }
    cls = type(value)
    if value is None or cls is bool or cls is str:
        return value
    if cls is int:
        if abs(value) > 2**63:
            return {"__float__": float(value)}
        return value
    if cls is float:
        return _encode_float(value)
    if isinstance(value, _GENERIC) and cls.__module__ == "numpy":
        kind = value.dtype.kind
        if kind == "b":
            return bool(value)
        if kind in "iu":
            return int(value)
        if kind == "f":
            return _encode_float(float(value))
        return {
            "__unsupported__": _type_name(value),
            "reason": _reason("unsupported.scalar", dtype=value.dtype),
        }
    if cls is _NDARRAY:
        kind = value.dtype.kind
        if kind not in "biuf":
            return {
                "__unsupported__": "numpy.ndarray",
                "reason": _reason("unsupported.array_dtype", dtype=value.dtype),
            }
        if value.size > MAX_ARRAY_ELEMENTS:
            return {
                "__unsupported__": "numpy.ndarray",
                "reason": _reason("unsupported.array_size", size=value.size),
            }
        raw = np.ascontiguousarray(value, dtype=_FLOAT64).tobytes()
        return {
            "__ndarray__": str(value.dtype),
            "shape": [int(n) for n in value.shape],
            "data": _B64ENCODE(raw).decode("ascii"),
        }
    if isinstance(value, _NDARRAY):
        return {
            "__unsupported__": _type_name(value),
            "reason": _reason("unsupported.subclass", type_name=_type_name(value)),
        }
    if cls is list or cls is tuple:
        return {
            "__seq__": "list" if cls is list else "tuple",
            "items": [encode(v, identify=None, _depth=_depth + 1) for v in value],
        }
    if cls is dict:
        out = {}
        for key, item in value.items():
            if type(key) is not str:
                return {"__unsupported__": "dict", "reason": _reason("unsupported.dict_keys")}
            out[key] = encode(item, identify=None, _depth=_depth + 1)
        return {"__dict__": out}
    return {"__unsupported__": _type_name(value)}


def _encode_float(x: float) -> Any:
    if math.isfinite(x):
        return x
    return {"__float__": "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")}


def decode(data: Any) -> Any:
    """Validate plain data and turn it back into Python/NumPy values.

    Raises:
        ProtocolError: the data does not follow the protocol (forged values included: a
            `{"__float__": 10**400}` or bad base64 is a ProtocolError, never another error).
    """
    try:
        return _decode(data, 0)
    except ProtocolError:
        raise
    except (
        ValueError,
        TypeError,
        OverflowError,
        KeyError,
        RecursionError,
        MemoryError,
        binascii.Error,
    ) as exc:
        raise ProtocolError(f"unreadable value ({type(exc).__name__})") from None


def _decode(data: Any, _depth: int) -> Any:
    if _depth > MAX_DEPTH + 2:
        raise ProtocolError("data nested too deeply")
    if data is None or type(data) in (bool, str, int, float):
        return data
    if type(data) is list:  # only produced by the protocol for plain JSON lists
        return [_decode(v, _depth + 1) for v in data]
    if type(data) is not dict:
        raise ProtocolError(f"unexpected JSON value of type {type(data).__name__}")
    if "__ndarray__" in data:
        shape = data.get("shape")
        if type(shape) is not list or len(shape) > 32 or not all(type(n) is int and 0 <= n for n in shape):
            raise ProtocolError("bad array shape")
        size = math.prod(shape)
        if size > MAX_ARRAY_ELEMENTS:
            raise ProtocolError("array too large")
        raw = base64.b64decode(str(data.get("data", "")), validate=True)
        if len(raw) != 8 * size:
            raise ProtocolError("array data does not match its shape")
        array = np.frombuffer(raw, dtype=_FLOAT64).reshape(shape).copy()
        return array
    if "__float__" in data:
        text = data["__float__"]
        if type(text) in (int, float):
            value = float(text)  # OverflowError for a forged huge int: a ProtocolError above
            if math.isfinite(value):
                return value
            raise ProtocolError("bad special float")
        if text not in ("nan", "inf", "-inf"):
            raise ProtocolError("bad special float")
        return float(text)
    if "__seq__" in data:
        items = data.get("items")
        if type(items) is not list:
            raise ProtocolError("bad sequence")
        values = [_decode(v, _depth + 1) for v in items]
        return values if data["__seq__"] == "list" else tuple(values)
    if "__dict__" in data:
        inner = data["__dict__"]
        if type(inner) is not dict:
            raise ProtocolError("bad dict")
        return {str(k): _decode(v, _depth + 1) for k, v in inner.items()}
    if "__item__" in data:
        if type(data["__item__"]) is not int:
            raise ProtocolError("bad item marker")
        return ItemOf(data["__item__"])
    if "__unsupported__" in data:
        return Unsupported(str(data["__unsupported__"])[:200], str(data.get("reason", ""))[:300])
    raise ProtocolError("unknown marker")


def dumps(data: Any) -> str:
    return _JSON_DUMPS(data, allow_nan=False, separators=(",", ":"))


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400: the protocol writes such values as markers, never as numbers
        raise ProtocolError("a number too large for a float")
    return value


def _no_constant(text: str) -> Any:
    raise ProtocolError(f"{text} is not plain JSON")


def loads(text: str | bytes) -> Any:
    """Parse one message line. Raises ProtocolError (a ValueError) for anything unreadable:
    NaN/Infinity literals, numbers that overflow a float, nesting deep enough to exhaust the
    parser's recursion."""
    try:
        return _JSON_LOADS(text, parse_float=_finite, parse_constant=_no_constant)
    except (ValueError, RecursionError, MemoryError, TypeError) as exc:
        raise ProtocolError(f"unreadable message ({type(exc).__name__})") from None
