"""Writing the records that belong to a parent (a survey form's ratings, a plan's activities) so that they become
exactly a given list, inside the parent's transaction: a record that is already there is changed in place (its id
and history stay), a missing one is made, one no longer wanted goes to the Trash. Each change is returned for the
parent's undo step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

from ..domain.record_kind import RecordKind, identity_record_id

Before = tuple[Any, dict[str, Any] | None, RecordKind]
# the parent's id while a new child's values are checked (before the parent is saved and has one)
PARENT_NOT_SAVED = "00000000-0000-0000-0000-000000000000"


def write_children(
    session: Any,
    kind: RecordKind,
    parent_field: str,
    parent_id: str,
    wanted: Sequence[Mapping[str, Any]],
    key: Callable[[Any], Hashable],
    values_of: Callable[[Any, RecordKind], dict[str, Any]],
    now: dt.datetime,
) -> list[Before]:
    """Makes the live children of `parent_id` exactly `wanted` (clean values without the parent field), matched to
    the records held by `key` (of a values mapping or a record). `values_of` gives what undo puts back."""
    from .records import model_of

    model = model_of(kind)
    held: dict[Hashable, Any] = {}
    # a live record wins over one in the Trash with the same key
    for record in sorted(
        session.query(model).filter_by(**{parent_field: parent_id}), key=lambda r: r.deleted_at is None
    ):
        held[_key(key, record)] = record
    changes: list[Before] = []
    kept: set[Hashable] = set()
    for values in wanted:
        full = {**values, parent_field: parent_id}
        k = key(full)
        kept.add(k)
        record = held.get(k)
        if record is None:
            extra = {"id": identity_record_id(kind, full)} if kind.identity else {}
            record = model(**extra, **{n: _stored(v) for n, v in full.items()})
            session.add(record)
            held[k] = record
            changes.append((record, None, kind))
            continue
        differs = any(getattr(record, n) != _stored(v) for n, v in full.items())
        if differs or record.deleted_at is not None:
            changes.append((record, values_of(record, kind), kind))
            for n, v in full.items():
                setattr(record, n, _stored(v))
            record.deleted_at = None
    for k, record in held.items():
        if k not in kept and record.deleted_at is None:
            changes.append((record, values_of(record, kind), kind))
            record.deleted_at = now
    return changes


def move_children(
    session: Any,
    kind: RecordKind,
    parent_field: str,
    parent_ids: Sequence[str],
    was: dt.datetime | None,
    becomes: dt.datetime | None,
    values_of: Callable[[Any, RecordKind], dict[str, Any]],
) -> list[Before]:
    """Children of these parents whose deleted_at is `was` get `becomes` (to the Trash with their parent, or back
    with it: the same time stamp, so a restore brings back only what went with it); returns them for undo."""
    from .records import model_of

    model = model_of(kind)
    written: list[Before] = []
    if not parent_ids:
        return written
    query = session.query(model).filter(getattr(model, parent_field).in_(list(parent_ids)))
    query = query.filter(model.deleted_at.is_(None) if was is None else model.deleted_at == was)
    for row in query:
        written.append((row, values_of(row, kind), kind))
        row.deleted_at = becomes
    return written


def _key(key: Callable[[Any], Hashable], record: Any) -> Hashable:
    return key(_AsMapping(record))


class _AsMapping(Mapping[str, Any]):
    """A record read through the same key function as a values mapping."""

    def __init__(self, record: Any) -> None:
        self._record = record

    def __getitem__(self, name: str) -> Any:
        return getattr(self._record, name)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(())

    def __len__(self) -> int:
        return 0


def _stored(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value
