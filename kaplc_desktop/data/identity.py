"""The database's own random id: minted on creation, renewed when the file was copied or restored.

A copy is caught by its path and inode; a backup restored in place (same file, older content) is caught by
its change counter going back: the highest counter seen is kept beside the database, in kaplc.sqlite3.id.
Done with plain sqlite3 so opening a workspace does not wait for the ORM to load.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

from .sqlite_connect import connect


def file_identity(db_path: Path) -> tuple[str, str]:
    st = os.stat(db_path)
    return str(db_path.resolve()), f"{st.st_dev}:{st.st_ino}"


def _high_water_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".id")


def _read_high_water(db_path: Path) -> tuple[str | None, int]:
    try:
        raw = json.loads(_high_water_path(db_path).read_text(encoding="utf-8"))
        return str(raw["db_id"]), int(raw["counter"])
    except (OSError, ValueError, KeyError, TypeError):
        return None, 0


def record_high_water(db_path: Path) -> None:
    """Remembers (db id, change counter) outside the database, to recognise it if an older copy comes back."""
    from ..atomic_file import write_text_atomic

    conn = connect(db_path, read_only=True)
    try:
        row = conn.execute("SELECT db_id, change_counter FROM db_meta").fetchone()
    finally:
        conn.close()
    if row is not None:
        write_text_atomic(_high_water_path(db_path), json.dumps({"db_id": row[0], "counter": row[1]}))


@contextlib.contextmanager
def _meta_transaction(db_path: Path) -> Iterator[sqlite3.Connection]:
    """A write transaction on db_meta (rolled back on any error); the high-water mark is recorded after it."""
    conn = connect(db_path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    record_high_water(db_path)


def ensure_identity(db_path: Path) -> str:
    home_path, home_inode = file_identity(db_path)
    seen_id, seen_counter = _read_high_water(db_path)
    with _meta_transaction(db_path) as conn:
        row = conn.execute(
            "SELECT db_id, home_path, home_inode, previous_db_ids, change_counter FROM db_meta"
        ).fetchone()
        if row is None:
            db_id = str(uuid.uuid4())
            conn.execute(
                "INSERT INTO db_meta (singleton, db_id, change_counter, home_path, home_inode, "
                "previous_db_ids) VALUES (1, ?, 0, ?, ?, '[]')",
                (db_id, home_path, home_inode),
            )
        elif (row[1], row[2]) != (home_path, home_inode) or (row[0] == seen_id and row[4] < seen_counter):
            db_id = str(uuid.uuid4())
            previous = [*json.loads(row[3] or "[]"), row[0]]
            conn.execute(
                "UPDATE db_meta SET db_id = ?, home_path = ?, home_inode = ?, previous_db_ids = ?",
                (db_id, home_path, home_inode, json.dumps(previous)),
            )
        else:
            db_id = row[0]
    return db_id


def renew_db_id(db_path: Path) -> str:
    """Gives the database a new id (the old one joins previous_db_ids) and makes its current place its home; used
    when a rewind is detected and when a backup is restored (its counters must not be trusted by peers)."""
    home_path, home_inode = file_identity(db_path)
    with _meta_transaction(db_path) as conn:
        old, previous = conn.execute("SELECT db_id, previous_db_ids FROM db_meta").fetchone()
        db_id = str(uuid.uuid4())
        conn.execute(
            "UPDATE db_meta SET db_id = ?, previous_db_ids = ?, home_path = ?, home_inode = ?",
            (db_id, json.dumps([*json.loads(previous or "[]"), old]), home_path, home_inode),
        )
    return db_id
