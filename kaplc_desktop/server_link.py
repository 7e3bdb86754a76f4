"""Which database a data folder works on: its own SQLite file (the default), or a PostgreSQL server shared by
the district office, named by --db-url, KAPLC_DB_URL, or the link saved in the folder when it was set up.

The folder keeps the link in server.json (only its owner may read it: the address may hold a password). A
damaged link is an error, never a silent switch to an empty local database.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from .atomic_file import write_text_atomic
from .errors import DatabaseOpenError
from .i18n import _

DB_URL_ENV = "KAPLC_DB_URL"
LINK_FILE = "server.json"


def link_path(data_dir: Path) -> Path:
    return data_dir / LINK_FILE


def read_link(data_dir: Path) -> str | None:
    path = link_path(data_dir)
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        url = raw["db_url"]
        if not isinstance(url, str) or not url.strip():  # never a silent switch to an empty local database
            raise TypeError(url)
    except (OSError, ValueError, KeyError, TypeError):
        raise DatabaseOpenError(
            _(
                "The file {path} should say which server database this folder works on, but it cannot be read. "
                "Link the folder to the server again with kaplc --data-dir … server connect (the address from "
                "whoever looks after the server)."
            ).format(path=path)
        ) from None
    return url.strip()


def save_link(data_dir: Path, url: str | None) -> None:
    """Remembers the server for this folder (None: back to the folder's own database)."""
    path = link_path(data_dir)
    if url is None:
        path.unlink(missing_ok=True)
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, json.dumps({"db_url": url}, ensure_ascii=False))
    with contextlib.suppress(OSError):  # a file system without permissions (a USB stick): the folder's rules apply
        os.chmod(path, 0o600)


def resolve_server_url(data_dir: Path, explicit: str | None = None) -> str | None:
    """--db-url, then KAPLC_DB_URL, then the folder's link; None for the folder's own SQLite file."""
    for candidate in (explicit, os.environ.get(DB_URL_ENV)):
        if candidate and candidate.strip():
            return candidate.strip()
    return read_link(data_dir)
