"""The database's own identity and change counter (one row)."""

from __future__ import annotations

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base


class DatabaseMeta(Base):
    """`db_id` is renewed when the file is restored or copied: its `home_*` no longer match where it is."""

    __tablename__ = "db_meta"

    singleton: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    db_id: Mapped[str] = mapped_column(String(36))
    change_counter: Mapped[int] = mapped_column(Integer, default=0)
    home_path: Mapped[str] = mapped_column(String, default="")
    home_inode: Mapped[str] = mapped_column(String, default="")
    previous_db_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
