"""The stress corpus: names a dictionary cuts wrongly, ณ อยุธยา, ฤๅ, ำ and tone marks, long titles, standings
with abbreviations, printed in every personnel document, in Thai and Thai digits, read back by pdfium and pypdf.

Every name part must come out exactly, on one line; no line starts with ๆ, ฯ, a following vowel or a mark, none
ends with a leading vowel; abbreviations stay whole. The same checks run on a document whose names are protected
only by being known words (a narrow column, running text): breaking everywhere, or not knowing the names, fails.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from kaplc_desktop.domain.person_rules import clean_person
from kaplc_desktop.reports.pdf.blocks import Document, Para, Table, Title
from kaplc_desktop.reports.pdf.documents.personnel_docs import name_words, person_sheet, roster
from kaplc_desktop.reports.pdf.render import render

# (title, first name, last name, standing): surnames nlpO3 splits at dictionary words, marks, ฤๅ, ำ, long titles
CORPUS = [
    ("นางสาว", "กนกวรรณ", "จันทร์แก้ววงศ์", "ชำนาญการพิเศษ (คศ.3)"),
    ("นาย", "ปรีดา", "ณ อยุธยา", "เชี่ยวชาญ (คศ.4)"),
    ("ว่าที่ร้อยตรี", "สมชาย", "ไชยมงคลพานิช", "ชำนาญการ (คศ.2)"),
    ("นาง", "ฤดี", "ฤๅษีสวัสดิ์", "ไม่มีวิทยฐานะ (คศ.1)"),
    ("ดร.", "ภูมิพัฒน์", "ศรีสุวรรณวงศ์", "เชี่ยวชาญพิเศษ (คศ.5)"),
    ("นางสาว", "น้ำฝน", "ทองคำ", "ชำนาญการ (คศ.2)"),
    ("นาย", "ชำนาญ", "อำนวยผลประเสริฐสุข", "ชำนาญการพิเศษ (คศ.3)"),
    ("ว่าที่ร้อยตรีหญิง", "ญาณิศา", "กิตติวรเศรษฐ์", "ชำนาญการ (คศ.2)"),
    ("นาง", "ปิ่นมณี", "ตั้งตระกูลวัฒนา", "เชี่ยวชาญ (คศ.4)"),
    ("นาย", "ก้องเกียรติ", "ศักดิ์สิทธิ์ชัยมงคล", "ไม่มีวิทยฐานะ (คศ.1)"),
]
LINE_START_BAD = re.compile(r"^[\u0E30\u0E31\u0E32-\u0E3A\u0E45-\u0E4E\u0E2F]")  # ะ ั า ำ ิ… ๅ ๆ ่ ้… ฯ
LINE_END_BAD = re.compile(r"[\u0E40-\u0E44]$")  # เ แ โ ใ ไ
BAD = re.compile("[\ue000-\uf8ff\uffff\ufffd\ufffe\u200b-\u200f\u2060\ufeff\x00-\x1f]")  # after squeezing


@pytest.fixture(autouse=True)
def font_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAPLC_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "kaplc-cache"))


def squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


def read(path: Path) -> tuple[list[str], str, str]:
    """pdfium's lines (whitespace removed), and the whole text of pdfium and of pypdf (squeezed)."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    lines = [squeeze(line) for line in text.splitlines() if line.strip()]
    by_pypdf = "".join(page.extract_text() for page in PdfReader(path).pages)
    return lines, squeeze(text), squeeze(by_pypdf)


def problems(path: Path, parts: list[str], abbreviations: list[str]) -> list[str]:
    lines, pdfium_text, pypdf_text = read(path)
    found = [f"bad character {c!r}" for c in sorted(set(BAD.findall(pdfium_text + pypdf_text)))]
    for part in parts:
        whole = squeeze(part)
        if whole not in pdfium_text or whole not in pypdf_text:
            found.append(f"not exact: {part}")
        elif not any(whole in line for line in lines):
            found.append(f"broken: {part}")
    for abbreviation in abbreviations:
        if abbreviation in pdfium_text and not any(abbreviation in line for line in lines):
            found.append(f"broken: {abbreviation}")
    for line in lines:
        if LINE_START_BAD.search(line) or LINE_END_BAD.search(line):
            found.append(f"bad line: {line}")
    return found


