"""Photos and documents kept with a record (a PLC meeting, a portfolio), from files the user chose: each checked
as a file from outside. Photos are turned upright and made at most 1600 pixels long (a year of meetings stays
e-mail sized, and a full-width picture still prints at 250 dpi); PDF documents are kept as they are, up to a size
limit, once their structure looks like a PDF's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.field_types import tidy_text
from ..errors import KaplcError
from ..i18n import _
from .photos import prepare_image

PHOTO_SIDE = 1600
PHOTO_ASPECT = 10  # a panorama of a meeting room; a 1 × 50,000 strip is not a photo
MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_FILES = 30  # per meeting
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif", ".tif", ".tiff"}


@dataclass(frozen=True)
class PreparedFile:
    """A file ready to be stored with a meeting."""

    content: bytes
    media_type: str  # image/jpeg | application/pdf
    file_name: str
    caption: str = ""


def prepare_attached_file(path: Path, caption: str = "") -> PreparedFile:
    """A photo or a PDF document for a record; anything else is refused with the reason, in the user's words."""
    if not path.is_file():  # a folder, a device or a named pipe (which would wait for ever) is not a file to keep
        raise KaplcError(_("The file {path} could not be read. Check it is there and try again.").format(path=path))
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError:
        raise KaplcError(
            _("The file {path} could not be read. Check it is there and try again.").format(path=path)
        ) from None
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-"):  # a PDF says so first: HTML quoting it is none
        return PreparedFile(_read_pdf(path), "application/pdf", _name(path, ".pdf"), caption)
    content = prepare_image(path, PHOTO_SIDE, PHOTO_ASPECT)
    return PreparedFile(content, "image/jpeg", _name(path, ".jpg"), caption)


def _read_pdf(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size <= MAX_PDF_BYTES:
            content = path.read_bytes()
    except OSError:  # gone or unreadable between the first look and now
        raise KaplcError(
            _("The file {path} could not be read. Check it is there and try again.").format(path=path)
        ) from None
    if size > MAX_PDF_BYTES:
        raise KaplcError(
            _("The document {name} is larger than {mb} MB. Save it smaller (or as photos of its pages).").format(
                name=path.name, mb=MAX_PDF_BYTES // 1024**2
            )
        )
    if len(content) > MAX_PDF_BYTES or b"%%EOF" not in content[-2048:] or b"/Page" not in content:
        raise KaplcError(
            _(
                "The file {name} is not a complete PDF document (it may be damaged or cut short). Choose another file."
            ).format(name=path.name)
        )
    return content


def _name(path: Path, suffix: str) -> str:
    """The name the file is listed by: the user's name for it, with the suffix of what is kept."""
    stem = tidy_text("".join(ch if ch.isprintable() else " " for ch in path.stem))[:150].strip() or "file"
    return stem + suffix
