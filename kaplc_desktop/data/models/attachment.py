"""Files attached to records (photos, evidence), stored once by their SHA-256 in the data folder."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base
from ..types import UtcDateTime, utcnow


class Attachment(Base):
    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)


class AttachmentContent(Base):
    """A file's bytes, for a workspace on a server (empty in a SQLite workspace, whose files are in its folder)."""

    __tablename__ = "attachment_contents"

    sha256: Mapped[str] = mapped_column(
        String(64), ForeignKey("attachments.sha256", ondelete="CASCADE"), primary_key=True
    )
    content: Mapped[bytes] = mapped_column(LargeBinary)
