"""The last edits of this session, each undoable as a new edit (a new version that syncs like any other).

A step remembers, for every record an operation wrote, its values before and its version right after. Undo
puts the values back (an added record goes to the Trash) only if no one changed the record since, say by a
bundle import: otherwise it refuses and says so, rather than overwrite what arrived.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ..domain.record_kind import RecordKind
from ..listeners import Listeners

MAX_STEPS = 30


@dataclass(frozen=True)
class RecordBefore:
    record_id: str
    values: dict[str, Any] | None  # the fields and deleted_at before; None: the operation made the record
    version_after: tuple[str, int]  # (database id, counter) the operation left it at
    version_before: tuple[str, int] | None = None  # the version it had before (None: made by the operation)
    kind: RecordKind | None = None  # the record's kind when it is not the step's (a meeting's attendance)


@dataclass(frozen=True)
class UndoStep:
    label: str  # what the user did, in their language: "แก้ไข นายสมชาย ใจดี"
    kind: RecordKind
    records: tuple[RecordBefore, ...]


class UndoJournal:
    """Steps of this session, newest last; listeners hear when the list changes (to update Edit → Undo)."""

    def __init__(self) -> None:
        self._steps: list[UndoStep] = []
        self._lock = threading.Lock()
        self._listeners: Listeners[None] = Listeners("undo")

    def record(self, step: UndoStep) -> None:
        if not step.records:
            return
        with self._lock:
            self._steps.append(step)
            del self._steps[:-MAX_STEPS]
        self._tell()

    def last(self) -> UndoStep | None:
        with self._lock:
            return self._steps[-1] if self._steps else None

    def pop(self, step: UndoStep, new_versions: dict[str, tuple[str, int]] | None = None) -> None:
        """Drops the step (undone, or refused for good). An undone step left its records as the step before left
        them, under a new version: that step can then be undone too."""
        with self._lock:
            if self._steps and self._steps[-1] is step:
                self._steps.pop()
            for before in step.records if new_versions else ():
                if before.record_id in new_versions and before.version_before is not None:  # type: ignore[operator]
                    self._carry(before.record_id, before.version_before, new_versions[before.record_id])  # type: ignore[index]
        self._tell()

    def _carry(self, record_id: str, old: tuple[str, int], new: tuple[str, int]) -> None:
        for n in range(len(self._steps) - 1, -1, -1):
            step = self._steps[n]
            for i, before in enumerate(step.records):
                if before.record_id == record_id:
                    if before.version_after == old:
                        records = list(step.records)
                        records[i] = replace(before, version_after=new)
                        self._steps[n] = replace(step, records=tuple(records))
                    return

    def subscribe(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Adds a listener; returns the function that removes it (a window rebuilt for another language)."""
        return self._listeners.subscribe(lambda _news: listener())

    def _tell(self) -> None:
        self._listeners.tell(None)  # a listener's failure never fails the edit that was just saved
