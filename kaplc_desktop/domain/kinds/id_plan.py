"""A person's development plan of an academic year (ID Plan, แผนพัฒนาตนเองรายบุคคล) and its activities: the
declarations of both kinds. One plan per person and year, in every copy of the school."""

from __future__ import annotations

from typing import Any

from ...errors import Problems
from ...i18n import N_, _
from ..field_types import Code, Date, Level, Number, Paragraphs, Reference, Text, dates_in_order
from ..record_kind import Field, FormGroup, RecordKind, declare

STATUS_PLANNED = "planned"
STATUS_DONE = "done"
MAX_HOURS = 2000
MAX_BUDGET = 10_000_000


def _plan_rule(values: dict[str, Any], p: Problems) -> dict[str, Any]:
    if values.get("approved_on") is not None and not values.get("approved_by"):
        p.add("approved_by", _("Enter who approved the plan, or clear the approval date."))
    if values.get("approved_by") and values.get("approved_on") is None:
        p.add("approved_on", _("Enter the date the plan was approved."))
    return values


def plan_title(row: Any) -> str:
    return _("Development plan {year}").format(year=row.academic_year)


ID_PLAN = declare(
    RecordKind(
        name="id_plan",
        table="id_plans",
        owner="school",
        label=N_("Development plan (ID Plan)"),
        fields=(
            Field("person_id", N_("Staff member"), Reference(), required=True, refers_to="personnel", max_length=36),
            Field("academic_year", N_("Academic year"), Number(2500, 2700), required=True, excel_width=10),
            Field("goals", N_("Development goals"), Paragraphs(), max_length=4000, excel_width=40),
            Field("expected_results", N_("Expected results"), Paragraphs(), max_length=4000, excel_width=40),
            Field("evidence", N_("Evidence of development"), Paragraphs(), max_length=2000, excel_width=30),
            Field("progress", N_("Progress (%)"), Number(0, 100), required=True, default=0, excel_width=8),
            Field("completed_on", N_("Completed on"), Date(), excel_width=12),
            Field("approved_by", N_("Approved by"), Text(), max_length=200, excel_width=24),
            Field("approved_on", N_("Approved on"), Date(), excel_width=12),
            # how many activities the plan lists: the n-th counts only below it (see survey_form.needs_count)
            Field("activity_count", N_("Activities"), Number(0, 30), required=True, default=0, excel_width=8),
        ),
        list_columns=("person_id", "academic_year", "progress", "completed_on", "approved_on"),
        details=("academic_year", "goals", "expected_results", "evidence", "progress", "completed_on", "approved_by"),
        form=(
            FormGroup(N_("Plan"), ("goals", "expected_results", "evidence")),
            FormGroup(N_("Progress and approval"), ("progress", "completed_on", "approved_by", "approved_on")),
        ),
        rules=(_plan_rule,),
        order_by=("academic_year",),
        title=plan_title,
        sheet_name="แผนพัฒนาตนเอง",
        identity=("person_id", "academic_year"),
    )
)


ID_PLAN_ACTIVITY = declare(
    RecordKind(
        name="id_plan_activity",
        table="id_plan_activities",
        owner="school",
        label=N_("Development activity"),
        fields=(
            Field("plan_id", N_("Development plan"), Reference(), required=True, refers_to="id_plan", max_length=36),
            Field("position", N_("Order"), Number(0, 999), required=True, default=0),
            Field("competency", N_("Competency"), Code(), max_length=40, vocabulary="competency", excel_width=30),
            Field("topic", N_("What to develop"), Text(), required=True, max_length=300, excel_width=40),
            Field("priority", N_("Priority"), Level("priority_scale"), excel_width=14),
            Field(
                "method",
                N_("Way of development"),
                Code(),
                required=True,
                max_length=40,
                vocabulary="development_method",
                default="training",
                excel_width=24,
            ),
            Field("provider", N_("Provider"), Text(), max_length=200, excel_width=24),
            Field("starts_on", N_("Starts on"), Date(future_days=800), excel_width=12),
            Field("ends_on", N_("Ends on"), Date(future_days=800), excel_width=12),
            Field("hours", N_("Hours"), Number(0, MAX_HOURS), excel_width=8),
            Field("budget", N_("Budget (baht)"), Number(0, MAX_BUDGET, grouped=True), excel_width=12),
            Field("expected_result", N_("Expected result and use in teaching"), Paragraphs(), max_length=2000),
            Field(
                "status",
                N_("Status"),
                Code(),
                required=True,
                max_length=20,
                vocabulary="activity_status",
                default=STATUS_PLANNED,
                excel_width=16,
            ),
            Field("done_on", N_("Done on"), Date(), excel_width=12),
        ),
        list_columns=("topic", "competency", "method", "starts_on", "ends_on", "hours", "budget", "status"),
        details=("topic", "competency", "priority", "method", "provider", "starts_on", "ends_on", "hours", "status"),
        form=(
            FormGroup(
                N_("Activity"),
                ("topic", "competency", "priority", "method", "provider", "starts_on", "ends_on", "hours", "budget"),
            ),
            FormGroup(N_("Result"), ("expected_result", "status", "done_on")),
        ),
        rules=(dates_in_order(),),
        order_by=("plan_id", "position"),
        title=lambda row: row.topic,
        sheet_name="กิจกรรมพัฒนา",
        identity=("plan_id", "position"),  # the n-th activity of a plan is one record in every copy of the school
    )
)
