"""Thai PDFs read back: text layer, margins, line starts, shaping, hostile input, and a golden picture."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from kaplc_desktop.reports.pdf.blocks import Document, Heading, Image, Para, Run, Table, Title
from kaplc_desktop.reports.pdf.documents.specimen import LONG_PARAGRAPH, TRICKY_WORDS, golden_words, specimen
from kaplc_desktop.reports.pdf.render import MARGINS, render

GOLDEN = Path(__file__).parent / "golden" / "tricky-words.png"
COMBINING = re.compile(r"^[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]")


@pytest.fixture(autouse=True)
def font_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAPLC_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "kaplc-cache"))


def squash(text: str) -> str:
    """Extracted text compared to its source: NFKC, no whitespace; SARA AM is decomposed by HarfBuzz into
    nikhahit + sara aa with the tone mark in between or before, so both orders are made one."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub("\u0e4d([\u0e48-\u0e4b])", "\\1\u0e4d", text).replace("\u0e4d\u0e32", "\u0e33")
    return re.sub(r"\s+", "", text)


def build(tmp_path: Path, doc: Document, name: str = "doc.pdf") -> Path:
    target = tmp_path / name
    assert render(doc, target) >= 1
    return target


def page_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_text_layer_holds_every_heading_and_sentence(tmp_path: Path) -> None:
    path = build(tmp_path, specimen())
    text = squash(page_text(path))
    for word in TRICKY_WORDS.split():
        assert squash(word) in text, word
    assert squash(LONG_PARAGRAPH) in text
    assert squash("ตัวอย่างการพิมพ์ภาษาไทย") in text
    assert "\ue000" not in text and not re.search(r"[\ue000-\uf8ff]", text)  # no private-use codes
    assert squash("<b> & ข้อความ") in text  # markup typed by a user is printed literally
    info = PdfReader(path).metadata
    assert info is not None and info.title and info.author == "KA-PLC Desktop"


def test_the_specimen_prints_thai_digits_when_asked(tmp_path: Path) -> None:
    thai = squash(page_text(build(tmp_path, specimen(thai_digits=True), "thai.pdf")))
    arabic = squash(page_text(build(tmp_path, specimen(), "arabic.pdf")))
    assert "๒๕๖๙" in thai and "2569" not in thai
    assert "2569" in arabic and "๒๕๖๙" not in arabic


def test_nothing_outside_the_margins_and_no_line_starts_with_a_mark(tmp_path: Path) -> None:
    doc = Document(
        "ทดสอบ",
        [Title("หัวเรื่อง"), Para.of(LONG_PARAGRAPH * 6), Para.of("ก" * 300), Para.of("https://example.com/" + "a" * 480)],
    )
    path = build(tmp_path, doc)
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            right = page.width - MARGINS["right"] + 1
            for char in page.chars:
                assert char["x0"] >= MARGINS["left"] - 1 and char["x1"] <= right, char["text"]
            for line in page.extract_text_lines(strip=True, y_tolerance=8):
                assert not COMBINING.match(line["text"]), f"a line starts with a mark: {line['text'][:20]!r}"


def test_shaping_is_active(tmp_path: Path) -> None:
    from reportlab.pdfbase import ttfonts

    assert ttfonts.uharfbuzz is not None, "uharfbuzz is missing: Thai would print without shaping"
    path = build(tmp_path, Document("ทดสอบ", [Para.of("ที่ ปั้น ญี่ปุ่น กตัญญู")]))
    with pdfplumber.open(path) as pdf:
        fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[0].chars}
    assert fonts == {"SarabunTH"}
    raw = path.read_bytes()
    assert b"SarabunTH" in raw


