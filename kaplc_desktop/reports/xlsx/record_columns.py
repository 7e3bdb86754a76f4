"""The columns of a kind's workbook, from its declaration: shared by the template, the import and the export."""

from __future__ import annotations

from ...domain.record_kind import RecordKind
from ...i18n import LANGUAGES, _, gettext_in

LISTS_SHEET = "รายการ"


def sheet_name(kind: RecordKind) -> str:
    return kind.sheet_name or _(kind.label)[:31]


def header(kind: RecordKind, field: str) -> str:
    label = kind.label_of(field)
    return f"{label} *" if field in kind.required else label


def header_aliases(kind: RecordKind, field: str) -> set[str]:
    """Every heading accepted for a field: its label in each language, with or without the * mark."""
    names = set()
    for language in LANGUAGES:
        label = gettext_in(language, kind.field(field).label)
        names.update({_norm(label), _norm(f"{label} *"), _norm(f"{label}*")})
    names.add(_norm(field))
    return names


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def normalize_header(text: object) -> str:
    return _norm(text) if text is not None else ""


def required_columns(kind: RecordKind) -> list[int]:
    """1-based numbers of the columns that must be filled (their headings are coloured)."""
    return [i for i, f in enumerate(kind.excel, 1) if f in kind.required]
