"""Preparing user text for a Thai paragraph: escaped markup, a break space at every word boundary, real
spaces kept visible, optional Thai digits. Word boundaries come from nlpO3 (newmm) with a shipped word list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any
from xml.sax.saxutils import escape, unescape

from ...domain.printable_text import PLACEHOLDER, drawable, invisible
from ...paths import resource_path
from .thai_fonts import VISIBLE_SPACE

_THAI = re.compile(r"[\u0E00-\u0E4F\u0E5A-\u0E7F]")  # Thai letters and marks (digits are numbers, not words)
# an e-mail address, a web address, or a word with Latin letters and digits (kru2525, PLC2569): never broken
# inside, and never given Thai digits
_LATIN_TOKEN = re.compile(r"\S*@\S*|\S*://\S*|www\.\S*|\S*[A-Za-z]\S*")
NO_BREAK = "\x00"  # marks a piece kept whole (never typed: control characters are removed first)
_NO_BREAK_AFTER = re.compile(r"[\u0E40-\u0E44]$")
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
# never break before combining marks, ๆ (mai yamok), ฯ (paiyannoi); nor after a leading vowel. As sets of
# characters: they are checked at every word
_THAI_CHARS = frozenset(chr(c) for c in [*range(0x0E00, 0x0E50), *range(0x0E5A, 0x0E80)])
_NO_BREAK_BEFORE_CHARS = frozenset(
    "\u0e31\u0e46\u0e2f" + "".join(chr(c) for c in [*range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)])
)
_LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
_ASCII_DIGIT_CHARS = frozenset("0123456789")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# combining marks (Latin, Thai, and the blocks "Zalgo" text piles up): Thai stacks at most three on a letter
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0e31"
    "\u0e34-\u0e3a\u0e47-\u0e4e"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
MAX_MARKS = 4
_MARK_FLOOD = re.compile(f"([{_MARKS}]{{{MAX_MARKS}}})[{_MARKS}]+")


def _load_dictionary() -> str:
    from .thai_fonts import SETUP_LOCK

    with SETUP_LOCK:  # the app may be loading it in its warm-up thread
        return _loaded_dictionary()


@cache
def _loaded_dictionary() -> str:
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


@cache
def _abbreviations() -> re.Pattern[str]:
    """คศ.3, ป.4, พ.ศ. 2569 …: the shipped list, each optionally followed by digits; never broken inside."""
    lines = resource_path("dict", "abbreviations_th.txt").read_text(encoding="utf-8").splitlines()
    words = sorted({w.strip() for w in lines if w.strip() and not w.startswith("#")}, key=len, reverse=True)
    # three letters or more (พ.ศ., คศ., สพป.) are found glued to Thai text too (ปีพ.ศ.2569, วิทยฐานะคศ.3); a short
    # one (ม., ป.) only where no Thai letter comes before it, or it would be found inside words
    long = "|".join(re.escape(w) for w in words if len(w) >= 3)
    short = "|".join(re.escape(w) for w in words if len(w) < 3)
    return re.compile(rf"(?:{long})[0-9/]*|(?<![\u0E01-\u0E2E\u0E30-\u0E4E])(?:{short})[0-9/]*")


def _thai_digits(token: str) -> str:
    return token if _LATIN_TOKEN.fullmatch(token) else token.translate(_THAI_DIGITS)


_MONTHS = (
    "มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม|"
    r"ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\."
)
# 27 พฤศจิกายน 2569, 1 ม.ค. พ.ศ. 2570, 5 ธ.ค.69, 08.30 น., พ.ศ. 2569: one unbreakable piece each, spaces kept
_LONG_DATE = re.compile(
    rf"(?<![0-9๐-๙])[0-9๐-๙]{{1,2}} *(?:{_MONTHS})(?: *(?:พ\.ศ\. *)?[0-9๐-๙]{{2,4}}(?![0-9๐-๙]))?"
    r"|(?<![0-9๐-๙])[0-9๐-๙]{1,2}[.:][0-9๐-๙]{2}(?: ?น\.)?(?![0-9๐-๙])"
    r"|(?:พ|ค|ร)\.ศ\. *[0-9๐-๙]{2,4}(?![0-9๐-๙])"
)
_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|https?://[\x21-\x7e]+|www\.[\x21-\x7e]+")
# a code glued to Thai text (PLC-2569, COVID-19, 4G, 2A): kept whole, its digits never Thai
_CODE = re.compile(r"[A-Za-z0-9]+(?:[-./][A-Za-z0-9]+)*")


def _pieces(line: str) -> list[str]:
    """A line cut into typed spaces, protected pieces (long dates, addresses, codes) and runs of other text."""
    out: list[str] = []
    last = 0
    for m in _LONG_DATE.finditer(line):
        out += [*_pieces_between(line[last : m.start()]), NO_BREAK + m.group().replace(" ", VISIBLE_SPACE)]
        last = m.end()
    return [*out, *_pieces_between(line[last:])] if out else _pieces_between(line)


def _pieces_between(line: str) -> list[str]:
    out: list[str] = []
    for piece in re.split(r"(\s+)", line):
        if not piece or piece.isspace() or not _THAI.search(piece):
            out.append(piece)
            continue
        last = 0
        for m in _ADDRESS.finditer(piece):  # an address glued to Thai text ends where its ASCII characters end
            out += [*_split_codes(piece[last : m.start()]), m.group()]
            last = m.end()
        out += _split_codes(piece[last:])
    return [p for p in out if p]


def _split_codes(text: str) -> list[str]:
    """Cuts a text around the Latin codes in it (PLC-2569, 4G), then around its abbreviations."""
    out, last = [], 0
    for m in _CODE.finditer(text):
        if re.search("[A-Za-z]", m.group()):
            out += [*_split_abbreviations(text[last : m.start()]), m.group()]
            last = m.end()
    return [*out, *_split_abbreviations(text[last:])]


def _split_abbreviations(text: str) -> list[str]:
    """Cuts a text around its abbreviations, each marked by a leading NO_BREAK so it is kept whole."""
    out, last = [], 0
    for m in _abbreviations().finditer(text):
        out += [text[last : m.start()], NO_BREAK + m.group()]
        last = m.end()
    return [*out, text[last:]]


def previous_breakable(emitted: str) -> bool:
    """Whether a line may break after what was emitted last (not after an opening bracket or a leading vowel)."""
    return not emitted.endswith(("(", "[", "\u201c", "“", "-")) and not _NO_BREAK_AFTER.search(emitted)


@cache
def _prefixes(known: frozenset[str]) -> frozenset[str]:
    return frozenset(word[:n] for word in known for n in range(1, len(word) + 1))


def known_spans(text: str, known: frozenset[str]) -> list[tuple[int, int]]:
    """Where the document's known words (names) occur in a text: leftmost, then longest, not overlapping."""
    prefixes = _prefixes(known)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        end, j = 0, i + 1
        while j <= len(text) and text[i:j] in prefixes:
            if text[i:j] in known:
                end = j
            j += 1
        if end:
            spans.append((i, end))
            i = end
        else:
            i += 1
    return spans


