"""The text layer says exactly what was printed, read by pdfium (Chrome, Edge) and by pypdf: NFC only, never
NFKC (which would hide a wrong สระอำ), whitespace aside, and no private-use or invisible characters."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from kaplc_desktop.reports.pdf.blocks import Document, KeyValues, Para, Table
from kaplc_desktop.reports.pdf.documents.specimen import TRICKY_WORDS, specimen
from kaplc_desktop.reports.pdf.render import render

WORDS = "ตำแหน่ง ชำนาญการ จำนวน ผู้อำนวยการ ทองคำ น้ำ ค่ำ ก๋ำ ป้ำ ที่ ผู้ใหญ่ ฤๅษี ฯลฯ ดีๆ กำลังใจ ซ้ำซ้อน"
BAD = re.compile("[\ue000-\uf8ff\uffff\ufffd\u200b-\u200f\u2060\ufeff]")


@pytest.fixture(autouse=True)
def font_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAPLC_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "kaplc-cache"))


def squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


def layers(path: Path) -> dict[str, str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        by_pdfium = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    by_pypdf = "".join(page.extract_text() for page in PdfReader(path).pages)
    return {"pdfium": by_pdfium, "pypdf": by_pypdf}


def test_sara_am_and_tone_marks_read_back_exactly(tmp_path: Path) -> None:
    doc = Document(
        "ทดสอบ",
        [
            Para.of(WORDS),
            Table(("ตำแหน่ง", "จำนวน"), (("ครูชำนาญการพิเศษ", "น้ำหนัก"),), widths=(0.5, 0.5)),
            KeyValues((("ผู้อำนวยการ", "นายสมคำ ทองคำ"),)),
        ],
    )
    path = tmp_path / "am.pdf"
    render(doc, path)
    for engine, text in layers(path).items():
        flat = squeeze(text)
        for word in [*WORDS.split(), "ครูชำนาญการพิเศษ", "น้ำหนัก", "นายสมคำ", "ทองคำ"]:
            assert word in flat, (engine, word)
        assert not BAD.search(text), (engine, BAD.findall(text))
        assert "\u0e4d" not in text  # never a lone nikhahit: every ำ is one character


def test_the_specimen_reads_back_exactly(tmp_path: Path) -> None:
    path = tmp_path / "specimen.pdf"
    render(specimen(), path)
    for engine, text in layers(path).items():
        flat = squeeze(text)
        for word in TRICKY_WORDS.split():
            assert word in flat, (engine, word)
        assert not BAD.search(text), engine
