"""The field types PLC brought (a time of day, paragraphs, a list of steps): any input gives a value or a Thai
sentence, never a crash, and a cleaned value cleans to itself (a synced row is checked that way)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from kaplc_desktop.domain.field_types import Paragraphs, TextList, Time, format_time
from kaplc_desktop.domain.record_kind import Field
from kaplc_desktop.errors import Problems

TODAY = dt.date(2026, 11, 27)
TIME = Field("start_time", "Start time", Time())
TEXT = Field("discussion", "Discussion", Paragraphs(), max_length=8000)
STEPS = Field("steps", "Steps of the cycle", TextList(max_items=12), max_length=120)


def _clean(f: Field, raw: object) -> tuple[object, list[str]]:
    p = Problems()
    value = f.type.clean(p, f, raw, TODAY)
    return value, [e.message for e in p.items]


def test_times_are_typed_the_thai_way_or_the_english_way() -> None:
    for typed in ("13.30", "13:30", "13.30 น.", "๑๓.๓๐", " 13.30น "):
        assert _clean(TIME, typed) == (810, [])
    assert _clean(TIME, "8") == (480, [])
    assert _clean(TIME, "")[0] is None
    value, problems = _clean(TIME, "24.00")
    assert value is None and "13.30" in problems[0]
    assert format_time(810, "th") == "13.30" and format_time(810, "en") == "13:30"


@given(st.integers(0, 1439))
def test_a_shown_time_reads_back_as_itself(minutes: int) -> None:
    for language in ("th", "en"):
        assert _clean(TIME, format_time(minutes, language)) == (minutes, [])
    assert _clean(TIME, minutes) == (minutes, [])


@given(st.text(max_size=40))
def test_any_typed_time_is_a_time_or_a_sentence(text: str) -> None:
    value, problems = _clean(TIME, text)
    assert (value is None) or (0 <= value < 1440 and not problems)


def test_paragraphs_keep_their_lines_and_tidy_each() -> None:
    raw = "  บรรทัดแรก   มีช่องว่าง \r\n\r\n\r\n\tบรรทัดที่สอง\u200b\n\n"
    assert _clean(TEXT, raw) == ("บรรทัดแรก มีช่องว่าง\n\nบรรทัดที่สอง", [])


@given(st.text(max_size=300))
def test_cleaned_paragraphs_clean_to_themselves(text: str) -> None:
    value, problems = _clean(TEXT, text)
    if value is not None and not problems:
        assert _clean(TEXT, value) == (value, [])


@given(st.lists(st.text(max_size=30), max_size=15) | st.text(max_size=200))
def test_cleaned_step_lists_clean_to_themselves(raw: object) -> None:
    value, problems = _clean(STEPS, raw)
    assert isinstance(value, tuple)
    if not problems:
        assert _clean(STEPS, list(value)) == (value, [])
        assert len(value) <= 12 and len(set(value)) == len(value)


def test_every_format_character_is_in_the_planes_searched() -> None:
    from kaplc_desktop.domain.field_types import FORMAT_PLANES, format_characters_in

    assert format_characters_in(tuple(range(17))) == format_characters_in(FORMAT_PLANES)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_typed_text_loses_its_format_characters_and_extra_spaces(raw: str) -> None:
    import unicodedata

    from kaplc_desktop.domain.field_types import tidy_text

    kept = "".join(ch for ch in raw if unicodedata.category(ch) != "Cf")
    assert tidy_text(raw) == " ".join(kept.split())
    assert tidy_text(f"\u200b{raw}\u00ad\U000e0041") == " ".join(kept.split())
