"""A portfolio printed and read back: every section's heading and words in order, a table of contents whose page
numbers are the pages the headings land on (and bookmarks that go there), nothing outside the margins, a cover QR
code a phone reads as the portfolio's id and current content hash, and hostile or broken input that still prints,
literally; any typed text in the title, a caption, a figure or a section still prints."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from development_support import squeeze
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from portfolio_support import (
    TODAY,
    add_teachers,
    page_texts,
    photo,
    photo_file,
    qr_texts,
    raw_portfolio,
    squeezed_pages,
)

from kaplc_desktop import attachment_store
from kaplc_desktop.context import AppContext
from kaplc_desktop.domain import rich_text, vocabularies
from kaplc_desktop.domain.portfolio_rules import verification_code
from kaplc_desktop.i18n import _, set_language
from kaplc_desktop.paths import DB_FILENAME
from kaplc_desktop.progress import Cancelled, Progress
from kaplc_desktop.reports.pdf import blocks as b
from kaplc_desktop.reports.pdf.documents.portfolio_docs import _header, portfolio
from kaplc_desktop.reports.pdf.portfolio_pdf import _school_of, portfolio_facts, portfolio_pdf
from kaplc_desktop.reports.pdf.render import MARGINS
from kaplc_desktop.services.attached_files import PreparedFile, prepare_attached_file
from kaplc_desktop.services.demo_portfolios import demo_portfolios
from kaplc_desktop.services.portfolios import AwardEntry, FileEntry

FOOTER = re.compile(r"หน้า\d+จาก\d+$")
SPLIT_DATE = re.compile(r"[0-9]+/[0-9]+/[0-9]*\s+[0-9]+")


@pytest.fixture(autouse=True)
def font_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAPLC_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "kaplc-cache"))


@dataclass
class PrintedPortfolio:
    view: Any
    path: Path
    pages: int
    warnings: list[str]
    headings: list[tuple[str, int]]  # (text, level) of every heading the document lists in its contents


def contents_headings(doc: b.Document) -> list[tuple[str, int]]:
    """Every heading marked for the table of contents, in order, those kept with a picture included."""
    found: list[tuple[str, int]] = []

    def walk(blocks: Any) -> None:
        for block in blocks:
            if isinstance(block, b.Heading) and block.contents:
                found.append((block.text, block.level))
            elif isinstance(block, b.Keep):
                walk(block.blocks)

    walk(doc.blocks)
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, school_template: Path) -> Iterator[tuple[AppContext, list[Any]]]:
    """The demo school's four portfolios, each printed once for the whole module."""
    set_language("th")
    root = tmp_path_factory.mktemp("portfolio-pdf")
    (root / "school").mkdir()
    shutil.copyfile(school_template, root / "school" / DB_FILENAME)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KAPLC_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "kaplc-cache"))
        ctx = AppContext.open(root / "school")
        try:
            add_teachers(ctx)
            assert demo_portfolios(ctx, seed=1, today=TODAY) == 4
            printed = []
            for item in ctx.portfolios.gallery():
                view = ctx.portfolios.view(item.id)
                path = root / f"{item.id}.pdf"
                result = portfolio_pdf(ctx, item.id, path)
                name, esa, director = _school_of(ctx, view.portfolio.owner_code)
                facts = portfolio_facts(ctx.data_dir, view, name, esa, director=director)
                headings = contents_headings(portfolio(facts))
                printed.append(PrintedPortfolio(view, path, result.pages, result.warnings, headings))
            yield ctx, printed
        finally:
            ctx.close()


def body_pages(pages: list[str]) -> int:
    """The index of the first page after the table of contents (the cover is page 1, the contents page 2)."""
    title = squeeze(_("Table of contents"))
    at = [n for n, text in enumerate(pages) if title in text]
    assert at == [1], f"the contents title is on pages {[n + 1 for n in at]}"
    return 2


def flowing(pages: list[str], header: str) -> str:
    """The squeezed text of the pages after the contents, without each page's header and footer (so a word cut
    by a page break reads whole)."""
    heads = [squeeze(_("DRAFT · {title}").format(title=header)), squeeze(header)]  # a draft's header says so
    out = []
    for text in pages[body_pages(pages) :]:
        head = next((h for h in heads if text.startswith(h)), "")
        text = text[len(head) :]
        out.append(FOOTER.sub("", text))
    return "".join(out)


def landing_pages(pages: list[str], headings: list[tuple[str, int]]) -> list[int]:
    """The page (1-based) each heading lands on, looked for in order after the contents page."""
    found, page = [], body_pages(pages)
    for text, _level in headings:
        wanted = squeeze(text)
        while page < len(pages) and wanted not in pages[page]:
            page += 1
        assert page < len(pages), f"heading {text!r} is not in the text after the contents page"
        found.append(page + 1)
    return found


