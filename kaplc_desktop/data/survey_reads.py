"""Reads of the survey that the fast record read cannot give: when each form last changed, counting its ratings and
needs (tombstones too: a need deleted after a workbook was exported is a change)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .sqlite_connect import connect


def forms_changed_at(db_path: Path, round_id: str) -> dict[str, dt.datetime]:
    """person id → the latest updated_at of their form of the round, its ratings and its needs."""
    sql = """
        SELECT f.person_id, max(f.updated_at, coalesce(r.at, ''), coalesce(n.at, ''))
        FROM survey_forms f
        LEFT JOIN (SELECT form_id, max(updated_at) AS at FROM survey_ratings GROUP BY form_id) r ON r.form_id = f.id
        LEFT JOIN (SELECT form_id, max(updated_at) AS at FROM survey_needs GROUP BY form_id) n ON n.form_id = f.id
        WHERE f.round_id = ?
    """
    conn = connect(db_path, read_only=True)
    try:
        rows = conn.execute(sql, (round_id,)).fetchall()
    finally:
        conn.close()
    return {person: dt.datetime.fromisoformat(at + "+00:00") for person, at in rows if at}
