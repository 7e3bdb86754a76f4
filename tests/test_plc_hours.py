"""PLC hours arithmetic: a person's part of a meeting, semesters, academic and fiscal year boundaries, pace."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaplc_desktop.domain.plc_hours import (
    attended_minutes,
    duration_text,
    expected_minutes,
    hours_text,
    semester_of,
)


def test_a_person_counts_the_part_of_the_meeting_they_were_there_for() -> None:
    start, end = 15 * 60 + 30, 17 * 60  # 15.30–17.00
    assert attended_minutes(start, end, None, None) == 90
    assert attended_minutes(start, end, None, 16 * 60 + 30) == 60  # left early
    assert attended_minutes(start, end, 16 * 60, None) == 60  # came late
    assert attended_minutes(start, end, 15 * 60, 18 * 60) == 90  # times outside the meeting do not add hours
    assert attended_minutes(start, end, 17 * 60, None) == 0


@given(st.integers(0, 1439), st.integers(0, 1439), st.none() | st.integers(0, 1439), st.none() | st.integers(0, 1439))
def test_attended_minutes_never_exceed_the_meeting_nor_go_negative(
    start: int, end: int, a: int | None, b: int | None
) -> None:
    got = attended_minutes(start, end, a, b)
    assert 0 <= got <= max(0, end - start)


@pytest.mark.parametrize(
    ("day", "semester"),
    [
        ("2026-05-16", 1),  # the first day of the academic year
        ("2026-10-11", 1),
        ("2026-10-20", 1),  # the October break closes semester 1
        ("2026-11-01", 2),
        ("2027-03-31", 2),
        ("2027-04-20", 2),  # the April break closes semester 2
        ("2027-05-15", 2),  # the last day of academic year 2569
    ],
)
def test_the_semester_of_a_date(day: str, semester: int) -> None:
    assert semester_of(dt.date.fromisoformat(day)) == semester


def test_hours_are_shown_as_decimals_and_durations() -> None:
    assert [hours_text(m) for m in (0, 60, 90, 75, 3000)] == ["0", "1", "1.5", "1.25", "50"]
    assert duration_text(150) == "2 ชั่วโมง 30 นาที"


def test_the_pace_rises_through_the_teaching_days_to_the_target() -> None:
    year = 2569
    before = expected_minutes(year, 50, dt.date(2026, 5, 1))
    mid = expected_minutes(year, 50, dt.date(2026, 10, 25))  # the October break: no teaching days pass
    mid2 = expected_minutes(year, 50, dt.date(2026, 10, 31))
    end = expected_minutes(year, 50, dt.date(2027, 4, 30))
    assert before == 0 and end == 50 * 60
    assert mid == mid2 and 0.45 * 3000 < mid < 0.55 * 3000
