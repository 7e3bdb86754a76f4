"""Dates as Thai users read and type them: the Buddhist Era (พ.ศ. = ค.ศ. + 543)."""

from __future__ import annotations

import datetime as dt
import re

from ..errors import FieldError, ValidationError
from ..i18n import _, current_language

BE_OFFSET = 543

THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
THAI_MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_NUMERIC = re.compile(r"^\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def to_be_year(ce_year: int) -> int:
    return ce_year + BE_OFFSET


def to_ce_year(be_year: int) -> int:
    return be_year - BE_OFFSET


def format_short(value: dt.date | None) -> str:
    """dd/mm/yyyy in the Buddhist Era: 25/11/2569."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{to_be_year(value.year)}"


def format_long(value: dt.date | None, language: str | None = None) -> str:
    """25 พฤศจิกายน 2569 (in English: 25 November 2569 BE; dates are always Buddhist Era)."""
    if value is None:
        return ""
    if (language or current_language()) == "en":
        return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {to_be_year(value.year)} BE"
    return f"{value.day} {THAI_MONTHS[value.month - 1]} {to_be_year(value.year)}"


def format_medium(value: dt.date | None) -> str:
    """25 พ.ย. 2569."""
    if value is None:
        return ""
    return f"{value.day} {THAI_MONTHS_SHORT[value.month - 1]} {to_be_year(value.year)}"


def _month_from_name(name: str) -> int | None:
    name = name.strip()
    for i, (full, short) in enumerate(zip(THAI_MONTHS, THAI_MONTHS_SHORT, strict=True), start=1):
        if name in (full, short, short.replace(".", "")):
            return i
    return None


def parse(text: str | None, field: str = "date") -> dt.date | None:
    """Read a date typed by a user in the Buddhist Era: 25/11/2569, 25-11-2569, 25 พ.ย. 2569, 25 พฤศจิกายน 2569.

    ISO dates (2026-11-25) are read as the Common Era, the way spreadsheets and other programs write them.
    Returns None for an empty text; raises ValidationError for anything it cannot read or that does not exist.
    """
    if text is None:
        return None
    raw = str(text).translate(_THAI_DIGITS).strip()
    if raw == "":
        return None
    iso = _ISO.match(raw)
    if iso:
        year, month, day = int(iso.group(1)), int(iso.group(2)), int(iso.group(3))
        return _build(year, month, day, raw, field)
    m = _NUMERIC.match(raw)
    if m:
        day, month, be_year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        parts = raw.split()
        month_no = _month_from_name(" ".join(parts[1:-1])) if len(parts) >= 3 else None
        if month_no is None or not parts[0].isdigit() or not parts[-1].isdigit():
            raise ValidationError(
                FieldError(
                    field,
                    _(
                        "Cannot read the date “{text}”. Type it as day/month/Buddhist-Era year, for example 25/11/2569."
                    ).format(text=raw),
                )
            )
        day, month, be_year = int(parts[0]), month_no, int(parts[-1])
    if be_year < 2400:
        raise ValidationError(
            FieldError(
                field,
                _(
                    "The year {year} looks like a Common-Era year. Type the Buddhist-Era year "
                    "(add 543), for example {be}."
                ).format(year=be_year, be=be_year + BE_OFFSET),
            )
        )
    return _build(to_ce_year(be_year), month, day, raw, field)


def _build(year: int, month: int, day: int, raw: str, field: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValidationError(
            FieldError(field, _("The date “{text}” does not exist in the calendar.").format(text=raw))
        ) from None
