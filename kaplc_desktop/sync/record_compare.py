"""Two copies of a record side by side, as people read them: field labels, vocabulary labels, "-" for empty."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain import vocabularies
from ..domain.person_fields import field_label
from ..i18n import _
from .kinds import KindSpec

HIDDEN = frozenset({"id", "owner_code", "version_db", "version_counter", "version_vector", "created_at"})


@dataclass(frozen=True)
class FieldPair:
    name: str
    label: str
    this: str
    other: str

    @property
    def differs(self) -> bool:
        return self.this != self.other


def _text(spec: KindSpec, name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "-"
    vocabulary = spec.vocabularies.get(name)
    if vocabulary and isinstance(value, list):
        return ", ".join(vocabularies.label(vocabulary, str(v)) for v in value)
    if vocabulary:
        return vocabularies.label(vocabulary, str(value))
    if isinstance(value, list | dict):
        return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return str(value)


def _label(name: str) -> str:
    return {"updated_at": _("Last changed (UTC)"), "deleted_at": _("Deleted (UTC)")}.get(name) or field_label(name)


def compare(spec: KindSpec, this: dict[str, Any] | None, other: dict[str, Any] | None) -> list[FieldPair]:
    """Every shown field of both copies (encoded rows, as kept in conflict copies), in the model's order."""
    this, other = this or {}, other or {}
    return [
        FieldPair(name, _label(name), _text(spec, name, this.get(name)), _text(spec, name, other.get(name)))
        for name in spec.column_names
        if name not in HIDDEN
    ]
