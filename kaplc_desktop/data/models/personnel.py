"""A member of staff in the school's personnel registry; its fields are declared in domain/kinds/personnel.py."""

from __future__ import annotations

from sqlalchemy import Index

from ...domain.kinds.personnel import PERSONNEL
from ..base import Base
from ..declared_columns import declared_columns
from ..sync_mixin import SyncMixin, synced


@synced(kind=PERSONNEL.name, owner=PERSONNEL.owner)
class Person(SyncMixin, declared_columns(PERSONNEL), Base):  # type: ignore[misc]
    __tablename__ = PERSONNEL.table
    __table_args__ = (
        Index("ix_personnel_national_id", "national_id"),
        Index("ix_personnel_deleted_at", "deleted_at"),
    )
