"""File → New data folder, Open data folder, Open recent, Back up now, Restore: the window's ways to another
data folder or to a backup. The work is the session's; this asks the user and hands over."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ..data_folders import folder_title, recent_folders
from ..i18n import _
from ..paths import DB_FILENAME
from . import file_prompts
from .backup_actions import back_up_now, choose_and_confirm_restore

if TYPE_CHECKING:
    from .app import DesktopSession

NEW_SUBFOLDER = "kaplc-data"


class FolderActions(QObject):
    """A child of the window (it reaches the window as its parent, so no reference cycle keeps a closed window)."""

    def __init__(self, window: QMainWindow, session: DesktopSession) -> None:
        super().__init__(window)
        self.session = session
        self.new_action = QAction(_("&New data folder…"), window)
        self.new_action.setObjectName("newDataFolder")
        self.new_action.triggered.connect(self.new_folder)
        self.open_action = QAction(_("&Open data folder…"), window)
        self.open_action.setObjectName("openDataFolder")
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_folder)
        self.recent_menu = QMenu(_("Open &recent"), window)
        self.recent_menu.setObjectName("recentFolders")
        self.recent_menu.aboutToShow.connect(self._fill_recent)  # filled when opened: it reads each folder's name
        self.backup_action = QAction(_("&Back up now…"), window)
        self.backup_action.setObjectName("backUpNowAction")
        self.backup_action.triggered.connect(lambda: back_up_now(self.window, session.ctx))
        self.restore_action = QAction(_("Res&tore from a backup…"), window)
        self.restore_action.setObjectName("restoreAction")
        self.restore_action.triggered.connect(self.restore)

    @property
    def window(self) -> QMainWindow:
        return self.parent()  # type: ignore[return-value]

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = self.session.folder.resolve()
        folders = [f for f in recent_folders() if f != current]
        for n, folder in enumerate(folders, start=1):
            title = folder_title(folder).replace("&", "&&")
            action = self.recent_menu.addAction(f"&{n} {title} — {folder}" if title else f"&{n} {folder}")
            action.triggered.connect(lambda _checked=False, f=folder: self.session.open_folder(f))
        if not folders:
            self.recent_menu.addAction(_("(none yet)")).setEnabled(False)

    def new_folder(self) -> None:
        chosen = file_prompts.ask_folder(self.window, _("Where should the new data folder be?"))
        if chosen is None:
            return
        if not (chosen / DB_FILENAME).exists() and chosen.is_dir() and any(chosen.iterdir()):
            chosen = chosen / NEW_SUBFOLDER  # a folder of other files (Documents) gets a data folder inside it
            if (chosen / DB_FILENAME).exists():
                file_prompts.inform(
                    self.window,
                    _("New data folder"),
                    _("{folder} already holds data; it is opened.").format(folder=chosen),
                )
        self.session.open_folder(chosen)

    def open_folder(self) -> None:
        chosen = file_prompts.ask_folder(self.window, _("Open which data folder?"))
        if chosen is None:
            return
        if not (chosen / DB_FILENAME).exists() and not file_prompts.confirm(
            self.window,
            _("Open data folder"),
            _("{folder} holds no KA-PLC data. Set up a new school or district there?").format(folder=chosen),
        ):
            return
        self.session.open_folder(chosen)

    def restore(self) -> None:
        source = choose_and_confirm_restore(self.window, self.session.ctx)
        if source is not None:
            self.session.restore_backup(source)
