import datetime as dt

import pytest

from kaplc_desktop.domain.thai_years import (
    AcademicTerm,
    academic_term,
    academic_year,
    academic_year_range,
    fiscal_year,
    fiscal_year_range,
)


@pytest.mark.parametrize(
    "day,year",
    [
        (dt.date(2025, 10, 1), 2569),
        (dt.date(2026, 9, 30), 2569),
        (dt.date(2026, 10, 1), 2570),
        (dt.date(2026, 7, 15), 2569),
    ],
)
def test_fiscal_year_is_named_by_its_ending_year(day: dt.date, year: int) -> None:
    assert fiscal_year(day) == year


def test_fiscal_year_range() -> None:
    assert fiscal_year_range(2569) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))


@pytest.mark.parametrize(
    "day,term",
    [
        (dt.date(2025, 5, 16), AcademicTerm(2568, 1)),
        (dt.date(2025, 10, 11), AcademicTerm(2568, 1)),
        (dt.date(2025, 10, 20), AcademicTerm(2568, 0)),
        (dt.date(2025, 11, 1), AcademicTerm(2568, 2)),
        (dt.date(2026, 3, 31), AcademicTerm(2568, 2)),
        (dt.date(2026, 4, 20), AcademicTerm(2568, 0)),
        (dt.date(2026, 5, 15), AcademicTerm(2568, 0)),
        (dt.date(2026, 7, 1), AcademicTerm(2569, 1)),
    ],
)
def test_academic_terms(day: dt.date, term: AcademicTerm) -> None:
    assert academic_term(day) == term
    assert academic_year(day) == term.year


def test_academic_label_and_range() -> None:
    assert AcademicTerm(2568, 1).label() == "1/2568"
    assert academic_year_range(2568) == (dt.date(2025, 5, 16), dt.date(2026, 5, 15))
