"""The Excel roster: template, import with a row-by-row report, export — with good, bad and hostile files."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from support import teacher
from xlsx_files import ENTITY_BOMB, GOOD_ROW, add_member, person, rewrite_member, roster

from kaplc_desktop.context import AppContext
from kaplc_desktop.domain.kinds import PERSONNEL
from kaplc_desktop.errors import ImportFileError
from kaplc_desktop.reports.xlsx.record_columns import header as kind_header
from kaplc_desktop.reports.xlsx.roster_io import RosterIO

ROSTER_FIELDS = PERSONNEL.excel


def header(field: str) -> str:
    return kind_header(PERSONNEL, field)


TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def io(school_ctx: AppContext) -> RosterIO:
    return RosterIO(school_ctx.personnel)


def test_template_has_thai_headers_dropdowns_and_an_example_row(io: RosterIO, tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    io.write_template(path)
    wb = load_workbook(path)
    ws = wb["บุคลากร"]
    headings = [c.value for c in ws[1]]
    assert headings[:4] == ["เลขประจำตัวประชาชน", "คำนำหน้าชื่อ", "ชื่อ (ภาษาไทย) *", "นามสกุล (ภาษาไทย) *"]
    assert ws["C2"].value == "สมศรี"
    ranges = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    position_col = "G"
    dv = next(dv for ref, dv in ranges.items() if ref.startswith(position_col))
    assert dv.type == "list" and "รายการ" in dv.formula1
    lists = wb["รายการ"]
    assert lists.sheet_state == "hidden"
    assert "ครูผู้ช่วย" in [c.value for c in lists["B"] if c.value] or any(
        c.value == "ครูผู้ช่วย" for row in lists.iter_rows() for c in row
    )
    # the untouched template imports nothing and says the example was skipped
    report = io.check(path, TODAY)
    assert report.skipped_example and report.valid == [] and report.problems == []


def test_good_file_imports_every_row(io: RosterIO, school_ctx: AppContext, tmp_path: Path) -> None:
    path = roster(tmp_path / "good.xlsx", [GOOD_ROW, person(1), person(2, start_date=dt.datetime(2015, 5, 16))])
    report = io.check(path, TODAY)
    assert report.problems == [] and len(report.valid) == 3
    assert io.apply(report) == 3
    names = {p.first_name_th for p in school_ctx.personnel.list()}
    assert "วิชัย" in names and len(names) == 3
    wichai = next(p for p in school_ctx.personnel.list() if p.first_name_th == "วิชัย")
    assert wichai.start_date == dt.date(2012, 5, 16) and wichai.learning_areas == ("math",)


def test_bad_rows_are_reported_by_row_column_and_reason(io: RosterIO, school_ctx: AppContext, tmp_path: Path) -> None:
    school_ctx.personnel.add(teacher())
    rows = [
        GOOD_ROW,  # row 2: fine
        person(3, national_id="1101700207031"),  # row 3: checksum
        person(4, first_name_th=""),  # row 4: empty Thai name
        person(5, start_date="01/01/2600"),  # row 5: future date
        person(6, start_date="31/02/2560"),  # row 6: impossible date
        dict(GOOD_ROW, national_id=""),  # row 7: same name as row 2
        person(8, national_id="1101700207030"),  # row 8: already in the registry
    ]
    report = io.check(roster(tmp_path / "bad.xlsx", rows), TODAY)
    found = {(p.row, p.column) for p in report.problems}
    assert found == {
        (3, "เลขประจำตัวประชาชน"),
        (4, "ชื่อ (ภาษาไทย)"),
        (5, "วันที่เริ่มปฏิบัติงาน"),
        (6, "วันที่เริ่มปฏิบัติงาน"),
        (7, "ชื่อ (ภาษาไทย)"),
        (8, "ชื่อ (ภาษาไทย)"),
    }
    by_row = {p.row: p.message for p in report.problems}
    assert "หลักตรวจสอบ" in by_row[3] and "อนาคต" in by_row[5] and "ไม่มีวันที่" in by_row[6]
    assert "แถวที่ 2" in by_row[7] and "มีอยู่ในทะเบียนแล้ว" in by_row[8]
    assert [n for n, _d in report.valid] == [2]
    assert len(school_ctx.personnel.list()) == 1  # checking writes nothing


def count(ctx: AppContext) -> int:
    return len(ctx.personnel.list()) + len(ctx.personnel.list(deleted=True))


@pytest.mark.parametrize(
    "content,needle",
    [
        ("name,surname\nสมชาย,ใจดี\n".encode(), "ไม่ใช่สมุดงาน Excel"),
        (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 4000, "รหัสผ่าน"),
        (b"PK\x03\x04broken", "ไม่ใช่สมุดงาน Excel"),
    ],
)
def test_files_that_are_not_workbooks(
    io: RosterIO, school_ctx: AppContext, tmp_path: Path, content: bytes, needle: str
) -> None:
    path = tmp_path / "file.xlsx"
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as err:
        io.check(path, TODAY)
    assert needle in err.value.message
    assert count(school_ctx) == 0


def test_formulas_are_refused(io: RosterIO, tmp_path: Path) -> None:
    path = roster(tmp_path / "formula.xlsx", [dict(GOOD_ROW, first_name_th='=CONCAT("วิ","ชัย")')])
    with pytest.raises(ImportFileError, match="เซลล์ C2 เป็นสูตร"):
        io.check(path, TODAY)


def test_hundred_thousand_rows_are_refused(io: RosterIO, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("บุคลากร")
    ws.append([header(f) for f in ROSTER_FIELDS])
    for n in range(100_000):
        ws.append([None, None, f"ชื่อ{n}"])
    path = tmp_path / "huge.xlsx"
    wb.save(path)
    with pytest.raises(ImportFileError, match=r"ไม่เกิน 10000 แถว|มากกว่า 10000 แถว"):
        io.check(path, TODAY)


@pytest.mark.parametrize(
    "headers,needle",
    [
        ([*[header(f) for f in ROSTER_FIELDS], "เงินเดือน"], "คอลัมน์ที่ไม่รู้จัก: เงินเดือน"),
        ([header(f) for f in ROSTER_FIELDS][:-1], "ขาดคอลัมน์: วันที่เปลี่ยนสถานะ"),
        (["ชื่อเล่น" if f == "first_name_th" else header(f) for f in ROSTER_FIELDS], "ขาดคอลัมน์: ชื่อ (ภาษาไทย) *"),
        ([*[header(f) for f in ROSTER_FIELDS], header("phone")], "ซ้ำกันสองครั้ง"),
    ],
)
def test_extra_missing_renamed_or_repeated_columns(io: RosterIO, tmp_path: Path, headers, needle) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportFileError) as err:
        io.check(roster(tmp_path / "cols.xlsx", [GOOD_ROW], headers=headers), TODAY)
    assert needle in err.value.message


def test_english_headings_are_accepted(io: RosterIO, tmp_path: Path) -> None:
    from kaplc_desktop.i18n import set_language

    set_language("en")
    path = roster(tmp_path / "en.xlsx", [GOOD_ROW])
    set_language("th")
    assert len(io.check(path, TODAY).valid) == 1


def test_entity_bomb_is_refused(io: RosterIO, tmp_path: Path) -> None:
    good = roster(tmp_path / "good.xlsx", [GOOD_ROW])
    bomb = rewrite_member(good, tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", ENTITY_BOMB)
    with pytest.raises(ImportFileError, match="XML ต้องห้าม"):
        io.check(bomb, TODAY)
    workbook_bomb = rewrite_member(
        good, tmp_path / "bomb2.xlsx", "xl/workbook.xml", ENTITY_BOMB.replace(b"worksheet", b"workbook")
    )
    with pytest.raises(ImportFileError, match="XML ต้องห้าม"):
        io.check(workbook_bomb, TODAY)


def test_zip_bomb_and_odd_member_names_are_refused(io: RosterIO, tmp_path: Path) -> None:
    good = roster(tmp_path / "good.xlsx", [GOOD_ROW])
    bomb = add_member(good, tmp_path / "zipbomb.xlsx", "xl/media/zeros.bin", b"\0" * 50_000_000)
    with pytest.raises(ImportFileError, match="zip bomb"):
        io.check(bomb, TODAY)
    evil = add_member(good, tmp_path / "evil.xlsx", "../../evil.txt", b"x")
    with pytest.raises(ImportFileError, match="น่าสงสัย"):
        io.check(evil, TODAY)
    assert zipfile.is_zipfile(evil)


def test_export_is_formatted_and_reads_back(io: RosterIO, school_ctx: AppContext, tmp_path: Path) -> None:
    school_ctx.personnel.add(teacher(first_name_en="Somchai", learning_areas=["thai", "arts"]))
    school_ctx.personnel.add(
        teacher(first_name_th="มาลัย", national_id="3101234567893", status="moved", status_date="01/10/2569")
    )
    path = tmp_path / "export.xlsx"
    assert io.export(path, school_ctx.personnel.list()) == 2
    ws = load_workbook(path)["บุคลากร"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    assert ws["A1"].font.bold
    values = {c.value for row in ws.iter_rows(min_row=2) for c in row}
    assert {"1101700207030", "ภาษาไทย, ศิลปะ", "01/06/2560", "ย้ายออก", "01/10/2569"} <= values
    # the export is a valid roster: importing it elsewhere finds both people, here it finds duplicates
    report = io.check(path, TODAY)
    assert len(report.invalid_rows) == 2 and not report.valid
    assert not list(tmp_path.glob(".*.tmp"))


def test_export_to_a_missing_folder_is_a_clear_error(io: RosterIO, tmp_path: Path) -> None:
    from kaplc_desktop.errors import KaplcError

    with pytest.raises(KaplcError, match="ไม่พบโฟลเดอร์"):
        io.export(tmp_path / "nope" / "x.xlsx", [])


# what a cell can hold in a file Excel writes: U+FFFE and U+FFFF are not XML characters (openpyxl writes them
# anyway, making a workbook no program can read: see test_a_workbook_with_a_non_xml_character_is_refused)
printable = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff")
cell_values = st.one_of(
    st.none(),
    st.text(printable, max_size=20),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.booleans(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.fixed_dictionaries({f: cell_values for f in ROSTER_FIELDS}), min_size=1, max_size=4))
def test_any_cell_values_give_a_report_never_a_crash(io: RosterIO, tmp_path: Path, rows) -> None:  # type: ignore[no-untyped-def]
    path = roster(tmp_path / "random.xlsx", rows)
    try:
        report = io.check(path, TODAY)
    except ImportFileError as exc:  # e.g. a text starting with "=" is stored as a formula
        assert exc.message.startswith("เซลล์") and "สูตร" in exc.message
        return
    assert report.rows_read <= len(rows)
    assert all(p.message for p in report.problems)
    assert len(report.valid) + len(report.invalid_rows) + report.skipped_example <= len(rows)


def test_a_workbook_with_a_non_xml_character_is_refused(io: RosterIO, school_ctx: AppContext, tmp_path: Path) -> None:
    path = roster(tmp_path / "fffe.xlsx", [person(1, first_name_th="สม\ufffeชาย")])
    with pytest.raises(ImportFileError) as refused:
        io.check(path, TODAY)
    assert refused.value.message.startswith("อ่านสมุดงานไม่ได้") and school_ctx.personnel.list() == []


def test_a_date_cell_with_a_buddhist_era_year_imports(io: RosterIO, school_ctx: AppContext, tmp_path: Path) -> None:
    """A principal types 16/05/2568 into a date-formatted cell: Excel stores the year 2568, which is BE."""
    path = roster(tmp_path / "be.xlsx", [person(1, start_date=dt.datetime(2568, 5, 16))])
    report = io.check(path, TODAY)
    assert report.problems == [] and len(report.valid) == 1
    assert report.valid[0][1].start_date == dt.date(2025, 5, 16)
