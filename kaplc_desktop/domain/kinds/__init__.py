"""Every kind of record the app keeps, declared once (importing this package declares them all)."""

from .district_plans import DISTRICT_PLAN, DISTRICT_PROJECT, DISTRICT_PROJECT_TARGET
from .hrd_plan import ACTION_PROJECT, ACTION_TARGET, HRD_PLAN, HRD_REVIEW
from .id_plan import ID_PLAN, ID_PLAN_ACTIVITY
from .outcomes import ACHIEVEMENT_RESULT, PERFORMANCE_AGREEMENT
from .personnel import PERSONNEL
from .plc_group import PLC_GROUP, PLC_MEMBER
from .plc_meeting import PLC_ATTENDANCE, PLC_FILE, PLC_MEETING
from .portfolio import (
    PORTFOLIO,
    PORTFOLIO_AWARD,
    PORTFOLIO_DECISION,
    PORTFOLIO_FIGURE,
    PORTFOLIO_FILE,
    PORTFOLIO_OWNER,
    PORTFOLIO_SECTION,
)
from .portfolio_review import (
    FORUM_SESSION,
    PORTFOLIO_REVIEW,
    PORTFOLIO_REVIEWER,
    PRESENTATION_FORUM,
    REVIEW_RUBRIC,
    REVIEW_SCORE,
    RUBRIC_CRITERION,
)
from .school_profile import SCHOOL_PROFILE
from .school_registry import REGISTERED_SCHOOL
from .submissions import SUBMISSION_PERIOD, SUBMISSION_REVIEW
from .survey import SURVEY_FORM, SURVEY_NEED, SURVEY_RATING, SURVEY_ROUND

__all__ = [
    "ACHIEVEMENT_RESULT",
    "ACTION_PROJECT",
    "ACTION_TARGET",
    "DISTRICT_PLAN",
    "DISTRICT_PROJECT",
    "DISTRICT_PROJECT_TARGET",
    "FORUM_SESSION",
    "HRD_PLAN",
    "HRD_REVIEW",
    "ID_PLAN",
    "ID_PLAN_ACTIVITY",
    "PERFORMANCE_AGREEMENT",
    "PERSONNEL",
    "PLC_ATTENDANCE",
    "PLC_FILE",
    "PLC_GROUP",
    "PLC_MEETING",
    "PLC_MEMBER",
    "PORTFOLIO",
    "PORTFOLIO_AWARD",
    "PORTFOLIO_DECISION",
    "PORTFOLIO_FIGURE",
    "PORTFOLIO_FILE",
    "PORTFOLIO_OWNER",
    "PORTFOLIO_REVIEW",
    "PORTFOLIO_REVIEWER",
    "PORTFOLIO_SECTION",
    "PRESENTATION_FORUM",
    "REGISTERED_SCHOOL",
    "REVIEW_RUBRIC",
    "REVIEW_SCORE",
    "RUBRIC_CRITERION",
    "SCHOOL_PROFILE",
    "SUBMISSION_PERIOD",
    "SUBMISSION_REVIEW",
    "SURVEY_FORM",
    "SURVEY_NEED",
    "SURVEY_RATING",
    "SURVEY_ROUND",
]


def field_label(name: str, kind: str | None = None) -> str:
    """The label of a field of `kind`, or of the first declared kind that has a field of that name (sync messages
    name a column without its kind); the name itself when no kind has it."""
    from ..record_kind import DECLARED

    if kind in DECLARED:
        return DECLARED[kind].label_of(name)
    for declared in DECLARED.values():
        if declared.has_field(name) or declared.computed_value(name):
            return declared.label_of(name)
    return name
