"""A small district for the dashboard tests (import as `from dashboard_support import …`), its values worked out
by hand in test_district_dashboards.py's docstring."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from development_support import TODAY, YEAR, SurveySchool, survey_school
from plc_support import plc_school
from sync_support import OTHER_SCHOOL, SCHOOL_CODE, fp, make_district, make_school

from kaplc_desktop.services.plc_meetings import AttendeeInput
from kaplc_desktop.services.survey import NeedInput


def send(school: Any, district: Any, folder: Path) -> None:
    bundle = school.sync.export_bundle(folder).path
    district.sync.import_bundles([bundle], dry_run=False, trust=[fp(school)])


def _portfolio(
    ctx: Any, person: Any, name: str, year: int, status: str, category: str | None, award: Any = None
) -> Any:
    from kaplc_desktop.services.portfolios import AwardEntry

    raw = {
        "name": name,
        "work_kind": "best_practice",
        "academic_year": year,
        "owner_type": "persons",
        "category": category,
        "status": status,
        "submitted_on": None if status == "draft" else "01/11/2569",
    }
    awards = [AwardEntry(award)] if award else []
    sections = {"importance": "นักเรียนอ่านไม่คล่อง"}
    return ctx.portfolios.save(raw, owners=[person.id], sections=sections, awards=awards, today=TODAY)


def dashboard_world(tmp_path: Path) -> dict[str, Any]:
    """School A, school B and their district, B's PLC target set to 4 hours. Close world["a"], ["b"] and
    ["district"] after."""
    district = make_district(tmp_path / "district")
    usb = tmp_path / "usb"
    usb.mkdir()
    a = make_school(tmp_path / "a", district)
    survey_a = survey_school(a.ctx)
    somsri, wilai, _officer = survey_a.people
    survey_a.rate(
        somsri,
        3,
        2,  # the director's 2 is the level agreed: expected 4, a gap of 2 on every competency
        [
            NeedInput("Coding", "curriculum_learning", "5", "training"),
            NeedInput("การจัดการเรียนรู้เชิงรุก", None, "3"),
            NeedInput("CODING", None, "2", "plc"),  # the same need again: counted once, at priority 5
        ],
    )
    survey_a.rate(wilai, 4, needs=[NeedInput(" coding ", None, "4", "self_study")])  # expected 3, agreed 4: no gap
    a_late = _portfolio(a.ctx, somsri, "อ่านออกเขียนได้", 2569, "submitted", "teacher_excellent")
    send(a, district, usb)

    b = make_school(tmp_path / "b", district, code=OTHER_SCHOOL)
    plc = plc_school(b.ctx)
    p0, p1, _p2, _p3 = plc.people
    plc.save(day="18/11/2569", start="15.30", end="17.00")  # 90 minutes, everyone
    plc.save(
        [AttendeeInput(p0.id), AttendeeInput(p1.id, left_at="16.00")], day="20/11/2569", start="15.00", end="18.00"
    )
    # p0 270 minutes (reached 4 h), p1 90 + 60 = 150 (on pace: ≥ 140.8), p2 and p3 90 (behind)
    round_b = b.ctx.survey.open_round(YEAR, today=TODAY)
    SurveySchool(b.ctx, plc.people, round_b).rate(p0, 4, needs=[NeedInput("Coding ", None, "3", "training")])
    gold = {"name": "ครูดีศรีสงขลา", "level": "district", "rank": "winner", "medal": "gold"}
    silver = {"name": "OBEC AWARDS", "level": "region", "rank": "runner_up_1", "medal": "silver"}
    b_first = _portfolio(b.ctx, p0, "คณิตคิดเร็ว", 2569, "submitted", "teacher_excellent", gold)
    b_second = _portfolio(b.ctx, p1, "ห้องเรียนกลับด้าน", 2569, "submitted", None, silver)
    _portfolio(b.ctx, p0, "ร่างยังไม่ส่ง", 2569, "draft", "teacher_excellent", gold)  # never counted
    _portfolio(b.ctx, p1, "งานปีก่อน", 2568, "submitted", "teacher_excellent")
    send(b, district, usb)

    d = district.ctx
    d.district_settings.set_year(2569, 4)
    d.school_registry.add({"school_code": SCHOOL_CODE, "school_name": "โรงเรียนเอ", "cluster": "เครือข่าย 1"})
    d.school_registry.add({"school_code": OTHER_SCHOOL, "school_name": "โรงเรียนบี", "cluster": "เครือข่าย 2"})
    decide = d.portfolio_decisions.decide
    decide({"portfolio_id": b_first.id, "level": "district", "result": "selected", "decided_on": "25/11/2569"}, TODAY)
    decide({"portfolio_id": b_first.id, "level": "region", "result": "not_selected", "decided_on": "25/11/2569"}, TODAY)
    decide({"portfolio_id": b_second.id, "level": "district", "result": "selected", "decided_on": "25/11/2569"}, TODAY)
    decide({"portfolio_id": b_second.id, "level": "region", "result": "selected", "decided_on": "26/11/2569"}, TODAY)
    decide(
        {"portfolio_id": a_late.id, "level": "district", "result": "not_selected", "decided_on": "25/11/2569"}, TODAY
    )
    return {"district": district, "a": a, "b": b}
