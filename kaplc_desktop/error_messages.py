"""Turning the failures of the machine (disk full, read-only folder, locked file) into clear Thai messages.

Bugs stay bugs: only failures a user can act on are translated; anything else is logged with its details.
"""

from __future__ import annotations

import errno

from .errors import KaplcError
from .i18n import _


def as_user_error(exc: BaseException) -> KaplcError | None:
    """A KaplcError saying what to do, or None when the exception is a bug."""
    if isinstance(exc, KaplcError):
        return exc
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "database or disk is full" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return KaplcError(
            _(
                "The disk is full, so nothing was saved. Free some space (or choose another data "
                "folder), then try again."
            )
        )
    if (
        "readonly" in text
        or "read-only" in text
        or isinstance(exc, PermissionError)
        or (getattr(exc, "errno", None) in (errno.EACCES, errno.EROFS))
    ):
        return KaplcError(
            _(
                "The data folder cannot be written to (it is read-only or you lack permission). "
                "Choose a folder you can write to, or ask the computer's administrator."
            )
        )
    if "database is locked" in text:
        return KaplcError(_("The database is busy in another program. Wait a moment and try again."))
    if "disk i/o error" in text or "malformed" in text or "file is not a database" in text:
        return KaplcError(
            _(
                "The database file could not be read or written (a disk error). Restore a copy from "
                "the backups folder if this happens again."
            )
        )
    return None