def contents_numbers(contents_page: str, headings: list[tuple[str, int]]) -> dict[str, int | None]:
    """The page number the contents page prints after each heading (None: the heading is not listed)."""
    numbers: dict[str, int | None] = {}
    pos = 0
    for text, _level in headings:
        pattern = r"\s*".join(re.escape(ch) for ch in text if not ch.isspace()) + r"\s*(\d+)(?=\s|$)"
        m = re.compile(pattern).search(contents_page, pos)
        numbers[text] = int(m.group(1)) if m else None
        if m:
            pos = m.end()
    return numbers


# --- what is printed --------------------------------------------------------------------------------------------
def test_every_section_prints_its_heading_and_words_in_order(demo: tuple[AppContext, list[Any]]) -> None:
    _ctx, printed = demo
    assert len(printed) == 4
    for folio in printed:
        view = folio.view
        pages = squeezed_pages(folio.path)
        unwritten = _("Sections not written yet (they are left out): {names}.").split("{")[0]
        assert folio.pages == len(pages) and [w for w in folio.warnings if not w.startswith(unwritten)] == []
        assert squeeze(view.portfolio.name) in pages[0]  # the cover
        for owner in view.owners:
            assert squeeze(owner.full_name_th) in pages[0]
        text = flowing(pages, _header(view.portfolio.name))
        cursor = 0
        assert view.sections
        for number, (code, body) in enumerate(view.sections.items(), start=1):
            heading = squeeze(f"{number}. {vocabularies.label('portfolio_section', code)}")
            at = text.find(heading, cursor)
            assert at >= 0, f"{view.portfolio.name}: heading {heading} missing or out of order"
            blocks = rich_text.parse(body)
            for block in (blocks[0], blocks[-1]):  # its first and its last sentence, after its heading
                words = squeeze(block.text)
                found = text.find(words, at + len(heading))
                assert found >= 0, f"{view.portfolio.name}: {block.text!r} of {code} not printed after its heading"
            cursor = at + len(heading)
        for picture in view.pictures:
            assert squeeze(picture.caption) in text
        for figure in view.figures:
            assert squeeze(figure.label) in text


def test_the_contents_page_numbers_are_the_pages_the_headings_land_on(demo: tuple[AppContext, list[Any]]) -> None:
    _ctx, printed = demo
    for folio in printed:
        pages = squeezed_pages(folio.path)
        raw_contents = page_texts(folio.path)[1]
        listed = [h for h in folio.headings if h[1] == 1]
        assert listed and all(squeeze(t) in pages[1] for t, _lv in listed)
        landed = dict(zip([t for t, _lv in listed], landing_pages(pages, listed), strict=True))
        numbers = contents_numbers(raw_contents, listed)
        assert numbers == landed, f"{folio.view.portfolio.name}: contents say {numbers}, headings are on {landed}"


def test_the_contents_list_each_piece_of_evidence(demo: tuple[AppContext, list[Any]]) -> None:
    """The contents list every heading marked for them: the appendix's evidence items too (indented)."""
    _ctx, printed = demo
    reading = next(f for f in printed if f.view.evidence)
    items = [h for h in reading.headings if h[1] == 2]
    assert len(items) == len(reading.view.evidence) + sum(1 for a in reading.view.awards if a.certificate_sha256)
    contents = squeezed_pages(reading.path)[1]
    missing = [t for t, _lv in items if squeeze(t) not in contents]
    assert not missing, (
        f"PRODUCT BUG: the table of contents leaves out the evidence items {missing}: render._Builder collects "
        "self.headings from the top-level blocks only, and evidence_blocks wraps each evidence heading in a Keep "
        "(the bookmarks do list them)"
    )


def test_the_bookmarks_go_to_the_pages_the_headings_land_on(demo: tuple[AppContext, list[Any]]) -> None:
    from pypdf import PdfReader

    _ctx, printed = demo
    for folio in printed:
        reader = PdfReader(folio.path)
        marks: list[tuple[str, int]] = []

        def walk(outline: Any) -> None:
            for item in outline:
                if isinstance(item, list):
                    walk(item)
                else:
                    marks.append((item.title, reader.get_destination_page_number(item) + 1))  # noqa: B023

        walk(reader.outline)
        landed = landing_pages(squeezed_pages(folio.path), folio.headings)
        expected = list(zip([t for t, _lv in folio.headings], landed, strict=True))
        assert [t for t, _p in marks] == [t for t, _p in expected]
        assert marks == expected, (
            f"PRODUCT BUG: {folio.view.portfolio.name}: the PDF bookmarks go to pages {[p for _t, p in marks]}, "
            f"the headings are on pages {landed}: render's NumberedCanvas keeps every page until save(), so "
            "canv.bookmarkPage() in afterFlowable always names the first page"
        )


