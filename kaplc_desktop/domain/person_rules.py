"""Cleaning and validating a personnel record from any front end (form, Excel row, command line)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields

from ..errors import Problems, ValidationError
from ..i18n import _
from . import buddhist_date, national_id, vocabularies
from .person_fields import field_label

MAX_NAME = 100
MAX_TEXT = 200
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9\s\-]{7,18}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_HAS_DIGIT = re.compile(r"[0-9๐-๙]")

STATUS_ACTIVE = "active"


@dataclass(frozen=True)
class PersonDraft:
    """A clean, valid personnel record as typed by the user (no identity or sync fields)."""

    first_name_th: str
    last_name_th: str
    position: str
    personnel_group: str
    national_id: str | None = None
    title_prefix: str | None = None
    first_name_en: str | None = None
    last_name_en: str | None = None
    academic_standing: str | None = None
    learning_areas: tuple[str, ...] = ()
    subject: str | None = None
    start_date: dt.date | None = None
    phone: str | None = None
    email: str | None = None
    status: str = STATUS_ACTIVE
    status_date: dt.date | None = None

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


_THAI_DIGITS_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _text(raw: object) -> str:
    """Typed text with spaces tidied and invisible format characters (zero-width spaces, soft hyphens, direction
    marks pasted from the web) left out: they would make one name two different names to search and matching."""
    if raw is None:
        return ""
    text = "".join(ch for ch in str(raw) if unicodedata.category(ch) != "Cf")
    return " ".join(text.split())


def _name(p: Problems, raw: object, field: str, required: bool) -> str | None:
    value = _text(raw)
    if not value:
        if required:
            p.add(field, _("Please enter the {field}.").format(field=field_label(field)))
        return None
    if len(value) > MAX_NAME:
        p.add(field, _("{field} is too long (at most {n} characters).").format(field=field_label(field), n=MAX_NAME))
    elif _HAS_DIGIT.search(value) or _CONTROL.search(value):
        p.add(field, _("{field} must not contain digits or control characters.").format(field=field_label(field)))
    return value


def _code(p: Problems, raw: object, field: str, vocabulary: str, required: bool) -> str | None:
    value = _text(raw)
    if not value:
        if required:
            p.add(field, _("Please choose the {field}.").format(field=field_label(field)))
        return None
    code = vocabularies.code_for_label(vocabulary, value)
    if code is None:
        p.add(
            field,
            _("“{value}” is not a known {field}; choose one from the list.").format(
                value=value, field=field_label(field)
            ),
        )
    return code


def _date(p: Problems, raw: object, field: str, today: dt.date) -> dt.date | None:
    try:
        value = raw if isinstance(raw, dt.date) else buddhist_date.parse(_text(raw) or None, field)
    except ValidationError as exc:
        p.items.extend(exc.errors)
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if value is not None and value > today:
        p.add(field, _("{field} cannot be in the future.").format(field=field_label(field)))
    if value is not None and value.year < 1900:
        p.add(field, _("{field} is too far in the past; check the year.").format(field=field_label(field)))
    return value


def _learning_areas(p: Problems, raw: object) -> tuple[str, ...]:
    if raw is None or raw == "":
        return ()
    items = list(raw) if isinstance(raw, list | tuple) else re.split(r"[,;\n]", str(raw))
    result: list[str] = []
    for item in items:
        text = _text(item)
        if not text:
            continue
        code = vocabularies.code_for_label("learning_area", text)
        if code is None:
            p.add("learning_areas", _("“{value}” is not a known learning area.").format(value=text))
        elif code not in result:
            result.append(code)
    return tuple(result)


def clean_person(raw: Mapping[str, object], today: dt.date | None = None) -> PersonDraft:
    """Parse and check every field; raises ValidationError listing every problem at once."""
    today = today or dt.date.today()
    p = Problems()
    for name, value in raw.items():
        if isinstance(value, str) and any("\ud800" <= ch <= "\udfff" for ch in value):
            # bytes that are not text, e.g. from a command line in another encoding
            p.add(
                name,
                _("The {field} holds bytes that are not valid text; type it again.").format(field=field_label(name)),
            )
    p.raise_if_any()
    nid: str | None = None
    try:
        nid = national_id.normalize(_text(raw.get("national_id")) or None)
    except ValidationError as exc:
        p.items.extend(exc.errors)

    prefix_text = _text(raw.get("title_prefix"))
    prefix = (vocabularies.code_for_label("title_prefix", prefix_text) or prefix_text) if prefix_text else None
    if prefix and len(prefix) > 40:
        p.add("title_prefix", _("The title is too long (at most 40 characters)."))

    first_th = _name(p, raw.get("first_name_th"), "first_name_th", required=True)
    last_th = _name(p, raw.get("last_name_th"), "last_name_th", required=True)
    first_en = _name(p, raw.get("first_name_en"), "first_name_en", required=False)
    last_en = _name(p, raw.get("last_name_en"), "last_name_en", required=False)
    position = _code(p, raw.get("position"), "position", "position", required=True)
    group = _code(p, raw.get("personnel_group"), "personnel_group", "personnel_group", required=True)
    standing = _code(p, raw.get("academic_standing"), "academic_standing", "academic_standing", required=False)
    areas = _learning_areas(p, raw.get("learning_areas"))
    subject = _text(raw.get("subject")) or None
    if subject and len(subject) > MAX_TEXT:
        p.add("subject", _("The subject is too long (at most {n} characters).").format(n=MAX_TEXT))
    start = _date(p, raw.get("start_date"), "start_date", today)

    phone = _text(raw.get("phone")).translate(_THAI_DIGITS_TO_ARABIC) or None  # ๐๘๑-… typed in Thai digits
    if phone and not _PHONE.match(phone):
        p.add(
            "phone",
            _("The phone number “{value}” is not valid; use digits, for example 081-234-5678.").format(value=phone),
        )
    email = _text(raw.get("email")) or None
    if email and (not _EMAIL.match(email) or len(email) > MAX_TEXT):
        p.add("email", _("The e-mail address “{value}” is not valid.").format(value=email))

    status = _code(p, raw.get("status") or STATUS_ACTIVE, "status", "personnel_status", required=True)
    status_date = _date(p, raw.get("status_date"), "status_date", today)
    if status and status != STATUS_ACTIVE and status_date is None:
        p.add("status_date", _("Please enter the date of the move or retirement."))
    if status == STATUS_ACTIVE:
        status_date = None
    if start and status_date and status_date < start:
        p.add("status_date", _("The status date cannot be before the start date."))

    p.raise_if_any()
    assert first_th and last_th and position and group and status
    return PersonDraft(
        national_id=nid,
        title_prefix=prefix,
        first_name_th=first_th,
        last_name_th=last_th,
        first_name_en=first_en,
        last_name_en=last_en,
        position=position,
        personnel_group=group,
        academic_standing=standing,
        learning_areas=areas,
        subject=subject,
        start_date=start,
        phone=phone,
        email=email,
        status=status,
        status_date=status_date,
    )
