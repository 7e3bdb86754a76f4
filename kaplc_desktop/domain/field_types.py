"""What a declared field holds, and how a value of it is cleaned from what a user typed, shown and written to Excel.

A field type is the one place that knows its value's shape: the form, the Excel import, the command line and
the sync importer all clean through it, so they cannot disagree. Pure: no Qt, no SQLAlchemy, no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..errors import Problems, ValidationError
from ..i18n import _, current_language
from . import buddhist_date, national_id, vocabularies

if TYPE_CHECKING:
    from .record_kind import Field

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9\s\-]{7,18}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffe\uffff]")  # C0, DEL, C1 and the two noncharacters XML cannot hold
_HAS_DIGIT = re.compile(r"[0-9๐-๙]")
_THAI_DIGITS_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def tidy_text(raw: object) -> str:
    """Typed text with spaces tidied and invisible format characters (zero-width spaces, soft hyphens, direction
    marks pasted from the web) left out: they would make one name two different names to search and matching."""
    if raw is None:
        return ""
    text = str(raw)
    found = _format_characters()
    if found.search(text):
        text = found.sub("", text)
    return " ".join(text.split())


FORMAT_PLANES = (0, 1, 14)  # the Unicode planes that hold format characters (a test checks all seventeen)
_FORMAT: re.Pattern[str] | None = None


def format_characters_in(planes: tuple[int, ...]) -> list[tuple[int, int]]:
    """The ranges of code points of category Cf in these planes, as this Python's Unicode database has them."""
    ranges: list[tuple[int, int]] = []
    for plane in planes:
        for code in range(plane << 16, (plane + 1) << 16):
            if unicodedata.category(chr(code)) == "Cf":
                if ranges and ranges[-1][1] == code - 1:
                    ranges[-1] = (ranges[-1][0], code)
                else:
                    ranges.append((code, code))
    return ranges


def _format_characters() -> re.Pattern[str]:
    """One character class of every format character, made at first use (about 12 ms): searching a typed text with
    it is a fifth of the time of asking each character's category, which an import of 40,000 records felt."""
    global _FORMAT
    if _FORMAT is None:
        ranges = format_characters_in(FORMAT_PLANES)
        _FORMAT = re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]")
    return _FORMAT


MAX_CHOICES_SHOWN = 12
BE_YEAR_FLOOR = 2400  # a year above this in a date value is a Buddhist-Era year (CE 1857)


def choices(vocabulary: str) -> str:
    """The labels a coded field accepts, for a message where no drop-down shows them (the command line, Excel)."""
    labels = [term.label() for term in vocabularies.terms(vocabulary)]
    shown = ", ".join(labels[:MAX_CHOICES_SHOWN])
    return shown + (" …" if len(labels) > MAX_CHOICES_SHOWN else "")


class FieldType:
    """Plain text typed freely. Subclasses narrow what is accepted."""

    storage = "text"  # text | date | int | json: how the data layer stores it
    typed = True  # typed by hand (checked for characters the documents cannot print)
    multiline = False  # several paragraphs: a text box in forms, lines kept
    in_form = True  # edited in forms, Excel and the command line (False: set by the program, e.g. a photo)
    excel_as_text = False  # the Excel column is formatted as text (IDs, phones, dates stay as typed)

    def clean(self, p: Problems, f: Field, raw: object, today: dt.date) -> Any:
        """The clean value, adding to `p` what is wrong. Typed text is tidied first; nothing typed is None."""
        value = tidy_text(raw)
        if not value:
            self.missing(p, f)
            return None
        return self.parse(p, f, value, today)

    def parse(self, p: Problems, f: Field, text: str, today: dt.date) -> Any:
        """Tidy, non-empty text to the clean value (subclasses narrow what is accepted)."""
        if self.check_length(p, f, text):
            self.check_control(p, f, text)
        return text

    def check_control(self, p: Problems, f: Field, text: str) -> None:
        """Control characters (a bell, an escape sequence) are never text a user meant: they break Excel files and
        a terminal that prints them."""
        if _CONTROL.search(text):
            p.add(f.name, _("{field} holds control characters; type it again.").format(field=f.label_text))

    def check_length(self, p: Problems, f: Field, text: str) -> bool:
        if len(text) > f.max_length:
            p.add(f.name, _("{field} is too long (at most {n} characters).").format(field=f.label_text, n=f.max_length))
            return False
        return True

    def missing(self, p: Problems, f: Field) -> None:
        if f.required:
            p.add(f.name, _("Please enter the {field}.").format(field=f.label_text))

    def display(self, f: Field, value: Any, language: str | None = None) -> str:
        """As a user reads it in lists: labels for codes, Buddhist-Era dates, a national ID masked."""
        return "" if value is None else str(value)

    def display_full(self, f: Field, value: Any) -> str:
        """As on the record's own page, form and sheet (a national ID in full)."""
        return self.display(f, value)

    def excel(self, f: Field, value: Any) -> str | int:
        """As a user types it in the Excel template (the import reads it back)."""
        return "" if value is None else value


