"""Errors a user can meet. Each carries a message already translated for the current language.

Anything that is not a KaplcError is a bug: it is logged and shown with a "copy details" button.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class KaplcError(Exception):
    """A refusal with a clear message that says what to do; nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class ValidationError(KaplcError):
    """Input that breaks a rule; `errors` names each field and what is wrong with it."""

    def __init__(self, errors: list[FieldError] | FieldError, message: str | None = None) -> None:
        errs = [errors] if isinstance(errors, FieldError) else list(errors)
        self.errors = errs
        super().__init__(message or "\n".join(e.message for e in errs))


class WorkspaceError(KaplcError):
    """The data folder holds no workspace, or the wrong kind."""


class SchemaTooNewError(KaplcError):
    """The database was written by a newer version of the app."""


class InstanceLockedError(KaplcError):
    """Another copy of the app is using the same data folder."""


class DatabaseOpenError(KaplcError):
    """The database file is damaged or unreadable."""


class ImportFileError(KaplcError):
    """A file from outside (Excel, bundle) was refused as a whole."""


class NotFoundError(KaplcError):
    """A record the user asked for does not exist."""


@dataclass
class Problems:
    """Collects field errors while validating, then raises them together."""

    items: list[FieldError] = field(default_factory=list)

    def add(self, field_name: str, message: str) -> None:
        self.items.append(FieldError(field_name, message))

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(self.items)
