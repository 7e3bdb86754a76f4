"""The Settings page: a school's profile (name, principal, ESA, address, size, cluster), edited with the
declared form — it prints in headers and signature blocks and travels to the district — and the backups."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ...context import AppContext
from ...domain.kinds.school_profile import SCHOOL_PROFILE
from ...errors import NotFoundError
from ...i18n import _
from ..change_relay import refresh_on
from ..dialogs.record_dialog import RecordDialog
from ..widgets.details_panel import RecordDetails
from ..widgets.thai_text import plain_label


class SettingsPage(QTabWidget):
    """Tabs: the school's profile (a school) or the district's settings of each year (a district); backups (not
    for a server's data); where the data is."""

    def __init__(
        self, ctx: AppContext, restore: Callable[[Path], None] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPage")
        info = ctx.workspace.get()
        if info is not None and info.kind == "school":
            self.profile_panel = ProfilePanel(ctx)
            self.addTab(self.profile_panel, _("School profile"))
        if info is not None and info.kind == "district":
            from .district_settings_panel import DistrictSettingsPanel

            self.district_panel = DistrictSettingsPanel(ctx)
            self.addTab(self.district_panel, _("The district's settings"))
        from .database_panel import DatabasePanel

        self.database_panel = DatabasePanel(ctx, info.kind if info is not None else "")
        self.backup_panel: QWidget = self.database_panel  # a server's data is backed up on the server
        if ctx.db.file is not None:
            from .backup_panel import BackupPanel

            self.backup_panel = BackupPanel(ctx, restore)
            self.addTab(self.backup_panel, _("Backup"))
        self.addTab(self.database_panel, _("Database"))
        from .general_panel import GeneralPanel

        self.general_panel = GeneralPanel(ctx)
        self.addTab(self.general_panel, _("General"))

    def show_backups(self) -> None:
        self.setCurrentWidget(self.backup_panel)


class ProfilePanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profilePanel")
        self.ctx = ctx
        layout = QVBoxLayout(self)
        heading = plain_label(_("School profile"))
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        layout.addWidget(heading)
        note = plain_label(
            _(
                "The school's name and the principal's name print in the header and signature blocks of documents. "
                "Changes reach the district with the next bundle."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.details = RecordDetails(SCHOOL_PROFILE)
        self.details.setMaximumWidth(720)
        layout.addWidget(self.details)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton(_("Edit school profile…"))
        self.edit_button.setObjectName("editProfile")
        self.edit_button.clicked.connect(self.edit)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.refresh()
        refresh_on(ctx.db.changes, self, (SCHOOL_PROFILE.table,), self.refresh)

    def profile(self) -> object | None:
        info = self.ctx.workspace.get()
        try:
            return self.ctx.school_profile.own(info.owner_code) if info else None
        except NotFoundError:
            return None

    def refresh(self) -> None:
        profile = self.profile()
        self.details.show_record(profile)
        self.edit_button.setEnabled(profile is not None)

    def edit(self) -> None:
        profile = self.profile()
        if profile is None:
            return
        record_id = profile.id  # type: ignore[attr-defined]
        dialog = RecordDialog(
            SCHOOL_PROFILE,
            lambda values: self.ctx.school_profile.update(record_id, values),
            profile,
            self,
            _("Edit school profile"),
        )
        dialog.setObjectName("profileDialog")
        dialog.exec()
