"""Which typed characters the PDF documents can print, known without loading the PDF engine.

The shipped font draws 725 characters (Thai, Latin, digits, common signs); any other (an emoji, Chinese, a rare
symbol) prints as ■. The person form, the Excel import and printing use this to say which record holds such a
character. The list is written from the fonts by scripts/printable_chars.py and checked against them by a test.
Format characters (soft hyphens, zero-width and direction marks) are invisible: printing leaves them out.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache

from ..errors import FieldError
from ..i18n import _
from ..paths import resource_path
from .kinds import field_label

PLACEHOLDER = "\u25a0"  # ■


@cache
def _ranges() -> tuple[list[int], list[int]]:
    starts, ends = [], []
    for line in resource_path("fonts", "printable-codepoints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            first, _sep, last = line.partition("-")
            starts.append(int(first, 16))
            ends.append(int(last or first, 16))
    return starts, ends


def drawable(code: int) -> bool:
    starts, ends = _ranges()
    i = bisect.bisect_right(starts, code) - 1
    return i >= 0 and code <= ends[i]


def invisible(ch: str) -> bool:
    """A format character (soft hyphen, zero-width space, direction mark): printed as nothing."""
    return unicodedata.category(ch) == "Cf"


def cannot_print(text: str | None) -> str:
    """The distinct characters of a text that would print as ■, in the order they first appear."""
    if not text:
        return ""
    seen: dict[str, None] = {}
    for ch in text:
        if ch not in seen and ch not in "\n\r\t" and not drawable(ord(ch)) and not invisible(ch):
            seen[ch] = None
    return "".join(seen)


def field_warnings(
    values: Mapping[str, object], fields: Iterable[str] | None = None, name_field: bool = True, kind: str | None = None
) -> list[FieldError]:
    """One warning per field whose text holds characters that would print as ■ (naming the field in the message
    unless the caller shows it beside the message, as the import report does). Give the record's `kind`: field
    names repeat across kinds (a portfolio's `name` is its title, a plan's is its name)."""
    out = []
    for name in fields if fields is not None else values:
        value = values.get(name)
        texts = value if isinstance(value, list | tuple) else (value,)
        chars = "".join(cannot_print(v) for v in texts if isinstance(v, str))
        if chars:
            message = unprintable_message(field_label(name, kind), chars) if name_field else unprintable_note(chars)
            out.append(FieldError(name, message))
    return out


def _shown(chars: str) -> str:
    return " ".join(chars[:8]) + (" …" if len(chars) > 8 else "")


def unprintable_note(chars: str) -> str:
    return _(
        "Holds characters that documents cannot print: {chars}. They print as ■; correct the text if they were "
        "typed by mistake."
    ).format(chars=_shown(chars))


def unprintable_message(field: str, chars: str) -> str:
    shown = _shown(chars)
    return _(
        "{field} holds characters that documents cannot print: {chars}. They print as ■; "
        "correct the text if they were typed by mistake."
    ).format(field=field, chars=shown)