@pytest.mark.parametrize(
    "blocks",
    [
        [Para.of(""), Para.of(None), Heading("")],
        [Para.of("ข้อความยาว " * 5000)],  # about 50,000 characters
        [Para.of("x" * 500)],
        [Para.of("อีโมจิ 😀👍 และตัวอักษรจีน 漢字 และ \u200b\u200d")],
        [Para((Run("<para>&amp;</para> <font size=90>", bold=True), Run("]]><!--", italic=True)))],
        [Image(Path("/does/not/exist.png"), caption="ไม่มีไฟล์")],
        [Table(("ก", "ข"), (("ยาว" * 200, ""), ("", "")))],
    ],
)
def test_bad_input_still_builds(tmp_path: Path, blocks: list) -> None:  # type: ignore[type-arg]
    assert build(tmp_path, Document("ทดสอบ", blocks)).stat().st_size > 1000


def test_corrupt_and_huge_images(tmp_path: Path) -> None:
    from PIL import Image as PILImage

    corrupt = tmp_path / "broken.jpg"
    corrupt.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    huge = tmp_path / "huge.jpg"
    PILImage.new("RGB", (12000, 9000), (200, 120, 40)).save(huge, quality=50)
    path = build(tmp_path, Document("รูป", [Image(corrupt, "เสีย"), Image(huge, "ใหญ่มาก")]))
    assert path.stat().st_size < 2_000_000  # the huge picture was downscaled before embedding
    assert squash("ไม่พบรูปภาพ") in squash(page_text(path))  # the broken file is named, visibly


def render_page_png(pdf: Path, page: int = 0, scale: float = 1.0):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    image = document[page].render(scale=scale).to_pil().convert("L")
    document.close()
    return image


