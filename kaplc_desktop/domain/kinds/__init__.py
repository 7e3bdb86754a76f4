"""Every kind of record the app keeps, declared once (importing this package declares them all)."""

from .personnel import PERSONNEL
from .plc_group import PLC_GROUP, PLC_MEMBER
from .plc_meeting import PLC_ATTENDANCE, PLC_FILE, PLC_MEETING
from .school_profile import SCHOOL_PROFILE

__all__ = ["PERSONNEL", "PLC_ATTENDANCE", "PLC_FILE", "PLC_GROUP", "PLC_MEETING", "PLC_MEMBER", "SCHOOL_PROFILE"]


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
