"""The school's human-resource development plan (3 years, reviewed each year) and the projects of its annual
action plan with the people each project is for: the declarations of the four kinds."""

from __future__ import annotations

from typing import Any

from ...errors import Problems
from ...i18n import N_, _
from ..field_types import Code, Date, Number, Paragraphs, Reference, Text, TextList, dates_in_order
from ..record_kind import Field, FormGroup, RecordKind, declare

PLAN_YEARS = 3
MAX_PLAN_YEARS = 5
STATUS_PLANNED = "planned"
MAX_BUDGET = 100_000_000


def _plan_rule(values: dict[str, Any], p: Problems) -> dict[str, Any]:
    first, last = values.get("first_year"), values.get("last_year")
    if first is not None and last is not None:
        if last < first:
            p.add("last_year", _("The last year of the plan must be on or after its first year."))
        elif last - first + 1 > MAX_PLAN_YEARS:
            p.add("last_year", _("A plan covers at most {n} years.").format(n=MAX_PLAN_YEARS))
    return values


def plan_title(row: Any) -> str:
    return row.name or _("Development plan {first}–{last}").format(first=row.first_year, last=row.last_year)


HRD_PLAN = declare(
    RecordKind(
        name="hrd_plan",
        table="hrd_plans",
        owner="school",
        label=N_("HR development plan"),
        fields=(
            Field("first_year", N_("First year"), Number(2500, 2700), required=True, excel_width=10),
            Field("last_year", N_("Last year"), Number(2500, 2700), required=True, excel_width=10),
            Field("name", N_("Plan name"), Text(), required=True, max_length=300, excel_width=40),
            Field("background", N_("Background and analysis"), Paragraphs(), max_length=8000, excel_width=40),
            Field("goals", N_("Goals and indicators"), Paragraphs(), max_length=4000, excel_width=40),
            Field("strategies", N_("Strategies"), TextList(max_items=20), max_length=300, excel_width=40),
            Field("programmes", N_("Development programmes"), TextList(max_items=30), max_length=300, excel_width=40),
            Field("approved_on", N_("Approved on"), Date(), excel_width=12),
        ),
        list_columns=("name", "first_year", "last_year", "approved_on"),
        details=("first_year", "last_year", "background", "goals", "strategies", "programmes", "approved_on"),
        form=(
            FormGroup(N_("Plan"), ("name", "first_year", "last_year", "approved_on")),
            FormGroup(N_("Contents"), ("background", "goals", "strategies", "programmes")),
        ),
        rules=(_plan_rule,),
        order_by=("first_year",),
        title=plan_title,
        sheet_name="แผนพัฒนาบุคลากร",
    )
)

HRD_REVIEW = declare(
    RecordKind(
        name="hrd_review",
        table="hrd_reviews",
        owner="school",
        label=N_("Yearly review of the plan"),
        fields=(
            Field(
                "plan_id", N_("HR development plan"), Reference(), required=True, refers_to="hrd_plan", max_length=36
            ),
            Field("academic_year", N_("Academic year"), Number(2500, 2700), required=True, excel_width=10),
            Field("reviewed_on", N_("Reviewed on"), Date(), excel_width=12),
            Field("findings", N_("What the year showed"), Paragraphs(), max_length=8000, excel_width=40),
            Field("changes", N_("Changes to the plan"), Paragraphs(), max_length=4000, excel_width=40),
        ),
        list_columns=("academic_year", "reviewed_on", "findings"),
        details=("academic_year", "reviewed_on", "findings", "changes"),
        form=(FormGroup(N_("Review"), ("academic_year", "reviewed_on", "findings", "changes")),),
        order_by=("plan_id", "academic_year"),
        title=lambda row: _("Review {year}").format(year=row.academic_year),
        sheet_name="ทบทวนแผน",
        identity=("plan_id", "academic_year"),
    )
)


ACTION_PROJECT = declare(
    RecordKind(
        name="action_project",
        table="action_projects",
        owner="school",
        label=N_("Action plan project"),
        fields=(
            Field("fiscal_year", N_("Fiscal year"), Number(2500, 2700), required=True, excel_width=10),
            Field("name", N_("Project or activity"), Text(), required=True, max_length=300, excel_width=40),
            Field(
                "hrd_plan_id",
                N_("HR development plan"),
                Reference(),
                refers_to="hrd_plan",
                on_erase="set_null",
                max_length=36,
            ),
            Field("objectives", N_("Objectives"), Paragraphs(), max_length=4000, excel_width=40),
            Field("target_group", N_("Target group"), Text(), max_length=300, excel_width=30),
            Field("starts_on", N_("Starts on"), Date(future_days=800), excel_width=12),
            Field("ends_on", N_("Ends on"), Date(future_days=800), excel_width=12),
            Field("budget", N_("Budget (baht)"), Number(0, MAX_BUDGET, grouped=True), excel_width=12),
            Field(
                "responsible_id",
                N_("Responsible person"),
                Reference(),
                refers_to="personnel",
                on_erase="set_null",
                max_length=36,
            ),
            Field("indicators", N_("Indicators"), Paragraphs(), max_length=4000, excel_width=40),
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
            Field("results", N_("Results"), Paragraphs(), max_length=8000, excel_width=40),
        ),
        list_columns=("name", "fiscal_year", "starts_on", "ends_on", "budget", "responsible_id", "status"),
        details=("fiscal_year", "objectives", "target_group", "starts_on", "ends_on", "budget", "indicators", "status"),
        form=(
            FormGroup(
                N_("Project"),
                ("fiscal_year", "name", "objectives", "target_group", "starts_on", "ends_on", "budget"),
            ),
            FormGroup(N_("Follow-up"), ("indicators", "status", "results")),
        ),
        rules=(dates_in_order(),),
        order_by=("fiscal_year", "name"),
        title=lambda row: row.name,
        sheet_name="โครงการ",
    )
)

ACTION_TARGET = declare(
    RecordKind(
        name="action_target",
        table="action_targets",
        owner="school",
        label=N_("Person a project is for"),
        fields=(
            Field("project_id", N_("Project"), Reference(), required=True, refers_to="action_project", max_length=36),
            Field("person_id", N_("Staff member"), Reference(), required=True, refers_to="personnel", max_length=36),
        ),
        list_columns=("person_id",),
        details=("project_id", "person_id"),
        form=(FormGroup(N_("Target"), ("person_id",)),),
        order_by=("project_id",),
        sheet_name="กลุ่มเป้าหมายโครงการ",
        identity=("project_id", "person_id"),
    )
)