@pytest.fixture
def people(school_ctx):  # type: ignore[no-untyped-def]
    drafts = [
        clean_person(
            dict(
                title_prefix=title,
                first_name_th=first,
                last_name_th=last,
                position="ครู",
                personnel_group="ข้าราชการครู",
                academic_standing=standing,
                learning_areas="วิทยาศาสตร์และเทคโนโลยี, ภาษาต่างประเทศ",
                subject="วิทยาศาสตร์ ม.1/2",
                start_date="10/09/2555",
                email="kru2525@obec.go.th",
            )
        )
        for title, first, last, standing in CORPUS
    ]
    school_ctx.personnel.add_many(drafts)
    return school_ctx.personnel.list()


def name_parts(rows) -> list[str]:  # type: ignore[no-untyped-def]
    return [part for r in rows for part in (r.full_name_th.split(" ", 1)[0], r.last_name_th)]


ABBREVIATIONS = ["(คศ.1)", "(คศ.2)", "(คศ.3)", "(คศ.4)", "(คศ.5)", "ม.1/2"]


@pytest.mark.parametrize("thai_digits", [False, True])
def test_every_personnel_document_prints_the_corpus_exactly_and_whole(
    school_ctx, people, tmp_path: Path, thai_digits: bool
) -> None:  # type: ignore[no-untyped-def]
    school = school_ctx.workspace.get()
    path = tmp_path / "roster.pdf"
    render(roster(people, school, thai_digits), path)
    abbreviations = [
        a.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")) if thai_digits else a for a in ABBREVIATIONS
    ]
    assert problems(path, name_parts(people), abbreviations) == []
    for person in people:
        path = tmp_path / "sheet.pdf"
        render(person_sheet(person, school, None, thai_digits), path)
        assert problems(path, name_parts([person]), abbreviations) == [], person.full_name_th


def narrow(rows, known: bool) -> Document:  # type: ignore[no-untyped-def]
    """Full names in a column a little wider than the widest name part but narrower than a full name, which is
    not a name column, and in running text: only known words keep the parts whole."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from kaplc_desktop.reports.pdf.styles import CELL_SIZE
    from kaplc_desktop.reports.pdf.thai_fonts import register_fonts

    font = register_fonts()
    widest = max(stringWidth(part, font, CELL_SIZE) for r in rows for part in r.full_name_th.split())
    text_width = (21 - 5) * 28.3465
    fraction = (widest + 12 + 4) / text_width
    running = "ครูที่ได้รับรางวัลในปีนี้ได้แก่" + "และ".join(r.first_name_th + r.last_name_th for r in rows)
    return Document(
        "narrow",
        [
            Title("ทดสอบชื่อ"),
            Table(("ชื่อ-สกุล", "หมายเหตุ"), tuple((r.full_name_th, "-") for r in rows), widths=(fraction, 1 - fraction)),
            Para.of(running),
        ],
        known_words=name_words(rows, _School()) if known else frozenset(),
    )


class _School:
    principal_name = ""


def test_names_are_whole_words_in_narrow_columns_and_running_text(people, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "narrow.pdf"
    render(narrow(people, known=True), path)
    assert problems(path, name_parts(people), []) == []


def test_the_checks_catch_unknown_names_and_breaks_everywhere(
    people, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    parts = name_parts(people)
    render(narrow(people, known=False), tmp_path / "unknown.pdf")
    assert any(p.startswith("broken") for p in problems(tmp_path / "unknown.pdf", parts, []))
    from kaplc_desktop.reports.pdf import thai_text

    monkeypatch.setattr(thai_text, "segment", lambda text: list(text))  # a break between any two characters
    render(narrow(people, known=False), tmp_path / "everywhere.pdf")
    assert any(p.startswith("broken") for p in problems(tmp_path / "everywhere.pdf", parts, []))


@pytest.mark.parametrize("thai_digits", [False, True])
def test_the_demo_school_prints_exactly_and_whole(school_ctx, tmp_path: Path, thai_digits: bool) -> None:  # type: ignore[no-untyped-def]
    from kaplc_desktop.services.demo_data import demo_staff

    school_ctx.personnel.add_many(demo_staff(60, seed=5))
    rows = [r for r in school_ctx.personnel.list() if r.status == "active"]
    school = school_ctx.workspace.get()
    digits = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙") if thai_digits else str.maketrans("", "")
    abbreviations = [a.translate(digits) for a in ABBREVIATIONS]
    path = tmp_path / "roster.pdf"
    render(roster(rows, school, thai_digits), path)
    assert problems(path, name_parts(rows), abbreviations) == []
    for person in rows[:5]:
        render(person_sheet(person, school, None, thai_digits), path)
        subject = (person.subject or "").translate(digits)
        assert problems(path, [*name_parts([person]), *subject.split()], abbreviations) == []