class Text(FieldType):
    pass


def tidy_paragraphs(raw: object) -> str:
    """Text of several paragraphs with each line tidied (as tidy_text), no blank line at either end and never
    more than one blank line in a row: what a user sees is what is kept and printed."""
    if raw is None:
        return ""
    lines = [tidy_text(line) for line in str(raw).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)


class Paragraphs(FieldType):
    """Free text of several paragraphs (a discussion, a reflection): lines are kept, each one tidied."""

    multiline = True

    def clean(self, p: Problems, f: Field, raw: object, today: dt.date) -> Any:
        value = tidy_paragraphs(raw)
        if not value:
            self.missing(p, f)
            return None
        if _CONTROL.search(value.replace("\n", "")):
            p.add(f.name, _("{field} holds control characters; type it again.").format(field=f.label_text))
        self.check_length(p, f, value)
        return value


class RichText(Paragraphs):
    """Paragraphs with bold, italic and lists, kept as the small Markdown of domain/rich_text.py; lists and the
    details panel show the text without its marks."""

    def display(self, f: Field, value: Any, language: str | None = None) -> str:
        from .rich_text import plain_text

        return plain_text(value)


class TextList(FieldType):
    """A short list of short texts (the steps of a PLC cycle): one per line in forms and Excel, a list in JSON.
    `max_length` bounds each item; `max_items` the list."""

    storage = "json"

    def __init__(self, max_items: int = 20) -> None:
        self.max_items = max_items

    def clean(self, p: Problems, f: Field, raw: object, today: dt.date) -> Any:
        if raw is None or raw == "":
            items: list[object] = []
        elif isinstance(raw, list | tuple):
            items = list(raw)
        else:
            items = str(raw).replace("\r", "\n").split("\n")
        result: list[str] = []
        for item in items:
            text = tidy_text(item)
            if text and text not in result:
                result.append(text)
        if any(_CONTROL.search(t) for t in result):
            p.add(f.name, _("{field} holds control characters; type it again.").format(field=f.label_text))
        too_long = [t for t in result if len(t) > f.max_length]
        if too_long:
            p.add(
                f.name,
                _("Each item of {field} may have at most {n} characters: “{item}”.").format(
                    field=f.label_text, n=f.max_length, item=too_long[0][:40]
                ),
            )
        if len(result) > self.max_items:
            p.add(f.name, _("{field} may have at most {n} items.").format(field=f.label_text, n=self.max_items))
        if f.required and not result:
            p.add(f.name, _("Please enter the {field}.").format(field=f.label_text))
        return tuple(result)

    def display(self, f: Field, value: Any, language: str | None = None) -> str:
        return ", ".join(value or ())

    def excel(self, f: Field, value: Any) -> str:
        return "\n".join(value or ())


_TIME = re.compile(r"^([0-9]{1,2})(?:[:.]([0-9]{2}))?(?:\s*(?:น\.?|นาฬิกา))?$")
MINUTES_A_DAY = 24 * 60


