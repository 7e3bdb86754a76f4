"""The development page driven through its real widgets and keys: the survey opened with its button, a person's
form rated with the keyboard (digits choose levels, the gap shows), a need added and saved with Ctrl+S, a closed
round read-only; an ID plan opened drafted from the survey, an activity added through its own form and saved; a
project for the people who named a need; a review added to the chosen plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from support import teacher, type_text, when_modal

from kaplc_desktop.context import AppContext
from kaplc_desktop.domain.thai_years import academic_year
from kaplc_desktop.services.survey import DONE, NOT_STARTED, NeedInput, RatingInput
from kaplc_desktop.ui.app import make_application
from kaplc_desktop.ui.main_window import MainWindow
from kaplc_desktop.ui.tasks import TaskRunner

NAMES = (("สมศรี", "ใจดี"), ("วิไล", "ทองมา"), ("ปราณี", "ศรีสุข"))


class Prompts:
    def __init__(self) -> None:
        self.answer = True
        self.asked: list[str] = []
        self.informed: list[str] = []

    def confirm(self, _parent: object, _title: str, question: str) -> bool:
        self.asked.append(question)
        return self.answer

    def inform(self, _parent: object, title: str, text: str) -> None:
        self.informed.append(f"{title}: {text}")


def _year() -> int:
    return academic_year(dt.date.today())


@pytest.fixture
def staff(school_ctx: AppContext) -> list[Any]:
    return [
        school_ctx.personnel.add(teacher(first_name_th=first, last_name_th=last, national_id=None))
        for first, last in NAMES
    ]


@pytest.fixture
def window(qtbot: QtBot, school_ctx: AppContext, staff: list[Any]) -> Any:
    make_application()
    TaskRunner.synchronous = True
    main = MainWindow(school_ctx, lambda _lang: None)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    yield main
    TaskRunner.synchronous = False


def _wait_for(condition: Any, seconds: float = 5) -> None:
    deadline = dt.datetime.now() + dt.timedelta(seconds=seconds)
    while not condition():
        assert dt.datetime.now() < deadline, "timed out"
        QApplication.processEvents()


def _open_page(window: Any) -> Any:
    """As a user does: the side list with the keyboard."""
    window.activateWindow()
    _wait_for(window.isActiveWindow)
    window.nav.setFocus()
    while window.nav.currentItem().text() != window.nav.item(list(window.pages).index("development")).text():
        QTest.keyClick(window.nav, Qt.Key.Key_Down)
    page = window.development_holder.page
    _wait_for(page.isVisible)
    prompts = Prompts()
    for holder in (page.survey, page.plans):
        holder.prompts = prompts
    page.hrd.plans.prompts = prompts
    return page


def _click(button: Any) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def _open_round(ctx: AppContext) -> Any:
    return ctx.survey.open_round(_year())


def test_the_survey_is_opened_with_its_button_and_lists_everyone(window: Any, school_ctx: AppContext) -> None:
    page = _open_page(window)
    tab = page.survey
    assert tab.open_round_button.isVisible() and tab.table.rowCount() == 0
    _click(tab.open_round_button)
    assert tab.prompts.asked, "opening the survey asks first"
    _wait_for(lambda: tab.table.rowCount() == len(NAMES))
    assert school_ctx.survey.round_of(_year()).opens_on.month == 7
    assert not tab.open_round_button.isVisible()
    assert "0 ·" not in tab.counts.text() or str(len(NAMES)) in tab.counts.text()


def test_a_form_rated_with_the_keyboard_and_saved_with_ctrl_s(
    window: Any, school_ctx: AppContext, staff: list[Any]
) -> None:
    _open_round(school_ctx)
    page = _open_page(window)
    tab = page.survey
    tab.reload()
    tab.select_person(staff[0].id)
    seen: dict[str, Any] = {}

    def act(dialog: Any) -> None:
        first_self, first_director = dialog.levels[0][1], dialog.levels[0][2]
        _wait_for(lambda: QApplication.focusWidget() is first_self)  # typing starts at the first own rating
        for _combos in dialog.levels:  # a user types each level's digit and Tabs on
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is first_director
        for _combos in dialog.levels:
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen["gap"] = dialog.ratings.item(0, 4).text()
        _click(dialog.add_need_button)
        topic = dialog.needs.cellWidget(0, 0)
        type_text(topic.lineEdit(), "การสอนแบบโครงงาน")
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        _wait_for(lambda: not dialog.isVisible(), 2)

    when_modal(act)
    QTest.keyClick(tab.table, Qt.Key.Key_Return)  # Enter opens the chosen person's form
    assert seen["gap"] == "2"  # expected 3 for a teacher without standing, the director's 1
    sheet = school_ctx.survey.sheet(school_ctx.survey.round_of(_year()).id, staff[0].id)
    assert sheet.status == DONE
    assert {r.self_level for r in sheet.ratings} == {2} and {r.director_level for r in sheet.ratings} == {1}
    assert [n.topic for n in sheet.needs] == ["การสอนแบบโครงงาน"]
    _wait_for(lambda: "1" in tab.counts.text())


def test_escape_asks_before_throwing_away_chosen_levels(window: Any, school_ctx: AppContext, staff: list[Any]) -> None:
    round_ = _open_round(school_ctx)
    page = _open_page(window)
    tab = page.survey
    tab.reload()
    tab.select_person(staff[1].id)

    def act(dialog: Any) -> None:
        dialog.prompts = Prompts()
        dialog.prompts.answer = False
        QTest.keyClick(dialog.levels[0][1], Qt.Key.Key_4)
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible() and dialog.prompts.asked  # kept open: the user said no
        dialog.prompts.answer = True
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        _wait_for(lambda: not dialog.isVisible(), 2)

    when_modal(act)
    _click(tab.open_form_button)
    assert school_ctx.survey.sheet(round_.id, staff[1].id).status == NOT_STARTED


def test_a_wrong_value_is_refused_in_the_form_and_nothing_is_saved(
    window: Any, school_ctx: AppContext, staff: list[Any]
) -> None:
    round_ = _open_round(school_ctx)
    page = _open_page(window)
    tab = page.survey
    tab.reload()
    tab.select_person(staff[2].id)
    seen: dict[str, str] = {}

    def act(dialog: Any) -> None:
        QTest.keyClick(dialog.levels[0][1], Qt.Key.Key_3)
        type_text(dialog.self_rated_on, "31/02/2569")
        _click(dialog.save_button)
        seen["error"] = dialog.form_error.text()
        assert dialog.isVisible()
        dialog.prompts = Prompts()
        dialog.reject()

    when_modal(act)
    _click(tab.open_form_button)
    assert seen["error"]
    assert school_ctx.survey.sheet(round_.id, staff[2].id).form is None


def test_a_closed_round_shows_the_form_read_only(window: Any, school_ctx: AppContext, staff: list[Any]) -> None:
    round_ = _open_round(school_ctx)
    page = _open_page(window)
    tab = page.survey
    tab.reload()
    _click(tab.close_round_button)
    _wait_for(lambda: school_ctx.survey.get(round_.id).closed_on is not None)
    assert tab.close_round_button.text() != "" and not tab.import_button.isEnabled()
    tab.select_person(staff[0].id)
    seen: dict[str, bool] = {}

    def act(dialog: Any) -> None:
        seen["note"] = dialog.closed_note.isVisible()
        seen["save"] = dialog.save_button.isEnabled()
        seen["combo"] = dialog.levels[0][1].isEnabled()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    when_modal(act)
    _click(tab.open_form_button)
    assert seen == {"note": True, "save": False, "combo": False}
    _click(tab.close_round_button)  # now "Reopen the round"
    _wait_for(lambda: school_ctx.survey.get(round_.id).closed_on is None)


def _rated(ctx: AppContext, person: Any) -> None:
    round_ = ctx.survey.round_of(_year())
    sheet = ctx.survey.sheet(round_.id, person.id)
    ratings = [RatingInput(r.competency, r.expected_level, 3, 3) for r in sheet.ratings]
    ratings[5] = RatingInput(sheet.ratings[5].competency, 3, 1, 1)  # the largest gap
    needs = [NeedInput("การวัดผลตามสภาพจริง", "curriculum_learning", 5, "training")]
    ctx.survey.save_form(round_.id, person.id, {}, ratings, needs)


def test_an_id_plan_drafted_from_the_survey_gets_an_activity_and_is_saved(
    window: Any, school_ctx: AppContext, staff: list[Any]
) -> None:
    _open_round(school_ctx)
    _rated(school_ctx, staff[0])
    page = _open_page(window)
    page.tabs.setCurrentWidget(page.plans)
    plans = page.plans
    _wait_for(lambda: plans.table.rowCount() == len(NAMES))
    plans._select(staff[0].id)
    seen: dict[str, Any] = {}

    def add_activity(form: Any) -> None:
        type_text(form.topic, "ศึกษาดูงานโรงเรียนต้นแบบ")
        type_text(form.hours, "6")
        type_text(form.budget, "1500")
        _click(form.save_button)
        _wait_for(lambda: not form.isVisible(), 2)

    def act(dialog: Any) -> None:
        dialog.prompts = Prompts()
        seen["drafted"] = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
        when_modal(add_activity)
        _click(dialog.add_button)
        seen["rows"] = dialog.table.rowCount()
        type_text(dialog.approved_by, "นายผู้อำนวยการ ทดสอบ")
        type_text(dialog.approved_on, "10/08/" + str(_year()))
        dialog.activateWindow()  # where the activity's form closed, the plan's window is active again
        _wait_for(dialog.isActiveWindow)
        QTest.keyClick(dialog.approved_on, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        _wait_for(lambda: not dialog.isVisible(), 2)

    when_modal(act)
    QTest.keyClick(plans.table, Qt.Key.Key_Return)
    assert seen["drafted"][0].startswith("การวัดผลตามสภาพจริง")  # the need that names the largest gap's competency
    plan = school_ctx.id_plans.plan_of(staff[0].id, _year())
    assert plan is not None and plan.approved_by == "นายผู้อำนวยการ ทดสอบ"
    activities = school_ctx.id_plans.activities(plan.id)
    assert len(activities) == seen["rows"] and activities[-1].topic == "ศึกษาดูงานโรงเรียนต้นแบบ"
    assert activities[-1].budget == 1500
    _wait_for(lambda: plans.print_button.isEnabled())


def test_a_wrong_activity_is_refused_in_its_form(window: Any, school_ctx: AppContext, staff: list[Any]) -> None:
    page = _open_page(window)
    page.tabs.setCurrentWidget(page.plans)
    plans = page.plans
    _wait_for(lambda: plans.table.rowCount() == len(NAMES))
    plans._select(staff[1].id)
    seen: dict[str, Any] = {}

    def bad_activity(form: Any) -> None:
        type_text(form.topic, "อบรมออนไลน์")
        type_text(form.starts_on, "10/10/2569")
        type_text(form.ends_on, "01/10/2569")
        _click(form.save_button)
        seen["error"] = form._errors["ends_on"].text()
        seen["open"] = form.isVisible()
        QTest.keyClick(form, Qt.Key.Key_Escape)  # typed text: Esc asks first
        seen["asked"] = len(form.prompts.asked)
        _wait_for(lambda: not form.isVisible(), 2)

    def act(dialog: Any) -> None:
        dialog.prompts = Prompts()
        when_modal(bad_activity)
        _click(dialog.add_button)
        seen["rows"] = dialog.table.rowCount()
        dialog.reject()

    when_modal(act)
    _click(plans.open_button)
    assert seen["open"] and seen["error"] and seen["rows"] == 0 and seen["asked"] == 1
    assert school_ctx.id_plans.plan_of(staff[1].id, _year()) is None


def test_a_project_for_those_who_named_a_need(window: Any, school_ctx: AppContext, staff: list[Any]) -> None:
    _open_round(school_ctx)
    _rated(school_ctx, staff[0])
    _rated(school_ctx, staff[2])
    page = _open_page(window)
    page.tabs.setCurrentWidget(page.hrd)
    hrd = page.hrd

    def act(dialog: Any) -> None:
        type_text(dialog.name, "อบรมการวัดผลตามสภาพจริง")
        index = dialog.from_need.findData("การวัดผลตามสภาพจริง")
        for _n in range(index):  # a user picks the need with the arrow keys: each step ticks its askers
            QTest.keyClick(dialog.from_need, Qt.Key.Key_Down)
            if dialog.from_need.currentIndex() == 0:  # it went back to the prompt once it ticked
                break
        QTest.keyClick(dialog.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        _click(dialog.save_button)
        _wait_for(lambda: not dialog.isVisible(), 2)

    when_modal(act)
    _click(hrd.projects.new_button)
    projects = school_ctx.action_projects.projects()
    assert [p.name for p in projects] == ["อบรมการวัดผลตามสภาพจริง"]
    assert set(school_ctx.action_projects.targets(projects[0].id)) == {staff[0].id, staff[2].id}
    _wait_for(lambda: hrd.projects.model.rowCount() == 1)


def test_a_review_is_added_to_the_chosen_plan(window: Any, school_ctx: AppContext) -> None:
    year = _year()
    school_ctx.hrd_plans.add({"first_year": year - 1, "last_year": year + 1, "name": "แผนพัฒนาบุคลากร"})
    page = _open_page(window)
    page.tabs.setCurrentWidget(page.hrd)
    hrd = page.hrd
    _wait_for(lambda: hrd.plans.model.rowCount() == 1 and hrd.reviews.new_button.isEnabled())

    def act(dialog: Any) -> None:
        type_text(dialog.academic_year, str(year))
        type_text(dialog.findings, "ครูเข้าร่วม PLC ครบทุกคน")
        _click(dialog.save_button)
        _wait_for(lambda: not dialog.isVisible(), 2)

    when_modal(act)
    _click(hrd.reviews.new_button)
    plan = school_ctx.hrd_plans.list()[0]
    assert [r.academic_year for r in school_ctx.hrd_plans.reviews(plan.id)] == [year]
    _wait_for(lambda: hrd.reviews.model.rowCount() == 1)


def test_the_overview_counts_the_survey_and_its_button_leads_there(
    window: Any, school_ctx: AppContext, staff: list[Any]
) -> None:
    _open_round(school_ctx)
    _rated(school_ctx, staff[0])
    window.show_page("overview")
    overview = window.overview_holder.page
    _wait_for(overview.isVisible)
    overview.refresh()
    from kaplc_desktop.i18n import _

    expected = _("Survey {year} ({state}): {done} of {n} forms done, {busy} in progress.").format(
        year=_year(), state=_("open for answers"), done=1, n=len(NAMES), busy=0
    )
    assert overview.survey_text.text() == expected
    _click(overview.survey_button)
    page = window.development_holder.page
    _wait_for(lambda: page.isVisible() and page.tabs.currentWidget() is page.survey)
