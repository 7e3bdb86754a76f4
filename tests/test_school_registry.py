"""The district's registry of its schools: typed or imported from Excel (changes listed first, nothing written on
error), beside the profiles the schools send (differences shown, taken only when chosen), on both databases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sync_support import OTHER_SCHOOL, SCHOOL_CODE, fp, make_district, make_school

from kaplc_desktop.cli.main import main
from kaplc_desktop.domain.kinds.school_registry import REGISTERED_SCHOOL
from kaplc_desktop.domain.record_cleaning import clean_record
from kaplc_desktop.errors import KaplcError, NotFoundError, ValidationError, WorkspaceError
from kaplc_desktop.reports.xlsx.record_columns import header

pytestmark = pytest.mark.both_databases

THIRD = "1090050003"


def kaplc(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(folder), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def district(tmp_path: Path):  # type: ignore[no-untyped-def]
    side = make_district(tmp_path / "district")
    yield side
    side.close()


def _received(tmp_path: Path, district: Any, code: str, **profile: str) -> None:
    """A school with this code sends one bundle (its profile changed as given) and the district imports it."""
    school = make_school(tmp_path / f"school-{code}", district, code=code)
    if profile:
        school.ctx.school_profile.set_fields(code, profile)
    (tmp_path / "usb").mkdir(exist_ok=True)
    bundle = school.sync.export_bundle(tmp_path / "usb").path
    district.sync.import_bundles([bundle], dry_run=False, trust=[fp(school)])
    school.close()


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = REGISTERED_SCHOOL.sheet_name
    ws.append([header(REGISTERED_SCHOOL, f) for f in REGISTERED_SCHOOL.excel])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


# --- typed by hand ---------------------------------------------------------------------------------------
def test_a_school_is_registered_once_by_its_code(district: Any) -> None:
    registry = district.ctx.school_registry
    first = registry.add({"school_code": "๑๐๙๐๐๕๐๐๐๑", "school_name": "โรงเรียนบ้านนา", "cluster": "เครือข่ายที่ 1"})
    assert first.school_code == SCHOOL_CODE  # Thai digits read as digits
    with pytest.raises(ValidationError) as refused:
        registry.add({"school_code": SCHOOL_CODE, "school_name": "อีกชื่อหนึ่ง"})
    assert refused.value.errors[0].field == "school_code" and "โรงเรียนบ้านนา" in refused.value.errors[0].message
    with pytest.raises(ValidationError) as refused:
        registry.edit(first.id, {"school_code": OTHER_SCHOOL})
    assert refused.value.errors[0].field == "school_code"
    registry.delete(first.id)
    assert registry.list() == [] and registry.by_code(SCHOOL_CODE) is None
    again = registry.add({"school_code": SCHOOL_CODE, "school_name": "โรงเรียนบ้านนา (ใหม่)"})
    assert again.id == first.id and again.school_name == "โรงเรียนบ้านนา (ใหม่)" and again.cluster is None
    assert [r.school_code for r in registry.list()] == [SCHOOL_CODE]
    assert registry.expected_codes() == [SCHOOL_CODE]


def test_a_school_workspace_keeps_no_registry(tmp_path: Path, district: Any) -> None:
    school = make_school(tmp_path / "school", district)
    try:
        with pytest.raises(WorkspaceError):
            school.ctx.school_registry.add({"school_code": OTHER_SCHOOL, "school_name": "โรงเรียนอื่น"})
    finally:
        school.close()


@pytest.mark.sqlite_only
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=14))
def test_any_typed_code_is_a_clean_code_or_a_field_error(raw: str) -> None:
    try:
        values = clean_record(REGISTERED_SCHOOL, {"school_code": raw, "school_name": "ก"})
    except ValidationError as exc:
        assert {e.field for e in exc.errors} == {"school_code"} and all(e.message for e in exc.errors)
        return
    code = values["school_code"]
    assert code.isascii() and code.isdigit() and len(code) in (6, 8, 10)


# --- beside the schools' profiles --------------------------------------------------------------------------
def test_differences_with_a_profile_are_shown_and_taken_only_when_chosen(tmp_path: Path, district: Any) -> None:
    registry = district.ctx.school_registry
    registry.add(
        {
            "school_code": SCHOOL_CODE,
            "school_name": f"โรงเรียน {SCHOOL_CODE}",
            "cluster": "เครือข่ายที่ 1",
            "phone": "074-123456",  # the school's profile has no phone: no difference, the registry knows more
        }
    )
    registry.add({"school_code": THIRD, "school_name": "โรงเรียนวัดกลาง"})
    _received(tmp_path, district, SCHOOL_CODE, principal_name="นางมาลี ศรีสุข", cluster="เครือข่ายที่ 2", students="99")
    _received(tmp_path, district, OTHER_SCHOOL)

    entries = {e.code: e for e in registry.entries()}
    assert {c: e.standing for c, e in entries.items()} == {
        SCHOOL_CODE: "differs",
        THIRD: "no_bundle",
        OTHER_SCHOOL: "unregistered",
    }
    differing = {d.field: (d.registry, d.profile) for d in entries[SCHOOL_CODE].differences}
    assert differing == {
        "principal_name": (None, "นางมาลี ศรีสุข"),
        "cluster": ("เครือข่ายที่ 1", "เครือข่ายที่ 2"),
        "students": (None, 99),
    }
    # another bundle of the school changes nothing in the registry: the difference stays shown
    assert registry.by_code(SCHOOL_CODE).cluster == "เครือข่ายที่ 1"

    with pytest.raises(ValidationError) as refused:
        registry.take_from_profile(SCHOOL_CODE, ["phone"])  # the school left it empty: taking it would erase ours
    assert "เบอร์โทร" in str(refused.value) or "โทรศัพท์" in str(refused.value)
    assert registry.by_code(SCHOOL_CODE).phone == "074-123456"
    with pytest.raises(ValidationError):
        registry.take_from_profile(SCHOOL_CODE, ["note"])  # the registry's own note is no profile field

    taken = registry.take_from_profile(SCHOOL_CODE, ["principal_name", "students"])
    assert (taken.principal_name, taken.students, taken.cluster) == ("นางมาลี ศรีสุข", 99, "เครือข่ายที่ 1")
    assert [d.field for d in registry.entry(SCHOOL_CODE).differences] == ["cluster"]
    registry.keep_own(SCHOOL_CODE)  # the list is right about the cluster: the difference stops showing
    entry = registry.entry(SCHOOL_CODE)
    assert (entry.standing, [d.field for d in entry.kept]) == ("agrees", ["cluster"])
    with pytest.raises(KaplcError):
        registry.take_from_profile(SCHOOL_CODE)  # nothing differs any more

    for _step in range(2):  # Edit → Undo, twice: the kept cluster shows again, then the registry's own values
        step = district.ctx.undo.last()
        district.ctx.service_for(step.kind.name).undo(step)
    assert registry.by_code(SCHOOL_CODE).principal_name is None
    assert [d.field for d in registry.entry(SCHOOL_CODE).differences] == ["principal_name", "cluster", "students"]

    registered = registry.take_from_profile(OTHER_SCHOOL)
    assert registered.school_code == OTHER_SCHOOL and registered.school_name == f"โรงเรียน {OTHER_SCHOOL}"
    assert next(e for e in registry.entries() if e.code == OTHER_SCHOOL).standing == "agrees"
    with pytest.raises(NotFoundError):
        registry.take_from_profile(THIRD)


def test_the_list_stays_in_the_district(tmp_path: Path, district: Any) -> None:
    from kaplc_desktop.sync.kinds import all_kinds

    (tmp_path / "usb").mkdir()
    school = make_school(tmp_path / "school", district)
    try:
        bundle = school.sync.export_bundle(tmp_path / "usb").path
        district.sync.import_bundles([bundle], dry_run=False, trust=[fp(school)])
        district.ctx.school_registry.add(
            {"school_code": SCHOOL_CODE, "school_name": "โรงเรียนบ้านนา", "note": "ผู้อำนวยการจะเกษียณปีหน้า"}
        )
        feedback = district.sync.export_feedback(SCHOOL_CODE, tmp_path / "fb").path
        outcome = school.sync.import_bundles([feedback], dry_run=False)
        assert outcome[0].result == "applied", outcome[0].to_json()
        assert "registered_school" not in (outcome[0].to_json().get("counts") or {})
        assert school.ctx.school_registry.list() == []  # the office's notes on a school never reach it
        assert "registered_school" not in all_kinds()  # and no bundle may bring such a record
    finally:
        school.close()


def test_a_school_is_the_same_school_in_its_10_and_6_digit_codes(tmp_path: Path, district: Any) -> None:
    registry = district.ctx.school_registry
    registry.add({"school_code": SCHOOL_CODE, "school_name": "โรงเรียนบ้านนา"})
    with pytest.raises(ValidationError):
        registry.add({"school_code": "050001", "school_name": "โรงเรียนบ้านนา"})  # its OBEC code: the same school
    _received(tmp_path, district, "050002")  # a school that set itself up with its 6-digit code
    registry.add({"school_code": OTHER_SCHOOL, "school_name": "โรงเรียน 050002"})
    assert {e.code: e.standing for e in registry.entries()} == {SCHOOL_CODE: "no_bundle", OTHER_SCHOOL: "agrees"}
    assert registry.find("๐๕๐๐๐๑").school_code == SCHOOL_CODE


def test_values_that_read_the_same_are_no_difference(tmp_path: Path, district: Any) -> None:
    registry = district.ctx.school_registry
    registry.add(
        {
            "school_code": SCHOOL_CODE,
            "school_name": "โรงเรียนบ้านน้ำใส",
            "cluster": "เครือข่าย ๑",
            "principal_name": "นาย สมชาย ใจดี",
            "phone": "074 123 456",
        }
    )
    _received(
        tmp_path,
        district,
        SCHOOL_CODE,
        school_name="โรงเรียนบ้านน\u0e49\u0e4d\u0e32ใส",  # sara am typed as nikhahit + sara aa
        cluster="เครือข่าย 1",
        principal_name="นายสมชาย ใจดี",
        phone="074-123456",
    )
    assert registry.entry(SCHOOL_CODE).standing == "agrees"


def test_a_command_line_id_of_any_bytes_is_not_found(district: Any) -> None:
    with pytest.raises(NotFoundError):
        district.ctx.school_registry.get("10900\udcff50001")
    with pytest.raises(NotFoundError):
        district.ctx.school_registry.find("10900\udcff50001")


# --- the Excel list ------------------------------------------------------------------------------------
def test_the_excel_list_is_checked_then_imported_and_imported_again(
    tmp_path: Path, district: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "district"
    district.close()
    code, out, _err = kaplc(capsys, folder, "district", "registry", "template", str(tmp_path / "t.xlsx"))
    assert code == 0 and (tmp_path / "t.xlsx").is_file()
    template = load_workbook(tmp_path / "t.xlsx")
    assert template.sheetnames[0] == "รายชื่อโรงเรียน"
    assert template.worksheets[0]["A1"].value.startswith("รหัสโรงเรียน")

    first = _sheet(
        tmp_path / "list.xlsx",
        [
            ["1090050001", "โรงเรียนบ้านนา", "เครือข่ายที่ 1", "ขนาดเล็ก", "นายสมชาย ใจดี", 120, "074-111222", ""],
            ["1090050002", "โรงเรียนบ้านไร่", "เครือข่ายที่ 1", "", "", None, None, None],
            ["1090050002", "ซ้ำ", "", "", "", "", "", ""],
            ["123", "โรงเรียนผิด", "", "ใหญ่มาก", "", "", "", ""],
        ],
    )
    code, out, err = kaplc(capsys, folder, "district", "registry", "import", str(first))
    assert code == 2 and "--skip-invalid" in err
    assert "แถวที่ 4" in out and "แถวที่ 3 ของไฟล์นี้" in out and "แถวที่ 5" in out
    code, out, _err = kaplc(capsys, folder, "district", "registry", "list", "--json")
    assert json.loads(out) == []  # nothing written while rows have errors

    code, out, _err = kaplc(capsys, folder, "district", "registry", "import", str(first), "--skip-invalid", "--json")
    result = json.loads(out)
    assert code == 0 and (result["added"], result["changed"], result["invalid_rows"]) == (2, 0, 2)

    second = _sheet(
        tmp_path / "list2.xlsx",
        [
            ["1090050001", "โรงเรียนบ้านนา", "เครือข่ายที่ 2", "ขนาดเล็ก", "นายสมชาย ใจดี", 120, "074-111222", ""],
            ["1090050002", "โรงเรียนบ้านไร่", "เครือข่ายที่ 1", "", "", None, None, None],
            ["1090050003", "โรงเรียนวัดกลาง", "เครือข่ายที่ 2", "", "", None, None, None],
        ],
    )
    code, out, _err = kaplc(capsys, folder, "district", "registry", "import", str(second), "--dry-run", "--json")
    result = json.loads(out)
    assert (result["new_rows"], result["changed_rows"], result["unchanged_rows"]) == (1, 1, 1)
    assert result["changes"] == [
        {"row": 2, "column": "กลุ่มเครือข่ายโรงเรียน", "change": "เปลี่ยนจาก “เครือข่ายที่ 1” เป็น “เครือข่ายที่ 2”"}
    ]
    assert (result["added"], result["changed"]) == (0, 0)
    code, out, _err = kaplc(capsys, folder, "district", "registry", "import", str(second))
    assert code == 0
    code, out, _err = kaplc(capsys, folder, "district", "registry", "list", "--json")
    listed = {e["school_code"]: e["registered"]["cluster"] for e in json.loads(out)}
    assert listed == {"1090050001": "เครือข่ายที่ 2", "1090050002": "เครือข่ายที่ 1", "1090050003": "เครือข่ายที่ 2"}

    code, out, _err = kaplc(capsys, folder, "district", "registry", "export", str(tmp_path / "out.xlsx"))
    assert code == 0
    ws = load_workbook(tmp_path / "out.xlsx").worksheets[0]
    codes = sorted(
        str(ws.cell(row=r, column=1).value) for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value
    )
    assert codes == ["1090050001", "1090050002", "1090050003"]


def test_a_list_holding_a_formula_or_wrong_columns_changes_nothing(
    tmp_path: Path, district: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "district"
    district.ctx.school_registry.add({"school_code": SCHOOL_CODE, "school_name": "โรงเรียนบ้านนา"})
    district.close()
    formula = _sheet(tmp_path / "f.xlsx", [["1090050002", '=HYPERLINK("http://x","y")', "", "", "", "", "", ""]])
    code, _out, err = kaplc(capsys, folder, "district", "registry", "import", str(formula))
    assert code == 2 and "สูตร" in err
    wb = Workbook()
    wb.active.append(["รหัส", "ชื่อ"])
    wb.active.append(["1090050002", "โรงเรียนบ้านไร่"])
    wb.save(tmp_path / "w.xlsx")
    code, _out, err = kaplc(capsys, folder, "district", "registry", "import", str(tmp_path / "w.xlsx"))
    assert code == 2 and "ขาดคอลัมน์" in err
    code, out, _err = kaplc(capsys, folder, "district", "registry", "list", "--json")
    assert [e["school_code"] for e in json.loads(out)] == [SCHOOL_CODE]


def test_the_command_line_edits_takes_and_deletes(
    tmp_path: Path, district: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    _received(tmp_path, district, SCHOOL_CODE, principal_name="นางมาลี ศรีสุข")
    folder = tmp_path / "district"
    district.close()
    code, _out, err = kaplc(capsys, folder, "district", "registry", "add", "--set", "school_code=1090050001")
    assert code == 2 and "ชื่อโรงเรียน" in err
    code, _out, err = kaplc(capsys, folder, "district", "registry", "add", "--set", "colour=red")
    assert code == 2 and "colour" in err
    name = f"school_name=โรงเรียน {SCHOOL_CODE}"
    code, _out, _err = kaplc(
        capsys, folder, "district", "registry", "add", "--set", f"school_code={SCHOOL_CODE}", "--set", name
    )
    assert code == 0
    code, out, _err = kaplc(capsys, folder, "district", "registry", "list")
    assert "นางมาลี ศรีสุข" in out and "ไม่ตรง" in out
    code, _out, _err = kaplc(capsys, folder, "district", "registry", "take", SCHOOL_CODE)
    assert code == 0
    code, out, _err = kaplc(capsys, folder, "district", "registry", "list", "--json")
    assert json.loads(out)[0]["standing"] == "agrees"
    code, _out, _err = kaplc(capsys, folder, "district", "registry", "edit", SCHOOL_CODE, "--set", "cluster=เครือข่ายที่ 3")
    assert code == 0
    code, _out, _err = kaplc(capsys, folder, "district", "registry", "delete", SCHOOL_CODE)
    assert code == 0
    code, out, _err = kaplc(capsys, folder, "district", "registry", "list", "--json")
    assert json.loads(out)[0]["standing"] == "unregistered"
    code, _out, err = kaplc(capsys, folder, "district", "registry", "edit", "1090059999", "--set", "cluster=x")
    assert code == 2 and "1090059999" in err


def test_a_list_with_fewer_columns_hidden_sheets_or_a_stale_size_is_read_as_a_person_sees_it(
    tmp_path: Path, district: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    registry = district.ctx.school_registry
    registry.add({"school_code": SCHOOL_CODE, "school_name": "โรงเรียนบ้านนา", "phone": "074-111222", "note": "เดิม"})
    registry.add({"school_code": OTHER_SCHOOL, "school_name": "โรงเรียนบ้านไร่"})
    registry.delete(registry.by_code(OTHER_SCHOOL).id)
    district.close()
    folder = tmp_path / "district"

    # only the code, name and cluster columns: the phone and note held stay as they are
    wb = Workbook()
    ws = wb.active
    ws.title = "ปีนี้"
    ws.append(["รหัสโรงเรียน", "ชื่อโรงเรียน", "กลุ่มเครือข่ายโรงเรียน"])
    ws.append([OTHER_SCHOOL, "โรงเรียนบ้านไร่", "เครือข่ายที่ 2"])
    for n in range(3, 8):
        ws.append([f"109005000{n}", f"โรงเรียนที่ {n}", "เครือข่ายที่ 2"])
    hidden = wb.create_sheet(REGISTERED_SCHOOL.sheet_name)  # a hidden sheet of the right name is never read
    hidden.append(["รหัสโรงเรียน", "ชื่อโรงเรียน"])
    hidden.append(["1090050099", "โรงเรียนที่ซ่อนไว้"])
    hidden.sheet_state = "hidden"
    wb.save(tmp_path / "short.xlsx")
    # the sheet says it holds two rows: every row there is is read all the same
    stale = tmp_path / "stale.xlsx"
    with zipfile.ZipFile(tmp_path / "short.xlsx") as src, zipfile.ZipFile(stale, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:C7" />', b'<dimension ref="A1:C2" />')
                assert b'ref="A1:C2"' in data
            dst.writestr(item, data)

    code, out, _err = kaplc(capsys, folder, "district", "registry", "import", str(stale), "--dry-run", "--json")
    report = json.loads(out)
    assert code == 0 and report["valid_rows"] == 6 and (report["new_rows"], report["changed_rows"]) == (5, 1)
    assert {c["change"] for c in report["changes"]} == {"นำกลับจากถังขยะ", "เปลี่ยนจาก “(ว่าง)” เป็น “เครือข่ายที่ 2”"}
    assert report["absent"] == [SCHOOL_CODE]
    code, out, _err = kaplc(capsys, folder, "district", "registry", "import", str(stale))
    assert code == 0 and "ไม่อยู่ในไฟล์นี้" in out and SCHOOL_CODE in out
    code, out, _err = kaplc(capsys, folder, "district", "registry", "list", "--json")
    held = {e["school_code"]: e["registered"] for e in json.loads(out)}
    assert len(held) == 7 and "1090050099" not in held
    assert (held[SCHOOL_CODE]["phone"], held[SCHOOL_CODE]["note"]) == ("074-111222", "เดิม")
    assert held[OTHER_SCHOOL]["cluster"] == "เครือข่ายที่ 2"

    # a required column may not be left out; a file that is no workbook names the list's template
    wb = Workbook()
    wb.active.append(["รหัสโรงเรียน", "กลุ่มเครือข่ายโรงเรียน"])
    wb.save(tmp_path / "no-name.xlsx")
    code, _out, err = kaplc(capsys, folder, "district", "registry", "import", str(tmp_path / "no-name.xlsx"))
    assert code == 2 and "ชื่อโรงเรียน" in err
    (tmp_path / "junk.xlsx").write_bytes(b"not a workbook")
    code, _out, err = kaplc(capsys, folder, "district", "registry", "import", str(tmp_path / "junk.xlsx"))
    assert code == 2 and "แม่แบบรายชื่อโรงเรียน" in err and "บุคลากร" not in err
