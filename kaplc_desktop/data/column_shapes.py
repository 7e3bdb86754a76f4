"""What a table's columns accept, in plain terms, for code outside the data layer that checks rows from a file
(a key backup) against the table as it is today, without importing SQLAlchemy itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON
from sqlalchemy.types import TypeDecorator

from .types import UtcDateTime


@dataclass(frozen=True)
class ColumnShape:
    name: str
    kind: str  # json | bytes | utc-datetime | datetime | date | bool | int | float | str | other
    nullable: bool
    required: bool  # an insert without it fails: primary key, or NOT NULL without a default
    max_length: int | None = None


def column_shapes(table: Any) -> list[ColumnShape]:
    return [_shape(c) for c in table.columns]


def _shape(column: Any) -> ColumnShape:
    required = bool(column.primary_key) or (
        not column.nullable and column.default is None and column.server_default is None
    )
    return ColumnShape(
        column.name,
        _kind(column.type),
        bool(column.nullable) and not column.primary_key,
        required,
        getattr(column.type, "length", None),
    )


def _kind(type_: Any) -> str:
    if isinstance(type_, JSON):
        return "json"
    if isinstance(type_, UtcDateTime):
        return "utc-datetime"
    while isinstance(type_, TypeDecorator):
        type_ = type_.impl_instance
    try:
        python_type = type_.python_type
    except NotImplementedError:
        return "other"
    kinds = {bytes: "bytes", dt.datetime: "datetime", dt.date: "date", bool: "bool", int: "int", float: "float"}
    return kinds.get(python_type, "str" if python_type is str else "other")
