"""A person's photo from a file: upright (EXIF), small, JPEG; anything that is not a picture is refused with a
sentence; in the person form by pressing Choose photo…, saved with the person and travelling as an attachment."""

from __future__ import annotations

import contextlib
import io
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from support import fill_person_dialog, when_modal

from kaplc_desktop import attachment_store
from kaplc_desktop.context import AppContext
from kaplc_desktop.errors import KaplcError
from kaplc_desktop.services.photos import MAX_SIDE, prepare_photo


def phone_photo(path: Path, size: tuple[int, int] = (3000, 2000), orientation: int = 6) -> Path:
    """A landscape JPEG whose EXIF says 'turn it 90°' (how phones save portrait photos): left half red."""
    image = Image.new("RGB", size, "blue")
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[0x0112] = orientation
    image.save(path, format="JPEG", exif=exif.tobytes())
    return path


def test_a_phone_photo_comes_out_upright_small_and_jpeg(tmp_path: Path) -> None:
    data = prepare_photo(phone_photo(tmp_path / "p.jpg"))
    with Image.open(io.BytesIO(data)) as out:
        assert out.format == "JPEG" and out.mode == "RGB"
        assert out.size == (MAX_SIDE * 2 // 3, MAX_SIDE)  # turned to portrait, long side 800
        assert out.getpixel((out.width // 2, 10))[0] > 200  # orientation 6: the left (red) half is now on top
        assert out.getpixel((out.width // 2, out.height - 10))[2] > 200
        assert not out.getexif().get(0x0112)
    assert len(data) < 150_000


def test_a_transparent_png_gets_a_white_background(tmp_path: Path) -> None:
    path = tmp_path / "t.png"
    Image.new("RGBA", (200, 300), (0, 0, 0, 0)).save(path)
    with Image.open(io.BytesIO(prepare_photo(path))) as out:
        assert out.getpixel((100, 150))[0] > 240


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))


@pytest.mark.parametrize(
    "content",
    [
        b"not a picture at all",
        b"",
        pytest.param("truncated", id="truncated-jpeg"),
        pytest.param(_png_header_only(100_000, 100_000), id="decompression-bomb"),
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    ],
)
def test_what_is_not_a_usable_picture_is_refused_with_a_sentence(content: object, tmp_path: Path) -> None:
    path = tmp_path / "bad.jpg"
    if content == "truncated":
        phone_photo(path)
        path.write_bytes(path.read_bytes()[:3000])
    else:
        path.write_bytes(content)  # type: ignore[arg-type]
    with pytest.raises(KaplcError) as refusal:
        prepare_photo(path)
    assert "bad.jpg" in refusal.value.message or "ไม่พบ" in refusal.value.message


def test_a_picture_no_photo_is_shaped_like_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    """Found by the attacker: a 1 × 59,000,000 PNG took 1.4 GB and came out as a 1 × 800 "photo"."""
    path = tmp_path / "tall.png"
    path.write_bytes(_png_header_only(1, 59_000_000))
    with pytest.raises(KaplcError, match=r"tall\.png"):
        prepare_photo(path)
    wide = tmp_path / "wide.png"
    Image.new("RGB", (3000, 200)).save(wide)
    with pytest.raises(KaplcError, match=r"wide\.png"):
        prepare_photo(wide)
    big_png = tmp_path / "big.png"
    big_png.write_bytes(_png_header_only(6000, 5000))  # 30 MP: fine as a JPEG (decoded reduced), not as a PNG
    with pytest.raises(KaplcError, match=r"big\.png"):
        prepare_photo(big_png)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_photo_or_a_refusal(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "x.png"
    path.write_bytes(data)
    with contextlib.suppress(KaplcError):  # a refusal is a sentence; anything else fails the test
        prepare_photo(path)


def test_the_principal_adds_a_photo_in_the_person_form(
    qtbot: QtBot, school_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kaplc_desktop.ui import file_prompts
    from kaplc_desktop.ui.app import make_application
    from kaplc_desktop.ui.pages.personnel_page import PersonnelPage

    make_application()
    page = PersonnelPage(school_ctx)
    qtbot.addWidget(page)
    page.show()
    photo = phone_photo(tmp_path / "IMG_0001.jpg")
    monkeypatch.setattr(file_prompts, "ask_open_path", lambda *args: photo)

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        fill_person_dialog(dialog, "ปราณี", "ทองคำ", "3101234567893")
        QTest.mouseClick(dialog.photo.choose_button, Qt.MouseButton.LeftButton)
        assert not dialog.photo.picture.pixmap().isNull()
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible(), dialog.form_error.text()

    when_modal(fill)
    QTest.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    (person,) = school_ctx.personnel.list()
    assert person.photo_sha256 and attachment_store.has(school_ctx.data_dir, person.photo_sha256)
    assert attachment_store.path_for(school_ctx.data_dir, person.photo_sha256).stat().st_size < 150_000

    def remove(dialog) -> None:  # type: ignore[no-untyped-def]
        assert not dialog.photo.picture.pixmap().isNull()  # the saved photo is shown
        QTest.mouseClick(dialog.photo.remove_button, Qt.MouseButton.LeftButton)
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()

    when_modal(remove)
    QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert school_ctx.personnel.list()[0].photo_sha256 is None


def test_a_phone_photo_with_a_second_picture_is_a_jpeg_and_a_progressive_one_is_held_to_25_mp(tmp_path: Path) -> None:
    """Phones save a 27 MP photo with a multi-picture header (Pillow: "MPO"): it was refused as "not a JPEG" while
    the same picture saved plainly was taken (found by the attacker). A progressive JPEG cannot be decoded at
    reduced size, so it is held to the limit of pictures decoded whole."""
    from kaplc_desktop.services.photos import prepare_image

    picture = Image.new("RGB", (6_000, 4_500), "green")  # 27 MP
    phone = tmp_path / "phone.jpg"
    picture.save(phone, "MPO", save_all=True, append_images=[picture.resize((640, 480))])
    assert Image.open(phone).format == "MPO"
    assert Image.open(io.BytesIO(prepare_image(phone, 1600, 6))).size == (1600, 1200)
    progressive = tmp_path / "progressive.jpg"
    picture.save(progressive, "JPEG", progressive=True)
    with pytest.raises(KaplcError, match="27"):
        prepare_image(progressive, 1600, 6)