def differing_fraction(reference, image) -> float:  # type: ignore[no-untyped-def]
    """The share of pixels that differ clearly, inside the box the reference's words occupy."""
    from PIL import ImageChops, ImageOps

    top = reference.crop((0, 0, reference.width, reference.height // 2))
    box = ImageOps.invert(top).getbbox()
    assert box is not None
    diff = ImageChops.difference(reference.crop(box), image.crop(box))
    histogram = diff.histogram()
    return sum(histogram[65:]) / (diff.width * diff.height)


def test_golden_tricky_words(tmp_path: Path) -> None:
    """A dependency update that breaks shaping changes this picture and fails here."""
    from PIL import Image as PILImage

    image = render_page_png(build(tmp_path, golden_words()), scale=1.5)
    if not GOLDEN.exists():  # a new reference: write it and fail, so someone looks at it before committing
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        image.save(GOLDEN)
        pytest.fail(f"wrote a new reference image {GOLDEN}; look at it, commit it, run again")
    reference = PILImage.open(GOLDEN).convert("L")
    assert reference.size == image.size
    assert differing_fraction(reference, image) < 0.003


def test_the_golden_check_would_catch_unshaped_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image as PILImage

    from kaplc_desktop.reports.pdf import styles

    assert GOLDEN.exists(), "the committed reference picture is missing: run test_golden_tricky_words to write it"
    original = styles.styles
    styles.styles.cache_clear()

    def unshaped(family: str):  # type: ignore[no-untyped-def]
        result = dict(original(family))
        for key, style in result.items():
            copy = style.clone(style.name)
            copy.shaping = 0
            result[key] = copy
        return result

    monkeypatch.setattr("kaplc_desktop.reports.pdf.render.styles", unshaped)
    image = render_page_png(build(tmp_path, golden_words(), "unshaped.pdf"), scale=1.5)
    styles.styles.cache_clear()
    assert differing_fraction(PILImage.open(GOLDEN).convert("L"), image) > 0.01


def test_pdf_commands(school_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:

    from support import teacher

    from kaplc_desktop.cli.main import main

    assert main(["--data-dir", str(school_dir), "personnel", "list", "--json"]) == 0
    capsys.readouterr()
    from kaplc_desktop.context import AppContext

    with AppContext.open(school_dir) as ctx:
        person = ctx.personnel.add(teacher(first_name_en="Somchai"))
    roster = tmp_path / "roster.pdf"
    assert main(["--data-dir", str(school_dir), "pdf", "roster", "--out", str(roster)]) == 0
    assert squash("ทะเบียนรายชื่อบุคลากร") in squash(page_text(roster))
    assert squash("สมชาย") in squash(page_text(roster))
    sheet = tmp_path / "person.pdf"
    assert (
        main(["--data-dir", str(school_dir), "pdf", "person", "--id", person.id, "--out", str(sheet), "--thai-digits"])
        == 0
    )
    text = squash(page_text(sheet))
    assert squash("๑-๑๐๑๗-๐๐๒๐๗-๐๓-๐") in text and squash("หน้า๑จาก") in text
    assert main(["--data-dir", str(school_dir), "pdf", "person", "--id", "nobody", "--out", str(sheet)]) == 2
    assert main(["pdf", "specimen", "--out", str(tmp_path / "x.txt")]) == 2
    assert main(["pdf", "specimen", "--out", str(tmp_path / "spec.pdf")]) == 0


def test_cover_page_has_no_header_or_footer(tmp_path: Path) -> None:
    from kaplc_desktop.reports.pdf.blocks import Cover

    doc = Document(
        "ผลงาน",
        [Heading("บทที่ 1"), Para.of("เนื้อหา")],
        header="หัวกระดาษ",
        cover=Cover("วิธีปฏิบัติที่เป็นเลิศ", "โรงเรียนบ้านคลองหวะ", ("นางสาวกิ่งฟ้า ปิ่นทอง",)),
    )
    path = build(tmp_path, doc)
    pages = [squash(p.extract_text()) for p in PdfReader(path).pages]
    assert len(pages) == 2
    assert squash("วิธีปฏิบัติที่เป็นเลิศ") in pages[0] and squash("หัวกระดาษ") not in pages[0]
    assert squash("หน้า") not in pages[0]
    assert squash("หัวกระดาษ") in pages[1] and squash("บทที่1") in pages[1]


def test_an_installed_app_uses_the_shipped_faces_and_builds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kaplc_desktop.reports.pdf import thai_fonts

    shipped = tmp_path / "resources" / "fonts" / "derived"
    built = thai_fonts.build_derived(shipped)
    original = thai_fonts.resource_path

    def resource_path(*parts: str) -> Path:
        return shipped.joinpath(*parts[2:]) if parts[:2] == ("fonts", "derived") else original(*parts)

    monkeypatch.setattr(thai_fonts, "resource_path", resource_path)
    monkeypatch.setenv("KAPLC_CACHE_DIR", str(tmp_path / "empty-cache"))
    thai_fonts.face_files.cache_clear()
    try:
        assert sorted(thai_fonts.face_files().values()) == sorted(built)
        assert not (tmp_path / "empty-cache").exists()
    finally:
        thai_fonts.face_files.cache_clear()


def test_a_roster_listing_staff_who_left_says_so(school_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The window prints the list as filtered: a certified roster never passes a moved person as current staff."""
    from support import teacher

    from kaplc_desktop.reports.pdf.pdf_service import roster_pdf

    school_ctx.personnel.add(teacher())
    moved = school_ctx.personnel.add(
        teacher(first_name_th="ปรานี", national_id=None, status="moved", status_date="01/05/2568")
    )
    everyone = school_ctx.personnel.list()
    roster_pdf(school_ctx, tmp_path / "all.pdf", rows=everyone)
    text = squash(page_text(tmp_path / "all.pdf"))
    assert squash("สถานะ") in text and squash("ย้ายออก 01/05/2568") in text and squash("ปฏิบัติงานอยู่ 1 คน") in text
    assert moved.status == "moved"
    roster_pdf(school_ctx, tmp_path / "active.pdf")  # the command line prints current staff: no status column
    active = squash(page_text(tmp_path / "active.pdf"))
    assert squash("ปรานี") not in active and squash("สถานะ") not in active


def _blank_png(path: Path, width: int, height: int) -> Path:
    from PIL import Image

    Image.new("RGB", (width, height), "white").save(path)
    return path


def test_a_small_file_of_a_huge_picture_is_never_decoded(tmp_path: Path) -> None:
    """A PNG of 14,000 × 14,000 pixels is under a megabyte but took 2.5 GB to decode (found by the attacker): a
    picture over MAX_DECODED_PIXELS is refused from its header and printed as "picture not available"."""
    import struct
    import zlib

    from kaplc_desktop.reports.pdf.images import MAX_DECODED_PIXELS, load_image

    width = height = 8_000
    assert width * height > MAX_DECODED_PIXELS
    assert load_image(_blank_png(tmp_path / "big.png", 5_000, 4_000)) is None  # 20 MP: only a JPEG may be so big
    assert load_image(_blank_png(tmp_path / "fine.png", 3_000, 2_000)) is not None
    packer = zlib.compressobj(1)
    row = b"\x00" + bytes(width * 3)
    raw = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    path = tmp_path / "bomb.png"
    path.write_bytes(png + chunk(b"IDAT", raw) + chunk(b"IEND", b""))
    assert path.stat().st_size < 2_000_000
    assert load_image(path) is None


def test_no_character_is_wider_than_the_width_check_assumes() -> None:
    """Fit skips measuring words too short to be too wide, assuming no character is wider than WIDEST_EM."""
    from reportlab.pdfbase import pdfmetrics

    from kaplc_desktop.reports.pdf.render import WIDEST_EM
    from kaplc_desktop.reports.pdf.thai_fonts import FACES, register_fonts

    register_fonts()
    widest = max(max(pdfmetrics.getFont(ps).face.charWidths.values()) for _src, ps in FACES.values())
    assert widest <= WIDEST_EM * 1000


def test_a_damaged_photo_on_the_record_sheet_is_named_not_shown_as_an_empty_frame(tmp_path: Path) -> None:
    from kaplc_desktop.reports.pdf.blocks import KeyValues

    damaged = tmp_path / "photo.jpg"
    damaged.write_bytes(b"not a picture")
    path = build(tmp_path, Document("t", [KeyValues((("ชื่อ", "สมชาย"),), photo=Image(damaged), photo_missing="รูปถ่าย")]))
    assert squash("ไม่พบรูปภาพ") in squash(page_text(path)) and squash("รูปถ่าย") not in squash(page_text(path))


def _jpeg_claiming(width: int, height: int, progressive: bool) -> bytes:
    """A tiny JPEG whose header claims `width` × `height` pixels (the attacker's 594-byte file)."""
    import io
    import struct

    from PIL import Image as PILImage

    out = io.BytesIO()
    PILImage.new("RGB", (64, 64), "red").save(out, "JPEG", progressive=progressive, subsampling=0, quality=90)
    data = bytearray(out.getvalue())
    at = data.find(b"\xff\xc2" if progressive else b"\xff\xc0")
    struct.pack_into(">HH", data, at + 5, height, width)
    return bytes(data)


def test_a_progressive_jpeg_is_held_to_its_claimed_size(tmp_path: Path) -> None:
    """A progressive JPEG cannot be decoded reduced: a 594-byte one claiming 19,999 × 19,999 pixels took 2.3 GB
    and 10.8 s. Its claimed size is held to the limit for other formats; a baseline one of that size is still
    decoded reduced, quickly."""
    import resource

    from kaplc_desktop.reports.pdf.images import MAX_PROGRESSIVE_PIXELS, load_image

    side = int(MAX_PROGRESSIVE_PIXELS**0.5)
    assert load_image(None, _jpeg_claiming(side + 1, side + 1, progressive=True)) is None
    assert load_image(None, _jpeg_claiming(side, side, progressive=True)) is not None
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert load_image(None, _jpeg_claiming(12_000, 9_000, progressive=False)) is not None
    assert load_image(None, _jpeg_claiming(19_999, 19_999, progressive=True)) is None
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 400_000  # KB: never the 2.3 GB


def test_the_pictures_of_one_document_share_a_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of small files each claiming the most allowed would add up to minutes: past the document's
    budget, the rest print as "picture not available" and the document is still made."""
    from kaplc_desktop.reports.pdf import images

    pictures = []
    for n in range(4):
        path = tmp_path / f"p{n}.jpg"
        path.write_bytes(_jpeg_claiming(1_000, 1_000, progressive=True))
        pictures.append(Image(path, caption=f"ภาพที่ {n + 1}"))
    monkeypatch.setattr(images, "PIXELS_PER_DOCUMENT", 2_500_000)
    text = squash(page_text(build(tmp_path, Document("t", pictures))))
    assert text.count(squash("ไม่พบรูปภาพ")) == 2  # two of a million pixels fit, then none
    assert squash("ภาพที่ 4") in text


def _jpeg_in_scans(width: int, height: int, components: int = 3) -> bytes:
    """A sequential JPEG of a few hundred bytes whose colours come in separate scans, claiming `width` × `height`."""
    import struct

    def segment(marker: int, payload: bytes) -> bytes:
        return struct.pack(">HH", marker, len(payload) + 2) + payload

    counts = b"\x01" + b"\x00" * 15  # one Huffman code of length 1
    frame = struct.pack(">BHHB", 8, height, width, components) + b"".join(
        bytes([c + 1, 0x11, 0]) for c in range(components)
    )
    out = b"\xff\xd8" + segment(0xFFDB, b"\x00" + b"\x01" * 64)
    out += segment(0xFFC4, b"\x00" + counts + b"\x00" + b"\x10" + counts + b"\x00") + segment(0xFFC0, frame)
    for c in range(components):
        out += segment(0xFFDA, bytes([1, c + 1, 0x00, 0, 63, 0])) + b"\x00" * 16
    return out + b"\xff\xd9"


def test_a_jpeg_in_separate_scans_an_icon_or_a_multi_picture_file_cannot_cost_gigabytes(tmp_path: Path) -> None:
    """Found by the attacker: a baseline JPEG whose colours come in separate scans is kept whole by libjpeg (1.2 GB
    for 240 bytes claiming 14,400 × 13,888); an .ico holds a PNG decoded whole on opening (1.5 GB); a progressive
    JPEG with a multi-picture header is named MPO, not JPEG. Each is refused from its header, in a few MB."""
    import io
    import resource
    import struct

    from PIL import Image as PILImage

    from kaplc_desktop.jpeg_scans import streams_reduced
    from kaplc_desktop.reports.pdf.images import load_image

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert not streams_reduced(_jpeg_in_scans(14_400, 13_888, 4))
    assert load_image(None, _jpeg_in_scans(14_400, 13_888, 4)) is None
    icon = io.BytesIO()
    PILImage.new("RGBA", (64, 64), "red").save(icon, "ICO")
    assert load_image(None, icon.getvalue()) is None  # not a format a picture may be
    out = io.BytesIO()  # two pictures in one file, as phones save them: Pillow calls it MPO
    small = PILImage.new("RGB", (64, 64), "red")
    small.save(out, "MPO", save_all=True, append_images=[small], progressive=True, subsampling=0)
    multi = bytearray(out.getvalue())
    struct.pack_into(">HH", multi, multi.find(b"\xff\xc2") + 5, 8_000, 8_000)
    assert PILImage.open(io.BytesIO(multi)).format == "MPO"
    assert load_image(None, bytes(multi)) is None
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KB
    photo = io.BytesIO()  # a camera's photo with an EXIF thumbnail (its own scan, inside APP1) still streams
    exif = PILImage.Image().getexif()
    exif[0x0112] = 1
    PILImage.new("RGB", (3_000, 2_000), "blue").save(photo, "JPEG", exif=exif)
    assert streams_reduced(photo.getvalue()) and load_image(None, photo.getvalue()) is not None


@given(st.binary(max_size=400), st.integers(min_value=0, max_value=600), st.binary(max_size=8))
@settings(max_examples=300, deadline=None)
def test_the_jpeg_scan_walker_takes_any_bytes(noise: bytes, at: int, splice: bytes) -> None:
    """The walker reads files from outside: any bytes, or a real JPEG with bytes spliced in, give an answer (never
    an exception, never a loop), and "reduced" only for a file that still starts as a JPEG."""
    from kaplc_desktop.jpeg_scans import streams_reduced

    real = _jpeg_in_scans(640, 480, 1)
    for data in (noise, b"\xff\xd8" + noise, real[:at] + splice + real[at:]):
        answer = streams_reduced(data)
        assert isinstance(answer, bool) and (not answer or data.startswith(b"\xff\xd8"))
