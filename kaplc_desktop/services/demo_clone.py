"""A copy of a demo school made into another school: its own code, name, database id and record ids.

Making a demo school with two years of PLC takes seconds; a demo district needs two hundred of them. A few are
made the slow way, then copied: each copy's records get ids of their own (derived from the new code, so the same
seed gives the same district), the new code as owner, a version history under the copy's own database id, and
national IDs of its own. Ids that the program derives from a record's values (a school's profile, a survey round
of a year, a person's attendance of a meeting) are derived again from the new values, as the program would have.
Plain sqlite3 on a workspace that has never synced (no keys, no bundles): nothing else refers to its ids.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
from pathlib import Path
from typing import Any

from ..domain.national_id import check_digit
from ..domain.record_kind import DECLARED, RecordKind, identity_record_id, single_record_id

_NAMESPACE = uuid.UUID("2d6f0c8e-5b1a-5d3c-8e7f-4b4150434c32")
_SKIPPED = ("kaplc.lock", "kaplc.sqlite3.id", "logs", "backups", "outbox", "*-wal", "*-shm")


def _school_kinds() -> list[RecordKind]:
    """The school's declared kinds, each after the kinds it refers to (so references are mapped first)."""
    from ..domain import kinds  # noqa: F401  (declares them all)

    pending = {k.name: k for k in DECLARED.values() if k.owner == "school"}
    ordered: list[RecordKind] = []
    while pending:
        ready = sorted(n for n, k in pending.items() if not (set(k.references.values()) - {n}) & set(pending))
        if not ready:
            raise ValueError(f"declared kinds refer to each other in a cycle: {', '.join(sorted(pending))}")
        ordered += [pending.pop(n) for n in ready]
    return ordered


def _copy_folder(template: Path, target: Path) -> None:
    def link(src: str, dst: str) -> None:
        if Path(src).name == "kaplc.sqlite3":
            shutil.copy2(src, dst)  # the database is rewritten: its own copy
            return
        try:
            Path(dst).hardlink_to(src)  # attachments never change in place: two hundred schools share them
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(template, target, ignore=shutil.ignore_patterns(*_SKIPPED), copy_function=link)


def clone_school(template: Path, target: Path, code: str, name: str, people_salt: int) -> None:
    """Copies the demo school in `template` to `target` as school `code` called `name`."""
    from ..data.identity import file_identity

    _copy_folder(template, target)
    db_path = target / "kaplc.sqlite3"
    new_db = str(uuid.uuid5(_NAMESPACE, f"db:{code}"))
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")  # every id and every reference to it changes in one go
        conn.execute("BEGIN IMMEDIATE")
        old_db = conn.execute("SELECT db_id FROM db_meta").fetchone()[0]
        maps: dict[str, dict[str, str]] = {}
        for kind in _school_kinds():
            maps[kind.name] = _rekey(conn, kind, code, new_db, old_db, maps, people_salt)
        conn.execute("UPDATE workspace SET school_code = ?, school_name = ?", (code, name))
        home_path, home_inode = file_identity(db_path)
        conn.execute(
            "UPDATE db_meta SET db_id = ?, home_path = ?, home_inode = ?, previous_db_ids = '[]'",
            (new_db, home_path, home_inode),
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()


def _rekey(
    conn: sqlite3.Connection,
    kind: RecordKind,
    code: str,
    new_db: str,
    old_db: str,
    maps: dict[str, dict[str, str]],
    people_salt: int,
) -> dict[str, str]:
    names = [f.name for f in kind.fields]
    rows = conn.execute(f"SELECT id, version_vector, {', '.join(names)} FROM {kind.table}").fetchall()
    mapped: dict[str, str] = {}
    updates: list[tuple[Any, ...]] = []
    references = kind.references
    for row in rows:
        old_id, vector = row[0], json.loads(row[1])
        values = dict(zip(names, row[2:], strict=True))
        for field, target in references.items():
            if values[field] is not None:
                values[field] = (mapped if target == kind.name else maps.get(target, {})).get(
                    values[field], values[field]
                )
        if kind.name == "personnel" and values.get("national_id"):
            values["national_id"] = _national_id(f"{code}:{values['national_id']}:{people_salt}")
        if kind.single:
            new_id = single_record_id(kind.name, code)
        elif kind.identity:
            new_id = identity_record_id(kind, {**values, "owner_code": code})
        else:
            new_id = str(uuid.uuid5(_NAMESPACE, f"{code}:{old_id}"))
        mapped[old_id] = new_id
        vector = {(new_db if db == old_db else db): n for db, n in vector.items()}
        updates.append(
            (new_id, code, new_db, json.dumps(vector), *(values[f] for f in (*references, *_extra(kind))), old_id)
        )
    columns = ["id", "owner_code", "version_db", "version_vector", *references, *_extra(kind)]
    assignments = ", ".join(f"{c} = ?" for c in columns)
    conn.executemany(f"UPDATE {kind.table} SET {assignments} WHERE id = ?", updates)
    # a self-reference names records of the same table: mapped once every id of the table is known
    for field, target in references.items():
        if target == kind.name:
            conn.executemany(
                f"UPDATE {kind.table} SET {field} = ? WHERE {field} = ?",
                [(new, old) for old, new in mapped.items()],
            )
    return mapped


def _extra(kind: RecordKind) -> tuple[str, ...]:
    return ("national_id",) if kind.name == "personnel" else ()


def _national_id(seed: str) -> str:
    """A valid 13-digit national ID of its own for a copied person (category 1 or 3, Songkhla's 90)."""
    digits = uuid.uuid5(_NAMESPACE, seed).int
    first12 = "13"[digits % 2] + "90" + f"{digits % 10**9:09d}"
    return first12 + str(check_digit(first12))
