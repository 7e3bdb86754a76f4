"""The staff list: the declared personnel table, filtered by name, position, learning area and status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...domain.kinds.personnel import PERSONNEL
from .record_table import ID_ROLE, RecordTableModel, matches

__all__ = ["ID_ROLE", "PersonnelFilter", "PersonnelTableModel"]


@dataclass(frozen=True)
class PersonnelFilter:
    text: str = ""
    position: str | None = None
    learning_area: str | None = None
    status: str | None = None

    def accepts(self, row: Any, key: str) -> bool:
        return (
            (not self.text or matches(self.text, key))
            and (self.position is None or row.position == self.position)
            and (self.learning_area is None or self.learning_area in row.learning_areas)
            and (self.status is None or row.status == self.status)
        )


class PersonnelTableModel(RecordTableModel):
    def __init__(self) -> None:
        super().__init__(PERSONNEL)

    def set_filter(self, spec: PersonnelFilter) -> None:
        spec = PersonnelFilter(spec.text.casefold().strip(), spec.position, spec.learning_area, spec.status)
        self.set_accepts(spec, None if spec == PersonnelFilter() else spec.accepts)
