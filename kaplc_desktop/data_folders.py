"""Which data folder the window opens, the folders opened before (File → Open recent), and the checks that turn a
folder that cannot hold data (a file, unwritable, unmakeable) into a sentence naming it.

The list of recent folders is the program's, not a folder's: it lives in the user's configuration folder
(KAPLC_CONFIG_DIR overrides it, for tests and portable use).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .atomic_file import write_text_atomic
from .error_messages import os_reason
from .errors import KaplcError, WorkspaceError
from .i18n import _
from .paths import DATA_DIR_ENV, PORTABLE_FOLDER, executable_dir, resolve_data_dir

CONFIG_ENV = "KAPLC_CONFIG_DIR"
RECENT_FILE = "recent-folders.json"
MAX_RECENT = 8


def config_dir() -> Path:
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("KA-PLC Desktop", appauthor=False, roaming=True))


def recent_folders() -> list[Path]:
    """Folders opened before, the last one first; a damaged list counts as empty (it holds no records)."""
    try:
        raw = json.loads((config_dir() / RECENT_FILE).read_text(encoding="utf-8"))
        return [Path(p) for p in raw if isinstance(p, str)][:MAX_RECENT]
    except (OSError, ValueError, TypeError):
        return []


def remember_folder(folder: Path) -> None:
    """Puts `folder` first in the recent list (a list that cannot be written is not worth an error)."""
    folder = folder.resolve()
    folders = [folder, *(p for p in recent_folders() if p != folder)][:MAX_RECENT]
    try:
        config_dir().mkdir(parents=True, exist_ok=True)
        write_text_atomic(config_dir() / RECENT_FILE, json.dumps([str(p) for p in folders], ensure_ascii=False))
    except (OSError, KaplcError):  # atomic writes report their failures as KaplcError
        pass


def folder_title(folder: Path) -> str:
    """The name of the school or district a data folder holds ("" when none, or it cannot be read now)."""
    import sqlite3

    from .data import reads
    from .data.store import SqliteStore
    from .paths import database_path

    try:
        info = reads.workspace(SqliteStore(database_path(folder))) if database_path(folder).is_file() else None
    except (sqlite3.Error, OSError):
        return ""
    if not info:
        return ""
    return str((info["school_name"] if info["kind"] == "school" else info["esa_name"]) or "")


def window_data_dir(explicit: str | None) -> Path:
    """The window opens --data-dir, KAPLC_DATA_DIR or a portable folder when given; otherwise the folder it had
    open last, or the user data folder the first time."""
    if explicit or os.environ.get(DATA_DIR_ENV) or (executable_dir() / PORTABLE_FOLDER).is_dir():
        return resolve_data_dir(explicit)
    recent = recent_folders()
    return recent[0] if recent else resolve_data_dir(None)


def check_data_folder(folder: Path) -> None:
    """Refuses, naming the folder, one that is a file, cannot be made or cannot be written to."""
    if folder.exists() and not folder.is_dir():
        raise WorkspaceError(
            _("{folder} is a file, not a folder, so it cannot hold KA-PLC data. Choose a folder.").format(folder=folder)
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkspaceError(
            _("The data folder {folder} cannot be created ({reason}). Choose another folder.").format(
                folder=folder, reason=os_reason(exc)
            )
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise WorkspaceError(
            _(
                "The data folder {folder} cannot be written to (it is read-only or you lack permission). "
                "Choose a folder you can write to."
            ).format(folder=folder)
        )
