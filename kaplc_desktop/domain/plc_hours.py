"""PLC hours arithmetic: a meeting's length, a person's attended part, the semester of a date and the pace
expected by a day of the academic year. Pure and in whole minutes, so totals never drift by rounding."""

from __future__ import annotations

import datetime as dt

from ..i18n import _
from .thai_years import academic_term, academic_year_range

MAX_MEETING_MINUTES = 12 * 60
SEMESTER_DAYS = ((5, 16), (10, 11)), ((11, 1), (3, 31))  # the teaching days of semester 1 and 2


def meeting_minutes(start: int, end: int) -> int:
    return max(0, end - start)


def attended_minutes(start: int, end: int, arrived: int | None, left: int | None) -> int:
    """The part of a meeting a person was there for: from arrival (or the start) to leaving (or the end)."""
    begin = start if arrived is None else max(arrived, start)
    finish = end if left is None else min(left, end)
    return max(0, finish - begin)


def attendance_note(start: int, end: int, arrived: int | None, left: int | None) -> str:
    """Why a person's hours are fewer than the meeting's, as printed beside them: "came 16.00, left 16.30"."""
    from .field_types import format_time

    parts = []
    if arrived is not None and arrived > start:
        parts.append(_("came {time}").format(time=format_time(arrived)))
    if left is not None and left < end:
        parts.append(_("left {time}").format(time=format_time(left)))
    return ", ".join(parts)


def meeting_time_text(start: int, end: int, arrived: int | None = None, left: int | None = None) -> str:
    """A meeting's time, with why someone's hours are fewer: 15.30–16.30 (left 16.00)."""
    from .field_types import format_time

    text = f"{format_time(start)}–{format_time(end)}"
    note = attendance_note(start, end, arrived, left)
    return f"{text} ({note})" if note else text


def hours_text(minutes: int) -> str:
    """Hours as a decimal, as totals are compared with the target: 2.5, 50, 1.25."""
    text = f"{minutes / 60:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def duration_text(minutes: int) -> str:
    """2 ชั่วโมง 30 นาที, as a log states a meeting's length."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("{h} h {m} min").format(h=hours, m=rest)
    if hours:
        return _("{h} h").format(h=hours)
    return _("{m} min").format(m=rest)


def semester_of(day: dt.date) -> int:
    """The semester a meeting on `day` counts toward: the October break closes semester 1, the April break
    semester 2."""
    term = academic_term(day)
    if term.semester:
        return term.semester
    return 1 if day.month == 10 else 2


def _teaching_days(year: int, until: dt.date | None = None) -> int:
    start, _end = academic_year_range(year)
    days = 0
    for (m1, d1), (m2, d2) in SEMESTER_DAYS:
        first = dt.date(start.year + (m1 < 5), m1, d1)
        last = dt.date(start.year + (m2 < 5), m2, d2)
        if until is not None:
            last = min(last, until)
        days += max(0, (last - first).days + 1)
    return days


def expected_minutes(year: int, target_hours: int, today: dt.date) -> int:
    """The hours a person on pace has by `today`: the target spread evenly over the year's teaching days."""
    total = _teaching_days(year)
    done = _teaching_days(year, today)
    return round(target_hours * 60 * done / total) if total else 0
