"""What every record that travels to the district carries, and the registry of synced kinds.

A version is (id of the database that last changed the record, that database's change counter): a
monotonic counter, never wall-clock time. `version_vector` keeps the highest counter seen from every
database that ever changed the record, so sync can tell "descends from" from "changed on both sides".
Timestamps are kept from the source; they are stamped only by local edits, never by an import.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .types import UtcDateTime, utcnow

Owner = Literal["school", "district"]


def new_uuid() -> str:
    return str(uuid.uuid4())


class SyncMixin:
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    owner_code: Mapped[str] = mapped_column(String(10), index=True)
    version_db: Mapped[str] = mapped_column(String(36))
    version_counter: Mapped[int] = mapped_column(Integer)
    version_vector: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


@dataclass(frozen=True)
class SyncedKind:
    """A model that joins sync by declaring itself: its stable kind name and which side owns its rows."""

    kind: str
    model: type[Any]
    owner: Owner


SYNCED_KINDS: dict[str, SyncedKind] = {}


def synced(kind: str, owner: Owner) -> Any:
    """Class decorator: registers a SyncMixin model under a stable kind name."""

    def register(cls: type[Any]) -> type[Any]:
        if not issubclass(cls, SyncMixin):
            raise TypeError(f"{cls.__name__} must inherit SyncMixin to be synced")
        if kind in SYNCED_KINDS and SYNCED_KINDS[kind].model is not cls:
            raise ValueError(f"synced kind {kind!r} is already registered")
        SYNCED_KINDS[kind] = SyncedKind(kind, cls, owner)
        return cls

    return register
