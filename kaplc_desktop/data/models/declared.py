"""The models of every declared kind (domain/kinds/), made from their declarations: a new kind needs no code here."""

from __future__ import annotations

from typing import Any

from ...domain.kinds import (
    PERSONNEL,
    PLC_ATTENDANCE,
    PLC_FILE,
    PLC_GROUP,
    PLC_MEETING,
    PLC_MEMBER,
    SCHOOL_PROFILE,
)
from ...domain.record_kind import DECLARED
from ..base import Base
from ..declared_columns import declared_model

# named for the code that writes them through the ORM; every other declared kind is reached by its name
Person: Any = declared_model(PERSONNEL, Base, "Person")
SchoolProfile: Any = declared_model(SCHOOL_PROFILE, Base, "SchoolProfile")
PlcGroup: Any = declared_model(PLC_GROUP, Base, "PlcGroup")
PlcMember: Any = declared_model(PLC_MEMBER, Base, "PlcMember")
PlcMeeting: Any = declared_model(PLC_MEETING, Base, "PlcMeeting")
PlcAttendance: Any = declared_model(PLC_ATTENDANCE, Base, "PlcAttendance")
PlcFile: Any = declared_model(PLC_FILE, Base, "PlcFile")

# every other kind (the development cycle, portfolios, the district's own): reached by its name
# (services/records.model_of), in the order declared, so a table is made after the tables it refers to
_NAMED = {k.name for k in (PERSONNEL, SCHOOL_PROFILE, PLC_GROUP, PLC_MEMBER, PLC_MEETING, PLC_ATTENDANCE, PLC_FILE)}
for _kind in list(DECLARED.values()):
    if _kind.name not in _NAMED:
        declared_model(_kind, Base)
