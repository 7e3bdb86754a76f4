"""The columns of the personnel roster workbook, shared by the template, the import and the export."""

from __future__ import annotations

from ...domain.person_fields import FIELD_LABELS, FIELD_VOCABULARY, REQUIRED_FIELDS
from ...i18n import LANGUAGES, _, gettext_in

ROSTER_FIELDS: tuple[str, ...] = tuple(FIELD_LABELS)  # the template's column order is the form's
SHEET_NAME = "บุคลากร"
LISTS_SHEET = "รายการ"

EXAMPLE_ROW: dict[str, str] = {
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
}


def header(field: str) -> str:
    label = _(FIELD_LABELS[field])
    return f"{label} *" if field in REQUIRED_FIELDS else label


def header_aliases(field: str) -> set[str]:
    """Every heading accepted for a field: its label in each language, with or without the * mark."""
    names = set()
    for language in LANGUAGES:
        label = gettext_in(language, FIELD_LABELS[field])
        names.update({_norm(label), _norm(f"{label} *"), _norm(f"{label}*")})
    names.add(_norm(field))
    return names


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def normalize_header(text: object) -> str:
    return _norm(text) if text is not None else ""


def vocabulary_of(field: str) -> str | None:
    return FIELD_VOCABULARY.get(field)
