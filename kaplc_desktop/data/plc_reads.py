"""Fast reads of PLC records, straight from the store: hours per person and period, each group's counts, the
meetings a person attended, and who is booked in another meeting at the same time.

A person's part of a meeting is computed in SQL (arrival and leaving clipped to the meeting), as
domain/plc_hours.attended_minutes does; only live attendance of live meetings of live groups counts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any, Literal

from .store import SqlSpelling, Store

Period = Literal["academic", "fiscal"]


def _attended(q: SqlSpelling) -> str:
    """The minutes of a meeting a person was there for: arrival and leaving clipped to the meeting, never below 0."""
    start = q.greatest.format(a="coalesce(a.arrived_at, m.start_time)", b="m.start_time")
    end = q.least.format(a="coalesce(a.left_at, m.end_time)", b="m.end_time")
    return q.greatest.format(a="0", b=f"{end} - {start}")


def _year_bounds(q: SqlSpelling, year: str) -> tuple[str, str]:
    """The first and last day of the academic year `year` (BE): 16 May – 15 May of the next year."""
    return (
        q.year_day.format(year=f"{year} - 543", month=5, day=16),
        q.year_day.format(year=f"{year} - 542", month=5, day=15),
    )


def _in_year(q: SqlSpelling) -> str:
    first, last = _year_bounds(q, "g.academic_year")
    return f"m.date BETWEEN {first} AND {last}"


def _groups(q: SqlSpelling) -> str:
    """Live groups with the first and last day of their academic year, worked out once per group (not per row)."""
    first, last = _year_bounds(q, "academic_year")
    return (
        "WITH g AS MATERIALIZED (SELECT id, name, academic_year, owner_code, "
        f"{first} AS first_day, {last} AS last_day FROM plc_groups WHERE deleted_at IS NULL) "
    )


def _joins(q: SqlSpelling) -> str:
    """Groups, then their meetings, then who attended (in that order: a year's groups narrow it down first)."""
    join = q.ordered_join
    return f"g {join} plc_meetings m ON m.group_id = g.id {join} plc_attendance a ON a.meeting_id = m.id"


# live attendance of a live meeting of a live group, the meeting within its group's academic year (16 May – 15 May
# of the next year: a forged or mistyped date elsewhere never adds to that year's hours)
LIVE = "a.deleted_at IS NULL AND m.deleted_at IS NULL AND m.date BETWEEN g.first_day AND g.last_day"


def _period_sql(q: SqlSpelling, period: Period) -> str:
    """The year a meeting counts in: its group's academic year, or the Thai fiscal year (1 Oct – 30 Sep) named by
    its ending year, in the Buddhist Era."""
    return "g.academic_year" if period == "academic" else f"({q.fiscal_year.format(date='m.date')} + 543)"


def _owned(where: str, params: list[Any], owner: str | None, alias: str = "g") -> str:
    """Keeps one school's records (a district holds every school's); None: all of them (a school's own)."""
    if owner is None:
        return where
    params.append(owner)
    return f"{where} AND {alias}.owner_code = ?"


def hours(
    store: Store, period: Period, until: dt.date, year: int | None = None, owner: str | None = None
) -> dict[tuple[str, int], tuple[int, int]]:
    """(person id, year) → (minutes attended, meetings attended), counting meetings held up to `until`."""
    column = _period_sql(store.sql, period)
    params: list[Any] = [until.isoformat()]
    where = _owned(f"{LIVE} AND m.date <= ?", params, owner)
    if year is not None:
        where += f" AND {column} = ?"
        params.append(year)
    q = store.sql
    sql = (
        f"{_groups(q)}SELECT a.person_id, {column}, sum({_attended(q)}), count(*) "
        f"FROM {_joins(q)} WHERE {where} GROUP BY 1, 2"
    )
    return {(person, int(y)): (int(minutes), int(n)) for person, y, minutes, n in store.rows(sql, params)}


def years(store: Store, period: Period, owner: str | None = None) -> list[int]:
    """The years that have meetings, newest first."""
    column = _period_sql(store.sql, period)
    params: list[Any] = []
    where = _owned("m.deleted_at IS NULL AND g.deleted_at IS NULL", params, owner)
    sql = (
        f"SELECT DISTINCT {column} FROM plc_meetings m JOIN plc_groups g ON g.id = m.group_id "
        f"WHERE {where} ORDER BY 1 DESC"
    )
    return [int(y) for (y,) in store.rows(sql, params)]


def attended(
    store: Store, person_id: str | None, period: Period, year: int, until: dt.date, owner: str | None = None
) -> list[dict[str, Any]]:
    """The meetings attended in a year (by one person, or by everyone), oldest first, with the part attended."""
    column = _period_sql(store.sql, period)
    params: list[Any] = [year, until.isoformat()]
    where = _owned(f"{LIVE} AND {column} = ? AND m.date <= ?", params, owner)
    if person_id is not None:
        where += " AND a.person_id = ?"
        params.append(person_id)
    q = store.sql
    sql = (
        f"{_groups(q)}SELECT a.person_id, m.id, g.id, g.name, g.academic_year, m.semester, m.session_no, "
        f"m.activity_type, m.date, m.start_time, m.end_time, m.steps, {_attended(q)}, a.arrived_at, a.left_at "
        f"FROM {_joins(q)} WHERE {where} "
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
    for row in store.rows(sql, params):
        item = dict(zip(keys, row, strict=True))
        item["date"] = dt.date.fromisoformat(item["date"])
        item["steps"] = tuple(json.loads(item["steps"] or "[]"))
        found.append(item)
    return found


def group_counts(store: Store, owner: str | None = None) -> dict[str, tuple[int, int, int]]:
    """Group id → (live members, live meetings, meeting minutes) for every live group."""
    in_year = _in_year(store.sql)
    sql = (
        "SELECT g.id, "
        "(SELECT count(*) FROM plc_members p WHERE p.group_id = g.id AND p.deleted_at IS NULL), "
        f"(SELECT count(*) FROM plc_meetings m WHERE m.group_id = g.id AND m.deleted_at IS NULL AND {in_year}), "
        "(SELECT coalesce(sum(m.end_time - m.start_time), 0) FROM plc_meetings m "
        f"WHERE m.group_id = g.id AND m.deleted_at IS NULL AND {in_year}) "
        "FROM plc_groups g WHERE g.deleted_at IS NULL"
    )
    params: list[Any] = []
    sql = _owned(sql, params, owner)
    rows = store.rows(sql, params)
    return {gid: (int(members), int(meetings), int(minutes)) for gid, members, meetings, minutes in rows}


def booked(store: Store, day: dt.date, person_ids: Iterable[str], exclude_meeting: str | None) -> list[dict[str, Any]]:
    """Other live meetings on `day` that these people attend, with their times (to find double bookings)."""
    ids = list(person_ids)
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    sql = (
        f"{_groups(store.sql)}SELECT a.person_id, m.id, g.name, m.session_no, m.start_time, m.end_time, "
        "coalesce(a.arrived_at, m.start_time), coalesce(a.left_at, m.end_time) "
        f"FROM {_joins(store.sql)} WHERE {LIVE} AND m.date = ? AND a.person_id IN ({marks}) AND m.id IS DISTINCT FROM ?"
    )
    keys = ("person_id", "meeting_id", "group_name", "session_no", "start_time", "end_time", "from", "to")
    return [dict(zip(keys, r, strict=True)) for r in store.rows(sql, [day.isoformat(), *ids, exclude_meeting])]


def group_meetings_on(store: Store, group_id: str, day: dt.date, exclude_meeting: str | None) -> list[tuple[Any, ...]]:
    """(meeting id, session no, start, end) of the group's other live meetings on `day` (duplicates)."""
    sql = (
        "SELECT id, session_no, start_time, end_time FROM plc_meetings "
        "WHERE group_id = ? AND date = ? AND deleted_at IS NULL AND id IS DISTINCT FROM ?"
    )
    return store.rows(sql, [group_id, day.isoformat(), exclude_meeting])


def next_session_no(store: Store, group_id: str, semester: int) -> int:
    sql = (
        "SELECT coalesce(max(session_no), 0) + 1 FROM plc_meetings "
        "WHERE group_id = ? AND semester = ? AND deleted_at IS NULL"
    )
    return int(store.rows(sql, [group_id, semester])[0][0])


def session_taken(store: Store, group_id: str, semester: int, session_no: int, exclude_meeting: str | None) -> bool:
    sql = (
        "SELECT 1 FROM plc_meetings WHERE group_id = ? AND semester = ? AND session_no = ? "
        "AND deleted_at IS NULL AND id IS DISTINCT FROM ?"
    )
    return bool(store.rows(sql, [group_id, semester, session_no, exclude_meeting]))
