"""What the district expects from its schools and when (submission periods), and how it judged what each school
sent (reviews): the two district kinds behind submission tracking.

A period names what is due (the July survey of a year, the ID plans, the PLC meetings of a semester, the
portfolios), from when it counts and by when. Every period goes to every school in feedback bundles, so a school
knows its deadlines; a review goes to the school it is about only. Approving a period locks its reviews until
the district reopens it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...errors import Problems
from ...i18n import N_, _
from ..field_types import Code, Date, Number, Paragraphs, Reference, SchoolCode, Text
from ..record_kind import Field, FormGroup, RecordKind, declare

CONTENT_PLC = "plc"


def _live(row: dict[str, Any]) -> bool:
    return not row.get("deleted_at")


# the records whose first arrival at the district in a form that counts is remembered (data/tracking_reads.py
# judges a submission on time by them): a meeting, not its group; a survey's forms, not the round; a portfolio
# once it is no longer a draft
COUNTED_KINDS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "survey_form": _live,
    "id_plan": _live,
    "hrd_plan": _live,
    "plc_meeting": _live,
    "portfolio": lambda row: _live(row) and row.get("status") != "draft",
}


def _period_rule(values: dict[str, Any], p: Problems) -> dict[str, Any]:
    opens, due = values.get("opens_on"), values.get("due_on")
    if opens is not None and due is not None and due < opens:
        p.add("due_on", _("The deadline must be on or after the day the period opens."))
    if values.get("semester") is not None and values.get("content") != CONTENT_PLC:
        p.add("semester", _("Only PLC meetings are counted by semester; leave the semester empty."))
    return values


def period_title(row: Any) -> str:
    return row.name


SUBMISSION_PERIOD = declare(
    RecordKind(
        name="submission_period",
        table="submission_periods",
        owner="district",
        label=N_("Submission period"),
        fields=(
            Field("name", N_("Name"), Text(), required=True, max_length=200, excel_width=36),
            Field("academic_year", N_("Academic year"), Number(2500, 2700), required=True, excel_width=10),
            Field(
                "content",
                N_("What is due"),
                Code(),
                required=True,
                max_length=20,
                vocabulary="submission_content",
                excel_width=24,
            ),
            Field("semester", N_("Semester"), Number(1, 2), excel_width=8),
            Field("opens_on", N_("Period opens on"), Date(future_days=800), required=True, excel_width=12),
            Field("due_on", N_("Deadline"), Date(future_days=800), required=True, excel_width=12),
            Field("note", N_("Note"), Paragraphs(), max_length=2000, excel_width=40),
            # set by Approve and cleared by Reopen, never typed: while set, the period's reviews are locked
            Field("approved_on", N_("Approved on"), Date(), excel_width=12),
        ),
        list_columns=("name", "academic_year", "content", "semester", "opens_on", "due_on", "approved_on"),
        details=("name", "academic_year", "content", "semester", "opens_on", "due_on", "approved_on", "note"),
        form=(
            FormGroup(N_("Submission period"), ("name", "academic_year", "content", "semester")),
            FormGroup(N_("Dates"), ("opens_on", "due_on", "note")),
        ),
        excel=("name", "academic_year", "content", "semester", "opens_on", "due_on", "note"),
        rules=(_period_rule,),
        order_by=("academic_year", "due_on", "name"),
        title=period_title,
        sheet_name="กำหนดส่งข้อมูล",
    )
)

SUBMISSION_REVIEW = declare(
    RecordKind(
        name="submission_review",
        table="submission_reviews",
        owner="district",
        label=N_("Review of a submission"),
        fields=(
            Field(
                "period_id",
                N_("Submission period"),
                Reference(),
                required=True,
                refers_to="submission_period",
                max_length=36,
            ),
            Field("school_code", N_("School code"), SchoolCode(), required=True, max_length=10, indexed=True),
            Field(
                "state",
                N_("Review result"),
                Code(),
                required=True,
                max_length=20,
                vocabulary="review_state",
                excel_width=20,
            ),
            Field("comment", N_("Comments for the school"), Paragraphs(), max_length=4000, excel_width=40),
            Field("reviewed_on", N_("Reviewed on"), Date(), required=True, excel_width=12),
        ),
        list_columns=("school_code", "state", "reviewed_on", "comment"),
        details=("state", "reviewed_on", "comment"),
        form=(FormGroup(N_("Review result"), ("state", "comment")),),
        order_by=("period_id", "school_code"),
        scope="school_code",
        sheet_name="ผลการตรวจ",
        identity=("period_id", "school_code"),  # one review per school and period: a later one replaces it
    )
)
