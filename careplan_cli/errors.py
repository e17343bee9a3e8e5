"""The one root of the errors careplan reports to its user."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FOUND = 1
EXIT_USAGE = 2


class CareplanError(Exception):
    """An error the user can act on: a message (no plan values) and an exit code."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


class UsageError(CareplanError):
    """A bad argument, path or configuration (exit 2)."""


class RefusedError(CareplanError):
    """The tool checked something and refuses to go on (exit 1)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, EXIT_FOUND)
