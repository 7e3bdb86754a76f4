import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import teacher

from kaplc_desktop.domain.person_rules import clean_person
from kaplc_desktop.errors import ValidationError

TODAY = dt.date(2026, 11, 25)


def fields_of(exc: ValidationError) -> set[str]:
    return {e.field for e in exc.errors}


def test_clean_person_reads_labels_codes_and_be_dates() -> None:
    draft = clean_person(
        teacher(
            title_prefix="นาง",
            position="ครู",
            personnel_group="ข้าราชการครู",
            academic_standing="ชำนาญการ (คศ.2)",
            learning_areas="ภาษาไทย, math",
        ),
        TODAY,
    )
    assert (draft.title_prefix, draft.position, draft.personnel_group) == ("mrs", "teacher", "teacher")
    assert draft.academic_standing == "professional"
    assert draft.learning_areas == ("thai", "math")
    assert draft.start_date == dt.date(2017, 6, 1)
    assert draft.status == "active"


def test_free_text_title_is_kept() -> None:
    assert clean_person(teacher(title_prefix="พันจ่าเอก"), TODAY).title_prefix == "พันจ่าเอก"


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as err:
        clean_person(
            teacher(
                first_name_th="  ",
                national_id="1101700207031",
                start_date="01/01/2570",
                position="นักบินอวกาศ",
                email="not-an-email",
                phone="abc",
            ),
            TODAY,
        )
    assert fields_of(err.value) == {"first_name_th", "national_id", "start_date", "position", "email", "phone"}
    assert "กรุณากรอกชื่อ (ภาษาไทย)" in err.value.message
    assert "อนาคต" in err.value.message


def test_impossible_date_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        clean_person(teacher(start_date="30/02/2560"), TODAY)
    assert fields_of(err.value) == {"start_date"}


def test_moved_needs_a_date_after_the_start() -> None:
    with pytest.raises(ValidationError) as err:
        clean_person(teacher(status="moved"), TODAY)
    assert fields_of(err.value) == {"status_date"}
    with pytest.raises(ValidationError):
        clean_person(teacher(status="ย้ายออก", status_date="01/01/2550"), TODAY)
    ok = clean_person(teacher(status="ย้ายออก", status_date="01/10/2569"), TODAY)
    assert ok.status == "moved" and ok.status_date == dt.date(2026, 10, 1)


def test_active_status_drops_a_stray_status_date() -> None:
    assert clean_person(teacher(status_date="01/10/2569"), TODAY).status_date is None


def test_names_with_digits_are_refused() -> None:
    with pytest.raises(ValidationError) as err:
        clean_person(teacher(last_name_th="ใจดี2"), TODAY)
    assert fields_of(err.value) == {"last_name_th"}


@given(
    st.dictionaries(
        st.sampled_from(
            [
                "national_id",
                "first_name_th",
                "last_name_th",
                "position",
                "personnel_group",
                "start_date",
                "status",
                "status_date",
                "email",
                "phone",
                "learning_areas",
                "title_prefix",
                "academic_standing",
            ]
        ),
        st.one_of(st.none(), st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.dates()),
    )
)
def test_any_input_gives_a_draft_or_field_errors(raw: dict[str, object]) -> None:
    try:
        clean_person(raw, TODAY)
    except ValidationError as exc:
        assert exc.errors and all(e.message for e in exc.errors)


def test_invisible_characters_are_left_out_and_thai_digit_phones_read() -> None:
    draft = clean_person(teacher(first_name_th="สม\u200bชาย\u00ad", last_name_th="\u200eใจดี", phone="๐๘๑-๒๓๔-๕๖๗๘"))
    assert (draft.first_name_th, draft.last_name_th, draft.phone) == ("สมชาย", "ใจดี", "081-234-5678")


def test_bytes_that_are_not_text_are_refused_by_name() -> None:
    """A command line in another encoding passes undecodable bytes as lone surrogates (found by the attacker)."""
    with pytest.raises(ValidationError) as caught:
        clean_person(teacher(first_name_th="ก\udcffข"))
    assert [e.field for e in caught.value.errors] == ["first_name_th"]


def test_a_date_value_with_a_buddhist_era_year_is_read_as_buddhist_era() -> None:
    """An Excel date cell typed 16/05/2568 comes in as the year 2568: it is not 542 years in the future."""
    draft = clean_person(teacher(start_date=dt.datetime(2568, 5, 16)), TODAY)
    assert draft.start_date == dt.date(2025, 5, 16)
    assert clean_person(teacher(start_date=dt.date(2012, 5, 16)), TODAY).start_date == dt.date(2012, 5, 16)
