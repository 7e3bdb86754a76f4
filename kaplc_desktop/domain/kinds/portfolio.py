"""Showcase portfolios (ผลงานเด่น): an entry with its owners, the sections of its write-up, its pictures and
evidence, the before/after figures of its results, the awards it received, and the district's decision at each
level of selection (the one kind here the district owns: it comes back to the school in feedback bundles)."""

from __future__ import annotations

from typing import Any

from ...errors import Problems
from ...i18n import N_, _
from ..field_types import Attachment, Code, Date, Number, Paragraphs, Reference, RichText, Score, Text
from ..record_kind import Field, FormGroup, RecordKind, declare

OWNER_PERSONS, OWNER_SCHOOL = "persons", "school"
PLACE_SECTION, PLACE_EVIDENCE = "section", "evidence"
STATUS_DRAFT, STATUS_SUBMITTED = "draft", "submitted"
SCHOOL_STATUSES = (STATUS_DRAFT, STATUS_SUBMITTED)  # the rest are the district's to decide
SELECTED, NOT_SELECTED = "selected", "not_selected"
DECISION_LEVELS = ("district", "region", "national")
MEDIA_TYPES = ("image/jpeg", "application/pdf")
MAX_SECTION_CHARS = 60_000
MAX_FIGURE = 10_000_000.0  # a school's budget in baht, a district's pupils


def _portfolio_rule(values: dict[str, Any], p: Problems) -> dict[str, Any]:
    if values.get("status") not in (None, *SCHOOL_STATUSES):
        p.add("status", _("A school marks its portfolio as a draft or as submitted; the district records selections."))
    if values.get("status") == STATUS_SUBMITTED and values.get("submitted_on") is None:
        p.add("submitted_on", _("Enter the date the portfolio was submitted to the district."))
    return values


def portfolio_title(row: Any) -> str:
    return row.name


PORTFOLIO = declare(
    RecordKind(
        name="portfolio",
        table="portfolios",
        owner="school",
        label=N_("Portfolio"),
        fields=(
            Field("name", N_("Title of the work"), Text(), required=True, max_length=300, excel_width=40),
            Field(
                "work_kind",
                N_("Kind of work"),
                Code(),
                required=True,
                max_length=40,
                vocabulary="portfolio_kind",
                default="best_practice",
                excel_width=20,
            ),
            Field("academic_year", N_("Academic year"), Number(2500, 2700), required=True, excel_width=10),
            Field(
                "owner_type",
                N_("Owned by"),
                Code(),
                required=True,
                max_length=20,
                vocabulary="portfolio_owner",
                default=OWNER_PERSONS,
                excel_width=12,
            ),
            Field("category", N_("Award category"), Code(), max_length=40, vocabulary="award_category", excel_width=24),
            Field(
                "award_field",
                N_("Field (administrators)"),
                Code(),
                max_length=40,
                vocabulary="award_field_admin",
                excel_width=20,
            ),
            Field(
                "learning_area",
                N_("Learning area"),
                Code(free=True),
                max_length=120,
                vocabulary="learning_area",
                excel_width=20,
            ),
            Field(
                "status",
                N_("Submission"),
                Code(),
                required=True,
                max_length=30,
                vocabulary="submission_status",
                default=STATUS_DRAFT,
                excel_width=16,
            ),
            Field("submitted_on", N_("Submitted on"), Date(), excel_width=12),
            Field("abstract", N_("Abstract"), Paragraphs(), max_length=4000, excel_width=40),
        ),
        list_columns=("name", "work_kind", "academic_year", "category", "learning_area", "status", "submitted_on"),
        details=("name", "work_kind", "academic_year", "owner_type", "category", "learning_area", "status"),
        form=(
            FormGroup(
                N_("The work"),
                ("name", "work_kind", "academic_year", "owner_type", "category", "award_field", "learning_area"),
            ),
            FormGroup(N_("Submission"), ("status", "submitted_on", "abstract")),
        ),
        rules=(_portfolio_rule,),
        order_by=("academic_year", "name"),
        title=portfolio_title,
        sheet_name="ผลงานเด่น",
    )
)

