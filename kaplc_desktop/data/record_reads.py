"""The fast read of any declared kind, straight from the store (the ORM loads later, for writes).

Returns plain dicts with Python values decoded from the formats the ORM writes (ISO dates, UTC timestamps,
JSON text); the columns come from the declaration, so a new kind needs no reader of its own.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from ..domain.record_kind import RecordKind
from .store import Store

SYNC_READ = ("id", "owner_code", "created_at", "updated_at", "deleted_at")


def _timestamp(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text + "+00:00") if text else None


def _decoder(storage: str) -> Any:
    if storage == "date":
        return lambda v: dt.date.fromisoformat(v) if v else None
    if storage == "json":
        return lambda v: tuple(json.loads(v)) if v and v != "[]" else ()
    return None


def records(
    store: Store,
    kind: RecordKind,
    *,
    deleted: bool = False,
    record_id: str | None = None,
    owner_code: str | None = None,
    match: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Live records (or with deleted=True the Trash, or the one with `record_id`), in the kind's order; `match`
    keeps those whose fields equal the values given (the meetings of one group), or one of the values of a list."""
    columns = (*SYNC_READ, *kind.field_names)
    where = ["deleted_at IS NOT NULL" if deleted else "deleted_at IS NULL"]
    params: list[Any] = []
    if record_id is not None:
        where, params = ["id = ?"], [record_id]
    if owner_code is not None:
        where.append("owner_code = ?")
        params.append(owner_code)
    for name, value in (match or {}).items():
        kind.field(name)  # a field of the kind, never text from outside
        if isinstance(value, list | tuple | set | frozenset):  # one of these values
            values = list(value)
            where.append(f"{name} IN ({', '.join('?' * len(values))})" if values else "1 = 0")
            params.extend(values)
        else:
            where.append(f"{name} = ?")
            params.append(value)
    order = f" ORDER BY {', '.join(kind.order_by)}" if kind.order_by else ""
    sql = f"SELECT {', '.join(columns)} FROM {kind.table} WHERE {' AND '.join(where)}{order}"
    rows = store.rows(sql, params)
    decoders = [(i, d) for i, f in enumerate(kind.fields, len(SYNC_READ)) if (d := _decoder(f.type.storage))]
    result = []
    for row in rows:
        values = list(row)
        for i, decode in decoders:
            values[i] = decode(values[i])
        for i in (2, 3, 4):
            values[i] = _timestamp(values[i])
        result.append(dict(zip(columns, values, strict=True)))
    return result


def counts(store: Store, kind: RecordKind) -> tuple[int, int]:
    """(live records, records in the Trash)."""
    live, trash = store.rows(
        f"SELECT sum(CASE WHEN deleted_at IS NULL THEN 1 ELSE 0 END), count(deleted_at) FROM {kind.table}"
    )[0]
    return int(live or 0), int(trash or 0)
