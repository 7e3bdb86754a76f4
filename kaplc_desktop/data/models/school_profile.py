"""The school's profile; its fields are declared in domain/kinds/school_profile.py. One per school."""

from __future__ import annotations

from sqlalchemy import UniqueConstraint

from ...domain.kinds.school_profile import SCHOOL_PROFILE
from ..base import Base
from ..declared_columns import declared_columns
from ..sync_mixin import SyncMixin, synced


@synced(kind=SCHOOL_PROFILE.name, owner=SCHOOL_PROFILE.owner)
class SchoolProfile(SyncMixin, declared_columns(SCHOOL_PROFILE), Base):  # type: ignore[misc]
    __tablename__ = SCHOOL_PROFILE.table
    __table_args__ = (UniqueConstraint("owner_code", name="uq_school_profiles_owner_code"),)
