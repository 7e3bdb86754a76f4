"""Thai national ID (เลขประจำตัวประชาชน): 13 digits, the last a mod-11 check digit."""

from __future__ import annotations

import re

from ..errors import FieldError, ValidationError
from ..i18n import _

_SEPARATORS = re.compile(r"[\s\-]")


def check_digit(first12: str) -> int:
    """Weights 13…2 on the first 12 digits; check = (11 − Σ mod 11) mod 10."""
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return (11 - total % 11) % 10


def is_valid(value: str) -> bool:
    return len(value) == 13 and value.isascii() and value.isdigit() and check_digit(value[:12]) == int(value[12])


def normalize(raw: str | None, field: str = "national_id") -> str | None:
    """Digits only, or None for an empty value; raises ValidationError for anything else."""
    if raw is None:
        return None
    text = _SEPARATORS.sub("", str(raw))
    if text == "":
        return None
    if not (text.isascii() and text.isdigit()):
        raise ValidationError(FieldError(field, _("The national ID may contain digits only.")))
    if len(text) != 13:
        raise ValidationError(
            FieldError(field, _("The national ID must have 13 digits (this one has {n}).").format(n=len(text)))
        )
    if not is_valid(text):
        raise ValidationError(
            FieldError(field, _("The national ID's check digit is wrong; please check the number again."))
        )
    return text


def format_full(value: str) -> str:
    """1-2345-67890-12-1."""
    return f"{value[0]}-{value[1:5]}-{value[5:10]}-{value[10:12]}-{value[12]}"


def format_masked(value: str | None) -> str:
    """Everything hidden but the last four digits, keeping the usual grouping: x-xxxx-xxxx9-12-1."""
    if not value:
        return ""
    masked = "x" * 9 + value[9:]
    return format_full(masked)
