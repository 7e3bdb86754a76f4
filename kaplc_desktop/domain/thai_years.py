"""The Thai fiscal year (Oct–Sep, named by its ending BE year) and academic year (from 16 May)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .buddhist_date import to_be_year, to_ce_year


def fiscal_year(day: dt.date) -> int:
    """ปีงบประมาณ 2569 runs 1 Oct 2568 – 30 Sep 2569."""
    ce = day.year + 1 if day.month >= 10 else day.year
    return to_be_year(ce)


def fiscal_year_range(be_year: int) -> tuple[dt.date, dt.date]:
    ce = to_ce_year(be_year)
    return dt.date(ce - 1, 10, 1), dt.date(ce, 9, 30)


@dataclass(frozen=True)
class AcademicTerm:
    """ภาคเรียนที่ semester/year; semester 0 is a break between terms (1 Apr – 15 May, 12–31 Oct)."""

    year: int
    semester: int

    def label(self) -> str:
        return f"{self.semester}/{self.year}"


def academic_year(day: dt.date) -> int:
    """The BE academic year a day belongs to; it starts on 16 May."""
    starts_this_year = (day.month, day.day) >= (5, 16)
    return to_be_year(day.year if starts_this_year else day.year - 1)


def academic_term(day: dt.date) -> AcademicTerm:
    """Semester 1: 16 May – 11 Oct; semester 2: 1 Nov – 31 Mar; otherwise a break (semester 0)."""
    year = academic_year(day)
    md = (day.month, day.day)
    if (5, 16) <= md <= (10, 11):
        return AcademicTerm(year, 1)
    if md >= (11, 1) or md <= (3, 31):
        return AcademicTerm(year, 2)
    return AcademicTerm(year, 0)


def academic_year_range(be_year: int) -> tuple[dt.date, dt.date]:
    ce = to_ce_year(be_year)
    return dt.date(ce, 5, 16), dt.date(ce + 1, 5, 15)
