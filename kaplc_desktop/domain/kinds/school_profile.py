"""The school's own record (its profile): kept by the school, edited in Settings, sent to the district."""

from __future__ import annotations

from ...i18n import N_
from ..field_types import Code, Number, PersonName, Phone, Text
from ..record_kind import Field, FormGroup, RecordKind, declare

SCHOOL_PROFILE = declare(
    RecordKind(
        name="school_profile",
        table="school_profiles",
        owner="school",
        label=N_("School profile"),
        fields=(
            Field("school_name", N_("School name"), Text(), required=True, max_length=200, excel_width=30),
            Field("principal_name", N_("Principal's name"), PersonName(), max_length=200, excel_width=26),
            Field("esa_name", N_("Educational Service Area"), Text(), required=True, max_length=200, excel_width=30),
            Field("address", N_("Address"), Text(), max_length=300, excel_width=40),
            Field("school_size", N_("School size"), Code(), max_length=20, vocabulary="school_size", excel_width=24),
            Field("students", N_("Number of students"), Number(0, 20_000), excel_width=12),
            Field("cluster", N_("School cluster"), Text(), max_length=200, excel_width=24),
            Field("phone", N_("Phone"), Phone(), max_length=30, excel_width=14),
        ),
        list_columns=("school_name", "esa_name", "principal_name", "school_size", "students", "cluster"),
        details=("school_name", "principal_name", "esa_name", "address", "school_size", "students", "cluster", "phone"),
        form=(
            FormGroup(N_("School"), ("school_name", "principal_name", "esa_name", "cluster")),
            FormGroup(N_("Contact and size"), ("address", "phone", "school_size", "students")),
        ),
        order_by=("school_name",),
        title=lambda row: row.school_name,
        sheet_name="โรงเรียน",
        single=True,
    )
)
