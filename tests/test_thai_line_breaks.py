"""Where a Thai line may break: between words, never inside a number, a date, an address, an abbreviation or a
word, and never before ๆ or ฯ. Read from the paragraph markup: a plain space is a break, U+F8FE a typed space."""

from __future__ import annotations

import pytest

from kaplc_desktop.reports.pdf.thai_fonts import VISIBLE_SPACE
from kaplc_desktop.reports.pdf.thai_text import to_markup


def units(text: str, thai_digits: bool = False) -> list[str]:
    """The pieces a line can be broken into (typed spaces removed)."""
    markup = to_markup(text, thai_digits=thai_digits).replace(VISIBLE_SPACE, "")
    return [u for u in markup.split(" ") if u]


@pytest.mark.parametrize(
    "text,whole",
    [
        ("วันที่ 10/09/2568 เวลา 08:30 น.", ["10/09/2568", "08:30"]),
        ("อีเมล kru2525@obec.go.th หรือ https://www.obec.go.th/a1", ["kru2525@obec.go.th", "https://www.obec.go.th/a1"]),
        ("ผู้อำนวยการ(คศ.3) สอน ป.4/2 และ ม.1 เมื่อ พ.ศ. 2569", ["(คศ.3)", "ป.4/2", "ม.1", "พ.ศ."]),
        ("รวม 1000 ชั่วโมง", ["1000"]),
        ("ผู้ใหญ่ใจดี น้ำใจงาม", ["ผู้ใหญ่", "น้ำ"]),
        ("นายปรีดา ณ อยุธยา", ["ณอยุธยา"]),
        ("พิมพ์เมื่อ 27 พฤศจิกายน 2569 เวลา 08.30 น.", ["27พฤศจิกายน2569", "08.30น."]),
        ("ปีพ.ศ.2569 วิทยฐานะคศ.3", ["พ.ศ.2569", "คศ.3"]),  # glued to Thai text (found by the attacker)
        ("ขนาดเล็กkru2525@obec.go.th", ["kru2525@obec.go.th"]),
        ("ต.ค.2569 ร.ศ.130 โทร. ม.ค.-มี.ค. พ.ศ. 2569", ["ต.ค.2569", "ร.ศ.130", "โทร.", "ม.ค.-มี.ค.", "พ.ศ.2569"]),
        ("เมื่อ 5 ธ.ค.69 และ 1 ม.ค. - 31 มี.ค. 2570", ["5ธ.ค.69", "1ม.ค.", "31มี.ค.2570"]),
        ("แบบฟอร์มชื่อ-สกุล รหัสPLC-2569 โรคCOVID-19ระบาด", ["ชื่อ-สกุล", "PLC-2569", "COVID-19"]),
    ],
)
def test_never_broken_inside(text: str, whole: list[str]) -> None:
    pieces = units(text)
    for item in whole:
        assert any(item in piece for piece in pieces), (item, pieces)


def test_thai_words_can_break_between_them() -> None:
    pieces = units("ชุมชนการเรียนรู้ทางวิชาชีพเป็นการรวมตัวของครูและผู้บริหารสถานศึกษา")
    assert len(pieces) >= 8  # a line this long must have places to break
    assert all(len(piece) >= 2 for piece in pieces)  # but not between any two characters


def test_no_line_starts_with_mai_yamok_or_paiyannoi() -> None:
    for text in ("ครูดี ๆ ทุกคน", "เด็กๆ เล่น", "กรุงเทพฯ และ ฯลฯ"):
        for piece in units(text):
            assert not piece.startswith(("ๆ", "ฯ")) or piece.startswith("ฯลฯ"), (text, units(text))


def test_thai_digits_only_where_they_belong() -> None:
    markup = to_markup("ครู 12 คน อีเมล kru2525@obec.go.th รหัส PLC2569 วันที่ 10/09/2568", thai_digits=True)
    assert "๑๒" in markup and "๑๐/๐๙/๒๕๖๘" in markup
    assert "kru2525@obec.go.th" in markup and "PLC2569" in markup
    glued = to_markup("กลุ่มPLC2569 ห้องLab2 ที่https://obec.go.th/a1แล้ว 3 คน ตึก2A ระบบ4G COVID-19", thai_digits=True)
    assert "PLC2569" in glued and "Lab2" in glued and "https://obec.go.th/a1" in glued
    assert "2A" in glued and "4G" in glued and "COVID-19" in glued
    assert "แล้ว" in units("ที่https://obec.go.th/a1แล้วกลับ")  # an address ends where its ASCII ends
    assert "๓" in glued


def test_a_flood_of_glued_vowels_can_still_end_a_line() -> None:
    """ะ า ำ ๆ stay on the letter before them and เ แ โ ใ ไ on the letter after: 20,000 of them pasted in a row
    made one piece the layout could only cut a letter at a time (430 pages, 53 s, measured). A piece is at most
    MAX_CLUSTER characters; every real Thai cluster is shorter, so real text breaks where it always did."""
    from kaplc_desktop.reports.pdf.thai_text import MAX_CLUSTER, clusters

    for flood in ("ก" + "\u0e32" * 20_000, "\u0e40" * 20_000 + "ก", "ดี" + "ๆ" * 20_000, ("าะำ") * 7_000):
        pieces = clusters(flood)
        assert "".join(pieces) == flood  # nothing typed is lost
        assert max(len(piece) for piece in pieces) == MAX_CLUSTER
    real = "เกี๊ยะ แก้ว เสื้อ น้ำ ดีๆ ฤๅษี ฯลฯ เปลี่ยน"
    assert clusters(real) == [
        "เกี๊", "ยะ", " ", "แก้", "ว", " ", "เสื้", "อ", " ", "น้ำ", " ", "ดีๆ", " ", "ฤๅ", "ษี", " ฯ", "ลฯ", " ", "เป",
        "ลี่", "ย", "น",
    ]  # fmt: skip


def test_a_flood_of_combining_marks_prints_a_few() -> None:
    """Thousands of marks typed on one letter would tower off the page (and take hundreds of pages to lay out):
    a letter keeps at most MAX_MARKS of them; real Thai (at most three on a letter) is untouched."""
    from kaplc_desktop.reports.pdf.thai_text import MAX_MARKS

    flood = "a" + "\u0301" * 5000 + " ก" + "\u0e49" * 3000
    assert units(flood) == ["a" + "\u0301" * MAX_MARKS, "ก" + "\u0e49" * MAX_MARKS]
    real = "ก็ได้ น้ำ กิ๊ก ปั๊ม สุ่ม ฤๅษี"
    assert "".join(units(real)) == real.replace(" ", "")