def format_time(minutes: int | None, language: str | None = None) -> str:
    """13:30 (13.30 in Thai, as Thai documents write times)."""
    if minutes is None:
        return ""
    sep = ":" if (language or current_language()) == "en" else "."
    return f"{minutes // 60:02d}{sep}{minutes % 60:02d}"


class Time(FieldType):
    """A time of day, typed 13:30, 13.30 or 13.30 น. (Thai digits too); kept as minutes after midnight."""

    storage = "int"
    typed = False
    excel_as_text = True

    def clean(self, p: Problems, f: Field, raw: object, today: dt.date) -> Any:
        if isinstance(raw, int) and not isinstance(raw, bool):
            if not 0 <= raw < MINUTES_A_DAY:
                p.add(f.name, _("{field} is not a time of day.").format(field=f.label_text))
            return raw
        if isinstance(raw, dt.time):
            return raw.hour * 60 + raw.minute
        return super().clean(p, f, raw, today)

    def parse(self, p: Problems, f: Field, text: str, today: dt.date) -> Any:
        match = _TIME.match(text.translate(_THAI_DIGITS_TO_ARABIC))
        hours, minutes = (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 99)
        if hours > 23 or minutes > 59:
            p.add(
                f.name,
                _("“{value}” is not a time; type it as hours and minutes, for example 13.30.").format(value=text),
            )
            return None
        return hours * 60 + minutes

    def display(self, f: Field, value: Any, language: str | None = None) -> str:
        return format_time(value, language)

    def excel(self, f: Field, value: Any) -> str:
        return format_time(value, "en")


class PersonName(FieldType):
    """A part of a person's name: no digits, no control characters."""

    def parse(self, p: Problems, f: Field, text: str, today: dt.date) -> Any:
        if self.check_length(p, f, text) and (_HAS_DIGIT.search(text) or _CONTROL.search(text)):
            p.add(f.name, _("{field} must not contain digits or control characters.").format(field=f.label_text))
        return text


class Code(FieldType):
    """One code of a vocabulary, typed as its Thai or English label or as the code. With `free`, text the
    vocabulary does not know is kept as typed (a title such as พันจ่าเอก)."""

    def __init__(self, free: bool = False) -> None:
        self.free = free
        self.typed = free

    def missing(self, p: Problems, f: Field) -> None:
        if f.required:
            p.add(f.name, _("Please choose the {field}.").format(field=f.label_text))

    def parse(self, p: Problems, f: Field, text: str, today: dt.date) -> Any:
        assert f.vocabulary
        value = text
        code = vocabularies.code_for_label(f.vocabulary, value)
        if code is None and self.free:
            if self.check_length(p, f, value):
                self.check_control(p, f, value)
            return value
        if code is None:
            p.add(
                f.name,
                _("“{value}” is not a known {field}; choose one from the list: {choices}.").format(
                    value=value, field=f.label_text, choices=choices(f.vocabulary)
                ),
            )
        return code

    def display(self, f: Field, value: Any, language: str | None = None) -> str:
        assert f.vocabulary
        return vocabularies.label(f.vocabulary, value, language)

    def excel(self, f: Field, value: Any) -> str:
        return self.display(f, value, "th")


class Codes(FieldType):
    """Several codes of a vocabulary: a list in the form, comma-separated labels in Excel and on the command line."""

    storage = "json"
    typed = False

    def clean(self, p: Problems, f: Field, raw: object, today: dt.date) -> Any:
        assert f.vocabulary
        if raw is None or raw == "":
            return ()
        items = list(raw) if isinstance(raw, list | tuple) else re.split(r"[,;\n]", str(raw))
        result: list[str] = []
        for item in items:
            text = tidy_text(item)
            if not text:
                continue
            code = vocabularies.code_for_label(f.vocabulary, text)
            if code is None:
                p.add(
                    f.name,
                    _("“{value}” is not a known {field}; choose from the list: {choices}.").format(
                        value=text, field=f.label_text, choices=choices(f.vocabulary)
                    ),
                )
            elif code not in result:
                result.append(code)
        if f.required and not result:
            p.add(f.name, _("Please choose the {field}.").format(field=f.label_text))
        return tuple(result)

    def display(self, f: Field, value: Any, language: str | None = None) -> str:
        assert f.vocabulary
        return ", ".join(vocabularies.label(f.vocabulary, c, language) for c in value or ())

    def excel(self, f: Field, value: Any) -> str:
        return self.display(f, value, "th")


