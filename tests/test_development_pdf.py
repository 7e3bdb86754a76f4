"""The development documents read back from their text layer (NFC, no stray characters): a person's ID plan with
their assessed competencies and activities, their survey form filled in or blank, and any typed text in a plan
still prints; a document that cannot be made says why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from development_support import SCHOOL_NAME, TODAY, YEAR, add_staff, development_cycle, pdf_text, squeeze
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaplc_desktop.context import AppContext
from kaplc_desktop.errors import KaplcError, NotFoundError
from kaplc_desktop.reports.pdf.development_pdf import id_plan_pdf, survey_form_pdf


@pytest.fixture(autouse=True)
def font_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAPLC_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "kaplc-cache"))


@pytest.fixture
def cycle(school_ctx: AppContext) -> dict[str, Any]:
    return development_cycle(school_ctx)


def test_an_id_plan_prints_the_person_their_competencies_and_activities(
    school_ctx: AppContext, cycle: dict[str, Any], tmp_path: Path
) -> None:
    person = cycle["school"].people[0]
    target = tmp_path / "แผน.pdf"
    printed = id_plan_pdf(school_ctx, person.id, YEAR, target)
    assert printed.pages >= 1 and printed.warnings == []
    text = pdf_text(target)
    for expected in (
        squeeze(person.full_name_th),
        squeeze(SCHOOL_NAME),
        "สพป.สงขลาเขต2",
        "ชำนาญการพิเศษ",  # their standing
        "พัฒนาการจัดการเรียนรู้เชิงรุก",  # the goals
        "การจัดการเรียนรู้เชิงรุก",
        "Coding",
        "1,500",  # the budget
        "นายใหญ่ใจดี",  # who approved it
        "2569",
    ):
        assert expected in text, expected
    # their assessed competencies: expected 4 – ดีเลิศ, own 3, the director's 2, a gap of 2
    assert "1การมุ่งผลสัมฤทธิ์ในการปฏิบัติงาน4–ดีเลิศ322" in text
    assert text.count("4–ดีเลิศ322") == 11
    # with Thai digits, every number prints in Thai digits
    thai = tmp_path / "thai.pdf"
    id_plan_pdf(school_ctx, person.id, YEAR, thai, thai_digits=True)
    assert "๑,๕๐๐" in pdf_text(thai) and "๒๕๖๙" in pdf_text(thai)


def test_a_plan_without_a_survey_form_prints_without_the_assessment(
    school_ctx: AppContext, cycle: dict[str, Any], tmp_path: Path
) -> None:
    from kaplc_desktop.services.id_plans import ActivityInput

    clerk = cycle["school"].people[2]  # in the survey, but never filled in a form
    school_ctx.id_plans.save(clerk.id, YEAR, {}, [ActivityInput("ระบบสารบรรณอิเล็กทรอนิกส์")], today=TODAY)
    target = tmp_path / "clerk.pdf"
    id_plan_pdf(school_ctx, clerk.id, YEAR, target)
    text = pdf_text(target)
    assert squeeze(clerk.full_name_th) in text and "ระบบสารบรรณอิเล็กทรอนิกส์" in text
    assert "การบริการที่ดี3–ดี" not in text  # no competency table


def test_a_survey_form_prints_the_answers_and_a_blank_one_leaves_them_out(
    school_ctx: AppContext, cycle: dict[str, Any], tmp_path: Path
) -> None:
    person = cycle["school"].people[0]
    filled, blank, anyone = tmp_path / "filled.pdf", tmp_path / "blank.pdf", tmp_path / "anyone.pdf"
    assert survey_form_pdf(school_ctx, YEAR, person.id, filled).pages >= 1
    survey_form_pdf(school_ctx, YEAR, person.id, blank, blank=True)
    survey_form_pdf(school_ctx, YEAR, None, anyone)
    text = pdf_text(filled)
    for expected in (squeeze(person.full_name_th), squeeze(SCHOOL_NAME), "การจัดการเรียนรู้เชิงรุก", "Coding"):
        assert expected in text, expected
    assert "1การมุ่งผลสัมฤทธิ์ในการปฏิบัติงาน4–ดีเลิศ322" in text
    assert "5–มากที่สุด" in text and "สอนภาษาไทยได้ดี" in text and "20กรกฎาคม2569" in text

    empty = pdf_text(blank)
    assert squeeze(person.full_name_th) in empty
    assert "1การมุ่งผลสัมฤทธิ์ในการปฏิบัติงาน4–ดีเลิศ2การบริการที่ดี" in empty  # the expected level, no ratings
    assert "4–ดีเลิศ322" not in empty
    for answer in ("การจัดการเรียนรู้เชิงรุก", "Coding", "สอนภาษาไทยได้ดี", "20กรกฎาคม2569"):
        assert answer not in empty, answer

    nobody = pdf_text(anyone)
    assert squeeze(person.full_name_th) not in nobody and squeeze(SCHOOL_NAME) in nobody
    assert nobody.count("3–ดี") >= 11  # a teacher's eleven competencies at the usual level
    assert "ภาวะผู้นำครู" in nobody and "การสั่งสมความเชี่ยวชาญในงานอาชีพ" not in nobody


def test_a_document_that_cannot_be_made_says_why(school_ctx: AppContext, tmp_path: Path) -> None:
    (person,) = add_staff(school_ctx, [("สมศรี", "teacher", "teacher", None, ["thai"])])
    target = tmp_path / "none.pdf"
    with pytest.raises(KaplcError) as caught:
        id_plan_pdf(school_ctx, person.id, YEAR, target)
    assert person.full_name_th in caught.value.message and str(YEAR) in caught.value.message
    with pytest.raises(NotFoundError, match=str(YEAR)):
        survey_form_pdf(school_ctx, YEAR, person.id, target)
    with pytest.raises(NotFoundError):
        id_plan_pdf(school_ctx, "no-such-person", YEAR, target)
    assert not target.exists()


PRINTABLE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=150)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(PRINTABLE, min_size=6, max_size=6), hours=st.none() | st.integers(0, 2000))
def test_any_text_in_a_plan_still_prints(tmp_path: Path, texts: list[str], hours: int | None) -> None:
    from kaplc_desktop.domain.kinds import ID_PLAN, ID_PLAN_ACTIVITY
    from kaplc_desktop.reports.pdf.documents.development_docs import PersonFacts, id_plan
    from kaplc_desktop.reports.pdf.render import render
    from kaplc_desktop.services.record_rows import row_type
    from kaplc_desktop.services.survey import Rating
    from kaplc_desktop.services.workspace import WorkspaceInfo

    a, b, c, d, e, f = texts
    now = dt.datetime(2026, 8, 1, tzinfo=dt.UTC)
    plan = row_type(ID_PLAN)(
        id="p",
        owner_code="1090050001",
        person_id="x",
        academic_year=YEAR,
        goals=a,
        expected_results=b,
        evidence=c,
        progress=50,
        completed_on=None,
        approved_by=d,
        approved_on=dt.date(2026, 8, 10),
        activity_count=1,
        created_at=now,
        updated_at=now,
        deleted_at=None,
    )
    activities = [
        row_type(ID_PLAN_ACTIVITY)(
            id=f"a{n}",
            owner_code="1090050001",
            plan_id="p",
            position=n,
            competency="ethics" if n else None,
            topic=topic,
            priority=5 - n,
            method="training",
            provider=e,
            starts_on=dt.date(2026, 8, 1),
            ends_on=None if n else dt.date(2027, 3, 31),
            hours=hours,
            budget=1500,
            expected_result=f,
            status="done" if n else "planned",
            done_on=None,
            created_at=now,
            updated_at=now,
            deleted_at=None,
        )
        for n, topic in enumerate((e, a, f))
    ]
    ratings = [Rating("ethics", b or "-", True, 4, 3, None)]
    school = WorkspaceInfo("school", "1090050001", c or "x", "9002", d, e, False)
    doc = id_plan(PersonFacts(f, a, b, c, d), plan, activities, ratings, school)
    path = tmp_path / "any.pdf"
    assert render(doc, path) >= 1
    pdf_text(path)
