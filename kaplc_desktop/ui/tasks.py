"""Long work off the UI thread, with a progress dialog and a Cancel button.

The work function receives a core `Progress`; it calls `progress.update()` and is stopped by Cancel.
Tests may set `TaskRunner.synchronous = True` to run the work inline (like Picard's FakeThreadPool).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..i18n import _
from ..progress import Cancelled, Progress
from ..progress_text import progress_text
from .error_dialog import report_exception


class _Worker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self._work = work
        self.progress = Progress(lambda done, total, msg: self.progressed.emit(done, total, msg))

    @Slot()
    def run(self) -> None:
        try:
            self.finished.emit(self._work(self.progress))
        except BaseException:  # handed to the UI thread, which reports it
            self.failed.emit(sys.exc_info())


class TaskRunner(QObject):
    """Runs one piece of work; `on_done(result)` runs on the UI thread. Errors are reported to the user."""

    synchronous = False
    _running: ClassVar[set[TaskRunner]] = set()

    def __init__(
        self,
        parent: QWidget,
        title: str,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        data_dir: Any = None,
        on_failed: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_failed = on_failed
        self._parent = parent
        self._title = title
        self._work = work
        self._on_done = on_done
        self._data_dir = data_dir
        self.dialog: QProgressDialog | None = None
        self._message = title
        self._started = time.monotonic()

    def start(self) -> None:
        if TaskRunner.synchronous:
            worker = _Worker(self._work)
            worker.finished.connect(self._done)
            worker.failed.connect(self._failed)
            worker.run()
            return
        self.dialog = QProgressDialog(self._title, _("Cancel"), 0, 0, self._parent)
        self.dialog.setObjectName("taskProgress")
        self.dialog.setWindowTitle(self._title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self._thread = QThread()
        self._worker = _Worker(self._work)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._progressed)
        self._worker.finished.connect(self._done)
        self._worker.failed.connect(self._failed)
        self.dialog.canceled.connect(self._worker.progress.cancel)
        TaskRunner._running.add(self)
        self._started = time.monotonic()
        self._thread.start()

    def _progressed(self, done: int, total: int, message: str) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, max(total, 1)))
            self._message = message or self._message
            elapsed = time.monotonic() - self._started
            self.dialog.setLabelText(progress_text(self._message, done, total, elapsed))

    def _finish(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self._thread.quit()
            self._thread.wait()
            TaskRunner._running.discard(self)

    def _done(self, result: Any) -> None:
        self._finish()
        self._on_done(result)

    def _failed(self, info: Any) -> None:
        self._finish()
        exc_type, exc, tb = info
        if not isinstance(exc, Cancelled):
            report_exception(self._data_dir, exc_type, exc, tb, self._parent)
        if self._on_failed is not None:
            self._on_failed()


def run_task(
    parent: QWidget,
    title: str,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    data_dir: Any = None,
    on_failed: Callable[[], None] | None = None,
) -> TaskRunner:
    """`on_failed` runs after a failure or a cancel has been reported (to put back what the work needed closed)."""
    runner = TaskRunner(parent, title, work, on_done, data_dir, on_failed)
    runner.start()
    return runner
