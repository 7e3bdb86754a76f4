"""Preparing user text for a Thai paragraph: escaped markup, a break space at every word boundary, real
spaces kept visible, optional Thai digits. Word boundaries come from nlpO3 (newmm) with a shipped word list.
"""

from __future__ import annotations

import re
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


def to_markup(text: str | None, *, thai_digits: bool = False) -> str:
    """Paragraph markup for plain user text: nothing the user typed is read as markup."""
    if not text:
        return ""
    clean = _CONTROL.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    if thai_digits:
        clean = clean.translate(_THAI_DIGITS)
    return "<br/>".join(_line_markup(line) for line in clean.split("\n"))


def plain_thai_digits(text: str) -> str:
    return text.translate(_THAI_DIGITS)
