"""Preparing user text for a Thai paragraph: escaped markup, a break space at every word boundary, real
spaces kept visible, optional Thai digits. Word boundaries come from nlpO3 (newmm) with a shipped word list.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from xml.sax.saxutils import escape

from ...paths import resource_path
from .thai_fonts import VISIBLE_SPACE

_THAI = re.compile(r"[\u0E00-\u0E7F]")
# never break before these: combining marks, ๆ (mai yamok), ฯ (paiyannoi); nor after a leading vowel
_NO_BREAK_BEFORE = re.compile(r"^[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E\u0E46\u0E2F]")
_NO_BREAK_AFTER = re.compile(r"[\u0E40-\u0E44]$")
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@cache
def _load_dictionary() -> str:
    import nlpo3

    name = "kaplc-th"
    nlpo3.load_dict(str(resource_path("dict", "words_th.txt")), name)
    return name


def segment(text: str) -> list[str]:
    """Thai words (and the other tokens between them) of a text without newlines."""
    if not _THAI.search(text):
        return [text]
    import nlpo3

    return list(nlpo3.segment(text, _load_dictionary()))


def _line_markup(line: str) -> str:
    out: list[str] = []
    for piece in re.split(r"(\s+)", line):
        if not piece:
            continue
        if piece.isspace():
            out.append(VISIBLE_SPACE * len(piece) + " ")  # a typed space: its width, then a break
            continue
        previous = ""
        for token in segment(piece):
            breakable = (
                previous
                and (_THAI.search(previous[-1]) or _THAI.search(token[0]))
                and not _NO_BREAK_BEFORE.match(token)
                and not _NO_BREAK_AFTER.search(previous)
            )
            if breakable:
                out.append(" ")  # zero-width in SarabunTH: a place to break, no visible gap
            out.append(escape(token))
            previous = token
    return "".join(out)


PLACEHOLDER = "\u25a0"  # ■: drawn for a character the font has no glyph for (an emoji, a rare script)


@cache
def _drawable() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    from .thai_fonts import register_fonts

    font = pdfmetrics.getFont(register_fonts())
    return frozenset(font.face.charToGlyph)


def printable(text: str) -> str:
    """What can be printed of a text: format characters (soft hyphens, zero-width and direction marks) are left
    out, and a character the font cannot draw becomes a visible ■."""
    drawable = _drawable()
    out = []
    for ch in text:
        if ch in "\n\t":
            out.append(ch)
        elif unicodedata.category(ch) == "Cf":
            continue  # a soft hyphen also makes ReportLab fail when a table cell is laid out again
        else:
            out.append(ch if ord(ch) in drawable else PLACEHOLDER)
    return "".join(out)


def unprintable(text: str | None) -> list[str]:
    """The characters of a text that would print as ■ (to warn the user which record holds them)."""
    if not text:
        return []
    drawable = _drawable()
    return sorted(
        {ch for ch in text if ord(ch) not in drawable and ch not in "\n\r\t" and unicodedata.category(ch) != "Cf"}
    )


def to_markup(text: str | None, *, thai_digits: bool = False) -> str:
    """Paragraph markup for plain user text: nothing the user typed is read as markup."""
    if not text:
        return ""
    clean = _CONTROL.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    clean = printable(clean)
    if thai_digits:
        clean = clean.translate(_THAI_DIGITS)
    return "<br/>".join(_line_markup(line) for line in clean.split("\n"))


def plain_thai_digits(text: str) -> str:
    return text.translate(_THAI_DIGITS)
