"""The one error type the services raise: a plain-English message a user can act on."""

from __future__ import annotations

from pathlib import Path


class DomainError(Exception):
    """Raised by services when input is invalid or an operation is not allowed.

    ``message`` is shown to the user as it is; ``field`` names the input it is about, so a
    screen can show it next to that field.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class NotFoundError(DomainError):
    """The thing asked for is not in the database (deleted by someone else, or a wrong id)."""


class StorageError(DomainError):
    """The database could not take a change: the disk is full, the file became read-only, or
    it or its folder went away. Nothing of that action was written; what the user typed must
    stay on screen so that it can be saved once the fault clears."""


class DatabaseError(Exception):
    """The database cannot be opened or used; ``message`` says why in plain English.

    ``backup`` is the newest good backup when the database is damaged, so the app can offer it.
    """

    def __init__(self, message: str, backup: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.backup = backup