PORTFOLIO_OWNER = declare(
    RecordKind(
        name="portfolio_owner",
        table="portfolio_owners",
        owner="school",
        label=N_("Owner of a portfolio"),
        fields=(
            Field("portfolio_id", N_("Portfolio"), Reference(), required=True, refers_to="portfolio", max_length=36),
            Field("person_id", N_("Staff member"), Reference(), required=True, refers_to="personnel", max_length=36),
            Field("position", N_("Order"), Number(0, 99), required=True, default=0),
        ),
        list_columns=("person_id", "position"),
        details=("portfolio_id", "person_id"),
        form=(FormGroup(N_("Owner"), ("person_id",)),),
        order_by=("portfolio_id", "position"),
        sheet_name="เจ้าของผลงาน",
        identity=("portfolio_id", "person_id"),  # a person owns a work once, in every copy of the school
    )
)


PORTFOLIO_SECTION = declare(
    RecordKind(
        name="portfolio_section",
        table="portfolio_sections",
        owner="school",
        label=N_("Section of a portfolio"),
        fields=(
            Field("portfolio_id", N_("Portfolio"), Reference(), required=True, refers_to="portfolio", max_length=36),
            Field(
                "section",
                N_("Section"),
                Code(),
                required=True,
                max_length=40,
                vocabulary="portfolio_section",
                excel_width=24,
            ),
            Field("body", N_("Text"), RichText(), max_length=MAX_SECTION_CHARS, excel_width=60),
        ),
        list_columns=("section", "body"),
        details=("portfolio_id", "section", "body"),
        form=(FormGroup(N_("Section"), ("section", "body")),),
        order_by=("portfolio_id",),
        sheet_name="หัวข้อผลงาน",
        identity=("portfolio_id", "section"),  # one text per section: two laptops writing it meet as a conflict
    )
)


def _file_rule(values: dict[str, Any], p: Problems) -> dict[str, Any]:
    if values.get("media_type") not in MEDIA_TYPES:
        p.add("media_type", _("Only photos (JPEG) and PDF documents are kept with a portfolio."))
    if values.get("placement") == PLACE_SECTION:
        if not values.get("section"):
            p.add("section", _("Choose the section the picture belongs to."))
        if values.get("media_type") == "application/pdf":
            p.add("placement", _("A PDF document is printed in the evidence appendix, not inside a section."))
    return values


PORTFOLIO_FILE = declare(
    RecordKind(
        name="portfolio_file",
        table="portfolio_files",
        owner="school",
        label=N_("Picture or evidence of a portfolio"),
        fields=(
            Field("portfolio_id", N_("Portfolio"), Reference(), required=True, refers_to="portfolio", max_length=36),
            Field("file_sha256", N_("File"), Attachment(), required=True, max_length=64),
            Field("media_type", N_("File type"), Text(), required=True, max_length=40),
            Field("file_name", N_("File name"), Text(), max_length=200),
            Field(
                "placement",
                N_("Printed as"),
                Code(),
                required=True,
                max_length=20,
                vocabulary="portfolio_file_place",
                default=PLACE_SECTION,
            ),
            Field("section", N_("Section"), Code(), max_length=40, vocabulary="portfolio_section", excel_width=24),
            Field("caption", N_("Caption"), Text(), max_length=300, excel_width=30),
            Field("position", N_("Order"), Number(0, 999), required=True, default=0),
        ),
        list_columns=("file_name", "caption", "placement", "section"),
        details=("portfolio_id", "file_name", "caption", "placement", "section", "media_type"),
        form=(FormGroup(N_("File"), ("caption", "placement", "section")),),
        rules=(_file_rule,),
        order_by=("portfolio_id", "position"),
        sheet_name="ไฟล์ผลงาน",
    )
)

PORTFOLIO_FIGURE = declare(
    RecordKind(
        name="portfolio_figure",
        table="portfolio_figures",
        owner="school",
        label=N_("Result figure of a portfolio"),
        fields=(
            Field("portfolio_id", N_("Portfolio"), Reference(), required=True, refers_to="portfolio", max_length=36),
            Field("label", N_("Indicator"), Text(), required=True, max_length=200, excel_width=36),
            Field("unit", N_("Unit"), Text(), max_length=40, excel_width=10),
            Field("before", N_("Before"), Score(MAX_FIGURE), required=True, excel_width=10),
            Field("after", N_("After"), Score(MAX_FIGURE), required=True, excel_width=10),
            Field("position", N_("Order"), Number(0, 99), required=True, default=0),
        ),
        list_columns=("label", "before", "after", "unit"),
        details=("portfolio_id", "label", "before", "after", "unit"),
        form=(FormGroup(N_("Figure"), ("label", "unit", "before", "after")),),
        order_by=("portfolio_id", "position"),
        sheet_name="ตัวเลขผลลัพธ์",
    )
)