class Date(FieldType):
    """A date typed in the Buddhist Era (dd/mm/2569); never before 1900, and never in the future unless
    `future_days` allows it (a meeting planned for next month)."""

    storage = "date"
    typed = False
    excel_as_text = True

    def __init__(self, future_days: int = 0) -> None:
        self.future_days = future_days

    def clean(self, p: Problems, f: Field, raw: object, today: dt.date) -> Any:
        try:
            value = raw if isinstance(raw, dt.date) else buddhist_date.parse(tidy_text(raw) or None, f.name)
        except ValidationError as exc:
            p.items.extend(exc.errors)
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date) and value.year > BE_YEAR_FLOOR:
            # an Excel date cell typed as 16/05/2568: Excel takes 2568 for a Christian year; it is Buddhist Era
            try:
                value = value.replace(year=value.year - 543)
            except ValueError:  # 29/02 of a Buddhist year whose Christian year has no 29 February
                p.add(f.name, _("{field} is not a date of the calendar; check the day.").format(field=f.label_text))
                return None
        if value is None:
            self.missing(p, f)
            return None
        if value > today + dt.timedelta(days=self.future_days):
            if self.future_days:
                p.add(
                    f.name,
                    _("{field} is more than {days} days ahead; check the date and the year.").format(
                        field=f.label_text, days=self.future_days
                    ),
                )
            else:
                p.add(f.name, _("{field} cannot be in the future.").format(field=f.label_text))
        if value.year < 1900:
            p.add(f.name, _("{field} is too far in the past; check the year.").format(field=f.label_text))
        return value

    def display(self, f: Field, value: Any, language: str | None = None) -> str:
        return buddhist_date.format_short(value)

    def excel(self, f: Field, value: Any) -> str:
        return buddhist_date.format_short(value)


class NationalId(FieldType):
    """A Thai 13-digit national ID with its check digit; shown masked in lists, in full on a record."""

    typed = False
    excel_as_text = True

    def clean(self, p: Problems, f: Field, raw: object, today: dt.date) -> Any:
        try:
            value = national_id.normalize(tidy_text(raw) or None)
        except ValidationError as exc:
            p.items.extend(exc.errors)
            return None
        if value is None:
            self.missing(p, f)
        return value

    def display(self, f: Field, value: Any, language: str | None = None) -> str:
        return national_id.format_masked(value)

    def display_full(self, f: Field, value: Any) -> str:
        return national_id.format_full(value) if value else ""


class Phone(FieldType):
    excel_as_text = True

    def parse(self, p: Problems, f: Field, text: str, today: dt.date) -> Any:
        value = text.translate(_THAI_DIGITS_TO_ARABIC)  # ๐๘๑-… typed in Thai digits
        if not _PHONE.match(value):
            p.add(
                f.name,
                _("The phone number “{value}” is not valid; use digits, for example 081-234-5678.").format(value=value),
            )
        return value


class SchoolCode(FieldType):
    """A school's code as schools write it (10, 8 or 6 digits, Thai digits read as digits): the key that joins a
    district's records of a school to the bundles the school sends."""

    excel_as_text = True

    def parse(self, p: Problems, f: Field, text: str, today: dt.date) -> Any:
        from .workspace_codes import normalize_school_code

        try:
            return normalize_school_code(text, f.name)
        except ValidationError as exc:
            p.items.extend(exc.errors)
            return text


class Email(FieldType):
    def parse(self, p: Problems, f: Field, text: str, today: dt.date) -> Any:
        value = text
        if not _EMAIL.match(value) or len(value) > f.max_length:
            p.add(f.name, _("The e-mail address “{value}” is not valid.").format(value=value))
        return value


