"""Edit → Undo (Ctrl+Z): puts back the last edit of this session, as a new edit that syncs like any other.

The action names what it will undo ("Undo Edit นายสมชาย ใจดี") and is disabled when there is nothing to undo.
The journal may change in a worker thread (an Excel import): the news reaches the action queued.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ..context import AppContext
from ..i18n import _
from .tasks import run_task


class _Relay(QObject):
    changed = Signal()


class UndoAction(QAction):
    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(_("&Undo"), window)
        self.setObjectName("undoAction")
        self.ctx = ctx  # the window is reached as parent(): a reference back to it would keep a closed window alive
        self.setShortcut(QKeySequence.StandardKey.Undo)
        self.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # not while a dialog is open
        self.triggered.connect(self.undo)
        self._relay = _Relay(self)
        self._relay.changed.connect(self._update, Qt.ConnectionType.QueuedConnection)
        unsubscribe = ctx.undo.subscribe(self._relay.changed.emit)
        self._relay.destroyed.connect(lambda *_args: unsubscribe())  # the window is rebuilt on a language switch
        self._update()

    def _update(self) -> None:
        step = self.ctx.undo.last()
        self.setEnabled(step is not None)
        self.setText(_("&Undo {what}").format(what=step.label) if step else _("&Undo"))

    def undo(self) -> None:
        step = self.ctx.undo.last()
        if step is None:
            return
        service = self.ctx.service_for(step.kind.name)
        run_task(self.parent(), _("Undoing…"), lambda _p: service.undo(step), lambda _n: None, self.ctx.data_dir)
