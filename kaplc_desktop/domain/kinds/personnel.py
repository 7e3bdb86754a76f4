"""A member of staff in the school's personnel registry: the declaration every personnel view is derived from."""

from __future__ import annotations

import re
from typing import Any

from ...errors import Problems
from ...i18n import N_, _
from .. import vocabularies
from ..field_types import Attachment, Code, Codes, Date, Email, NationalId, PersonName, Phone, Text
from ..record_kind import Computed, Field, FormGroup, RecordKind, declare
from ..thai_collation import thai_sort_key

STATUS_ACTIVE = "active"


def full_name_th(row: Any) -> str:
    """The Thai name with its Thai title, whatever the UI language: นางสาวสมศรี ใจดี."""
    prefix = vocabularies.label("title_prefix", row.title_prefix, "th")
    return f"{prefix}{row.first_name_th} {row.last_name_th}"


def full_name_en(row: Any) -> str:
    return " ".join(p for p in (row.first_name_en, row.last_name_en) if p)


NOT_DIGITS = re.compile(r"[^0-9 ]")
# what people type for what the list spells out: "น.ส.สมศรี", "ผอ.", "รอง ผอ."
ABBREVIATIONS = (("นางสาว", "น.ส. นส."), ("ผู้อำนวยการ", "ผอ."), ("รองผู้อำนวยการ", "รองผอ. รอง ผอ."))


def search_text(row: Any) -> str:
    """What the search box matches: the name as the list shows it (with its title) and in English, the usual
    abbreviations of title and position, the national ID and phone as digits, the position, academic standing
    and learning areas; lower-cased."""
    digits = NOT_DIGITS.sub("", f"{row.national_id or ''} {row.phone or ''}")
    name = full_name_th(row)
    position = row.display("position")
    extra = [
        short + name.removeprefix(long) if name.startswith(long) else (short if long in position else "")
        for long, shorts in ABBREVIATIONS
        for short in shorts.split()
    ]
    parts = (
        name,
        full_name_en(row),
        digits,
        position,
        row.position or "",
        row.display("academic_standing"),
        row.display("learning_areas"),
        *extra,
    )
    return " ".join(p for p in parts if p).casefold()


def _status_rules(values: dict[str, Any], p: Problems) -> dict[str, Any]:
    """A move or retirement needs its date, after the start date; a person working here has none."""
    status, status_date, start = values.get("status"), values.get("status_date"), values.get("start_date")
    if status and status != STATUS_ACTIVE and status_date is None:
        p.add("status_date", _("Please enter the date of the move or retirement."))
    if status == STATUS_ACTIVE:
        values["status_date"] = None
    elif start and status_date and status_date < start:
        p.add("status_date", _("The status date cannot be before the start date."))
    return values


PERSONNEL = declare(
    RecordKind(
        name="personnel",
        table="personnel",
        owner="school",
        label=N_("Staff member"),
        fields=(
            Field(
                "national_id",
                N_("National ID"),
                NationalId(),
                max_length=13,
                indexed=True,
                excel_width=18,
                hint="x-xxxx-xxxxx-xx-x",
            ),
            Field(
                "title_prefix", N_("Title"), Code(free=True), max_length=40, vocabulary="title_prefix", excel_width=12
            ),
            Field("first_name_th", N_("First name (Thai)"), PersonName(), required=True, max_length=100),
            Field("last_name_th", N_("Last name (Thai)"), PersonName(), required=True, max_length=100, excel_width=18),
            Field("first_name_en", N_("First name (English)"), PersonName(), max_length=100),
            Field("last_name_en", N_("Last name (English)"), PersonName(), max_length=100, excel_width=18),
            Field(
                "position", N_("Position"), Code(), required=True, max_length=40, vocabulary="position", excel_width=22
            ),
            Field(
                "academic_standing",
                N_("Academic standing"),
                Code(),
                max_length=40,
                vocabulary="academic_standing",
                excel_width=22,
            ),
            Field(
                "personnel_group",
                N_("Employment type"),
                Code(),
                required=True,
                max_length=40,
                vocabulary="personnel_group",
                excel_width=24,
            ),
            Field("learning_areas", N_("Learning areas"), Codes(), vocabulary="learning_area", excel_width=28),
            Field("subject", N_("Subject taught"), Text(), max_length=200, excel_width=18),
            Field("start_date", N_("Start date"), Date(), excel_width=14),
            Field("phone", N_("Phone"), Phone(), max_length=30, excel_width=14),
            Field("email", N_("E-mail"), Email(), max_length=200, excel_width=24),
            Field("status", N_("Status"), Code(), max_length=20, vocabulary="personnel_status", default=STATUS_ACTIVE),
            Field("status_date", N_("Status date"), Date(), excel_width=14),
            Field("photo_sha256", N_("Photo"), Attachment(), max_length=64),
        ),
        computed=(
            Computed(
                "full_name_th",
                N_("Name"),
                full_name_th,
                lambda r: (thai_sort_key(r.first_name_th), thai_sort_key(r.last_name_th)),
            ),
            Computed("full_name_en", N_("Name (English)"), full_name_en),
        ),
        list_columns=(
            "full_name_th",
            "position",
            "academic_standing",
            "learning_areas",
            "status",
            "national_id",
            "full_name_en",
            "personnel_group",
            "subject",
            "start_date",
            "phone",
        ),
        # what fits a 1366-pixel laptop beside the details; the others are a click away (Columns)
        shown_columns=("full_name_th", "position", "academic_standing", "learning_areas", "status"),
        search=search_text,
        details=(
            "national_id",
            "position",
            "academic_standing",
            "personnel_group",
            "learning_areas",
            "subject",
            "start_date",
            "phone",
            "email",
            "status",
            "status_date",
        ),
        form=(
            FormGroup(
                N_("Person"),
                (
                    "national_id",
                    "title_prefix",
                    "first_name_th",
                    "last_name_th",
                    "first_name_en",
                    "last_name_en",
                    "phone",
                    "email",
                ),
            ),
            FormGroup(
                N_("Work"),
                (
                    "position",
                    "academic_standing",
                    "personnel_group",
                    "learning_areas",
                    "subject",
                    "start_date",
                    "status",
                    "status_date",
                ),
            ),
        ),
        printed=(
            "national_id",
            "full_name_th",
            "full_name_en",
            "position",
            "academic_standing",
            "personnel_group",
            "learning_areas",
            "subject",
            "start_date",
            "phone",
            "email",
            "status",
            "status_date",
        ),
        rules=(_status_rules,),
        order_by=("first_name_th", "last_name_th"),
        title=full_name_th,
        sheet_name="บุคลากร",
        example_row={
            "national_id": "1101700207030",
            "title_prefix": "นาง",
            "first_name_th": "สมศรี",
            "last_name_th": "ตัวอย่างดี",
            "first_name_en": "Somsri",
            "last_name_en": "Tuayangdee",
            "position": "ครู",
            "academic_standing": "ชำนาญการ (คศ.2)",
            "personnel_group": "ข้าราชการครู",
            "learning_areas": "ภาษาไทย, ศิลปะ",
            "subject": "ภาษาไทย ป.4",
            "start_date": "16/05/2555",
            "phone": "081-234-5678",
            "email": "somsri@example.com",
            "status": "ปฏิบัติงานอยู่",
            "status_date": "",
        },
    )
)