def test_a_pdf_evidence_document_prints_its_pages(demo: tuple[AppContext, list[Any]]) -> None:
    """The school's own work keeps its report as a PDF: the appendix shows the report's page as a picture."""
    _ctx, printed = demo
    (folio,) = [f for f in printed if any(e.media_type == "application/pdf" for e in f.view.evidence)]
    assert folio.view.portfolio.owner_type == "school" and folio.view.owners == []
    pages = squeezed_pages(folio.path)
    appendix = next(n for n, text in enumerate(pages) if n > 1 and squeeze(_("Appendix: evidence")) in text)
    assert (
        squeeze(_("[this document could not be read; it is kept with the portfolio as it is]")) not in pages[appendix]
    )
    with pdfplumber.open(folio.path) as pdf:
        shown = pdf.pages[appendix].images
        assert shown and max(i["height"] for i in shown) > 400  # nearly a whole page, drawn by pdfium
    assert squeeze(_("A work of the school as a whole")) in pages[0]


def test_the_award_date_prints_whole(demo: tuple[AppContext, list[Any]]) -> None:
    """A date in the awards table is never cut in two ("20/03/256" on one line, "9" on the next)."""
    _ctx, printed = demo
    for folio in printed:
        for award in folio.view.awards:
            date = award.awarded_on
            shown = f"{date.day:02d}/{date.month:02d}/{date.year + 543}"
            raw = "".join(page_texts(folio.path))
            assert shown in squeeze(raw)
            cut = re.findall(SPLIT_DATE, raw)[:3]
            assert shown in raw, (
                f"PRODUCT BUG: the award date {shown} is broken across two lines of the awards table "
                f"({cut}): the date column (0.13 of the width) is narrower "
                "than a date in the body font, so whole_words cannot keep it whole"
            )


def test_a_thai_portfolio_prints_in_thai(demo: tuple[AppContext, list[Any]]) -> None:
    _ctx, printed = demo
    english = ("Table of contents", "Abstract", "Picture ", "Awards received", "Appendix", "Evidence ", "Supports:")
    english += ("Light bar", "Indicator", "Given by", "Verification code", "Certificate:", "By ")
    for folio in printed:
        raw = "\n".join(page_texts(folio.path))
        found = [word for word in english if word in raw]
        assert not found, (
            f"PRODUCT BUG: the Thai portfolio PDF prints English labels {found}: the new portfolio strings have no "
            "Thai translation in resources/locale/th/LC_MESSAGES/kaplc.po (test_i18n fails too)"
        )


def test_nothing_prints_outside_the_margins(demo: tuple[AppContext, list[Any]]) -> None:
    _ctx, printed = demo
    for folio in printed:
        outside_margins(folio.path)


