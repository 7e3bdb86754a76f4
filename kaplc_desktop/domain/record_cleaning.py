"""Cleaning a record of any declared kind: the same rules at the form, the Excel import, the command line and
the sync import (where a value must already be in the form cleaning gives it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import Problems
from ..i18n import _
from .record_kind import RecordKind, identity_record_id, single_record_id

# A school's clock may run ahead of the district's by a time zone or a wrong setting: sync allows this much.
SYNC_CLOCK_SLACK = dt.timedelta(days=2)


def _not_text(p: Problems, kind: RecordKind, raw: Mapping[str, object]) -> None:
    for name, value in raw.items():
        texts = value if isinstance(value, list | tuple) else (value,)
        if any(isinstance(v, str) and any("\ud800" <= ch <= "\udfff" for ch in v) for v in texts):
            # bytes that are not text, e.g. from a command line in another encoding
            p.add(
                name,
                _("The {field} holds bytes that are not valid text; type it again.").format(field=kind.label_of(name)),
            )


def clean_record(
    kind: RecordKind, raw: Mapping[str, object], today: dt.date | None = None, only: Iterable[str] | None = None
) -> dict[str, Any]:
    """Every editable field parsed and checked (or `only` those, for part of a record typed before the record it
    belongs to exists: a meeting's attendance), then the kind's rules; raises ValidationError listing every
    problem at once. Returns the clean values by field name."""
    today = today or dt.date.today()
    p = Problems()
    _not_text(p, kind, raw)
    p.raise_if_any()
    values: dict[str, Any] = {}
    wanted = None if only is None else set(only)
    for f in kind.editable:
        if wanted is not None and f.name not in wanted:
            continue
        given = raw.get(f.name)
        if (given is None or given == "") and f.default is not None:
            given = f.default
        values[f.name] = f.type.clean(p, f, given, today)
    for rule in kind.rules:
        values = rule(values, p)
    p.raise_if_any()
    return values


def clean_part(kind: RecordKind, raw: Mapping[str, object], where: str, today: dt.date | None = None) -> dict[str, Any]:
    """The fields given of one line of a larger record (a form's need, a plan's activity), each problem prefixed
    with which line it is ("need 2: …")."""
    from ..errors import FieldError, ValidationError

    try:
        return clean_record(kind, raw, today, only=tuple(raw))
    except ValidationError as exc:
        raise ValidationError([FieldError(e.field, f"{where}: {e.message}") for e in exc.errors]) from None


# values found clean, by kind and field: a bundle repeats the same person, meeting, code and date in thousands of
# rows. Only plain scalars (never a bool, which equals 1, nor a list) are remembered, and only those that cleaned
# to themselves without a problem; a field's cleaning depends on nothing else but the day.
_MEMO_TYPES = frozenset({str, int, dt.date, type(None)})
_MEMO_LIMIT = 50_000
_MEMOS: dict[int, tuple[RecordKind, dt.date, dict[tuple[str, Any], Any]]] = {}


def _clean_memo(kind: RecordKind, today: dt.date) -> dict[tuple[str, Any], Any]:
    held = _MEMOS.get(id(kind))
    if held is None or held[0] is not kind or held[1] != today or len(held[2]) > _MEMO_LIMIT:
        held = _MEMOS[id(kind)] = (kind, today, {})
    return held[2]


def sync_problems(kind: RecordKind, row: Mapping[str, Any], today: dt.date | None = None) -> list[str]:
    """Why a row from another database breaks the kind's rules (empty when it is fine): each field must clean
    to itself, and the kind's rules must hold, exactly as when the record was typed."""
    today = (today or dt.date.today()) + SYNC_CLOCK_SLACK
    p = Problems()
    if kind.single and row.get("id") != single_record_id(kind.name, str(row.get("owner_code"))):
        p.add("id", "not the id of its owner's one record")
    if kind.identity and row.get("id") != identity_record_id(kind, row):
        p.add("id", "not the id its " + "/".join(kind.identity) + " give")
    if kind.single and row.get("deleted_at") is not None:
        p.add("deleted_at", "its owner's one record cannot be deleted")
    cleaned: dict[str, Any] = {}
    memo = _clean_memo(kind, today)
    for f in kind.fields:
        value = row.get(f.name)
        if isinstance(value, list):
            value = tuple(value)
        key = (f.name, value) if type(value) in _MEMO_TYPES else None
        if key is not None and key in memo:
            cleaned[f.name] = memo[key]
            continue
        before = len(p.items)
        clean = f.type.clean(p, f, value, today)
        if len(p.items) == before:
            if clean != value and not (clean in (None, ()) and value in (None, "", ())):
                p.add(f.name, "not in its clean form")
            elif key is not None:
                memo[key] = clean
        cleaned[f.name] = clean
    if not p.items:
        for rule in kind.rules:
            kept = rule(dict(cleaned), p)
            changed = [n for n in kept if kept[n] != cleaned.get(n)]
            for name in changed:
                p.add(name, "breaks a rule of its record")
    return [f"{e.field}: {e.message}" for e in p.items]


class _Draft:
    def as_dict(self) -> dict[str, object]:
        from dataclasses import fields

        return {f.name: getattr(self, f.name) for f in fields(self)}  # type: ignore[arg-type]


_DRAFT_TYPES: dict[tuple[str, str | None], type[Any]] = {}


def draft_type(kind: RecordKind, name: str | None = None) -> type[Any]:
    """A frozen dataclass of the editable fields: a clean, valid record as typed (no identity or sync fields).
    Made once per kind (an Excel import of 10,000 rows spent most of its time making it again for each row)."""
    made = _DRAFT_TYPES.get((kind.name, name))
    if made is None or made.__record_kind__ is not kind:  # type: ignore[attr-defined]
        made = _DRAFT_TYPES[(kind.name, name)] = _make_draft_type(kind, name)
    return made


def _make_draft_type(kind: RecordKind, name: str | None) -> type[Any]:
    from dataclasses import make_dataclass

    fields = [(f.name, Any) for f in kind.editable]
    cls = make_dataclass(name or f"{kind.name.title().replace('_', '')}Draft", fields, bases=(_Draft,), frozen=True)
    cls.__record_kind__ = kind  # type: ignore[attr-defined]
    return cls
