"""The district's Portfolio selection page: a rubric's works ranked by their reviewers' scores (score one, select
the first N for the next level, the ranking to Excel), the rubrics with their criteria, and the reviewers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...context import AppContext
from ...domain.kinds.portfolio import PORTFOLIO_DECISION
from ...domain.kinds.portfolio_review import (
    FORUM_SESSION,
    PORTFOLIO_REVIEW,
    PORTFOLIO_REVIEWER,
    PRESENTATION_FORUM,
    REVIEW_RUBRIC,
    RUBRIC_CRITERION,
)
from ...errors import KaplcError
from ...i18n import N_, _
from .. import file_prompts
from ..change_relay import refresh_on
from ..error_dialog import show_refusal
from ..widgets.record_list_panel import RecordListPanel
from ..widgets.thai_text import plain_label, warning_label
from .dashboards_page import export_tables, show_table, table_view

WATCHED = (
    REVIEW_RUBRIC.table,
    RUBRIC_CRITERION.table,
    PORTFOLIO_REVIEWER.table,
    PORTFOLIO_REVIEW.table,
    PORTFOLIO_DECISION.table,
    PRESENTATION_FORUM.table,
    FORUM_SESSION.table,
    "sync_imports",
)

PROGRAMME_HEADINGS = (N_("Time"), N_("Work or item"), N_("School"), N_("Presented by"), N_("Room"))


class SelectionPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("selectionPage")
        self.ctx = ctx
        self.prompts = file_prompts  # tests replace it
        heading = plain_label(_("Portfolio selection"))
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.rubric = QComboBox()
        self.rubric.setObjectName("selectionRubric")
        self.rubric.currentIndexChanged.connect(lambda _i: self._show_ranking())
        self.score_button = QPushButton(_("Score…"))
        self.score_button.setObjectName("scoreWork")
        self.score_button.clicked.connect(self.score)
        self.select_button = QPushButton(_("Select the first…"))
        self.select_button.setObjectName("selectTop")
        self.select_button.clicked.connect(self.select_top)
        self.export_button = QPushButton(_("Export to Excel…"))
        self.export_button.clicked.connect(self.export)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Rubric:")))
        bar.addWidget(self.rubric, 1)
        bar.addWidget(self.score_button)
        bar.addWidget(self.select_button)
        bar.addWidget(self.export_button)
        self.note = plain_label()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.ranking = table_view()
        self.ranking.setObjectName("rankingTable")
        self.ranking.doubleClicked.connect(lambda _i: self.score())
        ranking_tab = QWidget()
        ranking_layout = QVBoxLayout(ranking_tab)
        ranking_layout.addLayout(bar)
        ranking_layout.addWidget(self.note)
        ranking_layout.addWidget(self.ranking, 1)
        self.rubrics = RecordListPanel(
            REVIEW_RUBRIC,
            lambda: ctx.review_rubrics,
            lambda: ctx.review_rubrics.list(),
            dialog=lambda record, parent: self._rubric_dialog(record, parent),
        )
        self.reviewers = RecordListPanel(PORTFOLIO_REVIEWER, lambda: ctx.reviewers, lambda: ctx.reviewers.list())
        self.forums = RecordListPanel(
            PRESENTATION_FORUM,
            lambda: ctx.forums,
            lambda: ctx.forums.list(),
            dialog=lambda record, parent: self._forum_dialog(record, parent),
        )
        self.programme_button = QPushButton(_("Print the programme…"))
        self.programme_button.setObjectName("printProgramme")
        self.programme_button.setToolTip(
            _("The chosen forum's programme as a PDF, with each work's school and presenters")
        )
        self.programme_button.clicked.connect(self.print_programme)
        self.forums.add_action(self.programme_button)
        self.programme_digits = QCheckBox(_("Print numbers in Thai digits (๐–๙)"))
        self.programme_digits.setObjectName("programmeThaiDigits")
        self.forums.add_action(self.programme_digits, needs_choice=False)
        self.programme = QTableWidget(0, len(PROGRAMME_HEADINGS))
        self.programme.setObjectName("forumProgrammeView")
        self.programme.setHorizontalHeaderLabels([_(h) for h in PROGRAMME_HEADINGS])
        self.programme.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.programme.verticalHeader().hide()
        self.programme.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.forums.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_programme())
        forums_tab = QSplitter(Qt.Orientation.Vertical)
        forums_tab.addWidget(self.forums)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        self.programme_title = plain_label()
        self.programme_title.setStyleSheet("font-weight: bold;")
        self.programme_title.setWordWrap(True)  # a forum's long name wraps; it never widens the window
        self.programme_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.programme_warning = warning_label()
        self.programme_warning.setObjectName("programmeWarning")
        below_layout.addWidget(self.programme_title)
        below_layout.addWidget(self.programme_warning)
        below_layout.addWidget(self.programme, 1)
        forums_tab.addWidget(below)
        forums_tab.setSizes([200, 400])
        self.tabs = QTabWidget()
        self.tabs.addTab(ranking_tab, _("Ranking"))
        self.tabs.addTab(self.rubrics, _("Rubrics"))
        self.tabs.addTab(self.reviewers, _("Reviewers"))
        self.tabs.addTab(forums_tab, _("Presentation forums"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        self._table: Any = None
        self._model: Any = None
        refresh_on(ctx.db.changes, self, WATCHED, self.refresh)
        self.refresh()

    def _rubric_dialog(self, record: Any | None, parent: QWidget) -> Any:
        from ..dialogs.rubric_dialog import RubricDialog

        dialog = RubricDialog(self.ctx, record, parent)
        dialog.prompts = self.prompts
        return dialog

    def _forum_dialog(self, record: Any | None, parent: QWidget) -> Any:
        from ..dialogs.forum_dialog import ForumDialog

        dialog = ForumDialog(self.ctx, record, parent)
        dialog.prompts = self.prompts
        return dialog

    def _show_programme(self) -> None:
        forum = self.forums.current()
        rows = self.ctx.forums.programme(forum.id) if forum is not None else []
        self.programme_title.setText(
            _("Programme of “{forum}”").format(forum=forum.name) if forum is not None else _("Programme")
        )
        self.programme.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.programme.setItem(r, c, item)
        for column in (0, 2, 3):  # the time, the school and the presenters whole; the work takes the rest
            self.programme.resizeColumnToContents(column)
        stale = self.ctx.forums.stale_sessions(forum.id) if forum is not None else []
        self.programme_warning.setText(
            _(
                "Sessions {sessions} present works no longer selected at this forum's level: choose other works or "
                "remove those sessions (Edit…)."
            ).format(sessions=", ".join(str(n) for n in stale))
            if stale
            else ""
        )
        self.programme_warning.setVisible(bool(stale))

    def print_programme(self) -> None:
        from ...safe_file_name import safe_file_name
        from ..pdf_preview import preview_pdf

        forum = self.forums.current()
        if forum is None:
            return
        digits = self.programme_digits.isChecked()

        def make(target: Any, progress: Any) -> Any:
            from ...reports.pdf.district_pdf import forum_programme_pdf

            return forum_programme_pdf(self.ctx, forum.id, target, thai_digits=digits, progress=progress)

        title = _("Programme: {forum}").format(forum=forum.name)
        preview_pdf(self, self.ctx.data_dir, title, safe_file_name(forum.name) + ".pdf", make)

    def refresh(self) -> None:
        self.rubrics.reload()
        self.reviewers.reload()
        self.forums.reload()
        self._show_programme()
        chosen = self.rubric.currentData()
        self.rubric.blockSignals(True)
        self.rubric.clear()
        for r in sorted(self.ctx.review_rubrics.list(), key=lambda r: (-r.academic_year, r.name)):
            self.rubric.addItem(f"{r.name} · {r.academic_year} · {r.display('level')}", r.id)
        self.rubric.setCurrentIndex(max(self.rubric.findData(chosen), 0))
        self.rubric.blockSignals(False)
        self._show_ranking()

    def _show_ranking(self) -> None:
        rubric_id = self.rubric.currentData()
        has = rubric_id is not None
        for button in (self.score_button, self.select_button, self.export_button):
            button.setEnabled(has)
        if not has:
            self.note.setText(_("Add a rubric on the Rubrics tab: its criteria, weights and highest scores."))
            self.ranking.setModel(None)
            self._table = None
            return
        self._table = self.ctx.portfolio_reviews.ranking_table(rubric_id)
        self.note.setText(
            self._table.note
            + " "
            + _("{n} works sent to the district are judged by this rubric.").format(n=len(self._table.rows))
        )
        self._model = show_table(self.ranking, self._table)
        self.ranking.verticalHeader().hide()  # the rank is the number that counts
        self.ranking.setColumnWidth(1, 380)  # the work's title

    def _chosen_work(self) -> str | None:
        rows = self.ranking.selectionModel().selectedRows() if self.ranking.selectionModel() else []
        if not rows or self._table is None or self._model is None:
            return None
        return self._table.row_ids[self._model.row_of(rows[0])]

    def score(self) -> None:
        from ..dialogs.score_dialog import ScoreDialog

        work_id = self._chosen_work()
        if work_id is None:
            show_refusal(self, _("Choose a work in the ranking first."))
            return
        rubric = self.ctx.review_rubrics.get(self.rubric.currentData())
        portfolio = self.ctx.portfolios.get(work_id)
        row = self._table.row_ids.index(work_id)
        dialog = ScoreDialog(self.ctx, rubric, portfolio, self._table.rows[row][2], self)
        if dialog.exec() and dialog.saved is not None:
            self._show_ranking()

    def select_top(self) -> None:
        rubric = self.ctx.review_rubrics.get(self.rubric.currentData())
        text = self.prompts.ask_text(
            self,
            _("Select the first…"),
            _(
                "How many works go on from “{rubric}”? The first of the ranking are selected and the other reviewed "
                "works not: the decisions at this level are replaced (Edit → Undo takes them back)."
            ).format(rubric=rubric.name),
        )
        if text is None:
            return
        if not text.strip().isdigit() or int(text) < 1:
            show_refusal(self, _("Type a whole number of works, for example 3."))
            return
        try:
            selected, other = self.ctx.portfolio_reviews.select(rubric.id, int(text))
        except KaplcError as exc:
            show_refusal(self, str(exc))
            return
        self.prompts.inform(
            self,
            _("Selection recorded"),
            _(
                "Recorded at the {level} level: {selected} selected, {other} not selected. The schools learn it with "
                "their next feedback bundle."
            ).format(level=rubric.display("level"), selected=selected, other=other)
            + (
                " "
                + _("More than {top} were selected: works tied at the last place selected go on together.").format(
                    top=int(text)
                )
                if selected > int(text)
                else ""
            ),
        )
        self._show_ranking()

    def export(self) -> None:
        if self._table is not None:
            rubric = self.ctx.review_rubrics.get(self.rubric.currentData())
            export_tables(self, [self._table], f"{rubric.display('level')} · {rubric.academic_year}", rubric.name)
