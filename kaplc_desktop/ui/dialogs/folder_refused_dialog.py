"""A data folder that cannot be opened: say which one and why, and offer to choose another."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from ...i18n import _
from .. import file_prompts
from ..widgets.thai_text import plain_message_box


def ask_another_folder(parent: QWidget | None, folder: Path, reason: str, starting: bool) -> Path | None:
    """The folder the user picks instead, or None (Quit at start, Cancel in the window)."""
    box = plain_message_box(
        QMessageBox.Icon.Warning,
        _("Cannot open the data folder"),
        _("KA-PLC Desktop cannot open the data folder {folder}.").format(folder=folder) + "\n\n" + reason,
        parent,
    )
    box.setObjectName("folderRefusedBox")
    other = box.addButton(_("Choose another folder…"), QMessageBox.ButtonRole.AcceptRole)
    other.setObjectName("chooseAnotherFolder")
    stop = box.addButton(_("Quit") if starting else _("Cancel"), QMessageBox.ButtonRole.RejectRole)
    stop.setObjectName("stopOpening")
    box.setDefaultButton(other)
    box.exec()
    if box.clickedButton() is not other:
        return None
    return file_prompts.ask_folder(parent, _("Choose a data folder"), folder.parent if folder.parent.is_dir() else None)
