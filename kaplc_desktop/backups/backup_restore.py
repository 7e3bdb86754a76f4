"""Restoring a backup file into a data folder: check it all, back up what is there now, then put the copy in place
with a new database id (peers must not trust the counters of the copy it replaced)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import tempfile
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .. import attachment_store
from ..atomic_file import fsync_folder
from ..data import reads
from ..data.identity import ensure_identity, renew_db_id
from ..data.instance_lock import InstanceLock
from ..data.schema import check_not_newer, read_revision
from ..data.store import SqliteStore
from ..data_folders import check_data_folder
from ..errors import KaplcError
from ..i18n import _, ngettext
from ..paths import backups_dir, database_path
from ..progress import NO_PROGRESS, Progress
from .backup_format import DATABASE, SUFFIX, BackupManifest, refused
from .backup_reader import copy_member, open_backup
from .backup_writer import BACKUP_LOCK, _create, refuse_server_workspace

SAFETY_FOLDER = "before-restore"


@dataclass(frozen=True)
class RestoreResult:
    manifest: BackupManifest
    safety_copy: Path | None  # the data as it was just before, backed up first (None if the folder was empty)
    db_id: str  # the restored database's new id
    people: int  # staff records in the restored database (counted there, not taken from the manifest)


def restored_text(people: int) -> str:
    """ "Restored the backup of {name} made on {date} (N staff records).", said the same by the window and the CLI."""
    return ngettext(
        "Restored the backup of {name} made on {date} ({people} staff record).",
        "Restored the backup of {name} made on {date} ({people} staff records).",
        people,
    )


def restore_backup(
    data_dir: Path, backup: Path, progress: Progress = NO_PROGRESS, *, other_workspace: bool = False
) -> RestoreResult:
    """Replaces the folder's database (and adds its attachments) with the backup's. The folder must not be open:
    this takes its lock. A backup of another school or district is refused unless `other_workspace`."""
    refuse_server_workspace(data_dir)
    with BACKUP_LOCK:
        check_data_folder(data_dir)
        lock = InstanceLock(data_dir)
        lock.acquire()
        try:
            return _restore(data_dir, backup, progress, other_workspace)
        finally:
            lock.release()


def _current_workspace(db: Path) -> dict[str, object] | None:
    """What the folder holds now; None when empty or unreadable (a damaged database is what restores are for)."""
    if not db.is_file():
        return None
    try:
        return reads.workspace(SqliteStore(db))
    except sqlite3.Error:
        return None


def _owner(info: dict[str, object]) -> str:
    return str((info["school_code"] if info["kind"] == "school" else info["esa_code"]) or "")


def _restore(data_dir: Path, backup: Path, progress: Progress, other_workspace: bool) -> RestoreResult:
    db = database_path(data_dir)
    staging = data_dir / "tmp" / f"restore-{uuid.uuid4().hex}"
    staging.mkdir(parents=True)
    try:
        with open_backup(backup) as (zf, manifest):
            current = _current_workspace(db)
            if (
                current is not None
                and not other_workspace
                and (current["kind"], _owner(current))
                != (
                    manifest.kind,
                    manifest.code,
                )
            ):
                raise KaplcError(
                    _(
                        "This backup holds {name} ({code}), but this data folder holds {current} ({current_code}). "
                        "Nothing was changed. To look at the backup, restore it into a new data folder (File → New "
                        "data folder…)."
                    ).format(
                        name=manifest.name,
                        code=manifest.code,
                        current=current["school_name"] if current["kind"] == "school" else current["esa_name"],
                        current_code=_owner(current),
                    )
                )
            total = manifest.db_size + sum(manifest.attachments.values())
            staged = staging / DATABASE
            with open(staged, "wb") as out:
                done = copy_member(zf, DATABASE, manifest.db_sha256, out, progress, 0, total)
                out.flush()
                os.fsync(out.fileno())
            people = _check_database(staged, manifest, backup)
            done = _add_attachments(data_dir, zf, manifest, progress, done, total)
        progress.update(total, total, _("Backing up the current data first…"))
        safety = _safety_copy(data_dir, db) if db.exists() else None
        progress.update(total, total, _("Putting the backup in place…"))
        for leftover in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            leftover.unlink(missing_ok=True)  # a stale log would be replayed onto the restored file
        os.replace(staged, db)
        fsync_folder(data_dir)
        ensure_identity(db)  # (a database that never had one gets it first)
        return RestoreResult(manifest, safety, renew_db_id(db), people)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _check_database(staged: Path, manifest: BackupManifest, backup: Path) -> int:
    """The staged database is a KA-PLC database of a known schema — exactly its tables and indexes, no triggers
    or views of a forger's — holding the workspace the manifest names; returns its count of staff records."""
    try:
        revision = read_revision(staged)
    except KaplcError:
        raise refused(_("its database is damaged")) from None
    check_not_newer(revision, backup)
    if revision is None:
        raise refused(_("its database is empty"))
    try:
        conn = sqlite3.connect(f"{staged.as_uri()}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()
            objects = _schema_objects(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        raise refused(_("its database is damaged")) from None
    if objects != expected_schema(revision):
        raise refused(_("its database is not laid out as this program writes it"))
    try:
        info = reads.workspace(SqliteStore(staged))
        people = reads.count(SqliteStore(staged), "SELECT count(*) FROM personnel WHERE deleted_at IS NULL")
    except sqlite3.Error:
        raise refused(_("its database is damaged")) from None
    if not ok or ok[0] != "ok" or info is None:
        raise refused(_("its database is damaged"))
    if (info["kind"], _owner(info)) != (manifest.kind, manifest.code):
        raise refused(_("its database is not the workspace its manifest names"))
    return people


def _schema_objects(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    rows = conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
    return {(str(kind), str(name)) for kind, name in rows}


_SCHEMAS: dict[str, set[tuple[str, str]]] = {}


def expected_schema(revision: str) -> set[tuple[str, str]]:
    """The tables and indexes the migrations make up to `revision` (built once in a temporary database)."""
    if revision not in _SCHEMAS:
        from ..data.schema import upgrade

        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "reference.sqlite3"
            upgrade(db, revision)
            conn = sqlite3.connect(db)
            try:
                _SCHEMAS[revision] = _schema_objects(conn)
            finally:
                conn.close()
    return _SCHEMAS[revision]


def _add_attachments(
    data_dir: Path, zf: zipfile.ZipFile, manifest: BackupManifest, progress: Progress, done: int, total: int
) -> int:
    for sha, size in manifest.attachments.items():
        if not attachment_store.has(data_dir, sha):
            try:
                with zf.open(f"attachments/{sha[:2]}/{sha}") as src:
                    ok = attachment_store.put_stream(data_dir, src, sha)
            except (zipfile.BadZipFile, EOFError, ValueError, zlib.error):  # a full disk is not the file's fault
                ok = False
            if not ok:
                raise refused(_("it is damaged (an attachment does not match its checksum)"))
        done += size
        progress.update(done, total, _("Restoring attachments…"))
    return done


def _safety_copy(data_dir: Path, db: Path) -> Path:
    """The current data as a backup file; a database too damaged to copy is kept as its raw files instead."""
    folder = backups_dir(data_dir) / SAFETY_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")  # two restores in one second keep both copies
    try:
        if _current_workspace(db) is None:
            raise KaplcError("no workspace")
        return _create(data_dir, folder / f"kaplc-before-restore-{stamp}{SUFFIX}", NO_PROGRESS).path
    except (KaplcError, sqlite3.Error):
        # too damaged to copy the usual way: its files as they are, with every attachment (the restored database
        # will not list the ones only this one knew, and they would be removed as leftovers)
        raw = folder / f"kaplc-before-restore-{stamp}-raw"
        raw.mkdir()
        for part in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            if part.exists():
                shutil.copy2(part, raw / part.name)
        if attachment_store.attachments_dir(data_dir).is_dir():
            shutil.copytree(attachment_store.attachments_dir(data_dir), raw / "attachments")
        return raw
