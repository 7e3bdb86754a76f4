"""The fields of a personnel record, with the labels shown on forms, lists, Excel headings and errors."""

from __future__ import annotations

from ..i18n import N_, _

FIELD_LABELS: dict[str, str] = {
    "national_id": N_("National ID"),
    "title_prefix": N_("Title"),
    "first_name_th": N_("First name (Thai)"),
    "last_name_th": N_("Last name (Thai)"),
    "first_name_en": N_("First name (English)"),
    "last_name_en": N_("Last name (English)"),
    "position": N_("Position"),
    "academic_standing": N_("Academic standing"),
    "personnel_group": N_("Employment type"),
    "learning_areas": N_("Learning areas"),
    "subject": N_("Subject taught"),
    "start_date": N_("Start date"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "status": N_("Status"),
    "status_date": N_("Status date"),
}

# The work and contact fields shown, in this order, by the details panel and the record sheet.
DETAIL_FIELDS: tuple[str, ...] = (
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
)

REQUIRED_FIELDS = frozenset({"first_name_th", "last_name_th", "position", "personnel_group"})

# Which vocabulary each coded field draws from.
FIELD_VOCABULARY: dict[str, str] = {
    "title_prefix": "title_prefix",
    "position": "position",
    "academic_standing": "academic_standing",
    "personnel_group": "personnel_group",
    "learning_areas": "learning_area",
    "status": "personnel_status",
}


def field_label(name: str) -> str:
    return _(FIELD_LABELS.get(name, name))


# Fields whose text is typed freely (not chosen from a list): checked for characters documents cannot print.
TYPED_TEXT_FIELDS: tuple[str, ...] = (
    "title_prefix",
    "first_name_th",
    "last_name_th",
    "first_name_en",
    "last_name_en",
    "subject",
    "phone",
    "email",
)
