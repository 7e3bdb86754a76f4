"""Bringing a database file to the app's schema: create, upgrade after a backup, or refuse a newer one.

The revision is read with plain sqlite3 (read-only) so a current database opens without importing Alembic,
and a database from a newer app is never written to, not even to switch its journal mode.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DatabaseOpenError, SchemaTooNewError
from ..i18n import _
from .migrations import HEAD_REVISION, KNOWN_REVISIONS

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

KEEP_BACKUPS = 10


def read_revision(db_path: Path) -> str | None:
    """The Alembic revision stamped in the file, or None for a missing or empty database."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
        try:
            has_table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not has_table:
                others = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
                if others:
                    raise sqlite3.DatabaseError("no KA-PLC schema")
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseOpenError(
            _(
                "The database file {path} is damaged or is not a KA-PLC database ({reason}). "
                "Restore a copy from the backups folder, or choose another data folder."
            ).format(path=db_path, reason=exc)
        ) from None


def check_not_newer(revision: str | None, db_path: Path | str) -> None:
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise SchemaTooNewError(
            _(
                "The database {path} was saved by a newer version of KA-PLC Desktop (schema {rev}). "
                "Install the newer version to open it; this version has not changed it."
            ).format(path=db_path, rev=revision)
        )


def backup_database(db_path: Path, backups: Path, label: str) -> Path:
    """Copies the database with SQLite's online backup API and keeps the newest KEEP_BACKUPS copies."""
    backups.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backups / f"kaplc-{stamp}-{label}.sqlite3"
    partial = target.with_suffix(".partial")
    src = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(target)
    prune_backups(backups)
    return target


def prune_backups(backups: Path, keep: int = KEEP_BACKUPS) -> None:
    copies = sorted(backups.glob("kaplc-*.sqlite3"))
    for old in copies[:-keep] if len(copies) > keep else []:
        old.unlink(missing_ok=True)


def upgrade(db_path: Path, target: str = HEAD_REVISION) -> None:
    """Runs Alembic's migrations up to `target` in one transaction."""
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{db_path}")
    try:
        with engine.begin() as conn:
            migrate(conn, target)
    finally:
        engine.dispose()


def migrate(conn: Connection, target: str = HEAD_REVISION) -> None:
    """Alembic's migrations up to `target`, on a connection whose transaction the caller owns."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)


def ensure_current(db_path: Path, backups: Path) -> tuple[str | None, Path | None]:
    """Creates or upgrades the file to the head revision; returns (previous revision, backup written)."""
    revision = read_revision(db_path)
    check_not_newer(revision, db_path)
    if revision == HEAD_REVISION:
        return revision, None
    backup = backup_database(db_path, backups, f"rev{revision}") if revision is not None else None
    db_path.parent.mkdir(parents=True, exist_ok=True)
    upgrade(db_path)
    return revision, backup
