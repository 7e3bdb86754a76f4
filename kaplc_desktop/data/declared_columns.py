"""The table and model of a declared kind, made from its declaration (domain/record_kind.py): a column per
field, an index on the owner, the tombstone and each field declared `indexed`, one row per owner for a `single`
kind, a FOREIGN KEY per reference. Alembic revisions stay hand-written; tests/test_migrations.py checks the
two agree.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import mapped_column

from ..domain.record_cleaning import sync_problems
from ..domain.record_kind import DECLARED, Field, RecordKind


def _column(f: Field, tables: dict[str, str]) -> Any:
    storage = f.type.storage
    if f.refers_to:
        target = tables[f.refers_to]
        on_delete = "CASCADE" if f.on_erase == "cascade" else "SET NULL"
        return mapped_column(
            String(36), ForeignKey(f"{target}.id", ondelete=on_delete), nullable=f.nullable, index=True
        )
    if storage == "json":
        return mapped_column(JSON, nullable=f.nullable, default=list)
    sql_type: Any = {"date": Date, "int": Integer}.get(storage) or String(f.max_length)
    default = f.default
    return mapped_column(sql_type, nullable=f.nullable, default=default)


def declared_columns(kind: RecordKind, also: tuple[RecordKind, ...] = ()) -> type:
    """A mixin holding one mapped column per field, and the kind's sync rules (see sync/kinds.py). A reference
    names the table of a declared kind, of this kind itself, or of one in `also` (declared later)."""
    tables = {k.name: k.table for k in (*DECLARED.values(), *also, kind)}
    namespace: dict[str, Any] = {name: _column(kind.field(name), tables) for name in kind.field_names}
    namespace["__record_kind__"] = kind
    namespace["__sync_validate__"] = staticmethod(lambda row: sync_problems(kind, row))
    return type(f"{kind.name.title().replace('_', '')}Columns", (), namespace)


def declared_model(kind: RecordKind, base: type, name: str | None = None) -> type:
    """The synced ORM model of a kind, registered for sync under the kind's name."""
    from .sync_mixin import SyncMixin, synced

    args: list[Any] = [Index(f"ix_{kind.table}_deleted_at", "deleted_at")]
    args += [Index(f"ix_{kind.table}_{f.name}", f.name) for f in kind.fields if f.indexed and not f.refers_to]
    if kind.single:
        args.append(UniqueConstraint("owner_code", name=f"uq_{kind.table}_owner_code"))
    namespace = {"__tablename__": kind.table, "__table_args__": tuple(args), "__module__": __name__}
    model = type(name or kind.name.title().replace("_", ""), (SyncMixin, declared_columns(kind), base), namespace)
    return synced(kind=kind.name, owner=kind.owner)(model)
