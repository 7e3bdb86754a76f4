"""What development is judged by: the learning-achievement results a school tracks each year (national tests by
subject against its own targets) and each person's performance-agreement (PA) tasks with their result level."""

from __future__ import annotations

from ...i18n import N_
from ..field_types import Code, Level, Number, Paragraphs, Reference, Score, Text
from ..record_kind import Field, FormGroup, RecordKind, declare

ACHIEVEMENT_RESULT = declare(
    RecordKind(
        name="achievement_result",
        table="achievement_results",
        owner="school",
        label=N_("Learning achievement"),
        fields=(
            Field("academic_year", N_("Academic year"), Number(2500, 2700), required=True, excel_width=10),
            Field(
                "test",
                N_("Test or indicator"),
                Code(free=True),
                required=True,
                max_length=120,
                vocabulary="achievement_test",
                excel_width=20,
            ),
            Field("grade_level", N_("Grade"), Text(), max_length=40, excel_width=10),
            Field(
                "learning_area",
                N_("Subject or learning area"),
                Code(free=True),
                required=True,
                max_length=120,
                vocabulary="learning_area",
                excel_width=24,
            ),
            Field("school_target", N_("School target"), Score(), excel_width=10),
            Field("school_result", N_("School result"), Score(), excel_width=10),
            Field("national_average", N_("National average"), Score(), excel_width=10),
            Field("note", N_("Note"), Text(), max_length=300, excel_width=30),
        ),
        list_columns=(
            "academic_year",
            "test",
            "grade_level",
            "learning_area",
            "school_target",
            "school_result",
            "national_average",
        ),
        details=("academic_year", "test", "grade_level", "learning_area", "school_target", "school_result"),
        form=(
            FormGroup(
                N_("Result"),
                (
                    "academic_year",
                    "test",
                    "grade_level",
                    "learning_area",
                    "school_target",
                    "school_result",
                    "national_average",
                    "note",
                ),
            ),
        ),
        order_by=("academic_year", "test", "grade_level", "learning_area"),
        title=lambda row: f"{row.test} {row.grade_level or ''} {row.learning_area}".replace("  ", " "),
        sheet_name="ผลสัมฤทธิ์",
    )
)

PERFORMANCE_AGREEMENT = declare(
    RecordKind(
        name="performance_agreement",
        table="performance_agreements",
        owner="school",
        label=N_("Performance agreement task"),
        fields=(
            Field("person_id", N_("Staff member"), Reference(), required=True, refers_to="personnel", max_length=36),
            Field("fiscal_year", N_("Fiscal year"), Number(2500, 2700), required=True, excel_width=10),
            Field("task", N_("Agreed task"), Text(), required=True, max_length=300, excel_width=40),
            Field("indicators", N_("Indicators"), Paragraphs(), max_length=4000, excel_width=40),
            Field("result_level", N_("Result level"), Level("pa_level"), excel_width=20),
            Field("result_note", N_("What came of it"), Paragraphs(), max_length=4000, excel_width=40),
        ),
        list_columns=("person_id", "fiscal_year", "task", "result_level"),
        details=("fiscal_year", "task", "indicators", "result_level", "result_note"),
        form=(FormGroup(N_("Agreement"), ("fiscal_year", "task", "indicators", "result_level", "result_note")),),
        order_by=("fiscal_year", "task"),
        title=lambda row: row.task,
        sheet_name="ข้อตกลงพัฒนางาน",
    )
)