class Number(FieldType):
    """A whole number within [minimum, maximum], typed with Arabic or Thai digits."""

    storage = "int"
    typed = False

    def __init__(self, minimum: int = 0, maximum: int = 1_000_000, grouped: bool = False) -> None:
        self.minimum, self.maximum = minimum, maximum
        self.grouped = grouped  # shown with thousands separators (an amount of baht: 12,000)

    def display(self, f: Field, value: Any, language: str | None = None) -> str:
        if value is None:
            return ""
        return f"{value:,}" if self.grouped else str(value)

    def clean(self, p: Problems, f: Field, raw: object, today: dt.date) -> Any:
        if isinstance(raw, bool):
            raw = None
        if isinstance(raw, int):
            value: int | None = raw
        else:
            text = tidy_text(raw).translate(_THAI_DIGITS_TO_ARABIC).replace(",", "")
            if not text:
                self.missing(p, f)
                return None
            digits = text.removeprefix("-")
            value = int(text) if digits.isascii() and digits.isdigit() else None
            if value is None:
                p.add(f.name, _("{field} must be a whole number.").format(field=f.label_text))
                return None
        if not self.minimum <= value <= self.maximum:
            p.add(
                f.name,
                _("{field} must be between {low} and {high}.").format(
                    field=f.label_text, low=self.minimum, high=self.maximum
                ),
            )
        return value


class Level(FieldType):
    """A level of a numbered scale (a competency rating 1–5, a priority): stored as its number, shown and written
    to Excel as "4 – ดีเลิศ", typed as the number (Thai digits too), that text or the label alone."""

    storage = "int"
    typed = False

    def __init__(self, scale: str) -> None:
        self.scale = scale

    def levels(self) -> tuple[int, ...]:
        return tuple(sorted(int(t.code) for t in vocabularies.terms(self.scale)))

    def clean(self, p: Problems, f: Field, raw: object, today: dt.date) -> Any:
        if isinstance(raw, bool):  # a TRUE/FALSE cell is not a level
            value: int | None = None
        elif isinstance(raw, int):
            value = raw
        else:
            text = tidy_text(raw).translate(_THAI_DIGITS_TO_ARABIC)
            if not text:
                self.missing(p, f)
                return None
            value = _level_of(self.scale, text)
        if value not in self.levels():
            low, high = self.levels()[0], self.levels()[-1]
            p.add(
                f.name,
                _("{field} must be a level from {low} to {high}.").format(field=f.label_text, low=low, high=high),
            )
            return None
        return value

    def display(self, f: Field, value: Any, language: str | None = None) -> str:
        return level_text(self.scale, value, language)

    def excel(self, f: Field, value: Any) -> str:
        return level_text(self.scale, value, "th")


def level_text(scale: str, value: int | None, language: str | None = None) -> str:
    """4 – ดีเลิศ (the number alone when the scale does not know it)."""
    if value is None:
        return ""
    term = next((t for t in vocabularies.terms(scale) if int(t.code) == value), None)
    return f"{value} – {term.label(language)}" if term else str(value)


def _level_of(scale: str, text: str) -> int | None:
    """The level of "4", of "4 – ดีเลิศ" (the number with its own label) or of the label alone; None for anything
    else ("4.5", "3-5", "4 – ยอดเยี่ยม")."""
    if text.isascii() and text.isdigit():
        return int(text)
    terms = {int(t.code): t for t in vocabularies.terms(scale)}
    labelled = re.fullmatch(r"([0-9]+)\s*[-–]\s*(\D.*)", text)
    if labelled:
        term = terms.get(int(labelled.group(1)))
        label = labelled.group(2).strip().casefold()
        return int(term.code) if term is not None and label in (term.th.casefold(), term.en.casefold()) else None
    wanted = text.casefold()
    for t in terms.values():
        if wanted in (t.th.casefold(), t.en.casefold()):
            return int(t.code)
    return None


_GROUPED = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?")


