"""Whether two typed values say the same thing to a reader: the test behind "the school's profile differs from the
district's list" and "this row of the Excel list changes the school".

Thai has several byte sequences that print alike: sara am (ำ) typed as nikhahit + sara aa (ํา), with a tone mark
before or between them; Thai digits for Arabic ones; spaces inside a name (นาย สมชาย / นายสมชาย). A phone number
is its digits, however it is grouped. The values themselves are kept as typed; only the comparison folds them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_SPLIT_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")  # ํ (tone) า → (tone) ำ
_TONE_AFTER_NIKHAHIT = re.compile("\u0e4d([\u0e48-\u0e4b])")


def comparable(value: Any, digits_only: bool = False) -> Any:
    """The form of a value two readers would agree on; a value that is not text is returned as it is."""
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFC", value).translate(_THAI_DIGITS)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")  # zero-width spaces, direction marks
    text = _SPLIT_SARA_AM.sub("\\1\u0e33", _TONE_AFTER_NIKHAHIT.sub("\\1\u0e4d", text))
    if digits_only:
        return "".join(ch for ch in text if ch.isascii() and ch.isdigit())
    return "".join(text.split()).casefold()


def same(a: Any, b: Any, digits_only: bool = False) -> bool:
    return comparable(a, digits_only) == comparable(b, digits_only)
