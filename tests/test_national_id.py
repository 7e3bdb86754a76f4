import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaplc_desktop.domain import national_id
from kaplc_desktop.errors import ValidationError


@pytest.mark.parametrize("value", ["1101700207030", "3101234567893", "1234567890121"])
def test_known_valid_ids(value: str) -> None:
    assert national_id.is_valid(value)
    assert national_id.normalize(value) == value


@pytest.mark.parametrize("value", ["1101700207031", "3101234567890", "1234567890122"])
def test_wrong_check_digit_is_refused_in_thai(value: str) -> None:
    with pytest.raises(ValidationError) as err:
        national_id.normalize(value)
    assert "หลักตรวจสอบ" in err.value.message


def test_separators_are_accepted_and_length_is_reported() -> None:
    assert national_id.normalize("1-1017-00207-03-0") == "1101700207030"
    assert national_id.normalize(" ") is None
    with pytest.raises(ValidationError, match="13 หลัก"):
        national_id.normalize("12345")
    with pytest.raises(ValidationError, match="ตัวเลข"):
        national_id.normalize("110170020703x")
    with pytest.raises(ValidationError):
        national_id.normalize("๑๑๐๑๗๐๐๒๐๗๐๓๐")  # Thai digits are not stored as the ID


def test_display_forms() -> None:
    assert national_id.format_full("1101700207030") == "1-1017-00207-03-0"
    assert national_id.format_masked("1101700207030") == "x-xxxx-xxxx7-03-0"
    assert national_id.format_masked(None) == ""


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_every_12_digits_have_exactly_one_valid_check_digit(first12: str) -> None:
    valid = [d for d in "0123456789" if national_id.is_valid(first12 + d)]
    assert valid == [str(national_id.check_digit(first12))]


@given(st.text(max_size=30))
def test_normalize_never_crashes(text: str) -> None:
    try:
        result = national_id.normalize(text)
    except ValidationError as exc:
        assert exc.errors and exc.errors[0].field == "national_id"
    else:
        assert result is None or national_id.is_valid(result)
