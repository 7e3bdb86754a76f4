"""Sorting Thai words in dictionary order, which plain code-point order gets wrong.

Thai dictionaries order a syllable by its consonant, not by a leading vowel written before it (เ แ โ ใ ไ),
and compare tone marks only when everything else is equal.
"""

from __future__ import annotations

import re

_LEADING_VOWEL = re.compile(r"([\u0E40-\u0E44])([\u0E01-\u0E2E])")
_TONES = str.maketrans("", "", "\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e47")


def thai_sort_key(text: str) -> tuple[str, str]:
    swapped = _LEADING_VOWEL.sub(r"\2\1", text.casefold())
    return swapped.translate(_TONES), swapped
