"""A data folder's workspace moves to a shared PostgreSQL server: its data is copied there, the folder links to
the server from then on, and its own file stays beside it, renamed, as the copy from before the move."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .data.instance_lock import InstanceLock
from .data.schema import ensure_current
from .data.server_move import copy_to_server, moved_file_name
from .data.server_store import ServerStore
from .errors import WorkspaceError
from .i18n import _
from .paths import backups_dir, database_path
from .progress import NO_PROGRESS, Progress
from .server_link import read_link, save_link


@dataclass(frozen=True)
class MoveResult:
    rows: int
    server: str  # where the data is now (no password)
    kept_file: Path  # the folder's database as it was, renamed


def move_to_server(data_dir: Path, url: str, progress: Progress = NO_PROGRESS) -> MoveResult:
    """The folder must not be open elsewhere (its lock is held throughout). Nothing changes if the copy fails."""
    linked = read_link(data_dir)
    if linked is not None:  # said by its label: a saved address may hold a password
        raise WorkspaceError(
            _("This folder's data is already on a server ({where}).").format(where=ServerStore(linked).label)
        )
    db_file = database_path(data_dir)
    if not db_file.is_file():
        raise WorkspaceError(_("The folder {folder} holds no KA-PLC workspace to move.").format(folder=data_dir))
    server = ServerStore(url)
    lock = InstanceLock(data_dir)
    lock.acquire()
    try:
        ensure_current(db_file, backups_dir(data_dir))  # an older folder is upgraded (after its backup) first
        rows = copy_to_server(db_file, data_dir, server, progress)
        server.dispose()
        save_link(data_dir, url)
        kept = moved_file_name(db_file)
        for suffix in ("-wal", "-shm"):  # none after a clean close; a crash's leftovers belong to the kept file
            side = db_file.with_name(db_file.name + suffix)
            if side.exists():
                side.replace(kept.with_name(kept.name + suffix))
        db_file.replace(kept)
        return MoveResult(rows, server.label, kept)
    finally:
        server.dispose()
        lock.release()


def connect_to_server(data_dir: Path, url: str) -> str:
    """Links a folder of this computer to a workspace already on a server (another member of staff's); returns
    the workspace's name. A folder holding a workspace of its own is refused: its data would be hidden."""
    title = server_workspace_title(url)
    lock = InstanceLock(data_dir)
    lock.acquire()
    try:
        link_empty_folder(data_dir, url)
    finally:
        lock.release()
    return title


def server_workspace_title(url: str) -> str:
    """The name of the workspace on a server ("สพป.… (9002)"), checked before a new folder is linked to it;
    the server's schema is brought up to date on the way, as opening it would."""
    from .data import reads
    from .data.server_schema import ensure_current_on_server

    server = ServerStore(url)
    try:
        ensure_current_on_server(server)
        found = reads.workspace(server)
    finally:
        server.dispose()
    if found is None:
        raise WorkspaceError(
            _(
                "The database on the server {where} holds no workspace yet. Move a district's data there first "
                "(kaplc server move), or set one up with kaplc --db-url … init district."
            ).format(where=server.label)
        )
    if found["kind"] == "district":
        return f"{found['esa_name']} ({found['esa_code']})"
    return f"{found['school_name']} ({found['school_code']})"


def link_empty_folder(data_dir: Path, url: str) -> None:
    """A folder just made by the set-up wizard (its database holds no workspace) works on the server from now on;
    its empty database file goes. Call with the folder closed."""
    from .data import reads
    from .data.store import SqliteStore

    db_file = database_path(data_dir)
    if db_file.is_file() and reads.workspace(SqliteStore(db_file)) is not None:
        raise WorkspaceError(
            _(
                "The folder {folder} already holds a workspace of its own. Choose an empty folder to work on the "
                "server from, or move this folder's data there (kaplc server move)."
            ).format(folder=data_dir)
        )
    save_link(data_dir, url)
    for name in (db_file.name, db_file.name + "-wal", db_file.name + "-shm", db_file.name + ".id"):
        (data_dir / name).unlink(missing_ok=True)