def outside_margins(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            left, right = MARGINS["left"] - 1, page.width - MARGINS["right"] + 1
            for char in page.chars:
                assert char["x0"] >= left and char["x1"] <= right, (number, char["text"], char["x0"], char["x1"])
            for image in page.images:
                assert image["x0"] >= left and image["x1"] <= right, (number, "picture", image["x0"], image["x1"])
                assert image["top"] >= MARGINS["top"] - 1 and image["bottom"] <= page.height - MARGINS["bottom"] + 1


def test_the_cover_qr_code_reads_as_the_portfolio_and_its_content(demo: tuple[AppContext, list[Any]]) -> None:
    ctx, printed = demo
    for folio in printed:
        codes = qr_texts(folio.path, page=0)
        expected = verification_code(folio.view.portfolio.id, folio.view.digest)
        assert codes == [expected], codes
        view, same = ctx.portfolios.verify(codes[0])
        assert view.portfolio.id == folio.view.portfolio.id and same
        cover = squeezed_pages(folio.path)[0]
        assert folio.view.portfolio.id[:8] in cover and folio.view.digest[:12] in cover  # the code's text under it
        assert not any(qr_texts(folio.path, page=n, scale=2.0) for n in (1, 2))  # on the cover only


def test_a_picture_of_a_section_without_text_still_prints(school_ctx: AppContext, tmp_path: Path) -> None:
    """A picture put under a section not written yet prints under that section's heading (so the docs say)."""
    people = add_teachers(school_ctx)
    row = school_ctx.portfolios.save(
        raw_portfolio(),
        owners=[people[0].id],
        sections={"importance": "นักเรียนอ่านไม่คล่อง"},
        files=[FileEntry("section", "process", "ครูสาธิตการอ่าน", prepared=photo(tmp_path / "p", "ครูสาธิตการอ่าน"))],
        today=TODAY,
    )
    target = tmp_path / "picture.pdf"
    printed = portfolio_pdf(school_ctx, row.id, target)
    text = flowing(squeezed_pages(target), _header(row.name))
    heading = squeeze("2. " + vocabularies.label("portfolio_section", "process"))
    assert heading in text
    with pdfplumber.open(target) as pdf:
        pictures = sum(len(page.images) for page in pdf.pages[2:])
    assert squeeze("ครูสาธิตการอ่าน") in text[text.index(heading) :] and pictures == 1, (
        f"PRODUCT BUG: the picture of a section with no text is not printed ({pictures} pictures after the "
        f"contents, warnings {printed.warnings}), only its heading: portfolio_facts adds a picture to `pictures` "
        "only when its section has text (or is results), then adds the empty section's heading without it"
    )


# --- hostile input ----------------------------------------------------------------------------------------------
MARKUP = "<b>ตัวหนา</b> & <para>ย่อหน้า</para> &amp; <font size=90>ใหญ่</font> ]]><!--"
URL = "https://example.com/" + "เส้นทาง/path-" * 40 + "?q=ค่า&x=1"
LONG_SECTION = "การเรียนรู้ร่วมกันของครู " * 2000  # 50,000 characters


def test_hostile_text_and_broken_files_still_print_literally(school_ctx: AppContext, tmp_path: Path) -> None:
    people = add_teachers(school_ctx)
    pictures = tmp_path / "pictures"
    huge = tmp_path / "huge.jpg"
    from PIL import Image

    Image.new("RGB", (12000, 9000), (200, 120, 40)).save(huge, quality=50)  # a plain colour: a small file
    big = prepare_attached_file(huge, "ภาพขนาดใหญ่มาก")
    with Image.open(io.BytesIO(big.content)) as scaled:
        assert max(scaled.size) == 1600 and scaled.format == "JPEG"
    broken = PreparedFile(b"\xff\xd8\xff\xe0 not really a jpeg", "image/jpeg", "broken.jpg")
    broken_pdf = PreparedFile(b"%PDF-1.4\n/Page garbage\n%%EOF", "application/pdf", "เสีย.pdf")
    lost = photo(pictures, "ภาพที่หาย", "purple")
    title = "ผลงาน <b>ทดสอบ</b> & <i>ของครู</i>"
    row = school_ctx.portfolios.save(
        raw_portfolio(name=title, abstract="บทคัดย่อ & <br/> ย่อหน้า"),
        owners=[people[0].id],
        sections={
            "importance": MARKUP,
            "objectives": "ข" * 3000,  # one word, no space
            "process": f"ดูรายละเอียดที่ {URL} ได้",
            "results": "ผลดีมาก 😀👍🏽 🇹🇭 ครูยิ้ม",
            "success_factors": "**ไม่ปิด และ 5 * 3 = 15 \\ C:\\temp",
            "lessons": LONG_SECTION,
        },
        files=[
            FileEntry("section", "process", "<i>ภาพ</i> & คำบรรยาย", prepared=broken),
            FileEntry("section", "process", "ภาพที่หาย", prepared=lost),
            FileEntry("section", "results", "ภาพขนาดใหญ่มาก", prepared=big),
            FileEntry("evidence", None, "เอกสารเสีย", prepared=broken_pdf),
        ],
        figures=[
            {"label": "<b>ตัวชี้วัด</b> & ค่า", "unit": "ร้อยละ", "before": "0", "after": "9,999,999.99"},
            {"label": "ลดลง", "before": "5", "after": "0"},
        ],
        awards=[AwardEntry({"name": "รางวัล <b>&</b>", "level": "national", "issuer": "&lt;ผู้มอบ&gt;"})],
        today=TODAY,
    )
    attachment_store.path_for(school_ctx.data_dir, lost_sha(school_ctx, row.id)).unlink()  # gone from the disk
    target = tmp_path / "hostile.pdf"
    printed = portfolio_pdf(school_ctx, row.id, target)
    assert printed.pages > 10
    assert any("1" in w for w in printed.warnings), printed.warnings  # one picture is not in this copy
    pages = squeezed_pages(target)
    text = flowing(pages, _header(title))
    assert squeeze(title) in pages[0]
    assert squeeze(MARKUP) in text  # printed as typed, not read as markup
    assert squeeze("<i>ภาพ</i> & คำบรรยาย") in text and squeeze("<b>ตัวชี้วัด</b> & ค่า") in text
    assert squeeze("รางวัล <b>&</b>") in text and "&lt;ผู้มอบ&gt;" in text
    assert "ข" * 3000 in text
    assert squeeze(URL) in text
    assert "ผลดีมาก" in text and "ครูยิ้ม" in text
    assert squeeze("**ไม่ปิด และ 5 * 3 = 15 \\ C:\\temp") in text
    assert text.count("การเรียนรู้ร่วมกันของครู") == 2000
    assert text.count(squeeze(_("[picture not available: {name}]").split("{")[0])) >= 2  # broken, and lost
    assert squeeze(_("[this document could not be read; it is kept with the portfolio as it is]")) in text
    assert target.stat().st_size < 3_000_000
    outside_margins(target)


def lost_sha(ctx: AppContext, portfolio_id: str) -> str:
    (lost,) = [f for f in ctx.portfolios.view(portfolio_id).files if f.caption == "ภาพที่หาย"]
    return lost.file_sha256


# --- any typed text ---------------------------------------------------------------------------------------------
PRINTABLE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=150)


