"""The district's settings for an academic year: PLC hours target, deadlines, the catalogue of needs topics.

Owned by the district and sent to every school in feedback bundles; schools read them, never change them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base
from ..sync_mixin import SyncMixin, synced


def _sync_problems(row: dict[str, Any]) -> list[str]:
    problems = []
    if not 2500 <= row["academic_year"] <= 2700:
        problems.append("academic_year: out of range")
    if not 0 <= row["plc_hours_target"] <= 1000:
        problems.append("plc_hours_target: out of range")
    deadlines, topics = row.get("deadlines"), row.get("needs_topics")
    if not isinstance(deadlines, dict) or any(
        not isinstance(k, str) or not isinstance(v, str) or len(v) != 10 for k, v in deadlines.items()
    ):
        problems.append("deadlines: malformed")
    if not isinstance(topics, list) or any(not isinstance(t, str) or len(t) > 300 for t in topics):
        problems.append("needs_topics: malformed")
    return problems


@synced(kind="district_settings", owner="district")
class DistrictSettings(SyncMixin, Base):
    __tablename__ = "district_settings"
    __table_args__ = (UniqueConstraint("owner_code", "academic_year"),)
    __sync_validate__ = staticmethod(_sync_problems)

    academic_year: Mapped[int] = mapped_column(Integer)
    plc_hours_target: Mapped[int] = mapped_column(Integer)
    deadlines: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    needs_topics: Mapped[list[str]] = mapped_column(JSON, default=list)
