"""Functions evaluated by the grader, handed to student code as opaque stubs.

A gradient checker is graded by giving it functions f(x) -> (cost, grad)
whose gradient is right or deliberately wrong. If such a function carried
its recipe with it (attributes, closure cells, defaults), a submission could
read the answer off the function instead of checking the gradient. So in the
child process every such function is the same object, `remote_function`:
it holds nothing, draws one number from Python's `random` and one from
NumPy's global RNG (so a cost "with built-in randomness" depends on both,
whichever recipe is behind it), sends x and the two draws to the grader over
the answer channel, and waits for (cost, grad). The recipe (right or wrong,
where, how much) never leaves the grader: the call the child receives holds
the empty marker {"__remote__": {}}.

Channel messages (one JSON line each):
    child -> grader  {"remote_call": {"x": <encoded array>, "draws": [float, float]}}
    grader -> child  {"remote_reply": {"value": <encoded (cost, grad)>}} or {"remote_reply": {"error": str}}

In the grader's own process (the reference, the notebook's in-process
evaluator) the marker carries the recipe and `local_function` evaluates it
directly, drawing the same two numbers.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import numpy as np

from . import probes, protocol

MAX_ELEMENTS = 10_000  # the largest x a grader-evaluated function accepts
MAX_CALLBACKS = 200_000  # per graded function and submission: beyond, the grader answers with an error

_channel: dict[str, Any] = {}


def connect(send: Callable[[dict], None], receive: Callable[[], dict | None]) -> None:
    """Called once by the child: how to reach the grader."""
    _channel["send"] = send
    _channel["receive"] = receive


def _draws() -> list[float]:
    # Both global RNGs, always: every function consumes randomness the same way.
    return [float(random.random()), float(np.random.rand())]


def remote_function(x: Any) -> tuple[float, np.ndarray]:
    """f(x) -> (cost, grad), computed by the grader."""
    draws = _draws()
    send, receive = _channel.get("send"), _channel.get("receive")
    if send is None or receive is None:
        raise RuntimeError("this function can only be called while the grader runs a test")
    send({"remote_call": {"x": protocol.encode(np.array(x, dtype=np.float64)), "draws": draws}})
    answer = receive()
    reply = answer.get("remote_reply") if isinstance(answer, dict) else None
    if not isinstance(reply, dict) or "value" not in reply:
        problem = reply.get("error") if isinstance(reply, dict) else None
        raise ValueError(str(problem or "the grader did not answer"))
    cost, grad = protocol.decode(reply["value"])
    return cost, grad


def evaluate(spec: dict, x: Any, draws: list[float]) -> tuple[float, np.ndarray]:
    """The value of the function described by `spec` at x (grader side)."""
    probe = spec.get("probe")
    if probe != "gradcheck":
        raise ValueError(f"unknown remote function {probe!r}")
    return probes.gradcheck_value(spec.get("params", {}), x, draws)


def local_function(spec: dict) -> Callable[[Any], tuple[float, np.ndarray]]:
    """The grader-side equivalent of remote_function (same draws, same values)."""

    def function(x: Any) -> tuple[float, np.ndarray]:
        return evaluate(spec, x, _draws())

    return function


def for_child(calls: list[dict]) -> list[protocol.Call]:
    """The calls as the child may see them: every remote marker emptied of its recipe."""

    def strip(data: Any) -> Any:
        if type(data) is dict:
            if "__remote__" in data:
                return {"__remote__": {}}
            return {k: strip(v) for k, v in data.items()}
        if type(data) is list:
            return [strip(v) for v in data]
        return data

    return [strip(c) for c in calls]


def remote_specs(call: dict) -> list[dict]:
    """The recipes of the remote markers of one call, in order (grader side)."""
    found: list[dict] = []

    def walk(data: Any) -> None:
        if type(data) is dict:
            if "__remote__" in data:
                found.append(data["__remote__"])
                return
            for v in data.values():
                walk(v)
        elif type(data) is list:
            for v in data:
                walk(v)

    walk([call.get("args", []), call.get("kwargs", {})])
    return found


def reply(call: dict | None, request: Any) -> dict:
    """The grader's answer to a child's callback made during `call` (never raises)."""
    try:
        specs = remote_specs(call) if isinstance(call, dict) else []
        if not specs:
            return {"error": "no grader-evaluated function belongs to this test case"}
        if type(request) is not dict:
            return {"error": "malformed request"}
        draws = request.get("draws")
        if type(draws) is not list or len(draws) != 2 or not all(type(d) is float for d in draws):
            return {"error": "malformed request"}
        x = protocol.decode(request.get("x"))
        if not isinstance(x, np.ndarray) or x.size > MAX_ELEMENTS:
            return {"error": f"f takes an array of at most {MAX_ELEMENTS} numbers"}
        cost, grad = evaluate(specs[0], x, draws)
        return {"value": protocol.encode((cost, grad))}
    except Exception as exc:  # noqa: BLE001 - a bad request is the submission's problem, not the grader's
        return {"error": f"f could not be evaluated ({type(exc).__name__})"}
