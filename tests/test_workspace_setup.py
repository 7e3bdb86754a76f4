import pytest

from kaplc_desktop.errors import ValidationError
from kaplc_desktop.services.workspace import clean_district_setup, clean_school_setup


@pytest.mark.parametrize("code", ["1090050001", "90020001", "050001", " 1090 050001 "])
def test_school_code_forms(code: str) -> None:
    assert clean_school_setup(code, "โรงเรียน", "สพป.สงขลา เขต 2").code == code.replace(" ", "")


@pytest.mark.parametrize("code", ["12345", "2090050001", "10900500AB", "", "1234567"])
def test_unknown_school_code_formats_are_refused(code: str) -> None:
    with pytest.raises(ValidationError) as err:
        clean_school_setup(code, "โรงเรียน", "สพป.สงขลา เขต 2")
    assert err.value.errors[0].field == "school_code"
    assert "รหัสโรงเรียน" in err.value.message


@pytest.mark.parametrize("code", ["900", "90021", "ABCD", ""])
def test_unknown_esa_code_formats_are_refused(code: str) -> None:
    with pytest.raises(ValidationError) as err:
        clean_district_setup(code, "สพป.สงขลา เขต 2")
    assert err.value.errors[0].field == "esa_code"


def test_names_are_required_and_all_problems_listed() -> None:
    with pytest.raises(ValidationError) as err:
        clean_school_setup("1090050001", "  ", "", esa_code="12")
    assert {e.field for e in err.value.errors} == {"school_name", "esa_name", "esa_code"}
