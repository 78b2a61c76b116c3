"""Gradescope's results.json, as a JSON Schema and a dependency-free validator.

Written from Gradescope's "Autograder Specifications" page
(gradescope-autograders.readthedocs.io/en/latest/specs/, "Output format"):
top-level `score` (optional, but required when the tests carry no scores;
it overrides the sum of the tests), `execution_time` (seconds), `output`,
`output_format`, `test_output_format`, `test_name_format`, `visibility`,
`stdout_visibility`, `extra_data`, `tests`, `leaderboard`; per test `score`,
`max_score`, `status` ("passed" / "failed"), `name`, `name_format`,
`number`, `output`, `output_format`, `tags`, `visibility`, `extra_data`.
Visibility is one of "hidden", "after_due_date", "after_published",
"visible"; formats are "text", "html", "simple_format", "md", "ansi".
"""

from __future__ import annotations

import math
from typing import Any

VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
FORMATS = ("text", "html", "simple_format", "md", "ansi")
STATUSES = ("passed", "failed")

_NUMBER = {"type": "number"}
_STRING = {"type": "string"}
_VISIBILITY = {"type": "string", "enum": list(VISIBILITIES)}
_FORMAT = {"type": "string", "enum": list(FORMATS)}

TEST_SCHEMA: dict = {
    "type": "object",
    "properties": {
        "score": _NUMBER,
        "max_score": _NUMBER,
        "status": {"type": "string", "enum": list(STATUSES)},
        "name": _STRING,
        "name_format": _FORMAT,
        "number": _STRING,
        "output": _STRING,
        "output_format": _FORMAT,
        "tags": {"type": "array", "items": _STRING},
        "visibility": _VISIBILITY,
        "extra_data": {"type": "object"},
    },
    "additionalProperties": False,
}

RESULTS_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Gradescope autograder results.json",
    "type": "object",
    "properties": {
        "score": _NUMBER,
        "execution_time": _NUMBER,
        "output": _STRING,
        "output_format": _FORMAT,
        "test_output_format": _FORMAT,
        "test_name_format": _FORMAT,
        "visibility": _VISIBILITY,
        "stdout_visibility": _VISIBILITY,
        "extra_data": {"type": "object"},
        "tests": {"type": "array", "items": TEST_SCHEMA},
        "leaderboard": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": _STRING, "value": {"type": ["number", "string"]}, "order": _STRING},
                "required": ["name", "value"],
            },
        },
    },
    "additionalProperties": False,
    "anyOf": [
        {"required": ["score"]},
        {"required": ["tests"], "properties": {"tests": {"items": {"required": ["score"]}}}},
    ],
}

_TYPES = {"number": (int, float), "string": (str,), "object": (dict,), "array": (list,)}


def _check_fields(data: dict, schema: dict, where: str, problems: list[str]) -> None:
    for key, value in data.items():
        spec = schema["properties"].get(key)
        if spec is None:
            problems.append(f"{where}: unknown field {key!r}")
            continue
        kinds = spec["type"] if isinstance(spec["type"], list) else [spec["type"]]
        ok = any(isinstance(value, _TYPES[k]) and not isinstance(value, bool) for k in kinds)
        if not ok:
            problems.append(f"{where}.{key}: expected {' or '.join(kinds)}, got {type(value).__name__}")
            continue
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(f"{where}.{key}: not a finite number")
        if "enum" in spec and value not in spec["enum"]:
            problems.append(f"{where}.{key}: {value!r} is not one of {spec['enum']}")
        if key == "tags" and not all(isinstance(t, str) for t in value):
            problems.append(f"{where}.tags: every tag must be a string")


def validate(results: Any) -> list[str]:
    """Every way `results` breaks Gradescope's format ([] when it follows it)."""
    if not isinstance(results, dict):
        return ["results.json must hold a JSON object"]
    problems: list[str] = []
    _check_fields(results, RESULTS_SCHEMA, "results", problems)
    tests = results.get("tests", [])
    if isinstance(tests, list):
        for k, test in enumerate(tests):
            if not isinstance(test, dict):
                problems.append(f"tests[{k}]: must be an object")
                continue
            _check_fields(test, TEST_SCHEMA, f"tests[{k}]", problems)
    if "score" not in results and not (
        isinstance(tests, list) and tests and all(isinstance(t, dict) and "score" in t for t in tests)
    ):
        problems.append("results: a top-level score, or a score on every test, is required")
    return problems
