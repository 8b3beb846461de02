"""The application's error type: a Swedish message for people, a stable code for programs."""

from typing import Any


class ApplicationError(Exception):
    """A refused operation with a message the user can act on.

    `code` is stable and documented in the API; `message` is Swedish and shown as-is in the
    UI and in the API's JSON body; `extra` carries machine-readable detail.
    """

    code = "applikationsfel"
    http_status = 400

    def __init__(
        self, message: str, *, code: str | None = None, extra: dict[str, Any] | None = None
    ):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.extra = extra or {}


class Konflikt(ApplicationError):
    """The operation conflicts with the current state (someone else was first)."""

    code = "konflikt"
    http_status = 409
