"""Settings → Database: where this workspace's data is — a file on this computer, or the office's shared
PostgreSQL server — and how a district office's staff come to share it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...context import AppContext
from ...i18n import _
from ..widgets.thai_text import plain_label


def database_text(ctx: AppContext, kind: str) -> list[str]:
    """The paragraphs the panel shows (they say what to do; the moves themselves are commands, for whoever
    looks after the office's computers)."""
    if ctx.db.file is None:
        return [
            _("This workspace's data is on the office's server: {where}. Every member of staff who connects to it "
              "works on the same records at the same time.").format(where=ctx.db.store.label),
            _("The app does not back up a server's data into a file: whoever looks after the server backs the "
              "database up every day with pg_dump, and restores it from there with pg_restore."),
            _("Files (photos, evidence) added on another computer are taken from the server the first time they "
              "are shown here, and kept in this computer's data folder."),
        ]  # fmt: skip
    paragraphs = [_("This workspace's data is in one file on this computer: {file}.").format(file=ctx.db.file)]
    if kind == "district":
        paragraphs += [
            _("When several members of the district office's staff need to work on the same data, whoever looks "
              "after the office's computers creates an empty PostgreSQL database on the office's server and "
              "moves this folder's data there, with the window closed:"),
            f'kaplc --data-dir "{ctx.data_dir}" server move postgresql://user:password@server/database',
            _("Each of the other computers then connects a data folder of its own to it:"),
            "kaplc server connect postgresql://user:password@server/database",
        ]  # fmt: skip
    return paragraphs


class DatabasePanel(QWidget):
    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("databasePanel")
        layout = QVBoxLayout(self)
        self.paragraphs = []
        for text in database_text(ctx, kind):
            label = plain_label(text)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
            self.paragraphs.append(label)
        layout.addStretch(1)
