"""A PLC group of one academic year and its members with their roles: the declarations of both kinds."""

from __future__ import annotations

from ...i18n import N_, _
from .. import vocabularies
from ..field_types import Code, Number, Paragraphs, Reference, Text, TextList
from ..record_kind import Field, FormGroup, RecordKind, declare

ROLE_MEMBER = "member"
ROLE_RECORDER = "recorder"


def default_steps(language: str = "th") -> tuple[str, ...]:
    """The cycle's steps a new group starts with (the district's five steps), until the school changes them."""
    return tuple(term.label(language) for term in vocabularies.terms("plc_step"))


PLC_GROUP = declare(
    RecordKind(
        name="plc_group",
        table="plc_groups",
        owner="school",
        label=N_("PLC group"),
        fields=(
            Field("academic_year", N_("Academic year"), Number(2500, 2700), required=True, excel_width=10),
            Field("name", N_("Group name"), Text(), required=True, max_length=200, excel_width=30),
            Field("learning_area", N_("Learning area"), Code(), max_length=40, vocabulary="learning_area"),
            Field("target_learners", N_("Target learners"), Text(), max_length=200, excel_width=24),
            Field("problem", N_("Learners' problem"), Paragraphs(), max_length=4000, excel_width=40),
            Field("goal", N_("Goal and approach"), Paragraphs(), max_length=4000, excel_width=40),
            Field("steps", N_("Steps of the cycle"), TextList(max_items=12), max_length=120, excel_width=40),
        ),
        list_columns=("name", "academic_year", "learning_area", "target_learners"),
        details=("academic_year", "learning_area", "target_learners", "problem", "goal", "steps"),
        form=(
            FormGroup(N_("Group"), ("academic_year", "name", "learning_area", "target_learners", "steps")),
            FormGroup(N_("What the group works on"), ("problem", "goal")),
        ),
        order_by=("academic_year", "name"),
        title=lambda row: row.name,
        sheet_name="กลุ่ม PLC",
    )
)

PLC_MEMBER = declare(
    RecordKind(
        name="plc_member",
        table="plc_members",
        owner="school",
        label=N_("PLC group member"),
        fields=(
            Field("group_id", N_("PLC group"), Reference(), required=True, refers_to="plc_group", max_length=36),
            Field("person_id", N_("Staff member"), Reference(), required=True, refers_to="personnel", max_length=36),
            Field(
                "role",
                N_("Role in the group"),
                Code(),
                required=True,
                max_length=40,
                vocabulary="plc_role",
                default=ROLE_MEMBER,
            ),
        ),
        list_columns=("person_id", "role"),
        details=("group_id", "person_id", "role"),
        form=(FormGroup(N_("Member"), ("person_id", "role")),),
        order_by=("group_id",),
        sheet_name="สมาชิก PLC",
        identity=("group_id", "person_id"),  # one membership per person and group, in every copy of the school
    )
)


def role_label(code: str) -> str:
    return vocabularies.label("plc_role", code) or _("Member")