def words(piece: str, known: frozenset[str] = frozenset()) -> list[str]:
    """The words of a piece of text for line breaking: the known words whole, the rest from the dictionary."""
    if not known or not _THAI.search(piece):
        return segment(piece)
    if piece in known:
        return [piece]
    out: list[str] = []
    last = 0
    for start, end in known_spans(piece, known):
        if last < start:
            out += segment(piece[last:start])
        out.append(piece[start:end])
        last = end
    if last < len(piece):
        out += segment(piece[last:])
    return out


@dataclass(frozen=True)
class Fit:
    """How wide a paragraph's lines are: no word is left wider than that (ReportLab would cut it between any
    two glyphs, which breaks its text layer: ศักดิ์ came out as ศักดิ\uffff); with `whole`, a piece between
    typed spaces (a name part, a date) is kept whole while it fits."""

    measure: Callable[[str], float]
    width: float
    whole: bool = False
    widest: float = 0.0  # the widest character's advance: a text shorter than width / widest is never measured

    def too_wide(self, text: str) -> bool:
        if self.widest and len(text) * self.widest <= self.width - 0.5:
            return False  # most words: too short to be too wide, whatever their letters
        return self.measure(text) > self.width - 0.5  # half a point to spare: never at ReportLab's mercy


_NO_BREAK_BEFORE_CLUSTER = frozenset("\u0e30\u0e32\u0e33\u0e45\u0e46\u0e2f")  # ะ า ำ ๅ ๆ ฯ


