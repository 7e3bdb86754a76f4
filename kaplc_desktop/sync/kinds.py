"""Every synced kind of record, described from its model: columns, types, vocabularies, attachments.

A model joins sync by inheriting SyncMixin and declaring @synced(kind=…, owner=…). A model made from a
declaration (data/declared_columns.py) takes its vocabularies, attachments, references, scope and rules from
it. Other models (the erasure, the district settings, models in tests) refine the checks with class
attributes: __sync_vocabularies__ (column → vocabulary), __sync_attachments__ (columns holding an attachment's
SHA-256), __sync_references__ (column → kind it points to), __sync_scope__ (for district-owned kinds: the
column naming the school a record is meant for), __sync_validate__ (a function of the decoded row returning
problems).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from ..data.column_kinds import python_type
from ..data.sync_mixin import SYNCED_KINDS, SyncedKind

SYNC_COLUMNS = (
    "id",
    "owner_code",
    "version_db",
    "version_counter",
    "version_vector",
    "created_at",
    "updated_at",
    "deleted_at",
)


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    python_type: type
    nullable: bool
    max_length: int | None
    default: Any = None  # for a column added after bundles of an older version were made
    has_default: bool = False


@dataclass(frozen=True)
class KindSpec:
    kind: str
    owner: str
    model: type[Any]
    table: Any
    columns: tuple[ColumnSpec, ...]
    vocabularies: dict[str, str] = field(default_factory=dict)
    attachments: tuple[str, ...] = ()
    references: dict[str, str] = field(default_factory=dict)
    scope: str | None = None
    validate: Callable[[dict[str, Any]], list[str]] | None = None
    single: bool = False  # one record per owner, made at set-up (a school's profile)
    # reference column → what an erasure of the record it points to does: "cascade" (erase) or "set_null"
    on_erase: dict[str, str] = field(default_factory=dict)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @cached_property
    def column_set(self) -> frozenset[str]:
        return frozenset(c.name for c in self.columns)

    @cached_property
    def required_names(self) -> tuple[str, ...]:
        """The columns a row must carry (the others have a default, for bundles made by an older version)."""
        return tuple(c.name for c in self.columns if not c.has_default)

    @cached_property
    def decoders(self) -> tuple[tuple[ColumnSpec, Callable[[ColumnSpec, Any], Any]], ...]:
        """(column, the function checking a JSON value of its type), for decode_row."""
        return tuple((c, _DECODERS.get(c.python_type, _decode_unsupported)) for c in self.columns)

    @cached_property
    def encoders(self) -> tuple[tuple[str, Callable[[Any], Any] | None], ...]:
        """(column, how its value becomes JSON or None when it already is), for encode_row."""
        return tuple((c.name, _ENCODERS.get(c.python_type)) for c in self.columns)


def _spec(entry: SyncedKind) -> KindSpec:
    model = entry.model
    table = model.__table__
    columns = []
    for col in table.columns:
        default = col.default.arg if col.default is not None and col.default.is_scalar else None
        columns.append(
            ColumnSpec(
                col.name,
                python_type(col),
                bool(col.nullable),
                getattr(col.type, "length", None),
                default,
                col.nullable or default is not None,
            )
        )
    declared = getattr(model, "__record_kind__", None)  # a kind declared once (domain/record_kind.py)
    if declared is not None:
        vocabularies, attachments = declared.vocabularies, declared.attachments
        references, scope = declared.references, declared.scope
    else:
        vocabularies = dict(getattr(model, "__sync_vocabularies__", {}))
        attachments = tuple(getattr(model, "__sync_attachments__", ()))
        references = dict(getattr(model, "__sync_references__", {}))
        scope = getattr(model, "__sync_scope__", None)
    return KindSpec(
        kind=entry.kind,
        owner=entry.owner,
        model=model,
        table=table,
        columns=tuple(columns),
        vocabularies=vocabularies,
        attachments=attachments,
        references=references,
        scope=scope,
        validate=getattr(model, "__sync_validate__", None),
        single=bool(declared is not None and declared.single),
        on_erase={f.name: f.on_erase for f in declared.fields if f.refers_to} if declared is not None else {},
    )


def all_kinds() -> dict[str, KindSpec]:
    """The registry, built from the models (importing them registers every kind)."""
    from ..data import models  # noqa: F401

    travelling = ((name, entry) for name, entry in SYNCED_KINDS.items() if _travels(entry))
    return _specs(tuple(sorted(travelling, key=lambda item: item[0])))


def _travels(entry: SyncedKind) -> bool:
    declared = getattr(entry.model, "__record_kind__", None)
    return declared is None or declared.travels


@lru_cache(maxsize=8)
def _specs(entries: tuple[tuple[str, SyncedKind], ...]) -> dict[str, KindSpec]:
    specs = {name: _spec(entry) for name, entry in entries}
    sync_order(specs.values())  # refuses a cycle of references when the kinds are first read
    return specs


def sync_order(specs: Iterable[KindSpec]) -> list[KindSpec]:
    """Erasures first (so nothing erased is re-created), then every kind after the kinds it refers to (a kind
    may refer to itself); kinds that refer to each other in a cycle are refused."""
    pending = {spec.kind: spec for spec in specs}
    ordered: list[KindSpec] = []
    if "erasure" in pending:
        ordered.append(pending.pop("erasure"))
    while pending:
        ready = sorted(k for k, s in pending.items() if not (set(s.references.values()) - {k}) & set(pending))
        if not ready:  # no order applies parents before children: a declaration to fix, not data to guess at
            raise ValueError(f"synced kinds refer to each other in a cycle: {', '.join(sorted(pending))}")
        for kind in ready:
            ordered.append(pending.pop(kind))
    return ordered


def referring(kind: str) -> list[tuple[KindSpec, str]]:
    """(kind, column) pairs that declare a reference to `kind`."""
    return [(s, col) for s in all_kinds().values() for col, target in s.references.items() if target == kind]


# --- rows to JSON and back -------------------------------------------------------------------------------
def encode_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _encode_timestamp(value: Any) -> Any:
    if value is None:
        return None
    if value.tzinfo is not dt.UTC:
        value = value.astimezone(dt.UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


_ENCODERS: dict[type, Callable[[Any], Any]] = {
    dt.datetime: _encode_timestamp,
    dt.date: lambda v: v.isoformat() if v is not None else None,
    dict: lambda v: list(v) if isinstance(v, tuple) else v,
}


def encode_row(spec: KindSpec, values: dict[str, Any]) -> dict[str, Any]:
    """A row as JSON-ready values; the same result as encode_value on each column, made once per column type
    (a bundle of 40,000 attendance rows spent a third of its time asking every value its type)."""
    return {name: (encode(values.get(name)) if encode else values.get(name)) for name, encode in spec.encoders}


class RowShapeError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _decode_timestamp(col: ColumnSpec, value: Any) -> Any:
    if not isinstance(value, str) or not value.endswith("Z") or "T" not in value or len(value) > 40:
        raise RowShapeError(f"{col.name}: not a UTC timestamp")
    try:
        parsed = dt.datetime.fromisoformat(value[:-1] + "+00:00")
    except ValueError:
        raise RowShapeError(f"{col.name}: not a UTC timestamp") from None
    if parsed.tzinfo is None or parsed.utcoffset() != dt.timedelta(0):
        raise RowShapeError(f"{col.name}: not a UTC timestamp")
    return parsed


def _decode_date(col: ColumnSpec, value: Any) -> Any:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else _bad(col)
    except ValueError:
        raise RowShapeError(f"{col.name}: not a date") from None


def _decode_bool(col: ColumnSpec, value: Any) -> Any:
    return value if isinstance(value, bool) else _bad(col)


def _decode_int(col: ColumnSpec, value: Any) -> Any:
    # an integer column holds 32 bits on PostgreSQL: a bigger number is refused on both databases
    if not isinstance(value, int) or isinstance(value, bool) or not -(2**31) <= value < 2**31:
        raise RowShapeError(f"{col.name}: not a whole number between -2147483648 and 2147483647")
    return value


def _decode_text(col: ColumnSpec, value: Any) -> Any:
    if not isinstance(value, str) or (col.max_length is not None and len(value) > col.max_length):
        raise RowShapeError(f"{col.name}: not text of at most {col.max_length} characters")
    if "\x00" in value:
        raise RowShapeError(f"{col.name}: contains NUL")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise RowShapeError(f"{col.name}: not text (a lone surrogate)") from None
    return value


def _decode_json(col: ColumnSpec, value: Any) -> Any:
    """JSON columns hold lists or objects of plain values."""
    if not isinstance(value, list | dict):
        _bad(col)
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, ValueError, RecursionError):
        raise RowShapeError(f"{col.name}: not plain JSON") from None
    return value


def _decode_unsupported(col: ColumnSpec, value: Any) -> Any:
    raise RowShapeError(f"{col.name}: unsupported type")


_DECODERS: dict[type, Callable[[ColumnSpec, Any], Any]] = {
    dt.datetime: _decode_timestamp,
    dt.date: _decode_date,
    bool: _decode_bool,
    int: _decode_int,
    str: _decode_text,
    dict: _decode_json,
}


def _bad(col: ColumnSpec) -> Any:
    raise RowShapeError(f"{col.name}: wrong type")


def decode_row(spec: KindSpec, raw: Any) -> dict[str, Any]:
    """Checks a JSON row's shape and types against the model; raises RowShapeError with the reason."""
    if not isinstance(raw, dict):
        raise RowShapeError("not an object")
    if not raw.keys() <= spec.column_set:
        extra = set(raw) - spec.column_set
        raise RowShapeError(f"unknown fields: {', '.join(sorted(extra))[:200]}")
    missing = [name for name in spec.required_names if name not in raw]
    if missing:
        raise RowShapeError(f"missing fields: {', '.join(missing)}")
    row: dict[str, Any] = {}
    for col, decode in spec.decoders:  # each column's decoder chosen once per kind, not asked per value
        value = raw.get(col.name, col.default)
        if value is None:
            if not col.nullable:
                raise RowShapeError(f"{col.name}: missing")
            row[col.name] = None
        else:
            row[col.name] = decode(col, value)
    _check_sync_fields(row)
    return row


# a UUID as str(uuid.UUID(…)) writes it: lowercase, hyphenated (no braces, no urn:, no capitals)
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _check_sync_fields(row: dict[str, Any]) -> None:
    record_id = row["id"]
    if not isinstance(record_id, str) or not _CANONICAL_UUID.fullmatch(record_id):
        raise RowShapeError("id: not a UUID")
    vector = row["version_vector"]
    if (
        not isinstance(vector, dict)
        or not vector
        or any(
            not isinstance(k, str) or not isinstance(v, int) or isinstance(v, bool) or v < 1 for k, v in vector.items()
        )
    ):
        raise RowShapeError("version_vector: malformed")
    if vector.get(row["version_db"]) != row["version_counter"]:
        raise RowShapeError("version: does not match its vector")
