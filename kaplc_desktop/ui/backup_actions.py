"""Back up now and restore, as the Settings page and the Overview's reminder offer them: a folder or file is
asked for, the work runs in a worker with progress, and the result is said in a sentence. The backup code loads
when one is made (the File menu is built at start-up)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ..context import AppContext
from ..data.change_log import Changes
from ..domain.buddhist_date import format_medium
from ..i18n import _, ngettext
from ..paths import backups_dir
from . import file_prompts
from .tasks import run_task

if TYPE_CHECKING:
    from ..backups.backup_history import BackupEntry

BACKUPS_TOPIC = "backups"  # told on the change bus when a backup was made (the Overview's reminder listens)


def size_text(n: int) -> str:
    return f"{n / 1024**2:.1f} MB" if n >= 1024**2 else f"{max(n // 1024, 1)} KB"


def back_up_now(parent: QWidget, ctx: AppContext, done: Callable[[], None] | None = None) -> None:
    from ..backups import backup_history

    folder = file_prompts.ask_folder(parent, _("Back up to which folder or USB stick?"))
    if folder is None:
        return
    info = ctx.workspace.get()
    target = folder / backup_history.default_name(info.owner_code if info else "")

    def finished(entry: BackupEntry) -> None:
        ctx.db.changes.publish(Changes(frozenset({BACKUPS_TOPIC})))
        text = ngettext(
            "Saved and checked {path} ({size}, {people} staff record).",
            "Saved and checked {path} ({size}, {people} staff records).",
            entry.people,
        ).format(path=entry.path, size=size_text(entry.size), people=entry.people)
        if not entry.off_this_disk:
            text += "\n\n" + _(
                "This backup is on the same disk as the data: if this computer breaks or is lost, it goes too. "
                "Keep a copy on a USB stick or another disk."
            )
        file_prompts.inform(parent, _("Backup made"), text)
        if done is not None:
            done()

    run_task(
        parent,
        _("Backing up…"),
        lambda progress: backup_history.back_up_to(ctx.data_dir, target, progress),
        finished,
        ctx.data_dir,
    )


def choose_and_confirm_restore(parent: QWidget, ctx: AppContext) -> Path | None:
    """The backup file the user chose and confirmed, after showing what it holds; None if they stopped."""
    from ..backups import backup_history
    from ..backups.backup_reader import read_manifest
    from ..backups.backup_restore import SAFETY_FOLDER

    start = backup_history.daily_folder(ctx.data_dir)
    source = file_prompts.ask_backup_file(parent, start if start.is_dir() else Path.home())
    if source is None:
        return None
    manifest = read_manifest(source)  # a refusal here is shown by the caller's error handling, before any change
    question = (
        ngettext(
            "Restore the backup of {name} made on {date} ({people} staff record)?",
            "Restore the backup of {name} made on {date} ({people} staff records)?",
            manifest.people,
        )
        + "\n\n"
        + _(
            "Everything in this data folder is replaced by the backup. The current data is backed up first, "
            "to {folder}."
        )
    )
    question = question.format(
        name=manifest.name,
        date=format_medium(manifest.created_at.astimezone().date()),
        people=manifest.people,
        folder=backups_dir(ctx.data_dir) / SAFETY_FOLDER,
    )
    return source if file_prompts.confirm(parent, _("Restore from a backup"), question) else None
