"""A PLC meeting (or lesson study, open class …), who attended it and the photos and documents kept with it:
the declarations of the three kinds."""

from __future__ import annotations

from typing import Any

from ...errors import Problems
from ...i18n import N_, _
from .. import buddhist_date
from ..field_types import Attachment, Code, Date, Number, Paragraphs, Reference, Text, TextList, Time, format_time
from ..plc_hours import MAX_MEETING_MINUTES, hours_text, meeting_minutes, semester_of
from ..record_kind import Computed, Field, FormGroup, RecordKind, declare

ACTIVITY_MEETING = "meeting"
MEDIA_TYPES = ("image/jpeg", "application/pdf")
DAYS_AHEAD = 365


def _times_rule(values: dict[str, Any], p: Problems) -> dict[str, Any]:
    start, end = values.get("start_time"), values.get("end_time")
    if start is not None and end is not None:
        if end <= start:
            p.add("end_time", _("The end time must be after the start time."))
        elif end - start > MAX_MEETING_MINUTES:
            p.add("end_time", _("A meeting cannot be longer than 12 hours; check the start and end times."))
    return values


def _semester_rule(values: dict[str, Any], p: Problems) -> dict[str, Any]:
    """The semester is the date's (the October break counts to semester 1, April to semester 2): a meeting of
    7 October typed in November is still semester 1, and a synced row saying otherwise breaks this rule."""
    day = values.get("date")
    if day is not None:
        values["semester"] = semester_of(day)
    return values


def time_range(row: Any) -> str:
    return f"{format_time(row.start_time)}–{format_time(row.end_time)}"


def meeting_hours(row: Any) -> str:
    return hours_text(meeting_minutes(row.start_time, row.end_time))


def meeting_title(row: Any) -> str:
    """ครั้งที่ 3 ภาคเรียนที่ 1 (18/06/2569): every group has a session 3, the date tells them apart."""
    title = _("Session {n}, semester {s}").format(n=row.session_no, s=row.semester)
    return f"{title} ({buddhist_date.format_short(row.date)})" if row.date else title


PLC_MEETING = declare(
    RecordKind(
        name="plc_meeting",
        table="plc_meetings",
        owner="school",
        label=N_("PLC meeting"),
        fields=(
            Field("group_id", N_("PLC group"), Reference(), required=True, refers_to="plc_group", max_length=36),
            Field("semester", N_("Semester"), Number(1, 2), required=True, excel_width=8),
            Field("session_no", N_("Session no."), Number(1, 999), required=True, excel_width=8),
            Field(
                "activity_type",
                N_("Activity"),
                Code(),
                required=True,
                max_length=40,
                vocabulary="plc_activity_type",
                default=ACTIVITY_MEETING,
                excel_width=22,
            ),
            Field("date", N_("Date"), Date(future_days=DAYS_AHEAD), required=True, excel_width=12),
            Field("start_time", N_("Start time"), Time(), required=True, excel_width=8),
            Field("end_time", N_("End time"), Time(), required=True, excel_width=8),
            Field("steps", N_("Steps of the cycle"), TextList(max_items=12), max_length=120, excel_width=30),
            Field("place", N_("Venue"), Text(), max_length=200, excel_width=20),
            Field("agenda", N_("Agenda"), Paragraphs(), max_length=2000, excel_width=30),
            Field("discussion", N_("Discussion"), Paragraphs(), max_length=8000, excel_width=40),
            Field("results", N_("Results and decisions"), Paragraphs(), max_length=4000, excel_width=40),
            Field("observation", N_("Lesson study / open class notes"), Paragraphs(), max_length=4000, excel_width=40),
            Field("reflection", N_("Reflection"), Paragraphs(), max_length=4000, excel_width=40),
            Field("next_steps", N_("Next steps"), Paragraphs(), max_length=2000, excel_width=30),
            Field("guests", N_("Guests from outside the school"), Text(), max_length=300, excel_width=24),
        ),
        computed=(
            Computed("time_range", N_("Time"), time_range, lambda r: (r.start_time, r.end_time)),
            Computed("hours", N_("Hours"), meeting_hours, lambda r: meeting_minutes(r.start_time, r.end_time)),
        ),
        list_columns=("session_no", "semester", "date", "time_range", "hours", "activity_type", "steps", "place"),
        details=("semester", "session_no", "activity_type", "date", "time_range", "hours", "steps", "place"),
        form=(
            FormGroup(
                N_("When and where"),
                ("date", "start_time", "end_time", "semester", "session_no", "activity_type", "place", "steps"),
            ),
            FormGroup(
                N_("What was done"),
                ("agenda", "discussion", "results", "observation", "reflection", "next_steps", "guests"),
            ),
        ),
        rules=(_times_rule, _semester_rule),
        order_by=("date", "start_time"),
        title=meeting_title,
        sheet_name="บันทึก PLC",
    )
)


def _attendance_rule(values: dict[str, Any], p: Problems) -> dict[str, Any]:
    arrived, left = values.get("arrived_at"), values.get("left_at")
    if arrived is not None and left is not None and left <= arrived:
        p.add("left_at", _("The time someone left must be after the time they arrived."))
    return values


PLC_ATTENDANCE = declare(
    RecordKind(
        name="plc_attendance",
        table="plc_attendance",
        owner="school",
        label=N_("PLC attendance"),
        fields=(
            Field("meeting_id", N_("PLC meeting"), Reference(), required=True, refers_to="plc_meeting", max_length=36),
            Field("person_id", N_("Staff member"), Reference(), required=True, refers_to="personnel", max_length=36),
            Field("arrived_at", N_("Arrived at"), Time()),
            Field("left_at", N_("Left at"), Time()),
        ),
        list_columns=("person_id", "arrived_at", "left_at"),
        details=("meeting_id", "person_id", "arrived_at", "left_at"),
        form=(FormGroup(N_("Attendance"), ("person_id", "arrived_at", "left_at")),),
        rules=(_attendance_rule,),
        order_by=("meeting_id",),
        sheet_name="ผู้เข้าร่วม PLC",
        identity=("meeting_id", "person_id"),  # one attendance per person and meeting, in every copy of the school
    )
)


def _media_rule(values: dict[str, Any], p: Problems) -> dict[str, Any]:
    if values.get("media_type") not in MEDIA_TYPES:
        p.add("media_type", _("Only photos (JPEG) and PDF documents are kept with a meeting."))
    return values


PLC_FILE = declare(
    RecordKind(
        name="plc_file",
        table="plc_files",
        owner="school",
        label=N_("PLC photo or document"),
        fields=(
            Field("meeting_id", N_("PLC meeting"), Reference(), required=True, refers_to="plc_meeting", max_length=36),
            Field("file_sha256", N_("File"), Attachment(), required=True, max_length=64),
            Field("media_type", N_("File type"), Text(), required=True, max_length=40),
            Field("file_name", N_("File name"), Text(), max_length=200),
            Field("caption", N_("Caption"), Text(), max_length=300),
            Field("position", N_("Order"), Number(0, 999), required=True, default=0),
        ),
        list_columns=("file_name", "caption", "media_type"),
        details=("meeting_id", "file_name", "caption", "media_type"),
        form=(FormGroup(N_("File"), ("caption",)),),
        rules=(_media_rule,),
        order_by=("meeting_id", "position"),
        sheet_name="ไฟล์ PLC",
    )
)
