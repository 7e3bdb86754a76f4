"""Two copies of a record side by side, as people read them: field labels, vocabulary labels, Buddhist-Era
dates and local times, "-" for empty; the fields that differ come first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..domain import buddhist_date, vocabularies
from ..domain.kinds import field_label
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


def _when(value: str) -> str | None:
    """An encoded date (YYYY-MM-DD) or UTC timestamp as a Buddhist-Era date (and local time)."""
    try:
        if len(value) == 10:
            return buddhist_date.format_medium(dt.date.fromisoformat(value))
        if value.endswith("Z") and "T" in value:
            local = dt.datetime.fromisoformat(value[:-1] + "+00:00").astimezone()
            return f"{buddhist_date.format_medium(local.date())} {local:%H:%M}"
    except ValueError:
        return None
    return None


def _text(spec: KindSpec, name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "-"
    if name in spec.attachments:
        return _("attached file {sha}…").format(sha=str(value)[:8])
    vocabulary = spec.vocabularies.get(name) or (name if vocabularies.terms_or_none(name) else None)
    if vocabulary and isinstance(value, list):
        return ", ".join(vocabularies.label(vocabulary, str(v)) for v in value)
    if vocabulary:
        return vocabularies.label(vocabulary, str(value))
    if isinstance(value, list | dict):
        return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    if isinstance(value, str) and (when := _when(value)):
        return when
    return str(value)


def _label(name: str) -> str:
    return {
        "updated_at": _("Last changed"),
        "deleted_at": _("Deleted"),
        "photo_sha256": _("Photo"),
    }.get(name) or field_label(name)


def record_title(kind: str, row: dict[str, Any] | None) -> str:
    """Who or what a record is about, for a list: a person's Thai name, or the record's first words."""
    if not row:
        return "-"
    if kind == "personnel":
        prefix = vocabularies.label("title_prefix", row.get("title_prefix"), "th")
        return f"{prefix}{row.get('first_name_th') or ''} {row.get('last_name_th') or ''}".strip() or "-"
    for name, value in row.items():
        if name not in HIDDEN and name not in ("updated_at", "deleted_at") and isinstance(value, str) and value:
            return value[:60]
    return str(row.get("id", "-"))[:8]


def compare(spec: KindSpec, this: dict[str, Any] | None, other: dict[str, Any] | None) -> list[FieldPair]:
    """Every shown field of both copies (encoded rows, as kept in conflict copies), in the model's order."""
    this, other = this or {}, other or {}
    pairs = [
        FieldPair(name, _label(name), _text(spec, name, this.get(name)), _text(spec, name, other.get(name)))
        for name in spec.column_names
        if name not in HIDDEN
    ]
    return [p for p in pairs if p.differs] + [p for p in pairs if not p.differs]
