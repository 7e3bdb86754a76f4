"""A survey workbook this school exported: when, and each person's answers as exported (their fingerprint). Kept
here, not in the file: the file names its export by id only, so an edited file cannot claim to be newer than it
is or to hold another person's sheet. Local to this database (never synced)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base
from ..types import UtcDateTime


class SurveyExport(Base):
    __tablename__ = "survey_exports"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    round_id: Mapped[str] = mapped_column(String(36), index=True)
    exported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    fingerprints: Mapped[dict[str, str]] = mapped_column(JSON)  # person id → fingerprint of their answers
