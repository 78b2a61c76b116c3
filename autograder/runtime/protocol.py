"""Plain-data encoding of values crossing between the grader and student code.

Only None, bools, ints, floats, strings, lists, string-keyed dicts and NumPy
arrays of numbers cross; arrays travel as dtype + shape + raw little-endian
float64 bytes (base64). Nothing is ever pickled. Anything else a student
function returns becomes an `{"__unsupported__": type name}` marker, which the
grader turns into a failed test with a clear message.
"""

from __future__ import annotations

import base64
import json
import math
from typing import Any

import numpy as np

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
        return self.reason or f"an object of type {self.type_name}"


class ItemOf:
    """The returned value *is* (identity) item `index` of a list argument."""

    def __init__(self, index: int) -> None:
        self.index = index


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
        return {"__unsupported__": "nested too deeply", "reason": "a value nested more than 12 levels deep"}
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
        return {"__unsupported__": _type_name(value), "reason": f"a NumPy scalar of dtype {value.dtype}"}
    if cls is _NDARRAY:
        kind = value.dtype.kind
        if kind not in "biuf":
            return {
                "__unsupported__": "numpy.ndarray",
                "reason": f"a NumPy array of dtype {value.dtype} (numbers were expected)",
            }
        if value.size > MAX_ARRAY_ELEMENTS:
            return {
                "__unsupported__": "numpy.ndarray",
                "reason": f"an array with {value.size} entries (too large)",
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
            "reason": f"an array of class {_type_name(value)} "
            "(a subclass of numpy.ndarray; return a plain np.ndarray)",
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
                return {"__unsupported__": "dict", "reason": "a dict whose keys are not all strings"}
            out[key] = encode(item, identify=None, _depth=_depth + 1)
        return {"__dict__": out}
    return {"__unsupported__": _type_name(value)}


def _encode_float(x: float) -> Any:
    if math.isfinite(x):
        return x
    return {"__float__": "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")}


def decode(data: Any, _depth: int = 0) -> Any:
    """Validate plain data and turn it back into Python/NumPy values.

    Raises:
        ProtocolError: the data does not follow the protocol.
    """
    if _depth > MAX_DEPTH + 2:
        raise ProtocolError("data nested too deeply")
    if data is None or type(data) in (bool, str, int, float):
        return data
    if type(data) is list:  # only produced by the protocol for plain JSON lists
        return [decode(v, _depth + 1) for v in data]
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
            return float(text)
        if text not in ("nan", "inf", "-inf"):
            raise ProtocolError("bad special float")
        return float(text)
    if "__seq__" in data:
        items = data.get("items")
        if type(items) is not list:
            raise ProtocolError("bad sequence")
        values = [decode(v, _depth + 1) for v in items]
        return values if data["__seq__"] == "list" else tuple(values)
    if "__dict__" in data:
        inner = data["__dict__"]
        if type(inner) is not dict:
            raise ProtocolError("bad dict")
        return {str(k): decode(v, _depth + 1) for k, v in inner.items()}
    if "__item__" in data:
        if type(data["__item__"]) is not int:
            raise ProtocolError("bad item marker")
        return ItemOf(data["__item__"])
    if "__unsupported__" in data:
        return Unsupported(str(data["__unsupported__"])[:200], str(data.get("reason", ""))[:300])
    raise ProtocolError("unknown marker")


def dumps(data: Any) -> str:
    return _JSON_DUMPS(data, allow_nan=False, separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    return _JSON_LOADS(text)
