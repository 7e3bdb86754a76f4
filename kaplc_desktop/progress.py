"""Progress reporting and cancelling for long work, usable without Qt."""

from __future__ import annotations

from collections.abc import Callable

from .errors import KaplcError
from .i18n import _


class Cancelled(KaplcError):
    # ReportLab re-raises an error from inside a layout as type(error)(its message with context): accept it
    def __init__(self, _context: object = None) -> None:
        super().__init__(_("Cancelled; nothing was changed."))


class Progress:
    """Long work calls update(); the UI reads the numbers and sets `cancelled` from another thread."""

    def __init__(self, on_update: Callable[[int, int, str], None] | None = None) -> None:
        self.cancelled = False
        self._on_update = on_update

    def update(self, done: int, total: int, message: str = "") -> None:
        if self.cancelled:
            raise Cancelled()
        if self._on_update is not None:
            self._on_update(done, total, message)

    def cancel(self) -> None:
        self.cancelled = True


NO_PROGRESS = Progress()
