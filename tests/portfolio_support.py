"""Showcase portfolios for the portfolio tests (import as `from portfolio_support import …`): staff to own them,
pictures to attach, a portfolio with everything in it, and reading a printed portfolio back (its text page by page,
its QR code)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

from development_support import squeeze
from support import teacher

from kaplc_desktop.context import AppContext
from kaplc_desktop.services.attached_files import PreparedFile, prepare_attached_file
from kaplc_desktop.services.portfolios import AwardEntry, FileEntry

TODAY = dt.date(2026, 11, 27)  # semester 2 of academic year 2569
YEAR = 2569
NAMES = (("สมศรี", "ใจดี"), ("วิไล", "ทองมา"), ("ปราณี", "ศรีสุข"), ("อนุชา", "แก้วมณี"))
BAD = re.compile("[\ue000-\uf8ff\uffff\ufffd\x00-\x09\x0b\x0c\x0e-\x1f]")

SECTIONS = {
    "importance": "นักเรียนชั้น ป.2 **อ่านไม่คล่อง** จำนวนมาก\n- สะกดคำผิด\n- ไม่ชอบอ่าน",
    "process": "1. คัดกรองนักเรียน\n1. ฝึกอ่าน*ทุกวัน*\nครูสะท้อนผลในวง PLC",
    "results": "นักเรียนอ่านออกเขียนได้ร้อยละ 86",
}


def add_teachers(ctx: AppContext, names: tuple[tuple[str, str], ...] = NAMES) -> list[Any]:
    return [
        ctx.personnel.add(teacher(first_name_th=first, last_name_th=last, national_id=None), today=TODAY)
        for first, last in names
    ]


def photo_file(folder: Path, name: str = "ภาพ.jpg", colour: str = "teal", size: tuple[int, int] = (1200, 800)) -> Path:
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    Image.new("RGB", size, colour).save(path, quality=80)
    return path


def photo(folder: Path, caption: str, colour: str = "teal") -> PreparedFile:
    """A photo as the user attaches it (checked and made at most 1600 px long)."""
    return prepare_attached_file(photo_file(folder, f"{colour}-{len(caption)}.jpg", colour), caption)


def raw_portfolio(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "name": "การพัฒนาการอ่านด้วยบัตรคำพาสนุก",
        "work_kind": "best_practice",
        "academic_year": YEAR,
        "owner_type": "persons",
        "category": "teacher_excellent",
        "learning_area": "thai",
        "status": "draft",
        "abstract": "ผลงานนี้แก้ปัญหาการอ่านของนักเรียน",
    }
    values.update(changes)
    return values


def full_portfolio(ctx: AppContext, people: list[Any], folder: Path, **changes: object) -> Any:
    """A portfolio with two owners, three sections, two pictures and an evidence photo, two figures and an award."""
    return ctx.portfolios.save(
        raw_portfolio(**changes),
        owners=[people[0].id, people[1].id],
        sections=SECTIONS,
        files=[
            FileEntry("section", "process", "ครูฝึกอ่านกับนักเรียน", prepared=photo(folder, "ครูฝึกอ่านกับนักเรียน", "teal")),
            FileEntry("section", "results", "กราฟผลการอ่าน", prepared=photo(folder, "กราฟผลการอ่าน", "navy")),
            FileEntry("evidence", "results", "บันทึกการอ่าน", prepared=photo(folder, "บันทึกการอ่าน", "olive")),
        ],
        figures=[
            {"label": "นักเรียนที่อ่านออก", "unit": "ร้อยละ", "before": "58", "after": "86"},
            {"label": "คะแนนเฉลี่ย", "unit": "คะแนน", "before": "61.25", "after": "78.5"},
        ],
        awards=[
            AwardEntry(
                {
                    "name": "ครูดีศรีสงขลา",
                    "level": "district",
                    "rank": "winner",
                    "medal": "gold",
                    "awarded_on": "20/03/2569",
                }
            )
        ],
        today=TODAY,
    )


def page_texts(path: Path) -> list[str]:
    """Each page's text layer, NFC, as pdfium reads it (with its line breaks); no replacement or private-use
    characters anywhere."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    for n, text in enumerate(pages, start=1):
        assert not BAD.search(text), (n, BAD.findall(text)[:10])
    return [unicodedata.normalize("NFC", text) for text in pages]


def squeezed_pages(path: Path) -> list[str]:
    return [squeeze(text) for text in page_texts(path)]


def qr_texts(path: Path, page: int = 0, scale: float = 4.0) -> list[str]:
    """The texts of the QR codes found on a page, drawn as a scanner would see it."""
    import pypdfium2 as pdfium
    import pytest

    zxingcpp = pytest.importorskip("zxingcpp")
    pdf = pdfium.PdfDocument(str(path))
    try:
        image = pdf[page].render(scale=scale).to_pil().convert("L")
    finally:
        pdf.close()
    return [r.text for r in zxingcpp.read_barcodes(image)]