@pytest.fixture(scope="module")
def small_photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return photo_file(tmp_path_factory.mktemp("photo"), "ภาพเล็ก.jpg", "teal", (400, 300))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(PRINTABLE, min_size=5, max_size=5))
def test_any_text_in_the_title_a_caption_a_figure_and_a_section_prints(
    tmp_path: Path, small_photo: Path, texts: list[str]
) -> None:
    from kaplc_desktop.reports.pdf.documents.portfolio_docs import Evidence, Figure, Owner, Picture, PortfolioFacts
    from kaplc_desktop.reports.pdf.render import render

    title, caption, label, section, other = texts
    heading = vocabularies.label("portfolio_section", "process")
    facts = PortfolioFacts(
        title=title,
        kind="นวัตกรรม",
        category=other,
        field="",
        learning_area=label,
        year=2569,
        owners=(Owner(other or "ครู", caption),),
        school_name="โรงเรียนบ้านทดสอบ",
        esa_name="สพป.สงขลา เขต 2",
        abstract=section,
        sections=((heading, section), (vocabularies.label("portfolio_section", "results"), other)),
        pictures={heading: (Picture(small_photo, caption), Picture(None, other))},
        figures=(Figure(label, other, "1", "2", "+1", (1.0, 2.0)),),
        figures_under=vocabularies.label("portfolio_section", "results"),
        awards=((label, "ระดับชาติ", caption, "01/02/2569", other),),
        evidence=(Evidence(caption, heading, (small_photo,)),),
        code=verification_code("0" * 8 + "-0000-4000-8000-" + "0" * 12, "a" * 64),
        code_caption="รหัสตรวจสอบ",
    )
    path = tmp_path / "any.pdf"
    assert render(portfolio(facts), path) >= 3
    page_texts(path)  # no replacement or private-use characters in the text layer


def test_a_portfolio_prints_with_thai_digits(demo: tuple[AppContext, list[Any]], tmp_path: Path) -> None:
    ctx, printed = demo
    folio = next(f for f in printed if f.view.figures)
    target = tmp_path / "thai.pdf"
    portfolio_pdf(ctx, folio.view.portfolio.id, target, thai_digits=True)
    pages = squeezed_pages(target)
    year = str(folio.view.portfolio.academic_year).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert year in pages[0]
    assert qr_texts(target) == [verification_code(folio.view.portfolio.id, folio.view.digest)]  # the code stays
    assert folio.view.digest[:12] in pages[0]


