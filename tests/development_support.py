"""A school in the July survey and the development cycle that follows it, for the survey, ID plan, HRD, PDF and
sync tests (import as `from development_support import …`)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from district_store import folder_columns, folder_rows
from support import teacher

from kaplc_desktop.context import AppContext
from kaplc_desktop.services.id_plans import ActivityInput
from kaplc_desktop.services.survey import NeedInput, RatingInput

TODAY = dt.date(2026, 11, 27)  # semester 2 of academic year 2569: July 2569 is past
YEAR = 2569
SCHOOL_NAME = "โรงเรียนบ้านทดสอบ"  # conftest.SCHOOL

# (first name, position, personnel group, academic standing, learning areas)
STAFF = (
    ("สมศรี", "teacher", "teacher", "senior_professional", ["thai"]),  # teacher set, expected level 4
    ("วิไล", "teacher", "teacher", "professional", ["math"]),  # teacher set, expected level 3
    ("ปราณี", "admin_officer", "education_personnel", None, []),  # support set, expected level 3
)


@dataclass
class SurveySchool:
    ctx: AppContext
    people: list[Any]
    round: Any

    def sheet(self, person: Any) -> Any:
        return self.ctx.survey.sheet(self.round.id, person.id)

    def rate(
        self,
        person: Any,
        own: Sequence[object] | object,
        director: Sequence[object] | object = None,
        needs: Sequence[NeedInput] = (),
        **raw: object,
    ) -> Any:
        """Saves the person's form: a level (or a level per competency, in the form's order) for their own rating
        and the director's."""
        return self.ctx.survey.save_form(
            self.round.id, person.id, raw, ratings_of(self.sheet(person), own, director), needs, today=TODAY
        )


def ratings_of(sheet: Any, own: Sequence[object] | object, director: Sequence[object] | object = None) -> list[Any]:
    lines = sheet.ratings
    owns = list(own) if isinstance(own, list | tuple) else [own] * len(lines)
    directors = list(director) if isinstance(director, list | tuple) else [director] * len(lines)
    return [
        RatingInput(line.competency, line.expected_level, o, d)
        for line, o, d in zip(lines, owns, directors, strict=True)
    ]


def add_staff(ctx: AppContext, staff: Sequence[tuple[Any, ...]] = STAFF) -> list[Any]:
    people = []
    for first, position, group, standing, areas in staff:
        people.append(
            ctx.personnel.add(
                teacher(
                    first_name_th=first,
                    last_name_th="ใจดี",
                    national_id=None,
                    position=position,
                    personnel_group=group,
                    academic_standing=standing,
                    learning_areas=areas,
                ),
                today=TODAY,
            )
        )
    return people


def survey_school(ctx: AppContext, staff: Sequence[tuple[Any, ...]] = STAFF) -> SurveySchool:
    people = add_staff(ctx, staff)
    round_ = ctx.survey.open_round(YEAR, today=TODAY)
    return SurveySchool(ctx, people, round_)


def development_cycle(ctx: AppContext) -> dict[str, Any]:
    """A school's whole cycle of a year: a survey with a filled form, an ID plan, an HR development plan with a
    review, a project for two people, a test result and a PA task. Returns what was made."""
    school = survey_school(ctx)
    first, second = school.people[:2]
    school.rate(
        first,
        3,
        2,
        [NeedInput("การจัดการเรียนรู้เชิงรุก", "curriculum_learning", "5", "การฝึกอบรม"), NeedInput("Coding")],
        self_rated_on="20/07/2569",
        strengths="สอนภาษาไทยได้ดี",
    )
    school.rate(second, 4)
    plan = ctx.id_plans.save(
        first.id,
        YEAR,
        {"goals": "พัฒนาการจัดการเรียนรู้เชิงรุก", "approved_by": "นายใหญ่ ใจดี", "approved_on": "10/08/2569"},
        [
            ActivityInput("การจัดการเรียนรู้เชิงรุก", "curriculum_learning", 5, "training", hours="12", budget="1500"),
            ActivityInput("Coding", method="self_study", starts_on="01/09/2569", ends_on="30/09/2569"),
        ],
        today=TODAY,
    )
    hrd = ctx.hrd_plans.add({"first_year": 2568, "last_year": 2570, "name": "แผนพัฒนาบุคลากร 2568–2570"}, TODAY)
    review = ctx.hrd_reviews.add({"plan_id": hrd.id, "academic_year": 2568, "findings": "ครูเข้าร่วม PLC ครบ"}, TODAY)
    project = ctx.action_projects.save(
        {"fiscal_year": 2570, "name": "โครงการพัฒนาครูด้วย PLC", "hrd_plan_id": hrd.id, "budget": "5,000"},
        [first.id, second.id],
        today=TODAY,
    )
    result = ctx.achievement.add(
        {
            "academic_year": 2568,
            "test": "onet",
            "grade_level": "ป.6",
            "learning_area": "thai",
            "school_result": "45.25",
        },
        TODAY,
    )
    task = ctx.agreements.add(
        {"person_id": first.id, "fiscal_year": 2569, "task": "ยกระดับการอ่าน", "result_level": "3"}, TODAY
    )
    return {
        "school": school,
        "plan": plan,
        "hrd": hrd,
        "review": review,
        "project": project,
        "result": result,
        "task": task,
    }


DEVELOPMENT_TABLES = (
    "survey_rounds",
    "survey_forms",
    "survey_ratings",
    "survey_needs",
    "id_plans",
    "id_plan_activities",
    "hrd_plans",
    "hrd_reviews",
    "action_projects",
    "action_targets",
    "achievement_results",
    "performance_agreements",
)


def table_rows(folder: Path, table: str, where: str = "deleted_at IS NULL") -> list[tuple[Any, ...]]:
    """Every row of a table (all columns but the local change-tracking ones), ordered by id."""
    kept = [c for c in folder_columns(folder, table) if c not in ("version_vector",)]
    names = ", ".join(f'"{c}"' for c in kept)
    return folder_rows(folder, f'SELECT {names} FROM "{table}" WHERE {where} ORDER BY id')


def squeeze(text: str) -> str:
    return "".join(text.split())


def pdf_text(path: Path) -> str:
    """The text layer of a PDF, NFC, without white space (lines break anywhere in a table's cell)."""
    import re

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    bad = re.compile("[\ue000-\uf8ff\uffff\ufffd\x00-\x09\x0b\x0c\x0e-\x1f]")
    assert not bad.search(text), bad.findall(text)
    return squeeze(unicodedata.normalize("NFC", text))


def query(folder: Path, sql: str) -> list[tuple[Any, ...]]:
    return folder_rows(folder, sql)
