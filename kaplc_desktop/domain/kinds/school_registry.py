"""The district's registry of its schools: the schools it expects bundles from, kept by the district (imported
from its Excel list, edited by hand) and compared with the profiles the schools send, never overwritten by them.

A registered school is named by its code (its id is derived from the code, so two members of staff who register
the same school make one record). The list, with the office's notes on each school, stays in the district's
workspace: no bundle carries it.
"""

from __future__ import annotations

from ...i18n import N_
from ..field_types import Code, KeptValues, Number, PersonName, Phone, SchoolCode, Text
from ..record_kind import Field, FormGroup, RecordKind, declare

# the fields a registered school shares with a school's profile (domain/kinds/school_profile.py): where the two
# disagree, the district sees both and chooses
SHARED_WITH_PROFILE = ("school_name", "principal_name", "cluster", "school_size", "students", "phone")

REGISTERED_SCHOOL = declare(
    RecordKind(
        name="registered_school",
        table="registered_schools",
        owner="district",
        label=N_("Registered school"),
        fields=(
            Field(
                "school_code",
                N_("School code"),
                SchoolCode(),
                required=True,
                max_length=10,
                indexed=True,
                excel_width=14,
                hint="1090050001",
            ),
            Field("school_name", N_("School name"), Text(), required=True, max_length=200, excel_width=30),
            Field("cluster", N_("School cluster"), Text(), max_length=200, excel_width=24),
            Field("school_size", N_("School size"), Code(), max_length=20, vocabulary="school_size", excel_width=24),
            Field("principal_name", N_("Principal's name"), PersonName(), max_length=200, excel_width=26),
            Field("students", N_("Number of students"), Number(0, 20_000), excel_width=12),
            Field("phone", N_("Phone"), Phone(), max_length=30, excel_width=14),
            Field("note", N_("Note"), Text(), max_length=300, excel_width=30),
            # the school's profile values the district chose not to take ([field, value]): no longer shown as
            # differences, until the school sends another value
            Field("kept_values", N_("Profile values kept out"), KeptValues(), max_length=2000),
        ),
        list_columns=("school_code", "school_name", "cluster", "school_size", "principal_name", "students", "phone"),
        details=("school_code", "school_name", "cluster", "school_size", "principal_name", "students", "phone", "note"),
        form=(
            FormGroup(N_("School"), ("school_code", "school_name", "cluster", "principal_name")),
            FormGroup(N_("Contact and size"), ("phone", "school_size", "students", "note")),
        ),
        order_by=("cluster", "school_name"),
        scope="school_code",
        title=lambda row: row.school_name,
        sheet_name="รายชื่อโรงเรียน",
        example_row={
            "school_code": "1090050001",
            "school_name": "โรงเรียนตัวอย่างวิทยา",
            "cluster": "เครือข่ายตัวอย่าง",
            "school_size": "ขนาดเล็ก",
            "principal_name": "นายตัวอย่าง ใจดี",
            "students": "120",
            "phone": "074-123456",
            "note": "แถวตัวอย่าง ลบได้",
        },
        identity=("school_code",),
        travels=False,
    )
)
