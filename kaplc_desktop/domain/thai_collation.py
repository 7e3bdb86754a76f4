"""Sorting Thai words in dictionary order, which plain code-point order gets wrong.

Thai dictionaries order a syllable by its consonant, not by a leading vowel written before it (เ แ โ ใ ไ),
and compare tone marks only when everything else is equal.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LEADING_VOWEL = re.compile(r"([\u0E40-\u0E44])([\u0E01-\u0E2E])")
_TONES = str.maketrans("", "", "\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e47")


_LEADING = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")


@lru_cache(maxsize=65536)
def thai_sort_key(text: str) -> tuple[str, str]:
    folded = text.casefold()
    swapped = _LEADING_VOWEL.sub(r"\2\1", folded) if not _LEADING.isdisjoint(folded) else folded
    return swapped.translate(_TONES), swapped
