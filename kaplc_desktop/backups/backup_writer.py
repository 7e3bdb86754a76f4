"""Writing a backup file: a consistent snapshot of the database (SQLite's online backup, so the window may stay
open), checked, zipped with the attachments under a temporary name, read back and compared, then renamed."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
import threading
import time
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .. import __version__, attachment_store
from ..atomic_file import atomic_path
from ..data import reads
from ..data.store import SqliteStore
from ..errors import KaplcError
from ..i18n import _
from ..paths import database_path
from ..progress import NO_PROGRESS, Progress
from .backup_format import DATABASE, MANIFEST, BackupManifest, BackupRefused
from .backup_reader import verify_backup

# one backup or restore at a time in a process (the daily backup runs in a thread beside the window)
BACKUP_LOCK = threading.Lock()
CHUNK = 1 << 20


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: BackupManifest
    size: int
    missing_attachments: int  # listed by the database but not in the attachments folder (they cannot be saved)


def snapshot_database(data_dir: Path, folder: Path, progress: Progress = NO_PROGRESS) -> Path:
    """A consistent copy of the open database in `folder`, checked with PRAGMA integrity_check."""
    source = database_path(data_dir)
    if not source.is_file():
        raise KaplcError(_("The folder {folder} holds no KA-PLC database to back up.").format(folder=data_dir))
    copy = folder / DATABASE
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(copy)
        try:
            src.backup(dst, pages=256, progress=lambda _s, left, total: progress.update(total - left, total))
            dst.execute("PRAGMA journal_mode=DELETE")  # one file, whatever the copy is opened with later
            result = dst.execute("PRAGMA integrity_check").fetchone()
        finally:
            dst.close()
    finally:
        src.close()
    if not result or result[0] != "ok":
        raise KaplcError(
            _(
                "The database failed its integrity check ({reason}), so no backup was made from it. Restore an "
                "earlier backup, or ask the district for help."
            ).format(reason=result[0] if result else "?")
        )
    return copy


def _describe(snapshot: Path) -> tuple[dict[str, object], int, str | None]:
    info = reads.workspace(SqliteStore(snapshot))
    if info is None:
        raise KaplcError(_("This data folder has no workspace set up yet, so there is nothing to back up."))
    conn = sqlite3.connect(f"{snapshot.as_uri()}?mode=ro", uri=True)
    try:
        people = conn.execute("SELECT count(*) FROM personnel WHERE deleted_at IS NULL").fetchone()[0]
        schema = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    return info, int(people), schema[0] if schema else None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


STALE_PARTIAL_S = 3600


def refuse_server_workspace(data_dir: Path) -> None:
    """A backup file holds a SQLite database; a workspace on a server is backed up on the server."""
    from ..server_link import resolve_server_url

    url = resolve_server_url(data_dir)
    if url is not None:
        from ..data.server_store import ServerStore

        raise KaplcError(
            _(
                "This workspace keeps its data on the server {where}, so the app does not back it up into a file. "
                "Ask whoever looks after the server to back up that database every day (with pg_dump) and to "
                "restore it from there (pg_restore) when needed."
            ).format(where=ServerStore(url).label)
        )


def create_backup(data_dir: Path, target: Path, progress: Progress = NO_PROGRESS) -> BackupResult:
    """Writes the backup file `target` (replacing it only once the new one is complete and verified)."""
    refuse_server_workspace(data_dir)
    with BACKUP_LOCK:
        remove_stale_partials(target.parent)
        return _create(data_dir, target, progress)


def remove_stale_partials(folder: Path) -> None:
    """What a backup killed while writing left in this folder (a USB stick fills up with them otherwise)."""
    now = time.time()
    for partial in folder.glob(".kaplc-*.kaplc-backup.*.tmp"):
        try:
            if now - partial.stat().st_mtime > STALE_PARTIAL_S:
                partial.unlink()
        except OSError:
            continue


def _create(data_dir: Path, target: Path, progress: Progress) -> BackupResult:
    work = data_dir / "tmp" / f"backup-{uuid.uuid4().hex}"
    work.mkdir(parents=True)
    try:
        progress.update(0, 1, _("Copying the database…"))
        snapshot = snapshot_database(data_dir, work, progress)
        info, people, schema = _describe(snapshot)
        files: dict[str, int] = {}
        missing = 0
        for sha in sorted(reads.attachment_hashes(SqliteStore(snapshot))):
            path = attachment_store.path_for(data_dir, sha)
            if path.is_file():
                files[sha] = path.stat().st_size
            else:
                missing += 1
        manifest = BackupManifest(
            created_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
            app_version=__version__,
            schema=schema,
            kind=str(info["kind"]),
            code=str((info["school_code"] if info["kind"] == "school" else info["esa_code"]) or ""),
            name=str((info["school_name"] if info["kind"] == "school" else info["esa_name"]) or ""),
            demo=bool(info["is_demo"]),
            db_size=snapshot.stat().st_size,
            db_sha256=_sha256(snapshot),
            people=people,
            attachments=files,
        )
        total = manifest.db_size + sum(files.values())
        with atomic_path(target) as tmp:
            _write_zip(tmp, data_dir, snapshot, manifest, total, progress)
            progress.update(0, total, _("Checking the backup file…"))
            try:
                verify_backup(tmp, manifest, progress)
            except BackupRefused:
                raise KaplcError(
                    _(
                        "The backup written to {path} did not read back correctly, so it was not kept (the disk or "
                        "USB stick may be failing). Try another disk or USB stick."
                    ).format(path=target)
                ) from None
        return BackupResult(target, manifest, target.stat().st_size, missing)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _write_zip(
    tmp: Path, data_dir: Path, snapshot: Path, manifest: BackupManifest, total: int, progress: Progress
) -> None:
    done = 0
    message = _("Writing the backup file…")
    with zipfile.ZipFile(tmp, "w", allowZip64=True) as zf:
        zf.writestr(MANIFEST, manifest.to_json(), compress_type=zipfile.ZIP_DEFLATED)
        members = [(DATABASE, snapshot, zipfile.ZIP_DEFLATED)] + [
            (f"attachments/{sha[:2]}/{sha}", attachment_store.path_for(data_dir, sha), zipfile.ZIP_STORED)
            for sha in manifest.attachments
        ]
        for name, path, method in members:
            info = zipfile.ZipInfo(name, date_time=manifest.created_at.timetuple()[:6])
            info.compress_type = method
            info.external_attr = 0o600 << 16
            with open(path, "rb") as src, zf.open(info, "w", force_zip64=True) as out:
                while chunk := src.read(CHUNK):
                    out.write(chunk)
                    done += len(chunk)
                    progress.update(done, total, message)
