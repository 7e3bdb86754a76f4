"""Fast reads of PLC records with plain sqlite3: hours per person and period, each group's counts, the
meetings a person attended, and who is booked in another meeting at the same time.

A person's part of a meeting is computed in SQL (arrival and leaving clipped to the meeting), as
domain/plc_hours.attended_minutes does; only live attendance of live meetings of live groups counts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from .sqlite_connect import connect

Period = Literal["academic", "fiscal"]

ATTENDED = (
    "max(0, min(coalesce(a.left_at, m.end_time), m.end_time) - max(coalesce(a.arrived_at, m.start_time), m.start_time))"
)
IN_YEAR = "m.date BETWEEN printf('%04d-05-16', g.academic_year - 543) AND printf('%04d-05-15', g.academic_year - 542)"
# live groups with the first and last day of their academic year, worked out once per group (not once per row)
GROUPS = (
    "WITH g AS MATERIALIZED (SELECT id, name, academic_year, owner_code, "
    "printf('%04d-05-16', academic_year - 543) AS first_day, printf('%04d-05-15', academic_year - 542) AS last_day "
    "FROM plc_groups WHERE deleted_at IS NULL) "
)
# groups, then their meetings, then who attended (in that order: a year's groups narrow it down first)
JOINS = "g CROSS JOIN plc_meetings m ON m.group_id = g.id CROSS JOIN plc_attendance a ON a.meeting_id = m.id"
# live attendance of a live meeting of a live group, the meeting within its group's academic year (16 May – 15 May
# of the next year: a forged or mistyped date elsewhere never adds to that year's hours)
LIVE = "a.deleted_at IS NULL AND m.deleted_at IS NULL AND m.date BETWEEN g.first_day AND g.last_day"
# the Thai fiscal year (1 Oct – 30 Sep) named by its ending year, in the Buddhist Era
FISCAL = "(CAST(substr(m.date, 1, 4) AS INTEGER) + (substr(m.date, 6, 2) >= '10') + 543)"


def _period_sql(period: Period) -> str:
    return "g.academic_year" if period == "academic" else FISCAL


def _rows(db_path: Path, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
    conn = connect(db_path, read_only=True)
    try:
        return conn.execute(sql, tuple(params)).fetchall()
    finally:
        conn.close()


def _owned(where: str, params: list[Any], owner: str | None, alias: str = "g") -> str:
    """Keeps one school's records (a district holds every school's); None: all of them (a school's own)."""
    if owner is None:
        return where
    params.append(owner)
    return f"{where} AND {alias}.owner_code = ?"


def hours(
    db_path: Path, period: Period, until: dt.date, year: int | None = None, owner: str | None = None
) -> dict[tuple[str, int], tuple[int, int]]:
    """(person id, year) → (minutes attended, meetings attended), counting meetings held up to `until`."""
    column = _period_sql(period)
    params: list[Any] = [until.isoformat()]
    where = _owned(f"{LIVE} AND m.date <= ?", params, owner)
    if year is not None:
        where += f" AND {column} = ?"
        params.append(year)
    sql = f"{GROUPS}SELECT a.person_id, {column}, sum({ATTENDED}), count(*) FROM {JOINS} WHERE {where} GROUP BY 1, 2"
    return {(person, int(y)): (int(minutes), int(n)) for person, y, minutes, n in _rows(db_path, sql, params)}


def years(db_path: Path, period: Period, owner: str | None = None) -> list[int]:
    """The years that have meetings, newest first."""
    column = _period_sql(period)
    params: list[Any] = []
    where = _owned("m.deleted_at IS NULL AND g.deleted_at IS NULL", params, owner)
    sql = (
        f"SELECT DISTINCT {column} FROM plc_meetings m JOIN plc_groups g ON g.id = m.group_id "
        f"WHERE {where} ORDER BY 1 DESC"
    )
    return [int(y) for (y,) in _rows(db_path, sql, params)]


def attended(
    db_path: Path, person_id: str | None, period: Period, year: int, until: dt.date, owner: str | None = None
) -> list[dict[str, Any]]:
    """The meetings attended in a year (by one person, or by everyone), oldest first, with the part attended."""
    column = _period_sql(period)
    params: list[Any] = [year, until.isoformat()]
    where = _owned(f"{LIVE} AND {column} = ? AND m.date <= ?", params, owner)
    if person_id is not None:
        where += " AND a.person_id = ?"
        params.append(person_id)
    sql = (
        f"{GROUPS}SELECT a.person_id, m.id, g.id, g.name, g.academic_year, m.semester, m.session_no, m.activity_type, "
        f"m.date, m.start_time, m.end_time, m.steps, {ATTENDED}, a.arrived_at, a.left_at FROM {JOINS} WHERE {where} "
        "ORDER BY m.date, m.start_time, g.name"
    )
    keys = (
        "person_id",
        "meeting_id",
        "group_id",
        "group_name",
        "academic_year",
        "semester",
        "session_no",
        "activity_type",
        "date",
        "start_time",
        "end_time",
        "steps",
        "minutes",
        "arrived_at",
        "left_at",
    )
    found = []
    for row in _rows(db_path, sql, params):
        item = dict(zip(keys, row, strict=True))
        item["date"] = dt.date.fromisoformat(item["date"])
        item["steps"] = tuple(json.loads(item["steps"] or "[]"))
        found.append(item)
    return found


def group_counts(db_path: Path, owner: str | None = None) -> dict[str, tuple[int, int, int]]:
    """Group id → (live members, live meetings, meeting minutes) for every live group."""
    sql = (
        "SELECT g.id, "
        "(SELECT count(*) FROM plc_members p WHERE p.group_id = g.id AND p.deleted_at IS NULL), "
        f"(SELECT count(*) FROM plc_meetings m WHERE m.group_id = g.id AND m.deleted_at IS NULL AND {IN_YEAR}), "
        "(SELECT coalesce(sum(m.end_time - m.start_time), 0) FROM plc_meetings m "
        f"WHERE m.group_id = g.id AND m.deleted_at IS NULL AND {IN_YEAR}) "
        "FROM plc_groups g WHERE g.deleted_at IS NULL"
    )
    params: list[Any] = []
    sql = _owned(sql, params, owner)
    rows = _rows(db_path, sql, params)
    return {gid: (int(members), int(meetings), int(minutes)) for gid, members, meetings, minutes in rows}


def booked(db_path: Path, day: dt.date, person_ids: Iterable[str], exclude_meeting: str | None) -> list[dict[str, Any]]:
    """Other live meetings on `day` that these people attend, with their times (to find double bookings)."""
    ids = list(person_ids)
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    sql = (
        f"{GROUPS}SELECT a.person_id, m.id, g.name, m.session_no, m.start_time, m.end_time, "
        "coalesce(a.arrived_at, m.start_time), coalesce(a.left_at, m.end_time) "
        f"FROM {JOINS} WHERE {LIVE} AND m.date = ? AND a.person_id IN ({marks}) AND m.id IS NOT ?"
    )
    keys = ("person_id", "meeting_id", "group_name", "session_no", "start_time", "end_time", "from", "to")
    return [dict(zip(keys, r, strict=True)) for r in _rows(db_path, sql, [day.isoformat(), *ids, exclude_meeting])]


def group_meetings_on(db_path: Path, group_id: str, day: dt.date, exclude_meeting: str | None) -> list[tuple[Any, ...]]:
    """(meeting id, session no, start, end) of the group's other live meetings on `day` (duplicates)."""
    sql = (
        "SELECT id, session_no, start_time, end_time FROM plc_meetings "
        "WHERE group_id = ? AND date = ? AND deleted_at IS NULL AND id IS NOT ?"
    )
    return _rows(db_path, sql, [group_id, day.isoformat(), exclude_meeting])


def next_session_no(db_path: Path, group_id: str, semester: int) -> int:
    sql = (
        "SELECT coalesce(max(session_no), 0) + 1 FROM plc_meetings "
        "WHERE group_id = ? AND semester = ? AND deleted_at IS NULL"
    )
    return int(_rows(db_path, sql, [group_id, semester])[0][0])


def session_taken(db_path: Path, group_id: str, semester: int, session_no: int, exclude_meeting: str | None) -> bool:
    sql = (
        "SELECT 1 FROM plc_meetings WHERE group_id = ? AND semester = ? AND session_no = ? "
        "AND deleted_at IS NULL AND id IS NOT ?"
    )
    return bool(_rows(db_path, sql, [group_id, semester, session_no, exclude_meeting]))