# the longest real cluster (เ + a letter + two marks + ะ, or a letter, its marks and ๆ) is six characters: a longer
# run glued together is pasted junk ("ก" and 20,000 "า"), cut where it grows past this so a line can still end
MAX_CLUSTER = 8


def clusters(text: str) -> list[str]:
    """A text cut into the smallest pieces a line may end between: a letter with its marks and following
    vowels, a leading vowel with the letter after it (at most MAX_CLUSTER characters)."""
    out: list[str] = []
    for ch in text:
        joins = (
            out
            and len(out[-1]) < MAX_CLUSTER
            and (
                unicodedata.category(ch).startswith("M")
                or ch in _NO_BREAK_BEFORE_CLUSTER
                or out[-1][-1] in _LEADING_VOWELS
            )
        )
        if joins:
            out[-1] += ch
        else:
            out.append(ch)
    return out


_OPENING = frozenset("([{“‘\"'")
_CLOSING = frozenset(")]}”’\"'.,;:!?ๆฯ" + VISIBLE_SPACE)


def _glued(pieces: list[str]) -> list[str]:
    """Dictionary pieces with brackets, quotes and closing marks kept on the word they belong to."""
    out: list[str] = []
    pending = ""
    for piece in pieces:
        if piece and all(ch in _OPENING for ch in piece):
            pending += piece
        elif out and piece and all(ch in _CLOSING for ch in piece):
            out[-1] += pending + piece
            pending = ""
        else:
            out.append(pending + piece)
            pending = ""
    if pending:
        out.append(pending)
    return out


def split_wide(text: str, fit: Fit) -> list[str]:
    """A word wider than the line, cut where a Thai typesetter would: at dictionary words (brackets and closing
    marks staying with their word), and only a piece still too wide between its letters (greedily, as many as
    fit)."""
    out: list[str] = []
    for piece in _glued(segment(text)) if _THAI.search(text) else [text]:
        if not fit.too_wide(piece):
            out.append(piece)
            continue
        chunk = ""
        for cluster in clusters(piece):
            if chunk and fit.too_wide(chunk + cluster):
                out.append(chunk)
                chunk = ""
            chunk += cluster
        if chunk:
            out.append(chunk)
    return out


