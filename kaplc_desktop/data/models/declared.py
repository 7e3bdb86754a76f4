"""The models of every declared kind (domain/kinds/), made from their declarations: a new kind needs no code here."""

from __future__ import annotations

from typing import Any

from ...domain.kinds import (
    ACHIEVEMENT_RESULT,
    ACTION_PROJECT,
    ACTION_TARGET,
    HRD_PLAN,
    HRD_REVIEW,
    ID_PLAN,
    ID_PLAN_ACTIVITY,
    PERFORMANCE_AGREEMENT,
    PERSONNEL,
    PLC_ATTENDANCE,
    PLC_FILE,
    PLC_GROUP,
    PLC_MEETING,
    PLC_MEMBER,
    PORTFOLIO,
    PORTFOLIO_AWARD,
    PORTFOLIO_DECISION,
    PORTFOLIO_FIGURE,
    PORTFOLIO_FILE,
    PORTFOLIO_OWNER,
    PORTFOLIO_SECTION,
    REGISTERED_SCHOOL,
    SCHOOL_PROFILE,
    SUBMISSION_PERIOD,
    SUBMISSION_REVIEW,
    SURVEY_FORM,
    SURVEY_NEED,
    SURVEY_RATING,
    SURVEY_ROUND,
)
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

# the yearly development cycle and showcase portfolios: reached by kind name (services/records.model_of)
for _kind in (
    SURVEY_ROUND,
    SURVEY_FORM,
    SURVEY_RATING,
    SURVEY_NEED,
    ID_PLAN,
    ID_PLAN_ACTIVITY,
    HRD_PLAN,
    HRD_REVIEW,
    ACTION_PROJECT,
    ACTION_TARGET,
    ACHIEVEMENT_RESULT,
    PERFORMANCE_AGREEMENT,
    PORTFOLIO,
    PORTFOLIO_OWNER,
    PORTFOLIO_SECTION,
    PORTFOLIO_FILE,
    PORTFOLIO_FIGURE,
    PORTFOLIO_AWARD,
    PORTFOLIO_DECISION,
    REGISTERED_SCHOOL,
    SUBMISSION_PERIOD,
    SUBMISSION_REVIEW,
):
    declared_model(_kind, Base)
