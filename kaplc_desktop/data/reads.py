"""Fast reads that fill lists and headers, with plain sqlite3 (the ORM loads later, for writes).

They return plain dicts with Python values, decoded from the formats the ORM writes (ISO dates and
timestamps in UTC, JSON text).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from ..domain.person_fields import FIELD_LABELS
from .sqlite_connect import connect

PERSON_COLUMNS = ("id", *FIELD_LABELS, "created_at", "updated_at", "deleted_at", "photo_sha256")
_DATES = {"start_date", "status_date"}
_TIMESTAMPS = {"created_at", "updated_at", "deleted_at"}


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _timestamp(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text + "+00:00") if text else None


def _query(db_path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    conn = connect(db_path, read_only=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def workspace(db_path: Path) -> dict[str, Any] | None:
    rows = _query(
        db_path,
        "SELECT kind, school_code, school_name, esa_code, esa_name, principal_name, is_demo "
        "FROM workspace WHERE singleton = 1",
    )
    if not rows:
        return None
    keys = ("kind", "school_code", "school_name", "esa_code", "esa_name", "principal_name", "is_demo")
    data = dict(zip(keys, rows[0], strict=True))
    data["is_demo"] = bool(data["is_demo"])
    return data


def attachment_hashes(db_path: Path) -> set[str]:
    """The attachments the database knows (files in the store that it does not know are leftovers)."""
    return {r[0] for r in _query(db_path, "SELECT sha256 FROM attachments")}


def personnel_counts(db_path: Path) -> tuple[int, int]:
    """(live records, records in the Trash)."""
    live, trash = _query(db_path, "SELECT sum(deleted_at IS NULL), sum(deleted_at IS NOT NULL) FROM personnel")[0]
    return int(live or 0), int(trash or 0)


def personnel(db_path: Path, *, deleted: bool = False, person_id: str | None = None) -> list[dict[str, Any]]:
    where = "deleted_at IS NOT NULL" if deleted else "deleted_at IS NULL"
    params: tuple[Any, ...] = ()
    if person_id is not None:
        where, params = "id = ?", (person_id,)
    rows = _query(
        db_path,
        f"SELECT {', '.join(PERSON_COLUMNS)} FROM personnel WHERE {where} ORDER BY first_name_th, last_name_th",
        params,
    )
    result = []
    for row in rows:
        data = dict(zip(PERSON_COLUMNS, row, strict=True))
        areas = data["learning_areas"]
        data["learning_areas"] = tuple(json.loads(areas)) if areas and areas != "[]" else ()
        for key in _DATES:
            data[key] = _date(data[key])
        for key in _TIMESTAMPS:
            data[key] = _timestamp(data[key])
        result.append(data)
    return result


def person_identities(db_path: Path) -> list[tuple[str, str, str, str | None]]:
    """(id, Thai first name, Thai last name, national ID) of every live record, to find duplicates."""
    return [
        tuple(r)
        for r in _query(  # type: ignore[misc]
            db_path, "SELECT id, first_name_th, last_name_th, national_id FROM personnel WHERE deleted_at IS NULL"
        )
    ]


def district_settings(db_path: Path) -> list[dict[str, Any]]:
    """Every live academic year's settings, newest year first."""
    rows = _query(
        db_path,
        "SELECT academic_year, plc_hours_target, deadlines, needs_topics, updated_at "
        "FROM district_settings WHERE deleted_at IS NULL ORDER BY academic_year DESC",
    )
    return [
        {
            "academic_year": r[0],
            "plc_hours_target": r[1],
            "deadlines": json.loads(r[2] or "{}"),
            "needs_topics": json.loads(r[3] or "[]"),
            "updated_at": _timestamp(r[4]),
        }
        for r in rows
    ]