def _award_rule(values: dict[str, Any], p: Problems) -> dict[str, Any]:
    if values.get("certificate_sha256") and values.get("certificate_type") not in MEDIA_TYPES:
        p.add("certificate_type", _("A certificate is kept as a photo (JPEG) or a PDF document."))
    return values


PORTFOLIO_AWARD = declare(
    RecordKind(
        name="portfolio_award",
        table="portfolio_awards",
        owner="school",
        label=N_("Award"),
        fields=(
            Field("portfolio_id", N_("Portfolio"), Reference(), required=True, refers_to="portfolio", max_length=36),
            Field("name", N_("Name of the award"), Text(), required=True, max_length=300, excel_width=36),
            Field("level", N_("Level"), Code(), required=True, max_length=20, vocabulary="award_level", excel_width=18),
            Field("rank", N_("Rank"), Code(), max_length=30, vocabulary="award_rank", excel_width=18),
            Field("medal", N_("Medal"), Code(), max_length=20, vocabulary="medal", excel_width=14),
            Field("awarded_on", N_("Date of the award"), Date(), excel_width=12),
            Field("issuer", N_("Given by"), Text(), max_length=300, excel_width=30),
            Field("certificate_sha256", N_("Certificate"), Attachment(), max_length=64),
            Field("certificate_type", N_("Certificate file type"), Text(), max_length=40),
        ),
        list_columns=("name", "level", "rank", "medal", "awarded_on", "issuer"),
        details=("portfolio_id", "name", "level", "rank", "medal", "awarded_on", "issuer"),
        form=(FormGroup(N_("Award"), ("name", "level", "rank", "medal", "awarded_on", "issuer")),),
        rules=(_award_rule,),
        order_by=("portfolio_id", "awarded_on"),
        sheet_name="รางวัล",
    )
)


def _decision_rule(values: dict[str, Any], p: Problems) -> dict[str, Any]:
    if values.get("level") not in (None, *DECISION_LEVELS):
        p.add("level", _("The district records decisions at the district, region or national level."))
    return values


PORTFOLIO_DECISION = declare(
    RecordKind(
        name="portfolio_decision",
        table="portfolio_decisions",
        owner="district",
        label=N_("Selection decision"),
        fields=(
            Field("school_code", N_("School code"), Text(), required=True, max_length=10, indexed=True, excel_width=12),
            Field("portfolio_id", N_("Portfolio"), Reference(), required=True, refers_to="portfolio", max_length=36),
            Field("level", N_("Level"), Code(), required=True, max_length=20, vocabulary="award_level", excel_width=18),
            Field(
                "result",
                N_("Result"),
                Code(),
                required=True,
                max_length=20,
                vocabulary="selection_result",
                excel_width=18,
            ),
            Field("rank", N_("Rank"), Code(), max_length=30, vocabulary="award_rank", excel_width=18),
            Field("medal", N_("Medal"), Code(), max_length=20, vocabulary="medal", excel_width=14),
            Field("decided_on", N_("Decided on"), Date(), required=True, excel_width=12),
            Field("comment", N_("Comments for the school"), Paragraphs(), max_length=4000, excel_width=40),
        ),
        list_columns=("level", "result", "rank", "medal", "decided_on", "comment"),
        details=("level", "result", "rank", "medal", "decided_on", "comment"),
        form=(FormGroup(N_("Decision"), ("level", "result", "rank", "medal", "decided_on", "comment")),),
        rules=(_decision_rule,),
        order_by=("portfolio_id", "decided_on"),
        scope="school_code",
        sheet_name="ผลการคัดเลือก",
        identity=("portfolio_id", "level"),  # one decision per level: a later one replaces it, never a second
    )
)
