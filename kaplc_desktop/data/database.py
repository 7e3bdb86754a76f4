"""Opening the SQLite store: schema check, WAL and foreign keys, the database's own identity."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from . import versioning  # noqa: F401  (installs the version-stamping hook)
from .models.meta import DatabaseMeta
from .schema import ensure_current
from .sync_mixin import new_uuid

BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy issue BEGIN itself, so a transaction is a real SQLite transaction.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _on_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(db_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{db_path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _file_identity(db_path: Path) -> tuple[str, str]:
    st = os.stat(db_path)
    return str(db_path.resolve()), f"{st.st_dev}:{st.st_ino}"


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    db_id: str
    upgraded_from: str | None
    backup_path: Path | None

    def close(self) -> None:
        self.engine.dispose()


def _ensure_identity(sessions: sessionmaker[Session], db_path: Path) -> str:
    """Mints the database id on creation, and renews it when the file was copied or restored elsewhere."""
    home_path, home_inode = _file_identity(db_path)
    with sessions.begin() as session:
        meta = session.execute(select(DatabaseMeta)).scalar_one_or_none()
        if meta is None:
            meta = DatabaseMeta(
                singleton=1,
                db_id=new_uuid(),
                change_counter=0,
                home_path=home_path,
                home_inode=home_inode,
                previous_db_ids=[],
            )
            session.add(meta)
        elif (meta.home_path, meta.home_inode) != (home_path, home_inode):
            meta.previous_db_ids = [*meta.previous_db_ids, meta.db_id]
            meta.db_id = new_uuid()
            meta.home_path, meta.home_inode = home_path, home_inode
        return meta.db_id


def open_database(db_path: Path, backups_dir: Path) -> Database:
    upgraded_from, backup = ensure_current(db_path, backups_dir)
    engine = make_engine(db_path)
    sessions = sessionmaker(engine, expire_on_commit=False)
    db_id = _ensure_identity(sessions, db_path)
    return Database(db_path, engine, sessions, db_id, upgraded_from, backup)
