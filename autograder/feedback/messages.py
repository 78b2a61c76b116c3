"""The feedback's message table and language switch (defined in autograder/runtime/messages.py,
where the sandboxed child can import it too)."""

from autograder.runtime.messages import (
    CHECK_NAMES_ZH,
    DEFAULT_LANGUAGE,
    LANGUAGE_ENV,
    LANGUAGES,
    MESSAGES,
    check_title,
    current_language,
    message,
    placeholders,
    set_language,
)

__all__ = [
    "CHECK_NAMES_ZH",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_ENV",
    "MESSAGES",
    "check_title",
    "current_language",
    "message",
    "placeholders",
    "set_language",
]
