import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaplc_desktop.domain import buddhist_date
from kaplc_desktop.errors import ValidationError
from kaplc_desktop.i18n import set_language


def test_formats_in_the_buddhist_era() -> None:
    day = dt.date(2026, 11, 25)
    assert buddhist_date.format_short(day) == "25/11/2569"
    assert buddhist_date.format_long(day) == "25 พฤศจิกายน 2569"
    assert buddhist_date.format_medium(day) == "25 พ.ย. 2569"
    set_language("en")
    assert buddhist_date.format_long(day) == "25 November 2569 BE"


@pytest.mark.parametrize(
    "text", ["25/11/2569", "25-11-2569", "25.11.2569", "25 พ.ย. 2569", "25 พฤศจิกายน 2569", "๒๕/๑๑/๒๕๖๙", "2026-11-25"]
)
def test_parses_the_ways_people_type_dates(text: str) -> None:
    assert buddhist_date.parse(text) == dt.date(2026, 11, 25)


def test_empty_is_none() -> None:
    assert buddhist_date.parse("") is None
    assert buddhist_date.parse(None) is None


@pytest.mark.parametrize(
    "text,needle", [("31/02/2568", "ไม่มีวันที่"), ("25/11/2026", "ค.ศ."), ("yesterday", "อ่านวันที่"), ("1/13/2568", "ไม่มีวันที่")]
)
def test_bad_dates_say_what_to_do(text: str, needle: str) -> None:
    with pytest.raises(ValidationError) as err:
        buddhist_date.parse(text, "start_date")
    assert needle in err.value.message
    assert err.value.errors[0].field == "start_date"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2400, 12, 31)))
def test_short_format_round_trips(day: dt.date) -> None:
    assert buddhist_date.parse(buddhist_date.format_short(day)) == day
    assert buddhist_date.parse(buddhist_date.format_long(day)) == day
    assert buddhist_date.parse(buddhist_date.format_medium(day)) == day


@given(st.text(max_size=40))
def test_parse_never_crashes(text: str) -> None:
    with contextlib.suppress(ValidationError):
        buddhist_date.parse(text)
