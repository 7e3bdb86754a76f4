"""The main window composes the pages behind a side navigation; it holds no logic of its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QMainWindow, QMenu, QStackedWidget, QWidget

from .. import APP_NAME, __version__
from ..context import AppContext
from ..domain.kinds.school_profile import SCHOOL_PROFILE
from ..i18n import _, current_language
from ..services.workspace import WorkspaceInfo
from .change_relay import refresh_on
from .file_prompts import inform
from .pages.overview_page import OverviewPage
from .pages.personnel_page import PersonnelPage
from .screen_room import available_geometry
from .undo_action import UndoAction
from .widgets.lazy_page import LazyPage
from .widgets.thai_text import plain_label

if TYPE_CHECKING:
    from .app import DesktopSession


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: AppContext,
        switch_language: Callable[[str], None],
        leave_demo: Callable[[], None] | None = None,
        session: DesktopSession | None = None,
    ) -> None:
        super().__init__()
        self._leave_demo = leave_demo
        self.session = session
        self.setObjectName("mainWindow")
        self.ctx = ctx
        info = ctx.workspace.get()
        self._show_title(info)
        refresh_on(ctx.db.changes, self, ("workspace", SCHOOL_PROFILE.table), self._show_title)  # a renamed school
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        # built when first shown: a school opens on its staff list, and the Overview's counts cost queries
        self.overview_holder = LazyPage(lambda: OverviewPage(ctx))
        self._add_page("overview", _("Overview"), self.overview_holder)
        if info is not None and info.kind == "school":
            self.personnel = PersonnelPage(ctx)
            self._add_page("personnel", _("Personnel"), self.personnel)
            self.plc_holder = LazyPage(lambda: _plc_page(ctx))
            self._add_page("plc", _("PLC"), self.plc_holder)
            self.development_holder = LazyPage(lambda: _development_page(ctx))
            self._add_page("development", _("Development"), self.development_holder)
            self.portfolio_holder = LazyPage(lambda: _portfolio_page(ctx))
            self._add_page("portfolios", _("Showcase portfolios"), self.portfolio_holder)
        if info is not None and info.kind == "district":
            self.schools_holder = LazyPage(lambda: _schools_page(ctx))
            self._add_page("schools", _("Schools"), self.schools_holder)
            self.tracking_holder = LazyPage(lambda: _tracking_page(ctx))
            self._add_page("submissions", _("Submissions"), self.tracking_holder)
            self.dashboards_holder = LazyPage(lambda: _dashboards_page(ctx))
            self._add_page("dashboards", _("Dashboards"), self.dashboards_holder)
            self.planning_holder = LazyPage(lambda: _planning_page(ctx))
            self._add_page("planning", _("Plans and projects"), self.planning_holder)
            self.selection_holder = LazyPage(lambda: _selection_page(ctx))
            self._add_page("selection", _("Portfolio selection"), self.selection_holder)
            self.district_personnel_holder = LazyPage(lambda: _district_personnel_page(ctx))
            self._add_page("personnel", _("Personnel"), self.district_personnel_holder)
        if info is not None:
            self.sync_holder = LazyPage(lambda: _sync_page(ctx))
            self._add_page("sync", _("Sync"), self.sync_holder)
        if info is not None:
            restore = session.restore_backup if session is not None else None
            self.settings_holder = LazyPage(lambda: _settings_page(ctx, restore))
            self._add_page("settings", _("Settings"), self.settings_holder)
        self.nav.currentRowChanged.connect(self._show_page)
        opening = "personnel" if info is not None and info.kind == "school" else "overview"
        self.nav.setCurrentRow(list(self.pages).index(opening))
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menu(switch_language)
        self.folder_label = plain_label()
        self.folder_label.setObjectName("folderStatus")
        self.statusBar().addWidget(self.folder_label, 1)
        self._show_title(info)
        self._fit_screen()

    def _fit_screen(self) -> None:
        """1280×760, or the whole screen where that is less (a 1366×768 laptop leaves about 728 pixels above its
        taskbar): the status bar and the last rows must never be under the taskbar."""
        room = available_geometry(self)
        width, height = 1280, 760
        if room is not None:  # the window's frame (title bar, borders) comes on top of its size
            width, height = min(width, room.width() - 16), min(height, room.height() - 40)
            self.move(room.left() + max(0, (room.width() - width) // 2), room.top())
        self.resize(width, height)

    def _show_title(self, info: WorkspaceInfo | None = None) -> None:
        info = info or self.ctx.workspace.get()
        title = f"{info.title} — {APP_NAME}" if info else APP_NAME
        if info and info.is_demo and _("(demo data)") not in title:  # the demo school's name may say it already
            title += " " + _("(demo data)")
        self.setWindowTitle(title)
        if hasattr(self, "folder_label"):
            where = _("Data folder: {folder}").format(folder=self.ctx.data_dir)
            self.folder_label.setText(f"{info.title} · {where}" if info else where)

    def _add_page(self, key: str, title: str, page: QWidget) -> None:
        self.pages[key] = page
        self.stack.addWidget(page)
        self.nav.addItem(title)

    def _show_page(self, row: int) -> None:
        self.stack.setCurrentIndex(row)  # each page refreshes itself: when shown, and when its data changes

    @property
    def overview(self) -> OverviewPage:
        return self.overview_holder.page  # type: ignore[return-value]

    @property
    def plc(self) -> QWidget:
        """The PLC page (built on first use)."""
        return self.plc_holder.page

    @property
    def sync(self) -> QWidget:
        """The Sync page (built on first use; it loads the ORM and the sync code)."""
        return self.sync_holder.page

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(list(self.pages).index(key))

    def _build_menu(self, switch_language: Callable[[str], None]) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        if self.session is not None:
            self._folder_actions(file_menu, self.session)
        if self._leave_demo is not None:
            self.leave_demo_action = QAction(_("Leave the demo, start real data…"), self)
            self.leave_demo_action.triggered.connect(self._leave_demo)
            file_menu.addAction(self.leave_demo_action)
            file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu(_("&Edit"))
        self.undo_action = UndoAction(self.ctx, self)
        edit_menu.addAction(self.undo_action)
        language_menu = self.menuBar().addMenu(_("&Language"))
        group = QActionGroup(self)
        for code, name in (("th", "ไทย"), ("en", "English")):
            action = QAction(name, self, checkable=True)
            action.setChecked(current_language() == code)
            action.triggered.connect(lambda _checked=False, c=code: switch_language(c))
            group.addAction(action)
            language_menu.addAction(action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        self.help_action = QAction(_("&Help and glossary"), self)
        self.help_action.setObjectName("helpAction")
        self.help_action.setShortcut(QKeySequence.StandardKey.HelpContents)  # F1
        self.help_action.triggered.connect(self.show_help)
        help_menu.addAction(self.help_action)
        about = QAction(_("About KA-PLC Desktop"), self)
        about.triggered.connect(
            lambda: inform(
                self,
                _("About KA-PLC Desktop"),
                _(
                    "KA-PLC Desktop {version}: records of the KA Model by PLC for schools and their district office. "
                    "The Sarabun font is used under the SIL Open Font License."
                ).format(version=__version__),
            )
        )
        help_menu.addAction(about)

    def _folder_actions(self, menu: QMenu, session: DesktopSession) -> None:
        from .folder_actions import FolderActions

        self.folder_actions = FolderActions(self, session)
        for action in (self.folder_actions.new_action, self.folder_actions.open_action):
            menu.addAction(action)
        menu.addMenu(self.folder_actions.recent_menu)
        menu.addSeparator()
        menu.addAction(self.folder_actions.backup_action)
        menu.addAction(self.folder_actions.restore_action)
        menu.addSeparator()

    def show_help(self) -> None:
        from .dialogs.help_dialog import HelpDialog

        self.help_dialog = HelpDialog(self)
        self.help_dialog.exec()

    def show_plc_hours(self) -> None:
        """PLC → PLC hours (the Overview's PLC box leads there)."""
        self.show_page("plc")
        self.plc.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]

    def show_survey(self) -> None:
        """Development → July survey (the Overview's survey box leads there)."""
        self.show_page("development")
        self.development_holder.page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]

    def show_backups(self) -> None:
        """Settings → Backup (the Overview's reminder and File → Back up lead there)."""
        self.show_page("settings")
        self.settings_holder.page.show_backups()  # type: ignore[attr-defined]


