"""The database's own random id: minted on creation, renewed when the file was copied or restored elsewhere.

Done with plain sqlite3 so opening a workspace does not wait for the ORM to load.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

from .sqlite_connect import connect


def file_identity(db_path: Path) -> tuple[str, str]:
    st = os.stat(db_path)
    return str(db_path.resolve()), f"{st.st_dev}:{st.st_ino}"


def ensure_identity(db_path: Path) -> str:
    home_path, home_inode = file_identity(db_path)
    conn = connect(db_path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        row = conn.execute("SELECT db_id, home_path, home_inode, previous_db_ids FROM db_meta").fetchone()
        if row is None:
            db_id = str(uuid.uuid4())
            conn.execute(
                "INSERT INTO db_meta (singleton, db_id, change_counter, home_path, home_inode, "
                "previous_db_ids) VALUES (1, ?, 0, ?, ?, '[]')",
                (db_id, home_path, home_inode),
            )
        elif (row[1], row[2]) != (home_path, home_inode):
            db_id = str(uuid.uuid4())
            previous = [*json.loads(row[3] or "[]"), row[0]]
            conn.execute(
                "UPDATE db_meta SET db_id = ?, home_path = ?, home_inode = ?, previous_db_ids = ?",
                (db_id, home_path, home_inode, json.dumps(previous)),
            )
        else:
            db_id = row[0]
        conn.execute("COMMIT")
        return db_id
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
