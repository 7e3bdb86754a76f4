"""Which characters print: the shipped list matches the fonts, the warnings name the field and the characters,
and the printed text agrees with the warning for any input."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kaplc_desktop.domain.printable_text import PLACEHOLDER, cannot_print, drawable, field_warnings
from kaplc_desktop.reports.pdf.thai_text import printable

ROOT = Path(__file__).resolve().parent.parent


def test_the_shipped_list_is_what_the_fonts_draw() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import printable_chars
    finally:
        sys.path.pop(0)
    shipped = (ROOT / "resources" / "fonts" / "printable-codepoints.txt").read_text(encoding="utf-8")
    assert shipped == printable_chars.text(), "run scripts/printable_chars.py after changing a font"
    assert all(drawable(code) for code in printable_chars.drawable())
    assert not drawable(ord("😀")) and not drawable(ord("中"))


def test_thai_latin_and_digits_print_and_the_rest_is_named() -> None:
    assert cannot_print("นางสาวกิ่งฟ้า ปิ่นทอง ฤๅษี ฯลฯ ๆ ๑๒๓ Somchai 2569 kru@obec.go.th (คศ.3) – “ok”") == ""
    assert cannot_print("สมใจ😀ดี😀中") == "😀中"
    assert cannot_print("a\u00adb\u200bc") == ""  # invisible format characters are left out, not warned about
    warnings = field_warnings({"first_name_th": "สมใจ😀", "last_name_th": "ใจดี", "subject": None})
    assert [w.field for w in warnings] == ["first_name_th"]
    assert "😀" in warnings[0].message and "■" in warnings[0].message


@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=60))
def test_what_prints_agrees_with_the_warning(text: str) -> None:
    printed = printable(text)
    assert all(drawable(ord(ch)) or ch in "\n\t" for ch in printed)
    added = printed.count(PLACEHOLDER) - text.count(PLACEHOLDER)
    assert (added > 0) == bool(cannot_print(text))