def _line_markup(
    line: str, thai_digits: bool = False, fit: Fit | None = None, known: frozenset[str] = frozenset()
) -> str:
    out: list[str] = []
    pieces = _pieces(line)

    def whole(text: str, digits: bool) -> str:
        """A piece never broken inside, unless it alone is wider than the line."""
        parts = split_wide(text, fit) if fit is not None and fit.too_wide(text) else [text]
        return " ".join(escape(p.translate(_THAI_DIGITS) if digits else p) for p in parts)

    for n, piece in enumerate(pieces):
        if piece.isspace():
            following = pieces[n + 1] if n + 1 < len(pieces) else ""
            before = pieces[n - 1] if n else ""
            # a typed space: its width, then a break — except before ๆ or ฯ, which never start a line, and after
            # the particle ณ of a family name (ณ อยุธยา)
            keep = following[:1] in ("\u0e46", "\u0e2f") or before == "\u0e13"
            out.append(VISIBLE_SPACE * len(piece) + ("" if keep else " "))
            continue
        if (_LATIN_TOKEN.fullmatch(piece) and "@" in piece) or piece.startswith(("http://", "https://", "www.")):
            if out and not out[-1].endswith((" ", "(", "\u201c", '"')) and previous_breakable(out[-1]):
                out.append(" ")  # a break before an address glued to Thai text
            out.append(whole(piece, False))  # an address is printed as it is: no break inside, no Thai digits
            continue
        if piece.startswith(NO_BREAK):  # an abbreviation or a long date, kept whole (with Thai digits if asked)
            word = piece[len(NO_BREAK) :]
            if out and not out[-1].endswith((" ", "(", "\u201c", '"')) and previous_breakable(out[-1]):
                out.append(" ")
            out.append(whole(word, thai_digits))
            continue
        if fit is not None and fit.whole and not fit.too_wide(piece):
            # a name part or a date: no break inside while it fits its column
            out.append(escape(_thai_digits(piece) if thai_digits else piece))
            continue
        previous = ""
        for token in words(piece, known):
            if not previous and out and not out[-1].endswith(" ") and not piece.startswith(NO_BREAK):
                previous = out[-1][-1:]  # what came before this piece (an abbreviation, a closing bracket)
            first, last = token[0], previous[-1:] if previous else ""
            breakable = (
                last
                and (last in _THAI_CHARS or first in _THAI_CHARS)
                and first not in _NO_BREAK_BEFORE_CHARS
                and last not in _LEADING_VOWELS
                and not (last in _ASCII_DIGIT_CHARS and first not in _THAI_CHARS)
                and first not in ")]”.,-"
                and last not in "([“-"  # ชื่อ-สกุล: pdfium reads a hyphen ending a line as a line-end marker
                and last != VISIBLE_SPACE  # a typed space kept without a break (before ๆ, after ณ)
            )
            if breakable:
                out.append(" ")  # zero-width in SarabunTH: a place to break, no visible gap
            digits = thai_digits and not (last.isascii() and last.isalpha())  # PLC2569: a code stays Arabic
            if fit is not None and fit.too_wide(token):
                parts = split_wide(token, fit)
                out.append(" ".join(escape(_thai_digits(p) if digits else p) for p in parts))
            else:
                out.append(escape(_thai_digits(token) if digits else token))
            previous = token
    return "".join(out)


class _PrintableMap(dict[int, Any]):
    """str.translate table filled on demand: a format character maps to nothing, one the font cannot draw
    to ■, any other to itself (translate then runs in C, one dictionary look-up a character)."""

    def __missing__(self, code: int) -> Any:
        ch = chr(code)
        value: Any = code
        if ch in "\n\t":
            pass
        elif invisible(ch):
            value = None  # a soft hyphen also makes ReportLab fail when a table cell is laid out again
        elif not drawable(code):
            value = PLACEHOLDER
        self[code] = value
        return value


_PRINTABLE = _PrintableMap()


def printable(text: str) -> str:
    """What can be printed of a text: format characters (soft hyphens, zero-width and direction marks) are left
    out, and a character the font cannot draw becomes a visible ■."""
    return text.translate(_PRINTABLE)


def tame_marks(text: str) -> str:
    """The text with at most MAX_MARKS combining marks on a letter: thousands stacked on one letter would tower off
    the page, or (cut into pieces for layout) print a line each, hundreds of pages of them."""
    return _MARK_FLOOD.sub(r"\1", text)


def to_markup(
    text: str | None,
    *,
    thai_digits: bool = False,
    fit: Fit | None = None,
    known: frozenset[str] = frozenset(),
) -> str:
    """Paragraph markup for plain user text: nothing the user typed is read as markup. With `fit`, no word is
    wider than the line (see Fit); `known` words (the names a document prints) are never broken inside while
    they fit."""
    if not text:
        return ""
    clean = _CONTROL.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    clean = tame_marks(printable(clean))
    lines = (_line_markup(line, thai_digits, fit, known) for line in clean.split("\n"))
    return "<br/>".join(lines if fit is None else (_within(line, fit) for line in lines))


def _within(markup: str, fit: Fit) -> str:
    """The line's unbreakable pieces as ReportLab will measure them, with what is glued to a word (brackets,
    quotes, ๆ, a typed space, Thai digits), each cut again where it is still wider than the line."""
    words = markup.split(" ")
    short = (fit.width - 0.5) / fit.widest if fit.widest else 0  # escaped text is never shorter than its text
    for n, word in enumerate(words):
        if len(word) <= short:
            continue
        text = unescape(word)
        if text and fit.too_wide(text):
            words[n] = " ".join(escape(part) for part in split_wide(text, fit))
    return " ".join(words)


def plain_thai_digits(text: str) -> str:
    return text.translate(_THAI_DIGITS)
