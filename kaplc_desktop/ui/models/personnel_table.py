"""The staff list: the declared personnel table, filtered by name, position, learning area and status."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...domain.kinds.personnel import PERSONNEL
from .record_table import ID_ROLE, RecordTableModel, matcher

__all__ = ["ID_ROLE", "PersonnelFilter", "PersonnelTableModel"]


@dataclass(frozen=True)
class PersonnelFilter:
    text: str = ""
    position: str | None = None
    learning_area: str | None = None
    status: str | None = None

    words: Any = field(default=None, compare=False, repr=False)  # the query, read once (record_table.matcher)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", matcher(self.text) if self.text else None)

    def accepts(self, row: Any, key: str) -> bool:
        return (
            (self.words is None or self.words(key))
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
