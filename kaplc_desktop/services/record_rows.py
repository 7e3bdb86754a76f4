"""The immutable row of a declared kind that services hand to the UI, CLI and reports, made from its declaration."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, make_dataclass
from typing import Any, ClassVar

from ..domain.record_kind import RecordKind


class RecordRow:
    """What every row can do; the fields themselves come from the kind (see row_type)."""

    __record_kind__: ClassVar[RecordKind]
    id: str
    owner_code: str
    updated_at: dt.datetime

    def display(self, name: str) -> str:
        """A field or computed value as a user reads it in a list: labels for codes, Buddhist-Era dates."""
        kind = self.__record_kind__
        computed = kind.computed_value(name)
        if computed is not None:
            return computed.value(self)
        f = kind.field(name)
        return f.type.display(f, getattr(self, name))

    def display_full(self, name: str) -> str:
        """As on a record's own page or sheet: like `display`, but a national ID in full."""
        kind = self.__record_kind__
        if not kind.has_field(name):
            return self.display(name)
        f = kind.field(name)
        return f.type.display_full(f, getattr(self, name))

    @property
    def title(self) -> str:
        kind = self.__record_kind__
        return kind.title(self) if kind.title else self.id

    def to_json(self) -> dict[str, object]:
        data = asdict(self)  # type: ignore[call-overload]
        for key, value in data.items():
            if isinstance(value, dt.date | dt.datetime):
                data[key] = value.isoformat()
            elif isinstance(value, tuple):
                data[key] = list(value)
        return data


def row_type(kind: RecordKind, base: type[RecordRow] = RecordRow, name: str | None = None) -> type[Any]:
    """A frozen dataclass with the sync fields and one field per declared field, in declaration order."""
    fields: list[tuple[str, Any]] = [("id", str), ("owner_code", str)]
    fields += [(f.name, Any) for f in kind.fields]
    fields += [("created_at", dt.datetime), ("updated_at", dt.datetime), ("deleted_at", dt.datetime | None)]
    cls = make_dataclass(name or f"{kind.name.title().replace('_', '')}Row", fields, bases=(base,), frozen=True)
    cls.__record_kind__ = kind
    return cls
