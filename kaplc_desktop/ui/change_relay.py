"""The store's change news (data/change_log.py), delivered in the window's thread as a Qt signal.

A page makes its own relay and refreshes what it shows when a change touches it; writes made in a worker
thread (a bundle import, an Excel import) reach it queued, after the worker has committed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ..data.change_log import ChangeBus, Changes


class ChangeRelay(QObject):
    changed = Signal(object)  # Changes

    def __init__(self, bus: ChangeBus, parent: QObject) -> None:
        super().__init__(parent)
        unsubscribe = bus.subscribe(self.changed.emit)
        self.destroyed.connect(lambda *_args: unsubscribe())


def refresh_on(bus: ChangeBus, page: QObject, tables: tuple[str, ...], refresh: object) -> ChangeRelay:
    """Calls refresh() once, soon, after any burst of changes touching these tables (or any change, if none)."""
    relay = ChangeRelay(bus, page)
    timer = QTimer(page)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(refresh)  # type: ignore[arg-type]

    def on_change(changes: Changes) -> None:
        if not tables or changes.touches(*tables):
            timer.start()

    # queued: handled in the window's thread, after whatever committed (a worker, or this thread) has finished
    relay.changed.connect(on_change, Qt.ConnectionType.QueuedConnection)
    return relay
