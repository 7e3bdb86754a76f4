"""The workspace this data folder holds: one school or one district office (one row)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base
from ..types import UtcDateTime, utcnow


class Workspace(Base):
    __tablename__ = "workspace"

    singleton: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    kind: Mapped[str] = mapped_column(String(10))  # "school" | "district"
    school_code: Mapped[str | None] = mapped_column(String(10))
    school_name: Mapped[str | None] = mapped_column(String(200))
    esa_code: Mapped[str | None] = mapped_column(String(4))
    esa_name: Mapped[str] = mapped_column(String(200))
    principal_name: Mapped[str | None] = mapped_column(String(200))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
