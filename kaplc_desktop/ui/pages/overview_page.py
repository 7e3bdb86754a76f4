"""The Overview page: which workspace this is, where its data and backups are, and what it holds."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...context import AppContext
from ...domain import buddhist_date
from ...i18n import _
from ...paths import backups_dir, logs_dir
from ..backup_actions import back_up_now
from ..change_relay import refresh_on
from ..widgets.thai_text import plain_label


class OverviewPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewPage")
        self.ctx = ctx
        # the page scrolls: with the district's periods it is taller than a 768-pixel screen
        content = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        self.heading = plain_label()
        self.heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.demo_note = plain_label(
            _("This workspace holds demo data, for trying the program. Use a new data folder for real records.")
        )
        self.demo_note.setStyleSheet("background: #fff3cd; padding: 6px;")
        self.demo_note.setWordWrap(True)
        layout.addWidget(self.demo_note)
        layout.addWidget(self._backup_reminder())
        layout.addWidget(self._plc_box())
        layout.addWidget(self._survey_box())
        box = QGroupBox(_("Workspace"))
        self.form = QFormLayout(box)
        layout.addWidget(box)
        self.settings_box = QGroupBox(_("The district's settings"))
        self.settings_label = plain_label()
        self.settings_label.setObjectName("districtSettings")
        self.settings_label.setWordWrap(True)
        QVBoxLayout(self.settings_box).addWidget(self.settings_label)
        layout.addWidget(self.settings_box)
        self.expected_box = QGroupBox(_("What the district expects"))
        self.expected_label = plain_label()
        self.expected_label.setObjectName("districtExpects")
        self.expected_label.setWordWrap(True)
        QVBoxLayout(self.expected_box).addWidget(self.expected_label)
        layout.addWidget(self.expected_box)
        store = QGroupBox(_("Data"))
        self.store_form = QFormLayout(store)
        layout.addWidget(store)
        layout.addStretch(1)
        self.refresh()
        refresh_on(ctx.db.changes, self, (), self.refresh)  # counts and settings: any change may move them

    def _backup_reminder(self) -> QFrame:
        """Shown when no backup reached a USB stick or another disk in the last 30 days (not for the demo)."""
        self.reminder = QFrame()
        self.reminder.setObjectName("backupReminder")
        self.reminder.setStyleSheet("#backupReminder { background: #fde2e1; border-radius: 4px; }")
        row = QHBoxLayout(self.reminder)
        self.reminder_text = plain_label()
        self.reminder_text.setWordWrap(True)
        row.addWidget(self.reminder_text, 1)
        self.reminder_button = QPushButton(_("Back up now…"))
        self.reminder_button.setObjectName("reminderBackUp")
        self.reminder_button.clicked.connect(lambda: back_up_now(self, self.ctx))
        row.addWidget(self.reminder_button)
        return self.reminder

    def _plc_box(self) -> QGroupBox:
        """This academic year's PLC hours at a glance (schools): who reached the target, who is behind."""
        self.plc_box = QGroupBox(_("PLC hours this academic year"))
        self.plc_box.setObjectName("plcOverview")
        row = QHBoxLayout(self.plc_box)
        column = QVBoxLayout()
        self.plc_text = plain_label()
        self.plc_text.setObjectName("plcOverviewText")
        self.plc_text.setWordWrap(True)
        self.plc_bar = QProgressBar()
        self.plc_bar.setObjectName("plcOverviewBar")
        self.plc_bar.setRange(0, 100)
        self.plc_bar.setFormat(_("%p% of the target, on average"))
        column.addWidget(self.plc_text)
        column.addWidget(self.plc_bar)
        row.addLayout(column, 1)
        self.plc_button = QPushButton(_("See PLC hours"))
        self.plc_button.setObjectName("plcOverviewButton")
        self.plc_button.clicked.connect(self._show_plc_hours)
        row.addWidget(self.plc_button)
        return self.plc_box

    def _survey_box(self) -> QGroupBox:
        """This academic year's July survey at a glance (schools): how many forms are done."""
        self.survey_box = QGroupBox(_("July survey this academic year"))
        self.survey_box.setObjectName("surveyOverview")
        row = QHBoxLayout(self.survey_box)
        self.survey_text = plain_label()
        self.survey_text.setObjectName("surveyOverviewText")
        self.survey_text.setWordWrap(True)
        row.addWidget(self.survey_text, 1)
        self.survey_button = QPushButton(_("Open the survey"))
        self.survey_button.setObjectName("surveyOverviewButton")
        self.survey_button.clicked.connect(self._show_survey)
        row.addWidget(self.survey_button)
        return self.survey_box

    def _show_survey(self) -> None:
        window = self.window()
        if hasattr(window, "show_survey"):
            window.show_survey()

    def _refresh_survey(self, kind: str) -> None:
        self.survey_box.setVisible(kind == "school")
        if kind != "school":
            return
        from ...domain.thai_years import academic_year
        from ...services.survey import DONE, IN_PROGRESS

        year = academic_year(_today())
        round_ = next((r for r in self.ctx.survey.rounds() if r.academic_year == year), None)
        if round_ is None:
            self.survey_text.setText(
                _("The survey of {year} is not open yet: every person rates their competencies in July.").format(
                    year=year
                )
            )
            return
        progress = self.ctx.survey.progress(round_.id)
        state = _("closed") if round_.closed_on is not None else _("open for answers")
        self.survey_text.setText(
            _("Survey {year} ({state}): {done} of {n} forms done, {busy} in progress.").format(
                year=year,
                state=state,
                done=progress.count(DONE),
                n=len(progress.sheets),
                busy=progress.count(IN_PROGRESS),
            )
        )

    def _show_plc_hours(self) -> None:
        window = self.window()
        if hasattr(window, "show_plc_hours"):
            window.show_plc_hours()

    def _refresh_plc(self, kind: str) -> None:
        self.plc_box.setVisible(kind == "school")
        if kind != "school":
            return
        from ...services.plc_hours import Tally

        hours = self.ctx.plc_hours
        year = hours.current_year("academic")
        tally = Tally.of(hours.people("academic", year))
        target = hours.target("academic", year)
        self.plc_text.setText(
            _(
                "Academic year {year}, target {target} hours: {done} of {n} have reached it, {behind} are behind the "
                "pace for today."
            ).format(year=year, target=target, done=tally.done, n=tally.people, behind=tally.behind)
        )
        self.plc_bar.setValue(round(100 * tally.average_share))

    def refresh(self) -> None:
        info = self.ctx.workspace.get()
        for form in (self.form, self.store_form):
            while form.rowCount():
                form.removeRow(0)
        if info is None:
            return
        self.heading.setText(info.title)
        self.demo_note.setVisible(info.is_demo)
        from ...backups.backup_history import reminder_due  # (loaded when the Overview is first shown)
        from .backup_panel import last_backup_text

        on_file = self.ctx.db.file is not None  # a server's data is backed up on the server
        self.reminder.setVisible(on_file and not info.is_demo and reminder_due(self.ctx.data_dir))
        self.reminder_text.setText(
            last_backup_text(self.ctx.data_dir)
            + " "
            + _("Back up to a USB stick at least once a month, so a broken or lost computer does not lose the records.")
        )
        rows = [(_("Kind"), _("School") if info.kind == "school" else _("District office (ESA)"))]
        if info.kind == "school":
            rows += [(_("School code"), info.school_code or ""), (_("Principal"), info.principal_name or "-")]
        rows += [(_("ESA"), info.esa_name), (_("ESA code"), info.esa_code or "-")]
        for label, value in rows:
            self.form.addRow(label + ":", _selectable(value))
        self.settings_label.setText(self._settings_text(info.kind))
        expected = self._expected_text(info.school_code) if info.kind == "school" and info.school_code else ""
        self.expected_box.setVisible(bool(expected))
        self.expected_label.setText(expected)
        self._refresh_plc(info.kind)
        self._refresh_survey(info.kind)
        counts = self.ctx.workspace.record_counts()
        for label, value in (
            (_("Staff"), str(counts["personnel"])),
            (_("In the Trash"), str(counts["personnel_trash"])),
            (_("Data folder"), str(self.ctx.data_dir)),
            (_("Database"), self.ctx.db.store.label),
            *([(_("Backups"), str(backups_dir(self.ctx.data_dir)))] if on_file else []),
            (_("Log files"), str(logs_dir(self.ctx.data_dir))),
            (_("Database id"), self.ctx.db.db_id),
        ):
            self.store_form.addRow(label + ":", _selectable(value))

    def _settings_text(self, kind: str) -> str:
        years = self.ctx.district_settings.all()
        if not years:
            return (
                _("None received from the district yet; they come with its feedback bundles.")
                if kind == "school"
                else _("None set yet: set them under Settings → The district's settings.")
            )
        lines = []
        for y in years[:3]:
            lines.append(
                _("Academic year {year}: PLC target {hours} hours").format(
                    year=y.academic_year, hours=y.plc_hours_target
                )
            )
            lines.extend(f"   {name}: {buddhist_date.format_long(day)}" for name, day in y.deadlines.items())
            if y.needs_topics:
                lines.append("   " + _("Needs topics: {topics}").format(topics=", ".join(y.needs_topics)))
        return "\n".join(lines)

    def _expected_text(self, school_code: str) -> str:
        """The district's periods of this academic year, each with its deadline and the district's review."""
        from ...domain.thai_years import academic_year

        lines = []
        for period, review in self.ctx.submission_tracking.expected_of(school_code, academic_year(_today())):
            line = _("{name} ({content}): due {day}").format(
                name=period.name, content=period.display("content"), day=buddhist_date.format_long(period.due_on)
            )
            if period.due_on < _today():
                line += " · " + _("the deadline has passed")
            if period.note:
                line += "\n   " + period.note
            if review is not None:
                line += " · " + _("the district: {state}").format(state=review.display("state"))
                if review.comment:
                    line += f" — {review.comment}"
            lines.append(f"• {line}")
        return "\n".join(lines)


def _selectable(text: str) -> QLabel:
    from PySide6.QtCore import Qt

    label = plain_label(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def _today() -> dt.date:
    return dt.date.today()
