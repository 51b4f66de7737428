"""Errors that know how to be reported: an HTTP status for the web layer, an exit code
for the CLI, a title. Every surface has one handler that reads these; nothing else
decides a status.

A message may come in Swedish too (``sv=``, kept as ``message_sv``): the pages show the
one in the page's language (``text_for``); JSON clients get both, the CLI English.

Errors cross the pipe from the query workers pickled, so every class here can be
rebuilt from its message alone (the Swedish text travels with it).
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_VIOLATIONS = 1   # validation found violations
EXIT_BAD_INPUT = 2    # unreadable input, bad query, unknown name
EXIT_UNAVAILABLE = 3  # a store or worker could not answer


class StyrgrafError(Exception):
    """Base class: a message for the person who caused it, with its status and exit code."""

    status = 500
    exit_code = EXIT_UNAVAILABLE
    title = "Error"

    def __init__(self, message: str, *, sv: str | None = None, headers: dict | None = None):
        super().__init__(message)
        self.message = message
        self.message_sv = sv
        self.headers = dict(headers or {})

    def text_for(self, lang: str) -> str:
        """The message in ``lang`` (``sv`` or ``en``): English when no Swedish was given."""
        return self.message_sv if lang == "sv" and self.message_sv else self.message

    def lang_of(self, lang: str) -> str:
        """The language ``text_for(lang)`` is actually in."""
        return "sv" if lang == "sv" and self.message_sv else "en"

    def __reduce__(self):
        return (_rebuild, (type(self), self.message, self.headers, dict(self.__dict__)))


def _rebuild(cls, message, headers, state):
    error = cls.__new__(cls)
    StyrgrafError.__init__(error, message, headers=headers)
    error.__dict__.update(state)
    return error


class BadRequest(StyrgrafError):
    status, exit_code, title = 400, EXIT_BAD_INPUT, "Bad request"


class NotFound(StyrgrafError):
    status, exit_code, title = 404, EXIT_BAD_INPUT, "Not found"


class NotAcceptable(StyrgrafError):
    status, exit_code, title = 406, EXIT_BAD_INPUT, "Not acceptable"


class TooLarge(StyrgrafError):
    status, exit_code, title = 413, EXIT_BAD_INPUT, "Too large"


class UnsupportedMediaType(StyrgrafError):
    status, exit_code, title = 415, EXIT_BAD_INPUT, "Unsupported media type"


class StoreFailed(StyrgrafError):
    """The store behind us failed, not the request (an external store's error)."""

    status, exit_code, title = 502, EXIT_UNAVAILABLE, "Bad gateway"


class Unavailable(StyrgrafError):
    """Try again later: busy, still loading, or stopped at the time limit."""

    status, exit_code, title = 503, EXIT_UNAVAILABLE, "Unavailable"


def status_title(status: int) -> str:
    """The reason phrase used in error bodies."""
    for cls in (BadRequest, NotFound, NotAcceptable, TooLarge, UnsupportedMediaType, StoreFailed, Unavailable):
        if cls.status == status:
            return cls.title
    return {405: "Method not allowed", 431: "Request header fields too large"}.get(status, "Error")
