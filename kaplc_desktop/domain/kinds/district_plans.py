"""The district's own planning: its 3-year HR development plan and annual action plans, the development projects
it runs under them (each answering a need the schools named in the July survey), and the people each project is
for. Three district kinds, kept in the district: no bundle carries them yet (a school learns of a project from the
district, not from the app).
"""

from __future__ import annotations

from typing import Any

from ...errors import Problems
from ...i18n import N_, _
from ..field_types import Code, Date, Number, Paragraphs, Reference, SchoolCode, Text, dates_in_order
from ..record_kind import Field, FormGroup, RecordKind, declare

PLAN_HRD = "hrd_plan"
PLAN_ACTION = "action_plan"
MAX_BUDGET = 100_000_000


MAX_HRD_YEARS = 5  # a "3-year" plan is sometimes drawn up for 4 or 5


def _plan_rule(values: dict[str, Any], p: Problems) -> dict[str, Any]:
    first, last = values.get("first_year"), values.get("last_year")
    if first is None or last is None:
        return values
    if last < first:
        p.add("last_year", _("The last year must be the first year or later."))
    elif values.get("plan_kind") == PLAN_ACTION and last != first:
        p.add("last_year", _("An annual action plan covers one fiscal year: make the last year the first year."))
    elif values.get("plan_kind") == PLAN_HRD and last - first + 1 > MAX_HRD_YEARS:
        p.add("last_year", _("An HR development plan covers at most {n} years.").format(n=MAX_HRD_YEARS))
    return values


DISTRICT_PLAN = declare(
    RecordKind(
        name="district_plan",
        table="district_plans",
        owner="district",
        label=N_("District plan"),
        fields=(
            Field(
                "plan_kind",
                N_("Kind of plan"),
                Code(),
                required=True,
                max_length=20,
                vocabulary="district_plan_kind",
                default=PLAN_HRD,
                excel_width=24,
            ),
            Field("name", N_("Plan name"), Text(), required=True, max_length=300, excel_width=40),
            Field("first_year", N_("First fiscal year"), Number(2500, 2700), required=True, excel_width=10),
            Field("last_year", N_("Last fiscal year"), Number(2500, 2700), required=True, excel_width=10),
            Field("approved_on", N_("Approved on"), Date(), excel_width=12),
            Field("note", N_("Note"), Paragraphs(), max_length=4000, excel_width=40),
        ),
        list_columns=("plan_kind", "name", "first_year", "last_year", "approved_on"),
        details=("plan_kind", "name", "first_year", "last_year", "approved_on", "note"),
        form=(FormGroup(N_("District plan"), ("plan_kind", "name", "first_year", "last_year", "approved_on", "note")),),
        rules=(_plan_rule,),
        order_by=("first_year", "plan_kind", "name"),
        title=lambda row: row.name,
        sheet_name="แผนของเขตพื้นที่",
        travels=False,
    )
)


def _project_rule(values: dict[str, Any], p: Problems) -> dict[str, Any]:
    if values.get("hrd_plan_id") is not None and values.get("hrd_plan_id") == values.get("action_plan_id"):
        p.add(
            "action_plan_id", _("Choose the annual action plan here and the 3-year HRD plan above, not the same one.")
        )
    return values


DISTRICT_PROJECT = declare(
    RecordKind(
        name="district_project",
        table="district_projects",
        owner="district",
        label=N_("District development project"),
        fields=(
            Field("name", N_("Project or activity"), Text(), required=True, max_length=300, excel_width=40),
            Field("fiscal_year", N_("Fiscal year"), Number(2500, 2700), required=True, excel_width=10),
            Field(
                "need_topic",
                N_("The need it answers"),
                Text(),
                max_length=300,
                excel_width=36,
            ),
            Field("need_year", N_("Survey of the year"), Number(2500, 2700), excel_width=10),
            Field("competency", N_("Competency"), Code(), max_length=40, vocabulary="competency", excel_width=30),
            Field(
                "method",
                N_("Way of development"),
                Code(),
                max_length=40,
                vocabulary="development_method",
                excel_width=24,
            ),
            Field(
                "hrd_plan_id",
                N_("3-year HRD plan"),
                Reference(),
                refers_to="district_plan",
                on_erase="set_null",
                max_length=36,
            ),
            Field(
                "action_plan_id",
                N_("Annual action plan"),
                Reference(),
                refers_to="district_plan",
                on_erase="set_null",
                max_length=36,
            ),
            Field("objectives", N_("Objectives"), Paragraphs(), max_length=4000, excel_width=40),
            Field("starts_on", N_("Starts on"), Date(future_days=800), excel_width=12),
            Field("ends_on", N_("Ends on"), Date(future_days=800), excel_width=12),
            Field("budget", N_("Budget (baht)"), Number(0, MAX_BUDGET, grouped=True), excel_width=12),
            Field(
                "status",
                N_("Status"),
                Code(),
                required=True,
                max_length=20,
                vocabulary="activity_status",
                default="planned",
                excel_width=16,
            ),
            Field("results", N_("Results"), Paragraphs(), max_length=8000, excel_width=40),
        ),
        list_columns=("name", "fiscal_year", "need_topic", "method", "starts_on", "budget", "status"),
        details=("name", "fiscal_year", "need_topic", "competency", "method", "objectives", "status"),
        form=(
            FormGroup(N_("Project"), ("name", "fiscal_year", "need_topic", "need_year", "competency", "method")),
            FormGroup(N_("Details"), ("objectives", "starts_on", "ends_on", "budget", "status", "results")),
        ),
        rules=(dates_in_order(), _project_rule),  # the plans are chosen beside the form (ui/dialogs)
        order_by=("fiscal_year", "name"),
        title=lambda row: row.name,
        sheet_name="โครงการของเขตพื้นที่",
        travels=False,
    )
)

DISTRICT_PROJECT_TARGET = declare(
    RecordKind(
        name="district_project_target",
        table="district_project_targets",
        owner="district",
        label=N_("Person a district project is for"),
        fields=(
            Field(
                "project_id",
                N_("Project"),
                Reference(),
                required=True,
                refers_to="district_project",
                max_length=36,
            ),
            Field("person_id", N_("Staff member"), Reference(), required=True, refers_to="personnel", max_length=36),
            Field("school_code", N_("School code"), SchoolCode(), required=True, max_length=10, indexed=True),
        ),
        list_columns=("person_id", "school_code"),
        details=("project_id", "person_id", "school_code"),
        form=(FormGroup(N_("Target"), ("person_id",)),),
        order_by=("project_id", "school_code"),
        sheet_name="กลุ่มเป้าหมายของเขต",
        identity=("project_id", "person_id"),
        travels=False,
    )
)
