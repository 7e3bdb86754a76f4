"""A file name suggested from user text (a portfolio's title) that every file system here accepts.

Why: Save dialogs on Windows refuse or silently mangle names with ``\\ / : * ? " < > |`` or control characters,
cannot create CON, PRN, AUX, NUL, COM1… (even with an extension), and drop trailing dots and spaces; a 300-character
Thai title also makes paths past Windows' 260-character limit. Thai has no spaces between words, so a cut may have
to fall inside a word, but never between a consonant and its vowel or tone marks (an orphan mark prints as a dotted
circle). Python's ``unicodedata`` has no grapheme-cluster data, so clusters are approximated: a character joins the
one before it when it is a combining mark, SARA AM, a variation selector, an emoji modifier or follows a ZWJ.
"""

from __future__ import annotations

import re
import unicodedata

LIMIT = 80
FORBIDDEN = frozenset('\\/:*?"<>|')
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{stem}{n}" for stem in ("COM", "LPT") for n in (*"0123456789", "¹", "²", "³")}
)
_SPACES = re.compile(r"\s+")
_ZWJ = "\u200d"
_JOINS_BEFORE = frozenset("\u0e33\u0eb3")  # Thai and Lao SARA AM: spacing marks of the cluster before them
_THAI_LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # written before the consonant they follow


def safe_file_name(text: str, fallback: str = "document", limit: int = LIMIT) -> str:
    """`text` as a file name stem (no extension) of at most `limit` characters, or `fallback` when nothing of it
    is usable; forbidden and control characters become spaces, runs of spaces one space."""
    cleaned = _clean(text)
    if len(cleaned) > limit:
        cleaned = _cut(cleaned, limit)
    if not cleaned:
        if _clean(fallback) != fallback or not fallback or len(fallback) > limit or _reserved(fallback):
            raise ValueError(f"unsafe fallback file name: {fallback!r}")
        return fallback
    if _reserved(cleaned):  # CON.pdf cannot be created on Windows; _CON.pdf can
        cleaned = _cut("_" + cleaned, limit) if len(cleaned) >= limit else "_" + cleaned
    return cleaned


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    kept = "".join(" " if ch in FORBIDDEN or _dropped(ch) else ch for ch in text)
    kept = _SPACES.sub(" ", kept)
    # a mark whose base was removed (or a space before it) would print on a dotted circle
    out: list[str] = []
    for ch in kept:
        if _joins(ch) and (not out or out[-1] in " ."):
            continue
        out.append(ch)
    return _trim("".join(out))


def _dropped(ch: str) -> bool:
    """Control characters, and halves of surrogate pairs no file system can store."""
    return unicodedata.category(ch) in ("Cc", "Cs")


def _trim(text: str) -> str:
    """Windows drops trailing dots and spaces; a leading dot hides the file elsewhere."""
    return text.strip(" .")


def _joins(ch: str) -> bool:
    """Whether `ch` belongs to the grapheme cluster of the character before it."""
    return (
        unicodedata.category(ch) in ("Mn", "Mc", "Me")
        or ch in _JOINS_BEFORE
        or ch == _ZWJ
        or "\U0001f3fb" <= ch <= "\U0001f3ff"  # emoji skin-tone modifiers
    )


def _cut(text: str, limit: int) -> str:
    """The longest start of `text` of at most `limit` characters ending at a space when one falls in its second
    half, else at a cluster boundary (never between a base and its marks, nor after a Thai leading vowel)."""
    space = text.rfind(" ", 0, limit + 1)
    if space >= limit // 2:
        return _trim(text[:space])
    end = limit
    while end > 0 and (_joins(text[end]) or text[end - 1] == _ZWJ):
        end -= 1  # text[end] continues the cluster that text[end - 1] is part of
    while end > 0 and text[end - 1] in _THAI_LEADING_VOWELS:
        end -= 1
    return _trim(text[:end])


def _reserved(name: str) -> bool:
    """Windows reserves these device names whatever follows the first dot (CON.pdf, nul.tar.gz)."""
    return name.split(".", 1)[0].rstrip(" ").upper() in _RESERVED
