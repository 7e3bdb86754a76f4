"""Photos and documents of a PLC meeting: upright and at most 1600 px, a 108-megapixel phone photo scaled, a
corrupt JPEG or a cut PDF refused with a sentence; kept with the meeting, in order, once."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from plc_support import TODAY, PlcSchool, plc_school

from kaplc_desktop import attachment_store
from kaplc_desktop.context import AppContext
from kaplc_desktop.errors import KaplcError
from kaplc_desktop.services.attached_files import PHOTO_SIDE, prepare_attached_file
from kaplc_desktop.services.plc_meetings import KeptFile


def _photo(path: Path, size: tuple[int, int], orientation: int = 0) -> Path:
    image = Image.new("RGB", size, "blue")
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(path, format="JPEG", exif=exif.tobytes(), quality=60)
    return path


def _pdf(path: Path, cut: bool = False) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "PLC")
    c.save()
    if cut:
        path.write_bytes(path.read_bytes()[:-300])
    return path


def test_a_phone_photo_is_turned_upright_and_made_1600_px(tmp_path: Path) -> None:
    prepared = prepare_attached_file(_photo(tmp_path / "IMG_0001.JPG", (4000, 3000), orientation=6), "ครูสอน")
    with Image.open(io.BytesIO(prepared.content)) as out:
        assert out.format == "JPEG" and out.size == (1200, PHOTO_SIDE)  # portrait now
        assert out.getpixel((out.width // 2, 10))[0] > 200  # the red half is on top
    assert (prepared.media_type, prepared.file_name, prepared.caption) == ("image/jpeg", "IMG_0001.jpg", "ครูสอน")


def test_a_108_megapixel_photo_is_scaled_not_refused(tmp_path: Path) -> None:
    prepared = prepare_attached_file(_photo(tmp_path / "big.jpg", (12_000, 9_000)))
    with Image.open(io.BytesIO(prepared.content)) as out:
        assert max(out.size) == PHOTO_SIDE
    assert len(prepared.content) < 400_000


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\xff\xd8\xff\xe0" + b"\x00" * 200, "ไม่ใช่รูปภาพ"),  # a JPEG header and nothing else
        (b"plain text, not a photo", "ไม่ใช่รูปภาพ"),
        (b"", "ไม่ใช่รูปภาพ"),
    ],
)
def test_a_file_that_is_not_a_picture_is_refused_with_a_sentence(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "x.jpg"
    path.write_bytes(content)
    with pytest.raises(KaplcError, match=words):
        prepare_attached_file(path)


def test_a_corrupt_jpeg_is_refused(tmp_path: Path) -> None:
    path = _photo(tmp_path / "c.jpg", (800, 600))
    data = bytearray(path.read_bytes())
    path.write_bytes(bytes(data[: len(data) // 3]))  # cut in the middle of the picture
    with pytest.raises(KaplcError, match="ไม่ใช่รูปภาพ"):
        prepare_attached_file(path)


def test_a_pdf_is_kept_as_it_is_and_a_cut_one_refused(tmp_path: Path) -> None:
    good = _pdf(tmp_path / "แผนการสอน.pdf")
    prepared = prepare_attached_file(good)
    assert prepared.content == good.read_bytes() and prepared.media_type == "application/pdf"
    with pytest.raises(KaplcError, match="ไม่ใช่เอกสาร PDF ที่สมบูรณ์"):
        prepare_attached_file(_pdf(tmp_path / "cut.pdf", cut=True))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=3000))
def test_any_bytes_are_a_file_or_a_sentence(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "any.bin"
    path.write_bytes(content)
    try:
        prepare_attached_file(path)
    except KaplcError as exc:
        assert str(exc)


def test_files_are_kept_with_the_meeting_in_order_and_stored_once(school_ctx: AppContext, tmp_path: Path) -> None:
    plc: PlcSchool = plc_school(school_ctx)
    first = prepare_attached_file(_photo(tmp_path / "a.jpg", (900, 600)), "ภาพที่หนึ่ง")
    second = prepare_attached_file(_pdf(tmp_path / "b.pdf"), "แผน")
    meeting = school_ctx.plc_meetings.save(plc.meeting(), plc.everyone(), [first, second, first], today=TODAY).meeting
    files = school_ctx.plc_meetings.files(meeting.id)
    assert [f.caption for f in files] == ["ภาพที่หนึ่ง", "แผน", "ภาพที่หนึ่ง"]
    assert files[0].file_sha256 == files[2].file_sha256 and attachment_store.has(
        school_ctx.data_dir, files[0].file_sha256
    )
    # reorder, re-caption and drop one
    school_ctx.plc_meetings.save(
        plc.meeting(),
        plc.everyone(),
        files=[KeptFile(files[1].id, "แผนการสอน"), KeptFile(files[0].id, "ภาพ")],
        meeting_id=meeting.id,
        today=TODAY,
    )
    assert [(f.caption, f.position) for f in school_ctx.plc_meetings.files(meeting.id)] == [
        ("แผนการสอน", 0),
        ("ภาพ", 1),
    ]
    from kaplc_desktop.domain.kinds import PLC_FILE
    from kaplc_desktop.services.records import RecordService

    assert RecordService(school_ctx.db, PLC_FILE).counts() == (2, 1)  # the dropped one is in the Trash


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"<html>%PDF-1.4 /Page %%EOF</html>", "ไม่ใช่รูปภาพ"),  # HTML that quotes a PDF is no PDF
    ],
)
def test_a_file_that_only_quotes_a_pdf_is_not_kept_as_one(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(content)
    with pytest.raises(KaplcError, match=words):
        prepare_attached_file(path)


def test_a_folder_or_a_missing_file_is_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(KaplcError, match="อ่านไฟล์"):
        prepare_attached_file(tmp_path)
    with pytest.raises(KaplcError, match="อ่านไฟล์"):
        prepare_attached_file(tmp_path / "gone.jpg")


def test_a_caption_pasted_from_the_web_is_kept_clean(school_ctx: AppContext, tmp_path: Path) -> None:
    plc: PlcSchool = plc_school(school_ctx)
    photo = prepare_attached_file(_photo(tmp_path / "ภาพ  กิจกรรม .jpg", (900, 600)), "ภาพ\u200bกิจกรรม  ครั้งที่ 1 ")
    meeting = school_ctx.plc_meetings.save(plc.meeting(), plc.everyone(), [photo], today=TODAY).meeting
    (row,) = school_ctx.plc_meetings.files(meeting.id)
    assert (row.caption, row.file_name) == ("ภาพกิจกรรม ครั้งที่ 1", "ภาพ กิจกรรม.jpg")
    from kaplc_desktop.domain.kinds import PLC_FILE
    from kaplc_desktop.domain.record_cleaning import sync_problems

    assert sync_problems(PLC_FILE, row.to_json() | {"meeting_id": meeting.id}) == []
