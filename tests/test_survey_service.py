"""The July survey, ID plans, the HR development plan, projects and outcomes through the services: a round a year,
each person's form with levels typed as people type them, every rule a user can break (a clear sentence, nothing
saved), a closed round frozen, one undo step per save, gaps and needs as the principal reads them, ID plans drafted
from the survey, and the checks of plans, reviews, projects, scores and PA levels."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from development_support import TODAY, YEAR, SurveySchool, add_staff, ratings_of, survey_school, table_rows

from kaplc_desktop.context import AppContext
from kaplc_desktop.domain.kinds import ID_PLAN_ACTIVITY
from kaplc_desktop.domain.survey_gaps import top_needs
from kaplc_desktop.errors import KaplcError, NotFoundError, ValidationError
from kaplc_desktop.i18n import _
from kaplc_desktop.services.id_plans import ActivityInput
from kaplc_desktop.services.records import RecordService
from kaplc_desktop.services.survey import DONE, IN_PROGRESS, NOT_STARTED, NeedInput, RatingInput

SURVEY_TABLES = ("survey_rounds", "survey_forms", "survey_ratings", "survey_needs")


@pytest.fixture
def school(school_ctx: AppContext) -> SurveySchool:
    return survey_school(school_ctx)


def _state(ctx: AppContext, tables: tuple[str, ...] = SURVEY_TABLES) -> list[Any]:
    """Every row of these tables, the Trash included."""
    return [table_rows(ctx.data_dir, t, where="1 = 1") for t in tables]


def _levels(sheet: Any) -> list[tuple[int | None, int | None]]:
    return [(r.self_level, r.director_level) for r in sheet.ratings]


# --- rounds ------------------------------------------------------------------------------------------------------
def test_a_round_opens_for_the_whole_of_july_and_a_year_has_one(school_ctx: AppContext) -> None:
    ctx = school_ctx
    opened = ctx.survey.open_round(YEAR, today=TODAY)
    assert (opened.opens_on, opened.closes_on, opened.closed_on) == (dt.date(2026, 7, 1), dt.date(2026, 7, 31), None)
    with pytest.raises(ValidationError) as caught:
        ctx.survey.open_round("2569", "01/08/2569", "15/08/2569", today=TODAY)
    assert [e.field for e in caught.value.errors] == ["academic_year"]
    # the sentence goes through the translation catalogue (Thai once it is translated) and names the year
    assert caught.value.message == _("The survey of academic year {year} is already open.").format(year=YEAR)
    assert [r.id for r in ctx.survey.rounds()] == [opened.id]
    assert ctx.survey.get(opened.id).closes_on == dt.date(2026, 7, 31)  # the refused open changed nothing
    # a round in the Trash comes back, the same record, instead of a second round
    ctx.survey.delete(opened.id)
    again = ctx.survey.open_round(YEAR, "01/07/2569", "20/07/2569", today=TODAY)
    assert again.id == opened.id and again.closes_on == dt.date(2026, 7, 20)
    assert ctx.survey.counts() == (1, 0)


@pytest.mark.parametrize(
    ("year", "opens", "closes", "field", "words"),
    [
        (2570, "01/04/2570", "30/04/2570", "opens_on", "16/05/2570"),  # before the year starts on 16 May
        (2569, "16/05/2570", "31/05/2570", "opens_on", "15/05/2570"),  # the next year's first day
        (2569, "20/07/2569", "10/07/2569", "closes_on", ""),  # closes before it opens
    ],
)
def test_a_round_outside_its_academic_year_is_refused(
    school_ctx: AppContext, year: int, opens: str, closes: str, field: str, words: str
) -> None:
    before = _state(school_ctx)
    with pytest.raises(ValidationError) as caught:
        school_ctx.survey.open_round(year, opens, closes, today=TODAY)
    assert [e.field for e in caught.value.errors] == [field]
    assert words in caught.value.errors[0].message
    assert _state(school_ctx) == before


def test_a_rounds_new_dates_are_checked_and_its_year_stays(school: SurveySchool) -> None:
    ctx = school.ctx
    with pytest.raises(ValidationError) as caught:
        ctx.survey.change_round(school.round.id, {"opens_on": "01/06/2570", "closes_on": "30/06/2570"}, TODAY)
    assert "2569" in caught.value.errors[0].message
    changed = ctx.survey.change_round(
        school.round.id, {"academic_year": 2570, "opens_on": "01/07/2569", "closes_on": "15/08/2569"}, TODAY
    )
    assert (changed.academic_year, changed.closes_on) == (YEAR, dt.date(2026, 8, 15))


# --- forms -------------------------------------------------------------------------------------------------------
def test_progress_shows_who_has_not_started_who_is_on_the_way_and_who_is_done(school: SurveySchool) -> None:
    first, second, third = school.people
    progress = school.ctx.survey.progress(school.round.id)
    assert {s.person.id: s.status for s in progress.sheets} == dict.fromkeys(
        (first.id, second.id, third.id), NOT_STARTED
    )
    school.rate(first, 3)  # their own ratings only: the director has not rated yet
    school.rate(second, 3, 4)
    almost = ratings_of(school.sheet(third), 3, 3)[:-1]  # one competency left out
    school.ctx.survey.save_form(school.round.id, third.id, {}, almost, [], today=TODAY)
    progress = school.ctx.survey.progress(school.round.id)
    assert {s.person.id: s.status for s in progress.sheets} == {
        first.id: IN_PROGRESS,
        second.id: DONE,
        third.id: IN_PROGRESS,
    }
    assert (progress.count(NOT_STARTED), progress.count(IN_PROGRESS), progress.count(DONE)) == (0, 2, 1)
    # a form with needs alone is on its way too
    school.ctx.survey.save_form(school.round.id, first.id, {}, [], [NeedInput("การสอนอ่าน")], today=TODAY)
    assert school.sheet(first).status == IN_PROGRESS


@pytest.mark.parametrize("typed", ["4", "4 – ดีเลิศ", "๔", " 4-ดีเลิศ ", "ดีเลิศ", 4])
def test_a_level_is_typed_as_a_number_its_label_or_thai_digits(school: SurveySchool, typed: object) -> None:
    person = school.people[0]
    sheet = school.rate(
        person,
        typed,
        "๓",
        [NeedInput("  การจัดการเรียนรู้   เชิงรุก ", "การบริหารหลักสูตรและการจัดการเรียนรู้", "5 – มากที่สุด", "PLC")],
        self_rated_on="20/07/2569",
        strengths="  สอนภาษาไทยได้ดี \n\n\nมีวินัย  ",
    )
    assert _levels(sheet) == [(4, 3)] * 11
    held = school.ctx.survey.sheet(school.round.id, person.id)  # read back from the database
    assert _levels(held) == [(4, 3)] * 11
    assert [r.expected_level for r in held.ratings] == [4] * 11  # ชำนาญการพิเศษ: 4
    (need,) = held.needs
    assert (need.topic, need.competency, need.priority, need.method) == (
        "การจัดการเรียนรู้ เชิงรุก",
        "curriculum_learning",
        5,
        "plc",
    )
    assert held.form.self_rated_on == dt.date(2026, 7, 20)
    assert held.form.strengths == "สอนภาษาไทยได้ดี\n\nมีวินัย"


@pytest.mark.parametrize("typed", ["0", "6", "9", "๙", "ดีมาก", "-1"])
def test_a_rating_outside_1_to_5_is_refused_naming_the_competency(school: SurveySchool, typed: str) -> None:
    person = school.people[0]
    lines = ratings_of(school.sheet(person), 3)
    lines[4] = RatingInput(lines[4].competency, lines[4].expected_level, typed)
    before = _state(school.ctx)
    with pytest.raises(ValidationError) as caught:
        school.ctx.survey.save_form(school.round.id, person.id, {}, lines, [], today=TODAY)
    (error,) = caught.value.errors
    assert error.field == "self_level"
    assert error.message.startswith("จริยธรรมและจรรยาบรรณวิชาชีพครู: ")  # the fifth competency of a teacher
    assert "5" in error.message
    assert _state(school.ctx) == before


def test_a_competency_the_person_is_not_assessed_on_is_refused(school: SurveySchool) -> None:
    clerk = school.people[2]  # support staff: the five core competencies
    assert [r.competency for r in school.sheet(clerk).ratings] == [
        "achievement",
        "service",
        "expertise",
        "integrity",
        "teamwork",
    ]
    before = _state(school.ctx)
    lines = [*ratings_of(school.sheet(clerk), 3), RatingInput("curriculum_learning", 3, 3)]
    with pytest.raises(ValidationError) as caught:
        school.ctx.survey.save_form(school.round.id, clerk.id, {}, lines, [], today=TODAY)
    assert "curriculum_learning" in caught.value.message and clerk.full_name_th in caught.value.message
    twice = [*ratings_of(school.sheet(clerk), 3), RatingInput("service", 3, 4)]
    with pytest.raises(ValidationError):
        school.ctx.survey.save_form(school.round.id, clerk.id, {}, twice, [], today=TODAY)
    assert _state(school.ctx) == before


def test_a_form_lists_at_most_twenty_needs_each_one_checked(school: SurveySchool) -> None:
    person = school.people[0]
    before = _state(school.ctx)
    with pytest.raises(ValidationError, match="20"):
        school.rate(person, 3, needs=[NeedInput(f"เรื่องที่ {n}") for n in range(21)])
    with pytest.raises(ValidationError) as caught:
        school.rate(person, 3, needs=[NeedInput("การสอนอ่าน"), NeedInput("การวิจัย", priority="9")])
    assert caught.value.errors[0].field == "priority"
    assert caught.value.errors[0].message.startswith(_("need {n}").format(n=2))  # names the second line
    with pytest.raises(ValidationError):
        school.rate(person, 3, needs=[NeedInput("   ")])  # a need without a topic
    assert _state(school.ctx) == before
    sheet = school.rate(person, 3, needs=[NeedInput(f"เรื่องที่ {n}") for n in range(20)])
    assert [n.topic for n in sheet.needs] == [f"เรื่องที่ {n}" for n in range(20)]  # in the order typed
    assert {(n.priority, n.method) for n in sheet.needs} == {(3, "training")}  # the defaults


def test_a_closed_round_refuses_every_save_until_it_is_reopened(school: SurveySchool) -> None:
    ctx = school.ctx
    first, second = school.people[:2]
    school.rate(first, 3, 3)
    closed = ctx.survey.close_round(school.round.id, TODAY)
    assert closed.closed_on == TODAY
    before = _state(ctx)
    with pytest.raises(KaplcError) as caught:
        school.rate(first, 5, 5)
    assert "2569" in caught.value.message and "27/11/2569" in caught.value.message  # the year and the day it closed
    with pytest.raises(KaplcError):
        ctx.survey.save_forms(school.round.id, [(second.id, {}, ratings_of(school.sheet(second), 4), [])], today=TODAY)
    assert _state(ctx) == before
    assert _levels(school.sheet(first)) == [(3, 3)] * 11 and school.sheet(second).form is None
    ctx.survey.reopen_round(school.round.id)
    assert ctx.survey.get(school.round.id).closed_on is None
    assert (
        ctx.survey.save_forms(school.round.id, [(second.id, {}, ratings_of(school.sheet(second), 4), [])], today=TODAY)
        == 1
    )
    assert _levels(school.sheet(second)) == [(4, None)] * 11


def test_each_save_is_one_undo_step_that_puts_the_form_back(school: SurveySchool) -> None:
    ctx = school.ctx
    person = school.people[0]
    school.rate(person, 3, 2, [NeedInput("การสอนอ่าน"), NeedInput("Coding")], strengths="สอนดี")
    first_step = ctx.undo.last()
    school.rate(person, 5, None, [NeedInput("STEM")], strengths="ขยัน")
    step = ctx.undo.last()
    assert step is not first_step and "2569" in step.label
    ctx.service_for(step.kind.name).undo(step)
    sheet = school.sheet(person)
    assert _levels(sheet) == [(3, 2)] * 11
    assert [n.topic for n in sheet.needs] == ["การสอนอ่าน", "Coding"] and sheet.form.strengths == "สอนดี"
    remaining = ctx.undo.last()  # one step per save: the first save's is next
    assert [r.record_id for r in remaining.records] == [r.record_id for r in first_step.records]
    ctx.service_for(remaining.kind.name).undo(remaining)
    assert school.sheet(person).form is None and school.sheet(person).status == NOT_STARTED
    assert ctx.survey.progress(school.round.id).count(NOT_STARTED) == 3


def test_save_forms_is_one_undo_step_for_everyone(school: SurveySchool) -> None:
    ctx = school.ctx
    forms = [(p.id, {}, ratings_of(school.sheet(p), 2), [NeedInput("การสอนอ่าน")]) for p in school.people]
    assert ctx.survey.save_forms(school.round.id, forms, today=TODAY) == 3
    step = ctx.undo.last()
    ctx.service_for(step.kind.name).undo(step)
    assert ctx.survey.progress(school.round.id).count(NOT_STARTED) == 3
    assert ctx.survey.school_view(school.round.id).needs == ()


def test_the_expected_level_is_kept_on_the_form_when_a_standing_changes(school: SurveySchool) -> None:
    ctx = school.ctx
    person = school.people[1]  # ชำนาญการ: expected 3
    lines = [RatingInput(r.competency, "2", 3) for r in school.sheet(person).ratings]  # the principal set 2
    ctx.survey.save_form(school.round.id, person.id, {}, lines, [], today=TODAY)
    ctx.personnel.edit(person.id, {"academic_standing": "expert"}, today=TODAY)
    assert {r.expected_level for r in school.sheet(person).ratings} == {2}
    newcomer_sheet = school.sheet(school.people[0])  # no form yet: the level of their standing
    assert {r.expected_level for r in newcomer_sheet.ratings} == {4}


def test_someone_who_joins_after_the_round_opened_is_in_it(school: SurveySchool) -> None:
    (newcomer,) = add_staff(school.ctx, [("มานี", "assistant_teacher", "teacher", None, ["science_tech"])])
    sheets = {s.person.id: s for s in school.ctx.survey.progress(school.round.id).sheets}
    assert sheets[newcomer.id].status == NOT_STARTED
    assert {r.expected_level for r in sheets[newcomer.id].ratings} == {2}  # ครูผู้ช่วย: still learning
    assert school.rate(newcomer, 2, 2).status == DONE


def test_someone_who_left_keeps_their_form_but_cannot_start_one(school: SurveySchool) -> None:
    ctx = school.ctx
    rated, unrated = school.people[:2]
    school.rate(rated, 3, 3)
    for person in (rated, unrated):
        ctx.personnel.edit(person.id, {"status": "moved", "status_date": "01/10/2569"}, today=TODAY)
    listed = {s.person.id: s.status for s in ctx.survey.progress(school.round.id).sheets}
    assert listed == {rated.id: DONE, school.people[2].id: NOT_STARTED}
    with pytest.raises(ValidationError) as caught:
        school.rate(unrated, 3)
    assert caught.value.message == _("This person is not in the survey (they may have left the school).")
    assert school.rate(rated, 4, 4).status == DONE  # their form can still be corrected


# --- what the survey shows ---------------------------------------------------------------------------------------
def test_the_school_view_averages_each_competency_and_puts_the_largest_gap_first(school: SurveySchool) -> None:
    senior, junior, _clerk = school.people  # expected 4 and 3
    codes = [r.competency for r in school.sheet(senior).ratings]
    director = [1 if c == "ethics" else 5 if c == "service" else 2 for c in codes]
    school.rate(senior, 3, director)
    school.rate(junior, 3)  # no director's rating yet: their own counts
    view = school.ctx.survey.school_view(school.round.id)
    gaps = {g.competency: g for g in view.gaps}
    assert set(gaps) == set(codes)  # the clerk was not rated: no support competency
    ethics, service, team = gaps["ethics"], gaps["service"], gaps["teamwork"]
    assert (ethics.rated, ethics.expected, ethics.actual, ethics.below) == (2, 3.5, 2.0, 1)
    assert ethics.gap == pytest.approx(1.5)
    assert (service.actual, service.gap, service.below) == (4.0, 0.0, 0)
    assert (team.actual, team.gap, team.below) == (2.5, 1.0, 1)
    assert view.gaps[0].competency == "ethics" and view.gaps[-1].competency == "service"
    middle = [g.competency for g in view.gaps[1:-1]]
    assert middle == [c for c in codes if c not in ("ethics", "service")]  # a tie keeps the form's order


def test_top_needs_count_a_topic_typed_with_other_spaces_or_capitals_once(school: SurveySchool) -> None:
    first, second, third = school.people
    school.rate(first, 3, needs=[NeedInput("STEM", priority=5, method="plc"), NeedInput("Coding", priority=4)])
    school.rate(second, 3, needs=[NeedInput("stem", priority=3, method="plc")])
    school.rate(third, 3, needs=[NeedInput(" Stem ", priority=4, method="training")])
    needs = school.ctx.survey.school_view(school.round.id).needs
    assert [(n.count, n.urgent, n.method) for n in needs] == [(3, 2, "plc"), (1, 1, "training")]
    assert needs[0].topic.casefold() == "stem" and needs[0].priority == 4.0
    assert needs[1].topic == "Coding"
    # the pure function: spaces inside a topic too
    typed = [
        SimpleNamespace(form_id=f, topic=t, priority=3, method="training")
        for f, t in (("a", "การสอน  อ่าน"), ("b", "การสอน อ่าน\u200b"), ("a", "x"))
    ]
    assert [(n.topic, n.count) for n in top_needs(typed)] == [("การสอน อ่าน", 2), ("x", 1)]
    assert len(top_needs(typed, limit=1)) == 1
    # one person naming a topic twice is one person, at the higher priority
    twice = [
        SimpleNamespace(form_id="a", topic=t, priority=p, method="plc") for t, p in (("Urgent", 5), ("urgent ", 2))
    ]
    assert [(n.count, n.urgent, n.priority) for n in top_needs(twice)] == [(1, 1, 5.0)]


def test_topics_offer_the_districts_first_then_the_schools_own_by_use(school: SurveySchool) -> None:
    first, second, third = school.people
    school.rate(first, 3, needs=[NeedInput("STEM"), NeedInput("การวิจัยในชั้นเรียน")])
    school.rate(second, 3, needs=[NeedInput("STEM"), NeedInput("coding")])
    school.rate(third, 3, needs=[NeedInput("STEM"), NeedInput("การวิจัยในชั้นเรียน")])
    topics = school.ctx.survey.topics(YEAR, ("Coding", "ภาษาอังกฤษ", " coding "))
    assert topics == ["Coding", "ภาษาอังกฤษ", "STEM", "การวิจัยในชั้นเรียน"]
    assert school.ctx.survey.topics(YEAR) == ["STEM", "การวิจัยในชั้นเรียน", "coding"]


def test_topics_count_the_uses_of_every_spelling_of_a_topic(school: SurveySchool) -> None:
    first, second, third = school.people
    school.rate(first, 3, needs=[NeedInput("Excel"), NeedInput("Word")])
    school.rate(second, 3, needs=[NeedInput("excel"), NeedInput("Word")])
    school.rate(third, 3, needs=[NeedInput("EXCEL")])
    assert [t.casefold() for t in school.ctx.survey.topics(YEAR)] == ["excel", "word"]


def test_a_half_level_is_refused_not_rounded_down(school: SurveySchool) -> None:
    with pytest.raises(ValidationError):
        school.rate(school.people[0], "4.5")


# --- ID plans ----------------------------------------------------------------------------------------------------
def test_a_draft_takes_the_largest_gaps_first_then_the_needs_by_priority(school: SurveySchool) -> None:
    ctx = school.ctx
    person = school.people[1]  # expected 3
    codes = [r.competency for r in school.sheet(person).ratings]
    own = {"service": 1, "classroom_management": 1, "teamwork": 2, "ethics": 2}
    school.rate(
        person,
        [own.get(c, 3) for c in codes],
        needs=[
            NeedInput("อบรมการบริการ", "service", 2, "coaching"),  # asked for the largest gap
            NeedInput("เรื่องน้อย", priority=1),
            NeedInput("เรื่องด่วน", priority=5),
            NeedInput("เรื่องกลาง", priority=3),
            NeedInput("เรื่องค่อนข้างด่วน", priority=4),
        ],
    )
    draft = ctx.id_plans.draft(person.id, YEAR, ctx.survey)
    assert draft.plan is None
    lines = [(a.topic, a.competency, a.priority, a.method) for a in draft.activities]
    assert len(lines) == 5
    assert lines[0] == ("อบรมการบริการ", "service", 2, "coaching")  # the gap of 2 they named a need for
    assert lines[1][1:] == ("classroom_management", 4, "training")  # the other gap of 2
    assert "การบริหารจัดการชั้นเรียน" in lines[1][0]
    assert lines[2][1] == "teamwork"  # the first gap of 1 (ethics comes after it on the form)
    assert [line[0] for line in lines[3:]] == ["เรื่องด่วน", "เรื่องค่อนข้างด่วน"]  # then needs, most urgent first
    assert {(a.starts_on, a.ends_on) for a in draft.activities} == {(dt.date(2026, 8, 1), dt.date(2027, 3, 31))}
    assert "การบริการที่ดี" in draft.values["goals"]
    saved = ctx.id_plans.save(person.id, YEAR, draft.values, list(draft.activities), today=TODAY)
    again = ctx.id_plans.draft(person.id, YEAR, ctx.survey)  # now the saved plan opens
    assert again.plan.id == saved.id and [a.topic for a in again.activities] == [line[0] for line in lines]


def test_without_a_survey_form_the_draft_is_empty(school_ctx: AppContext) -> None:
    ctx = school_ctx
    (person,) = add_staff(ctx, [("สมศรี", "teacher", "teacher", None, ["thai"])])
    no_round = ctx.id_plans.draft(person.id, YEAR, ctx.survey)
    assert (no_round.plan, no_round.activities, no_round.values) == (None, (), {"progress": 0})
    ctx.survey.open_round(YEAR, today=TODAY)
    assert ctx.id_plans.draft(person.id, YEAR, ctx.survey).activities == ()  # in the round, no form yet
    assert ctx.id_plans.draft(person.id, YEAR).activities == ()  # no survey asked for


def test_a_plan_is_saved_with_its_activities_in_one_undo_step(school: SurveySchool) -> None:
    ctx = school.ctx
    person = school.people[0]
    plan = ctx.id_plans.save(
        person.id,
        str(YEAR),
        {"goals": "พัฒนาการสอนอ่าน", "progress": "๕๐", "approved_by": "นายใหญ่ ใจดี", "approved_on": "10/08/2569"},
        [
            ActivityInput("การสอนอ่าน", "การพัฒนาผู้เรียน", "5", "PLC", "ภายในโรงเรียน", "01/08/2569", "30/09/2569", "12"),
            ActivityInput("Coding", method="ศึกษาด้วยตนเอง/หลักสูตรออนไลน์", budget="1,500"),
        ],
        today=TODAY,
    )
    assert (plan.academic_year, plan.progress, plan.approved_on) == (YEAR, 50, dt.date(2026, 8, 10))
    activities = ctx.id_plans.activities(plan.id)
    assert [(a.position, a.topic, a.competency, a.method, a.hours, a.budget, a.status) for a in activities] == [
        (0, "การสอนอ่าน", "student_development", "plc", 12, None, "planned"),
        (1, "Coding", None, "self_study", None, 1500, "planned"),
    ]
    ctx.id_plans.undo(ctx.undo.last())
    assert ctx.id_plans.plan_of(person.id, YEAR) is None
    assert RecordService(ctx.db, ID_PLAN_ACTIVITY).counts() == (0, 2)


@pytest.mark.parametrize(
    ("activity", "field"),
    [
        (ActivityInput("อบรม", starts_on="10/08/2569", ends_on="01/08/2569"), "ends_on"),
        (ActivityInput("อบรม", hours="-6"), "hours"),
        (ActivityInput("อบรม", budget="-500"), "budget"),
        (ActivityInput("   "), "topic"),
        (ActivityInput("อบรม", method="ไปเที่ยว"), "method"),
    ],
)
def test_a_wrong_activity_is_refused_naming_its_line(school: SurveySchool, activity: ActivityInput, field: str) -> None:
    ctx = school.ctx
    before = _state(ctx, ("id_plans", "id_plan_activities"))
    with pytest.raises(ValidationError) as caught:
        ctx.id_plans.save(school.people[0].id, YEAR, {}, [ActivityInput("การสอนอ่าน"), activity], today=TODAY)
    assert [e.field for e in caught.value.errors] == [field]
    assert caught.value.errors[0].message.startswith(_("Activity {n}").format(n=2) + ": ")
    assert _state(ctx, ("id_plans", "id_plan_activities")) == before


def test_an_approval_needs_both_who_and_when(school: SurveySchool) -> None:
    ctx = school.ctx
    person = school.people[0]
    with pytest.raises(ValidationError) as caught:
        ctx.id_plans.save(person.id, YEAR, {"approved_on": "10/08/2569"}, [], today=TODAY)
    assert [e.field for e in caught.value.errors] == ["approved_by"]
    with pytest.raises(ValidationError) as caught:
        ctx.id_plans.save(person.id, YEAR, {"approved_by": "นายใหญ่ ใจดี"}, [], today=TODAY)
    assert [e.field for e in caught.value.errors] == ["approved_on"]
    assert ctx.id_plans.counts() == (0, 0)


def test_editing_a_plan_keeps_its_activities_by_position_and_drops_the_rest(school: SurveySchool) -> None:
    ctx = school.ctx
    person = school.people[0]
    plan = ctx.id_plans.save(
        person.id, YEAR, {}, [ActivityInput("หนึ่ง"), ActivityInput("สอง"), ActivityInput("สาม")], today=TODAY
    )
    ids = [a.id for a in ctx.id_plans.activities(plan.id)]
    again = ctx.id_plans.save(
        person.id, YEAR, {"goals": "ใหม่"}, [ActivityInput("หนึ่ง (แก้)"), ActivityInput("สอง")], today=TODAY
    )
    assert again.id == plan.id and again.goals == "ใหม่"
    kept = ctx.id_plans.activities(plan.id)
    assert [(a.id, a.topic) for a in kept] == [(ids[0], "หนึ่ง (แก้)"), (ids[1], "สอง")]
    assert [a.id for a in RecordService(ctx.db, ID_PLAN_ACTIVITY).list(deleted=True)] == [ids[2]]
    assert ctx.id_plans.counts() == (1, 0)


def test_deleting_a_plan_takes_its_activities_and_restoring_brings_them_back(school: SurveySchool) -> None:
    ctx = school.ctx
    person = school.people[0]
    plan = ctx.id_plans.save(person.id, YEAR, {}, [ActivityInput("หนึ่ง"), ActivityInput("สอง")], today=TODAY)
    ctx.id_plans.save(person.id, YEAR, {}, [ActivityInput("หนึ่ง")], today=TODAY)  # สอง goes to the Trash alone
    activities = RecordService(ctx.db, ID_PLAN_ACTIVITY)
    ctx.id_plans.delete(plan.id)
    assert ctx.id_plans.counts() == (0, 1) and activities.counts() == (0, 2)
    assert ctx.id_plans.plan_of(person.id, YEAR) is None
    ctx.id_plans.restore(plan.id)
    assert [a.topic for a in ctx.id_plans.activities(plan.id)] == ["หนึ่ง"]  # the one removed before stays out
    assert activities.counts() == (1, 1)
    ctx.id_plans.delete(plan.id)
    ctx.id_plans.undo(ctx.undo.last())
    assert [a.topic for a in ctx.id_plans.activities(plan.id)] == ["หนึ่ง"]


# --- the HR development plan, projects and outcomes -------------------------------------------------------------
def test_two_hr_plans_never_cover_the_same_year(school_ctx: AppContext) -> None:
    ctx = school_ctx
    plan = ctx.hrd_plans.add({"first_year": 2568, "last_year": 2570, "name": "แผน 2568–2570"}, TODAY)
    for first, last in ((2570, 2572), (2566, 2568), (2569, 2569)):
        with pytest.raises(ValidationError) as caught:
            ctx.hrd_plans.add({"first_year": first, "last_year": last, "name": "แผนใหม่"}, TODAY)
        assert "แผน 2568–2570" in caught.value.message and "2568–2570" in caught.value.message
    with pytest.raises(ValidationError, match="5"):
        ctx.hrd_plans.add({"first_year": 2571, "last_year": 2576, "name": "ยาวเกิน"}, TODAY)
    later = ctx.hrd_plans.add({"first_year": 2571, "last_year": 2573, "name": "แผนถัดไป"}, TODAY)
    with pytest.raises(ValidationError):
        ctx.hrd_plans.update(later.id, {"first_year": 2570, "last_year": 2573, "name": "แผนถัดไป"}, TODAY)
    assert ctx.hrd_plans.plan_for(2570).id == plan.id and ctx.hrd_plans.plan_for(2571).id == later.id
    # a plan in the Trash frees its years, and cannot come back over another plan's
    ctx.hrd_plans.delete(plan.id)
    ctx.hrd_plans.add({"first_year": 2569, "last_year": 2570, "name": "แผนแทน"}, TODAY)
    with pytest.raises(ValidationError):
        ctx.hrd_plans.restore(plan.id)


def test_a_review_is_of_a_year_of_its_plan_and_there_is_one_a_year(school_ctx: AppContext) -> None:
    ctx = school_ctx
    plan = ctx.hrd_plans.add({"first_year": 2568, "last_year": 2570, "name": "แผน 2568–2570"}, TODAY)
    review = ctx.hrd_reviews.add({"plan_id": plan.id, "academic_year": "2568", "findings": "ดี"}, TODAY)
    with pytest.raises(ValidationError) as caught:
        ctx.hrd_reviews.add({"plan_id": plan.id, "academic_year": 2571}, TODAY)
    assert [e.field for e in caught.value.errors] == ["academic_year"] and "2568–2570" in caught.value.message
    with pytest.raises(ValidationError, match="2568"):
        ctx.hrd_reviews.add({"plan_id": plan.id, "academic_year": 2568, "findings": "ซ้ำ"}, TODAY)
    assert [r.id for r in ctx.hrd_plans.reviews(plan.id)] == [review.id]
    ctx.hrd_reviews.delete(review.id)
    back = ctx.hrd_reviews.add({"plan_id": plan.id, "academic_year": 2568, "findings": "เขียนใหม่"}, TODAY)
    assert back.id == review.id and back.findings == "เขียนใหม่"  # the same review, out of the Trash


def test_a_project_is_for_exactly_the_people_it_names(school_ctx: AppContext) -> None:
    ctx = school_ctx
    first, second, third = add_staff(ctx)
    plan = ctx.hrd_plans.add({"first_year": 2568, "last_year": 2570, "name": "แผน"}, TODAY)
    project = ctx.action_projects.save(
        {"fiscal_year": 2570, "name": "โครงการ PLC", "hrd_plan_id": plan.id, "budget": "12,000"},
        [first.id, second.id, first.id],
        today=TODAY,
    )
    assert project.budget == 12000 and ctx.action_projects.targets(project.id) == [first.id, second.id]
    ctx.action_projects.save(
        {"fiscal_year": 2570, "name": "โครงการ PLC"}, [second.id, third.id], project_id=project.id, today=TODAY
    )
    assert sorted(ctx.action_projects.targets(project.id)) == sorted([second.id, third.id])
    assert ctx.action_projects.get(project.id).hrd_plan_id is None and ctx.action_projects.counts() == (1, 0)
    before = _state(ctx, ("action_projects", "action_targets"))
    with pytest.raises(ValidationError) as caught:
        ctx.action_projects.save({"fiscal_year": 2570, "name": "โครงการใหม่"}, ["no-such-person"], today=TODAY)
    assert [e.field for e in caught.value.errors] == ["people"]
    ctx.personnel.delete(third.id)
    with pytest.raises(ValidationError):
        ctx.action_projects.save({"fiscal_year": 2570, "name": "โครงการใหม่"}, [third.id], today=TODAY)
    with pytest.raises(ValidationError):
        ctx.action_projects.save(
            {"fiscal_year": 2570, "name": "x", "starts_on": "01/12/2569", "ends_on": "01/11/2569"}, [], today=TODAY
        )
    with pytest.raises(NotFoundError):
        ctx.action_projects.save({"fiscal_year": 2570, "name": "x"}, [], project_id="no-such-project", today=TODAY)
    assert _state(ctx, ("action_projects", "action_targets")) == before


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("45.25", 4525, "45.25"),
        ("45.5", 4550, "45.50"),
        ("45", 4500, "45"),
        ("๔๕.๒๕", 4525, "45.25"),
        ("0", 0, "0"),
        ("100", 10000, "100"),
        (" 7.05 ", 705, "7.05"),
    ],
)
def test_a_score_is_kept_in_hundredths(school_ctx: AppContext, typed: str, stored: int, shown: str) -> None:
    result = school_ctx.achievement.add(
        {"academic_year": 2568, "test": "onet", "learning_area": "thai", "school_result": typed}, TODAY
    )
    assert result.school_result == stored
    assert result.display("school_result") == shown


@pytest.mark.parametrize("typed", ["45.255", "-1", "-0.5", "100.01", "45,25.1", "สี่สิบ", "1e2"])
def test_a_wrong_score_is_refused(school_ctx: AppContext, typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        school_ctx.achievement.add(
            {"academic_year": 2568, "test": "onet", "learning_area": "thai", "school_result": typed}, TODAY
        )
    assert [e.field for e in caught.value.errors] == ["school_result"]
    assert school_ctx.achievement.counts() == (0, 0)


def test_a_pa_result_level_is_from_1_to_4(school_ctx: AppContext) -> None:
    ctx = school_ctx
    (person,) = add_staff(ctx, [("สมศรี", "teacher", "teacher", None, ["thai"])])
    task = {"person_id": person.id, "fiscal_year": 2569, "task": "ยกระดับการอ่าน"}
    assert ctx.agreements.add({**task, "result_level": "4"}, TODAY).result_level == 4
    assert ctx.agreements.add({**task, "result_level": "สูงกว่าระดับที่คาดหวัง"}, TODAY).result_level == 4
    assert ctx.agreements.add({**task, "result_level": ""}, TODAY).result_level is None  # not judged yet
    for typed in ("5", "0", "๕"):
        with pytest.raises(ValidationError) as caught:
            ctx.agreements.add({**task, "result_level": typed}, TODAY)
        assert [e.field for e in caught.value.errors] == ["result_level"] and "4" in caught.value.message
    assert ctx.agreements.counts() == (3, 0)
