"""Settings → Backup: back up now to a folder or USB stick, the daily backups, the backups made so far, and
restore from a backup file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...backups import backup_history
from ...context import AppContext
from ...domain.buddhist_date import format_medium
from ...i18n import _, ngettext
from ...settings import MAX_KEEP, load_settings, save_settings
from ..backup_actions import BACKUPS_TOPIC, back_up_now, choose_and_confirm_restore, size_text
from ..change_relay import refresh_on
from ..widgets.thai_text import plain_label


def last_backup_text(data_dir: Path) -> str:
    last = backup_history.last_off_disk(data_dir)
    if last is None:
        return _("No backup has been made to a USB stick or another disk yet.")
    days = (dt.datetime.now(dt.UTC) - last.made_at).days
    if days == 0:
        return _("Last backup to a USB stick or another disk: today, {date}.").format(
            date=format_medium(last.made_at.astimezone().date())
        )
    return ngettext(
        "Last backup to a USB stick or another disk: {date} ({days} day ago).",
        "Last backup to a USB stick or another disk: {date} ({days} days ago).",
        days,
    ).format(date=format_medium(last.made_at.astimezone().date()), days=days)


class BackupPanel(QWidget):
    def __init__(self, ctx: AppContext, restore: Callable[[Path], None] | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupPanel")
        self.ctx = ctx
        self._restore = restore
        layout = QVBoxLayout(self)
        note = plain_label(
            _(
                "A backup is one file holding all the data of this folder, photos included. Keep one on a USB stick "
                "or another disk, away from this computer, and make a new one at least once a month."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.last_label = plain_label()
        self.last_label.setObjectName("lastBackup")
        self.last_label.setWordWrap(True)
        layout.addWidget(self.last_label)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(_("&Back up now…"))
        self.backup_button.setObjectName("backUpNow")
        self.backup_button.clicked.connect(lambda: back_up_now(self, ctx))
        buttons.addWidget(self.backup_button)
        self.restore_button = QPushButton(_("&Restore from a backup…"))
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.restore)
        self.restore_button.setEnabled(restore is not None)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        daily = QHBoxLayout()
        settings = load_settings(ctx.data_dir)
        self.daily_check = QCheckBox(_("Back up automatically when the program first starts each day; keep"))
        self.daily_check.setObjectName("dailyBackups")
        self.daily_check.setChecked(settings.daily_backups)
        self.daily_check.toggled.connect(self._save_settings)
        daily.addWidget(self.daily_check)
        self.keep_spin = QSpinBox()
        self.keep_spin.setObjectName("keepDailyBackups")
        self.keep_spin.setRange(1, MAX_KEEP)
        self.keep_spin.setValue(settings.keep_daily_backups)
        self.keep_spin.setSuffix(" " + _("copies"))
        self.keep_spin.valueChanged.connect(self._save_settings)
        daily.addWidget(self.keep_spin)
        daily.addStretch(1)
        layout.addLayout(daily)
        self.daily_where = plain_label(
            _("Daily backups are kept in {folder}, on this computer's disk.").format(
                folder=backup_history.daily_folder(ctx.data_dir)
            )
        )
        self.daily_where.setWordWrap(True)
        layout.addWidget(self.daily_where)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("backupHistory")
        self.table.setHorizontalHeaderLabels([_("Date"), _("Kind"), _("Place"), _("Staff"), _("File")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.refresh()
        refresh_on(ctx.db.changes, self, (BACKUPS_TOPIC,), self.refresh)

    def _save_settings(self) -> None:
        settings = load_settings(self.ctx.data_dir)
        settings.daily_backups = self.daily_check.isChecked()
        settings.keep_daily_backups = self.keep_spin.value()
        save_settings(self.ctx.data_dir, settings)

    def refresh(self) -> None:
        self.last_label.setText(last_backup_text(self.ctx.data_dir))
        entries = list(reversed(backup_history.history(self.ctx.data_dir)))
        self.table.setRowCount(len(entries))
        kinds = {backup_history.MANUAL: _("by hand"), backup_history.DAILY: _("daily")}
        for row, entry in enumerate(entries):
            local = entry.made_at.astimezone()
            cells = (
                f"{format_medium(local.date())} {local:%H:%M}",
                kinds.get(entry.kind, entry.kind),
                _("USB / other disk") if entry.off_this_disk else _("this disk"),
                str(entry.people),
                f"{entry.path} ({size_text(entry.size)})" + ("" if entry.exists else " " + _("(no longer there)")),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def restore(self) -> None:
        if self._restore is None:
            return
        source = choose_and_confirm_restore(self, self.ctx)
        if source is not None:
            self._restore(source)
