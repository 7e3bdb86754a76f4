"""School and office codes. They are text: leading zeros matter.

A school is named by its OBEC code in one of three customary forms: the 10-digit ministry code (which for
OBEC schools starts with affiliation 10), the 8-digit SMIS code, or the 6-digit OBEC code. An Educational
Service Area (ESA) is named by its 4-digit code, the province + area number that opens its schools' SMIS
codes (e.g. 9002 for สพป.สงขลา เขต 2).
"""

from __future__ import annotations

from ..errors import FieldError, ValidationError
from ..i18n import _

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _digits(raw: str | None) -> str:
    """The code as typed, without spaces; Thai digits (๑๐๙…) read as the same digits."""
    return "".join(str(raw or "").split()).translate(THAI_DIGITS)


def normalize_school_code(raw: str | None, field: str = "school_code") -> str:
    code = _digits(raw)
    if not code:
        raise ValidationError(FieldError(field, _("Please enter the school code.")))
    if not (code.isascii() and code.isdigit()) or len(code) not in (6, 8, 10):
        raise ValidationError(
            FieldError(
                field,
                _(
                    "The school code must be 10 digits (ministry code), 8 digits (SMIS) or 6 digits "
                    "(OBEC code), for example 1090050001."
                ),
            )
        )
    if len(code) == 10 and not code.startswith("10"):
        raise ValidationError(
            FieldError(field, _("A 10-digit OBEC school code starts with 10 (the OBEC affiliation)."))
        )
    return code


def normalize_esa_code(raw: str | None, field: str = "esa_code") -> str:
    code = _digits(raw)
    if not code:
        raise ValidationError(FieldError(field, _("Please enter the ESA code.")))
    if not (code.isascii() and code.isdigit()) or len(code) != 4:
        raise ValidationError(
            FieldError(
                field, _("The ESA code must be 4 digits: the province code and the area number, for example 9002.")
            )
        )
    return code


def school_key(code: str) -> str:
    """What names one school whichever of the customary forms it is written in: a 10-digit OBEC ministry code
    (10 + province + the OBEC code) and the 6-digit OBEC code are the same school (1090050001 and 050001). An
    8-digit SMIS code cannot be turned into the others and stays as it is."""
    if len(code) == 10 and code.startswith("10") and code.isdigit():
        return code[4:]
    return code