def slow_pdf(curves: int) -> bytes:
    """A small PDF whose one page holds `curves` thin strokes: a few kilobytes that take pdfium seconds to draw."""
    import random
    import zlib

    rnd = random.Random(1)
    line = b"".join(
        b"%d %d m %d %d %d %d %d %d c S\n" % tuple(rnd.randint(0, 842) for _ in range(8)) for _ in range(300)
    )
    content = zlib.compress(b"0.1 w\n" + line * (curves // 300), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(
        b"%010d 00000 n \n" % o for o in offsets
    )
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def portfolio_with_evidence(ctx: AppContext, tmp_path: Path, content: bytes) -> Any:
    people = add_teachers(ctx)
    return ctx.portfolios.save(
        raw_portfolio(name="ผลงานที่มีเอกสารแนบช้า"),
        owners=[people[0].id],
        sections={"importance": "ความเป็นมาของผลงาน"},
        files=[
            FileEntry("evidence", None, "รายงานที่วาดช้า", prepared=PreparedFile(content, "application/pdf", "ช้า.pdf"))
        ],
        today=TODAY,
    )


def test_an_evidence_pdf_that_takes_too_long_to_draw_is_stopped_and_named(
    school_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crafted document of a few kilobytes can keep pdfium drawing for minutes: the portfolio prints anyway,
    within the reader's time limit, with a note in its place and a warning that names it."""
    import time

    from kaplc_desktop.reports.pdf import pdf_pages

    row = portfolio_with_evidence(school_ctx, tmp_path, slow_pdf(600_000))
    monkeypatch.setattr(pdf_pages, "RENDER_SECONDS", 1.0)
    started = time.monotonic()
    printed = portfolio_pdf(school_ctx, row.id, tmp_path / "slow.pdf")
    assert time.monotonic() - started < 15
    assert any("รายงานที่วาดช้า" in w for w in printed.warnings), printed.warnings
    text = "".join(squeezed_pages(tmp_path / "slow.pdf"))
    assert squeeze(_("[this document took too long to draw; it is kept with the portfolio as it is]")) in text


def test_cancel_stops_the_evidence_reader_at_once(school_ctx: AppContext, tmp_path: Path) -> None:
    import threading
    import time

    row = portfolio_with_evidence(school_ctx, tmp_path, slow_pdf(600_000))
    started: list[float] = []

    def on_update(_done: int, _total: int, message: str) -> None:
        if not started and message == _("Reading evidence {n} of {total}…").format(n=1, total=1):
            started.append(time.monotonic())
            threading.Timer(0.5, progress.cancel).start()  # the user presses Cancel half a second later

    progress = Progress(on_update)
    with pytest.raises(Cancelled):
        portfolio_pdf(school_ctx, row.id, tmp_path / "cancelled.pdf", progress=progress)
    assert started and time.monotonic() - started[0] < 3
    assert not (tmp_path / "cancelled.pdf").exists()


class CancelAt(Progress):
    """Cancel pressed just before update number `step` (counted from 0): that update raises."""

    def __init__(self, step: int) -> None:
        super().__init__()
        self.step, self.calls = step, 0

    def update(self, done: int, total: int, message: str = "") -> None:
        if self.calls >= self.step:
            self.cancel()
        self.calls += 1
        super().update(done, total, message)


def test_cancel_at_any_page_is_a_clean_cancel(demo: tuple[AppContext, list[Any]], tmp_path: Path) -> None:
    """ReportLab re-raises an error from inside a forced page break as type(error)(message): Cancel pressed while
    any page is laid out stays a Cancel, and nothing is written."""

    ctx, printed = demo
    folio = max(printed, key=lambda f: f.pages)
    seen: list[str] = []
    portfolio_pdf(
        ctx, folio.view.portfolio.id, tmp_path / "whole.pdf", progress=Progress(lambda d, t, m: seen.append(m))
    )
    page_steps = [n for n, message in enumerate(seen) if message.startswith(_("Laying out page {n}…").split("{")[0])]
    assert len(page_steps) >= folio.pages, (seen, folio.pages)
    for step in page_steps:
        with pytest.raises(Cancelled):
            portfolio_pdf(ctx, folio.view.portfolio.id, tmp_path / "cancelled.pdf", progress=CancelAt(step))
        assert not (tmp_path / "cancelled.pdf").exists()


def test_the_cover_names_each_owner_with_their_position_and_a_school_work_its_director(
    demo: tuple[AppContext, list[Any]],
) -> None:
    ctx, printed = demo
    info = ctx.workspace.get()
    assert info is not None and info.principal_name
    for folio in printed:
        cover = squeezed_pages(folio.path)[0]
        if folio.view.portfolio.owner_type == "school":
            assert squeeze(_("School director: {name}").format(name=info.principal_name)) in cover
            continue
        for owner in folio.view.owners:  # every owner, each with their own position
            line = _("{name}, {position}").format(name=owner.full_name_th, position=owner.display("position"))
            assert squeeze(line) in cover, (line, cover)


def test_a_percentage_changes_by_points_and_tables_are_numbered(demo: tuple[AppContext, list[Any]]) -> None:
    """58% → 86% is +28 points, not +48.3%; a count changes by itself and by its share of before."""
    _ctx, printed = demo
    folio = next(f for f in printed if any(x.unit == "ร้อยละ" for x in f.view.figures) and f.view.awards)
    text = "".join(squeezed_pages(folio.path))
    for figure in folio.view.figures:
        diff = (figure.after - figure.before) // 100
        if figure.unit == "ร้อยละ":
            assert squeeze(_("{change} points").format(change=f"+{diff}")) in text
        elif figure.before and figure.after - figure.before == diff * 100:
            assert squeeze(f"+{diff} (+{diff * 100 / (figure.before / 100):.1f}%)") in text
    assert squeeze(_("Table {n}").format(n=1) + " " + _("Result figures before and after the work")) in text
    assert squeeze(_("Table {n}").format(n=2) + " " + _("Awards received")) in text


def test_printing_warns_of_unwritten_sections_and_uncaptioned_pictures(school_ctx: AppContext, tmp_path: Path) -> None:
    people = add_teachers(school_ctx)
    row = school_ctx.portfolios.save(
        raw_portfolio(name="ผลงานที่ยังเขียนไม่ครบ"),
        owners=[people[0].id],
        sections={"importance": "ความเป็นมา"},
        files=[FileEntry("section", "importance", "", prepared=photo(tmp_path, ""))],
        today=TODAY,
    )
    printed = portfolio_pdf(school_ctx, row.id, tmp_path / "draft.pdf")
    unwritten = [t.label() for t in vocabularies.terms("portfolio_section") if t.code != "importance"]
    assert _("Sections not written yet (they are left out): {names}.").format(names=", ".join(unwritten)) in (
        printed.warnings
    )
    assert _("{n} picture(s) or document(s) have no caption yet; a caption says what the picture shows.").format(
        n=1
    ) in (printed.warnings)


def test_a_flood_of_combining_marks_in_a_section_prints_on_a_few_pages(school_ctx: AppContext, tmp_path: Path) -> None:
    """Twenty thousand marks stacked on one letter (pasted “Zalgo” text) print as a letter with a few marks, not as
    a line for every piece the layout cut the flood into (hundreds of pages, once)."""
    people = add_teachers(school_ctx)
    flood = "ก" + "\u0e48" * 20_000 + " คำต่อไป\n" + "x" + "\u0301" * 20_000 + " next"
    glued = "ก" + "\u0e32" * 20_000 + " ต่อ\n" + "\u0e40" * 20_000 + "ก ท้าย"  # 430 pages each, before
    row = school_ctx.portfolios.save(
        raw_portfolio(), owners=[people[0].id], sections={"importance": flood, "process": glued}, today=TODAY
    )
    target = tmp_path / "flood.pdf"
    portfolio_pdf(school_ctx, row.id, target)
    with pdfplumber.open(target) as pdf:
        pages = len(pdf.pages)
    assert pages <= 20, pages
    text = "".join(squeezed_pages(target))
    assert squeeze("คำต่อไป") in text and "next" in text and squeeze("ท้าย") in text


def pages_pdf(pages: int, tag: str) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    for n in range(pages):
        page.drawString(72, 700, f"{tag} page {n + 1}")
        page.showPage()
    page.save()
    return out.getvalue()


def test_one_print_draws_each_document_once_and_a_bounded_number_of_pages(
    school_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same document attached twice is drawn once; documents past the print's page budget are named in a
    note and a warning, not drawn (thirty crafted documents would otherwise cost thirty times the limits)."""
    from kaplc_desktop.reports.pdf import portfolio_pdf as module

    monkeypatch.setattr(module, "EVIDENCE_PAGES", 4)
    calls: list[int] = []
    real = module.pdf_pages

    def counted(path: Path, max_pages: int, progress: Progress, seconds: float) -> Any:
        calls.append(max_pages)
        return real(path, max_pages, progress, seconds)

    monkeypatch.setattr(module, "pdf_pages", counted)
    people = add_teachers(school_ctx)
    first, second = pages_pdf(3, "first"), pages_pdf(3, "second")
    files = [
        FileEntry("evidence", None, "เอกสารแรก", prepared=PreparedFile(first, "application/pdf", "a.pdf")),
        FileEntry("evidence", None, "เอกสารแรกอีกครั้ง", prepared=PreparedFile(first, "application/pdf", "a2.pdf")),
        FileEntry("evidence", None, "เอกสารที่สอง", prepared=PreparedFile(second, "application/pdf", "b.pdf")),
        FileEntry(
            "evidence", None, "เอกสารที่สาม", prepared=PreparedFile(pages_pdf(1, "third"), "application/pdf", "c.pdf")
        ),
    ]
    row = school_ctx.portfolios.save(raw_portfolio(), owners=[people[0].id], files=files, today=TODAY)
    target = tmp_path / "budget.pdf"
    printed = portfolio_pdf(school_ctx, row.id, target)
    assert calls == [4, 1], calls  # the first document once; the second gets the one page left; the third none
    text = "".join(squeezed_pages(target))
    note = squeeze(_("[not drawn: the documents before it fill what one print draws; it is kept with the portfolio]"))
    assert text.count(note) == 1
    left = [w for w in printed.warnings if "เอกสารที่สาม" in w]
    assert len(left) == 1 and "เอกสารที่สอง" not in left[0], printed.warnings
    with pdfplumber.open(target) as pdf:
        drawn = sum(len(page.images) for page in pdf.pages)
    assert drawn == 3 + 3 + 1, drawn  # the first document's pages printed under both attachments, and one more


def test_a_document_that_cannot_be_read_is_named_in_a_warning(school_ctx: AppContext, tmp_path: Path) -> None:
    people = add_teachers(school_ctx)
    broken = PreparedFile(b"%PDF-1.4\n" + b"garbage " * 200, "application/pdf", "broken.pdf")
    row = school_ctx.portfolios.save(
        raw_portfolio(),
        owners=[people[0].id],
        files=[FileEntry("evidence", None, "รายงานที่เสีย", prepared=broken)],
        today=TODAY,
    )
    printed = portfolio_pdf(school_ctx, row.id, tmp_path / "broken.pdf")
    assert any("รายงานที่เสีย" in w and "1" in w for w in printed.warnings), printed.warnings


def test_a_work_whose_owners_are_gone_is_not_printed_as_the_schools(school_ctx: AppContext, tmp_path: Path) -> None:
    """The only owner's record is gone (erased at the person's request; one in the Trash still owns the work): the
    cover never says the school as a whole made the work, and a warning says to choose its owners again."""
    people = add_teachers(school_ctx)
    row = school_ctx.portfolios.save(raw_portfolio(), owners=[people[0].id], today=TODAY)
    school_ctx.sync.erase("personnel", people[0].id, "คำขอของเจ้าของข้อมูล")
    target = tmp_path / "gone.pdf"
    printed = portfolio_pdf(school_ctx, row.id, target)
    cover = squeezed_pages(target)[0]
    assert squeeze(_("A work of the school as a whole")) not in cover
    assert squeeze(_("[the owners' records are no longer held in this copy]")) in cover
    gone = _(
        "None of this portfolio's owners is in the staff records any more (their records were erased): the "
        "cover names no one. Choose its owners again before printing it to send."
    )
    assert gone in printed.warnings, printed.warnings


def test_a_draft_says_so_on_the_cover_and_every_page_and_a_submitted_work_does_not(
    school_ctx: AppContext, tmp_path: Path
) -> None:
    """A draft printed to look over must never pass for the copy sent to the district (found by a principal)."""
    people = add_teachers(school_ctx)
    sections = {"importance": "ความสำคัญ", "process": "ขั้นตอน"}
    draft = school_ctx.portfolios.save(raw_portfolio(), owners=[people[0].id], sections=sections, today=TODAY)
    sent = school_ctx.portfolios.save(
        raw_portfolio(name="ผลงานที่ส่งแล้ว", status="submitted", submitted_on="01/11/2569"),
        owners=[people[0].id],
        sections=sections,
        today=TODAY,
    )
    mark = squeeze(_("DRAFT: not yet submitted to the district office"))
    header = squeeze(_("DRAFT · {title}").format(title=""))
    portfolio_pdf(school_ctx, draft.id, tmp_path / "draft.pdf")
    pages = squeezed_pages(tmp_path / "draft.pdf")
    assert mark in pages[0]
    assert all(page.startswith(header) for page in pages[1:]), pages
    portfolio_pdf(school_ctx, sent.id, tmp_path / "sent.pdf")
    pages = squeezed_pages(tmp_path / "sent.pdf")
    assert mark not in pages[0] and not any(header in page for page in pages)


@pytest.mark.parametrize("thai_digits", [False, True])
def test_numbers_medals_and_dates_in_the_tables_are_never_broken_across_lines(
    school_ctx: AppContext, tmp_path: Path, thai_digits: bool
) -> None:
    """Found by a principal: 150000 printed as “15000 / 0”, เหรียญทองแดง as “เหรียญทอง / แดง” (read as gold), the
    tenth row as “1 / 0” and a date in Thai digits as “๒๐/๐๓/๒๕๖ / ๙”. Each stays on one line, and figures print
    with thousands apart."""
    people = add_teachers(school_ctx)
    awards = [
        AwardEntry({"name": f"รางวัลที่ {n}", "level": "district", "rank": "runner_up_1", "medal": "bronze",
                    "awarded_on": "20/03/2569", "issuer": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสงขลา เขต 2"})
        for n in range(1, 12)
    ]  # fmt: skip
    figures = [
        {"label": "งบประมาณที่ใช้", "unit": "บาท", "before": "150000.50", "after": "2500000"},
        {"label": "ค่าเฉลี่ย", "unit": "คะแนน", "before": "12500.75", "after": "9999999.99"},
    ]
    row = school_ctx.portfolios.save(
        raw_portfolio(), owners=[people[0].id], sections={"results": "ผลการดำเนินงาน"}, figures=figures,
        awards=awards, today=TODAY,
    )  # fmt: skip
    target = tmp_path / "tables.pdf"
    portfolio_pdf(school_ctx, row.id, target, thai_digits=thai_digits)
    lines = [line.strip() for page in page_texts(target) for line in page.splitlines()]

    def digits(text: str) -> str:
        return text.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")) if thai_digits else text

    for whole in ("150,000.50", "2,500,000", "12,500.75", "9,999,999.99", "20/03/2569"):
        assert any(digits(whole) in line for line in lines), (whole, lines)
    assert sum("เหรียญทองแดง" in line for line in lines) == 11
    assert any(line.startswith(digits("10 ")) or line == digits("10") for line in lines), lines
