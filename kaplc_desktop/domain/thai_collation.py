"""Sorting Thai words in dictionary order, which plain code-point order gets wrong.

Thai dictionaries order a syllable by its consonant, not by a leading vowel written before it (เ แ โ ใ ไ),
and compare tone marks only when everything else is equal.
"""

from __future__ import annotations

import re

_LEADING_VOWEL = re.compile(r"([\u0E40-\u0E44])([\u0E01-\u0E2E])")
_TONES = str.maketrans("", "", "\u0E48\u0E49\u0E4A\u0E4B\u0E4C\u0E47")


def thai_sort_key(text: str) -> tuple[str, str]:
    swapped = _LEADING_VOWEL.sub(r"\2\1", text.casefold())
    return swapped.translate(_TONES), swapped
