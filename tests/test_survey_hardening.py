"""What an edited or unlucky survey workbook cannot do (found by attacking it): claim to be newer than it is,
move one person's answers onto another, swap competencies, or be held up by a person who left; and what a
restored school's shorter list of needs leaves the district counting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from development_support import TODAY, YEAR, SurveySchool, survey_school
from openpyxl import load_workbook
from test_survey_excel import ABOUT, CODE, Sheet

from kaplc_desktop.context import AppContext
from kaplc_desktop.domain.field_types import Level
from kaplc_desktop.domain.record_kind import Field
from kaplc_desktop.errors import ImportFileError, Problems, ValidationError
from kaplc_desktop.services.survey import NeedInput
from kaplc_desktop.services.survey_exchange import export_survey, import_survey


@pytest.fixture
def school(school_ctx: AppContext) -> SurveySchool:
    return survey_school(school_ctx)


def _export(school: SurveySchool, path: Path) -> Path:
    export_survey(school.ctx.survey, (CODE, "โรงเรียนบ้านทดสอบ"), path, YEAR)
    return path


def _edit(source: Path, edit: Callable[[Any], object]) -> Path:
    wb = load_workbook(source)
    edit(wb)
    target = source.with_name("edited.xlsx")
    wb.save(target)
    return target


def _import(school: SurveySchool, path: Path) -> Any:
    return import_survey(school.ctx.survey, CODE, path, today=TODAY)


def _sheet(wb: Any, school: SurveySchool, n: int) -> Sheet:
    return Sheet(wb[school.people[n].full_name_th])


def test_a_file_claiming_a_later_export_time_still_cannot_overwrite_a_newer_answer(
    school: SurveySchool, tmp_path: Path
) -> None:
    exported = _export(school, tmp_path / "survey.xlsx")
    school.rate(school.people[0], 2)  # the app's answer, after the export

    def forge(wb: Any) -> None:
        about = wb[ABOUT]
        row = next(r for r in range(1, 15) if about.cell(row=r, column=3).value == "exported_at")
        about.cell(row=row, column=2).value = "2099-01-01T00:00:00.000000Z"
        _sheet(wb, school, 0).rate("1")

    report = _import(school, _edit(exported, forge))
    assert not report.imported and any(school.people[0].full_name_th in p for p in report.problems)
    assert {r.self_level for r in school.sheet(school.people[0]).ratings} == {2}


def test_a_file_not_exported_here_is_refused_whole(school: SurveySchool, tmp_path: Path) -> None:
    exported = _export(school, tmp_path / "survey.xlsx")

    def forge(wb: Any) -> None:
        about = wb[ABOUT]
        row = next(r for r in range(1, 15) if about.cell(row=r, column=3).value == "export_id")
        about.cell(row=row, column=2).value = "00000000-0000-4000-8000-000000000000"

    with pytest.raises(ImportFileError):
        _import(school, _edit(exported, forge))


def test_a_sheet_whose_key_names_another_person_is_refused(school: SurveySchool, tmp_path: Path) -> None:
    exported = _export(school, tmp_path / "survey.xlsx")
    other = school.people[1]

    def forge(wb: Any) -> None:
        sheet = _sheet(wb, school, 0)
        sheet.ws.cell(row=2, column=9).value = other.id  # person 0's sheet now says it is person 1's
        sheet.rate("4")
        del wb[other.full_name_th]

    report = _import(school, _edit(exported, forge))
    assert not report.imported and any("B2" in p for p in report.problems)
    assert school.sheet(other).form is None


def test_swapped_competency_codes_are_refused(school: SurveySchool, tmp_path: Path) -> None:
    exported = _export(school, tmp_path / "survey.xlsx")

    def forge(wb: Any) -> None:
        sheet = _sheet(wb, school, 0)
        rows = list(sheet.rating.values())
        first, second = sheet.ws.cell(row=rows[0], column=8), sheet.ws.cell(row=rows[1], column=8)
        first.value, second.value = second.value, first.value
        sheet.ws.cell(row=rows[0], column=4).value = "5"

    first_row = next(iter(Sheet(load_workbook(exported)[school.people[0].full_name_th]).rating.values()))
    report = _import(school, _edit(exported, forge))
    assert not report.imported and any(f"B{first_row}" in p for p in report.problems)


def test_an_untouched_sheet_of_someone_who_left_does_not_hold_up_the_others(
    school: SurveySchool, tmp_path: Path
) -> None:
    exported = _export(school, tmp_path / "survey.xlsx")
    leaver = school.people[2]
    school.ctx.personnel.edit(leaver.id, {"status": "moved", "status_date": "01/08/2569"}, today=TODAY)
    filled = _edit(exported, lambda wb: _sheet(wb, school, 0).rate("4"))
    report = _import(school, filled)
    assert report.imported and report.problems == [] and report.changed == [school.people[0].full_name_th]


@pytest.mark.parametrize("raw", [True, False, "4.5", "3-5", "4 – ยอดเยี่ยม"])
def test_a_level_is_a_number_or_its_own_label(raw: object) -> None:
    f = Field("self_level", "Self rating", Level("competency_level"))
    p = Problems()
    assert f.type.clean(p, f, raw, TODAY) is None and p.items


def test_an_excel_date_of_29_february_in_a_year_without_it_is_a_clear_problem(school: SurveySchool) -> None:
    with pytest.raises(ValidationError):
        school.rate(school.people[0], 3, self_rated_on=dt.datetime(2568, 2, 29))
    # an Excel date cell typed in the Buddhist Era is taken as such
    assert school.rate(school.people[0], 3, self_rated_on=dt.datetime(2569, 7, 1)).form.self_rated_on == dt.date(
        2026, 7, 1
    )


def test_c1_control_characters_are_refused_in_typed_text(school: SurveySchool) -> None:
    with pytest.raises(ValidationError):
        school.rate(school.people[0], 3, needs=[NeedInput("การสอน\x9b[31mอ่าน")])


def test_the_needs_a_form_lists_are_those_below_its_count(school: SurveySchool) -> None:
    """A restored school naming fewer needs leaves the district the higher positions: they no longer count."""
    person = school.people[0]
    school.rate(person, 3, needs=[NeedInput(f"เรื่องที่ {n}") for n in range(5)])
    school.rate(person, 3, needs=[NeedInput("เรื่องใหม่")])
    sheet = school.sheet(person)
    assert [n.topic for n in sheet.needs] == ["เรื่องใหม่"] and sheet.form.needs_count == 1
    assert school.ctx.survey.topics(YEAR)[:1] == ["เรื่องใหม่"]


def test_the_director_rating_in_the_app_while_staff_fill_the_file_does_not_block_it(
    school: SurveySchool, tmp_path: Path
) -> None:
    person = school.people[1]
    exported = _export(school, tmp_path / "survey.xlsx")
    school.rate(person, None, 3)  # the director rates in the app meanwhile (the person has not yet)
    report = _import(school, _edit(exported, lambda wb: _sheet(wb, school, 1).rate("4")))
    assert report.imported and report.problems == []
    assert {(r.self_level, r.director_level) for r in school.sheet(person).ratings} == {(4, 3)}
