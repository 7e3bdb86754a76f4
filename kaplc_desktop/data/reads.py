"""Fast reads that fill lists and headers, straight from the store (the ORM loads later, for writes).

They return plain dicts with Python values, decoded from the formats the ORM writes (ISO dates and
timestamps in UTC, JSON text).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .store import Store


def _timestamp(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text + "+00:00") if text else None


def count(store: Store, sql: str) -> int:
    return int(store.rows(sql)[0][0])


def workspace(store: Store) -> dict[str, Any] | None:
    # a school's name, ESA and principal are its profile's (edited in Settings); the workspace keeps what set-up
    # was given, for a database whose profile is not there — or older than profiles (a backup of revision 0005)
    if not store.has_table("school_profiles"):
        rows = store.rows(
            "SELECT kind, school_code, school_name, esa_code, esa_name, principal_name, is_demo "
            "FROM workspace WHERE singleton = 1",
        )
        return _workspace_row(rows)
    rows = store.rows(
        "SELECT w.kind, w.school_code, coalesce(p.school_name, w.school_name), w.esa_code, "
        "coalesce(p.esa_name, w.esa_name), CASE WHEN p.id IS NULL THEN w.principal_name ELSE p.principal_name END, "
        "w.is_demo FROM workspace w LEFT JOIN school_profiles p ON w.kind = 'school' "
        "AND p.owner_code = w.school_code AND p.deleted_at IS NULL WHERE w.singleton = 1",
    )
    return _workspace_row(rows)


def _workspace_row(rows: list[tuple[Any, ...]]) -> dict[str, Any] | None:
    if not rows:
        return None
    keys = ("kind", "school_code", "school_name", "esa_code", "esa_name", "principal_name", "is_demo")
    data = dict(zip(keys, rows[0], strict=True))
    data["is_demo"] = bool(data["is_demo"])
    return data


def attachment_hashes(store: Store) -> set[str]:
    """The attachments the database knows (files in the store that it does not know are leftovers)."""
    return {r[0] for r in store.rows("SELECT sha256 FROM attachments")}


def attachment_content(store: Store, sha256: str) -> bytes | None:
    """A file's bytes as a server workspace keeps them (None when it does not have them)."""
    found = store.rows("SELECT content FROM attachment_contents WHERE sha256 = ?", (sha256,))
    return bytes(found[0][0]) if found else None


def person_identities(store: Store) -> list[tuple[str, str, str, str | None]]:
    """(id, Thai first name, Thai last name, national ID) of every live record, to find duplicates."""
    return [
        tuple(r)
        for r in store.rows(  # type: ignore[misc]
            "SELECT id, first_name_th, last_name_th, national_id FROM personnel WHERE deleted_at IS NULL"
        )
    ]


def district_settings(store: Store) -> list[dict[str, Any]]:
    """Every live academic year's settings, newest year first."""
    rows = store.rows(
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