class Score(FieldType):
    """A score with up to two decimals (a national test average: 45.32), stored in hundredths so it travels in
    bundles as a whole number and sums without rounding drift."""

    storage = "int"
    typed = False

    def __init__(self, maximum: float = 100.0) -> None:
        self.maximum = round(maximum * 100)

    def clean(self, p: Problems, f: Field, raw: object, today: dt.date) -> Any:
        if isinstance(raw, bool):
            raw = None
        if isinstance(raw, int):  # already hundredths (a stored or synced value)
            value: int | None = raw
        else:
            text = tidy_text(raw).translate(_THAI_DIGITS_TO_ARABIC).replace(" ", "")
            if not text:
                self.missing(p, f)
                return None
            if "," in text and not _GROUPED.fullmatch(text):  # 1,5 is not 15: a comma only groups thousands
                p.add(
                    f.name,
                    _("{field}: write decimals with a point (1.5); a comma only separates thousands (1,250).").format(
                        field=f.label_text
                    ),
                )
                return None
            if text[:1] in "-−":
                p.add(f.name, _("{field} cannot be below 0.").format(field=f.label_text))
                return None
            found = re.fullmatch(r"([0-9]{1,12})(?:\.([0-9]{1,2}))?", text.replace(",", ""))  # range checked below
            if found is None:
                p.add(
                    f.name,
                    _("{field} must be a number with at most two decimals (like 45.25).").format(field=f.label_text),
                )
                return None
            value = int(found.group(1)) * 100 + int((found.group(2) or "0").ljust(2, "0"))
        if not 0 <= value <= self.maximum:
            p.add(
                f.name,
                _("{field} must be between 0 and {high}.").format(field=f.label_text, high=format_score(self.maximum)),
            )
        return value

    def display(self, f: Field, value: Any, language: str | None = None) -> str:
        return format_score(value)

    def excel(self, f: Field, value: Any) -> str:
        return format_score(value)


def format_score(value: int | None, grouped: bool = False) -> str:
    """Hundredths as 45.25 (45 for 4500); `grouped` for print, thousands apart (150,000.50 is read at a glance,
    150000.50 miscounted)."""
    if value is None:
        return ""
    whole, cents = divmod(value, 100)
    text = f"{whole:,}" if grouped else str(whole)
    return f"{text}.{cents:02d}" if cents else text


class Attachment(FieldType):
    """The SHA-256 of a file in the attachment store (a photo); set by the program, never typed."""

    typed = False
    in_form = False

    def parse(self, p: Problems, f: Field, text: str, today: dt.date) -> Any:
        if not re.fullmatch(r"[0-9a-f]{64}", text):
            p.add(f.name, _("{field} is not a file's fingerprint.").format(field=f.label_text))
        return text


class KeptValues(FieldType):
    """Values of another record the user chose not to take, as [field, value] pairs (the school's profile values
    a district keeps its own list's values against); set by the program, never typed."""

    storage = "json"
    typed = False
    in_form = False

    def display(self, f: Field, value: Any, language: str | None = None) -> str:
        return ", ".join(str(pair[0]) for pair in value or ())


class Reference(FieldType):
    """The id of another record (the kind it points to is the field's `refers_to`). Forms choose it from a list;
    here only its shape is checked: whether the record exists is the service's and the sync importer's question."""

    typed = False

    def parse(self, p: Problems, f: Field, text: str, today: dt.date) -> Any:
        value = text.lower()
        if not re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", value):
            p.add(f.name, _("{field} does not name a record.").format(field=f.label_text))
        return value


Rule = Callable[[dict[str, Any], Problems], dict[str, Any]]
"""A rule across fields of one record: reads the cleaned values, adds problems, returns the values to keep."""


def dates_in_order(first: str = "starts_on", last: str = "ends_on") -> Rule:
    """The rule that a period's last day is not before its first (an activity, a project)."""

    def rule(values: dict[str, Any], p: Problems) -> dict[str, Any]:
        starts, ends = values.get(first), values.get(last)
        if starts is not None and ends is not None and ends < starts:
            p.add(last, _("The end date must be on or after the start date."))
        return values

    return rule
