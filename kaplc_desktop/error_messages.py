"""Turning the failures of the machine (disk full, read-only folder, locked file) into clear Thai messages.

Bugs stay bugs: only failures a user can act on are translated; anything else is logged with its details.
"""

from __future__ import annotations

import errno

from .errors import KaplcError
from .i18n import _


def os_reason(exc: OSError) -> str:
    """Why the system refused, in the user's language (not the system's English strerror)."""
    reasons = {
        errno.ENOSPC: _("the disk is full"),
        errno.EACCES: _("no permission to write there"),
        errno.EPERM: _("no permission to write there"),
        errno.EROFS: _("the disk is read-only"),
        errno.ENOTDIR: _("a part of the path is a file, not a folder"),
        errno.ENOENT: _("the folder does not exist"),
        errno.ENAMETOOLONG: _("the path is too long"),
        errno.EIO: _("the disk could not be read or written"),
        errno.EISDIR: _("a folder of that name is already there"),
        errno.EBUSY: _("the file is in use by another program"),
    }
    # an error the table does not know is still said in the user's language, with the system's words in brackets
    return reasons.get(exc.errno or 0) or _("the system refused ({detail})").format(detail=exc.strerror or exc)


def as_user_error(exc: BaseException) -> KaplcError | None:
    """A KaplcError saying what to do, or None when the exception is a bug."""
    if isinstance(exc, KaplcError):
        return exc
    server = _server_failure(exc)  # first: a server's "read-only transaction" is not a read-only folder
    if server is not None:
        return server
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
    if "unable to open database file" in text:
        return KaplcError(
            _(
                "The database file cannot be opened (the data folder's path may be too long, or the disk not "
                "ready). Choose a data folder with a shorter path, then try again."
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


def _server_failure(exc: BaseException) -> KaplcError | None:
    """A shared PostgreSQL database that stopped answering (network, restart), or that made this transaction
    give way to another one: nothing of it was saved, and trying again is the remedy."""
    orig = getattr(exc, "orig", None) or exc
    if not type(orig).__module__.startswith("psycopg"):
        return None
    names = {cls.__name__ for cls in type(orig).__mro__}
    if names & {"SerializationFailure", "DeadlockDetected", "LockNotAvailable"}:
        return KaplcError(
            _("Another member of staff was changing the same records at that moment. Nothing was saved; try again.")
        )
    if "InsufficientPrivilege" in names:
        return KaplcError(
            _(
                "The server's database user of this computer may not change these records, so nothing was saved. "
                "Ask whoever looks after the server for a user that may."
            )
        )
    if "ReadOnlySqlTransaction" in names:
        return KaplcError(_("The server's database is read-only at the moment, so nothing was saved. Try again later."))
    if "OperationalError" in names or "InterfaceError" in names:
        return KaplcError(
            _(
                "The connection to the database server was lost, so this was not saved. Check that this computer "
                "is on the office network and the server is on, then try again."
            )
        )
    return None