def _plc_page(ctx: AppContext) -> QWidget:
    from .pages.plc_page import PlcPage

    return PlcPage(ctx)


def _development_page(ctx: AppContext) -> QWidget:
    from .pages.development_page import DevelopmentPage

    return DevelopmentPage(ctx)


def _portfolio_page(ctx: AppContext) -> QWidget:
    from .pages.portfolio_page import PortfolioPage

    return PortfolioPage(ctx)


def _sync_page(ctx: AppContext) -> QWidget:
    from .pages.sync_page import SyncPage

    return SyncPage(ctx)


def _settings_page(ctx: AppContext, restore: Callable[[Path], None] | None) -> QWidget:
    from .pages.settings_page import SettingsPage

    return SettingsPage(ctx, restore)


def _district_personnel_page(ctx: AppContext) -> QWidget:
    from .pages.district_personnel_page import DistrictPersonnelPage

    return DistrictPersonnelPage(ctx)


def _tracking_page(ctx: AppContext) -> QWidget:
    from .pages.tracking_page import TrackingPage

    return TrackingPage(ctx)


def _selection_page(ctx: AppContext) -> QWidget:
    from .pages.selection_page import SelectionPage

    return SelectionPage(ctx)


def _planning_page(ctx: AppContext) -> QWidget:
    from .pages.planning_page import PlanningPage

    return PlanningPage(ctx)


def _dashboards_page(ctx: AppContext) -> QWidget:
    from .pages.dashboards_page import DashboardsPage

    return DashboardsPage(ctx)


def _schools_page(ctx: AppContext) -> QWidget:
    from .pages.schools_page import SchoolsPage

    return SchoolsPage(ctx)
