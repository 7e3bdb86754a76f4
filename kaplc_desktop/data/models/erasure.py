"""A PDPA erasure: a person asked to be forgotten. It travels like any record and, wherever it is applied,
deletes the target record for good (no tombstone with data, no history copy). The erasure row itself is the
erasure tombstone: an incoming row with its target id, of the same owner, is never created again."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base
from ..sync_mixin import SyncMixin, synced


@synced(kind="erasure", owner="school")
class Erasure(SyncMixin, Base):
    __tablename__ = "erasures"

    target_kind: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[str] = mapped_column(String(36), index=True)
    reason: Mapped[str] = mapped_column(String(500), default="")
