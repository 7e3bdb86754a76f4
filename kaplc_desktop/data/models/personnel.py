"""A member of staff in the school's personnel registry."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, Date, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ...domain import national_id
from ..base import Base
from ..sync_mixin import SyncMixin, synced


def _sync_problems(row: dict[str, Any]) -> list[str]:
    """Rules a personnel row from another database must meet (beyond types and vocabularies)."""
    problems = []
    nid = row.get("national_id")
    if nid is not None and not national_id.is_valid(nid):
        problems.append("national_id: not a valid national ID")
    for name in ("first_name_th", "last_name_th"):
        if not str(row.get(name) or "").strip():
            problems.append(f"{name}: empty")
    return problems


@synced(kind="personnel", owner="school")
class Person(SyncMixin, Base):
    __tablename__ = "personnel"

    national_id: Mapped[str | None] = mapped_column(String(13))
    title_prefix: Mapped[str | None] = mapped_column(String(40))
    first_name_th: Mapped[str] = mapped_column(String(100))
    last_name_th: Mapped[str] = mapped_column(String(100))
    first_name_en: Mapped[str | None] = mapped_column(String(100))
    last_name_en: Mapped[str | None] = mapped_column(String(100))
    position: Mapped[str] = mapped_column(String(40))
    academic_standing: Mapped[str | None] = mapped_column(String(40))
    personnel_group: Mapped[str] = mapped_column(String(40))
    learning_areas: Mapped[list[str]] = mapped_column(JSON, default=list)
    subject: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="active")
    status_date: Mapped[dt.date | None] = mapped_column(Date)
    photo_sha256: Mapped[str | None] = mapped_column(String(64))

    # How sync checks and carries these rows (see kaplc_desktop/sync/kinds.py).
    __sync_vocabularies__: ClassVar[dict[str, str]] = {
        "position": "position",
        "academic_standing": "academic_standing",
        "personnel_group": "personnel_group",
        "learning_areas": "learning_area",
        "status": "personnel_status",
    }
    __sync_attachments__: ClassVar[tuple[str, ...]] = ("photo_sha256",)
    __sync_validate__ = staticmethod(_sync_problems)

    __table_args__ = (
        Index("ix_personnel_national_id", "national_id"),
        Index("ix_personnel_deleted_at", "deleted_at"),
    )
