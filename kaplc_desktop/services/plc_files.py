"""Photos and documents kept with a PLC meeting, from files the user chose: each checked as a file from outside.
Photos are turned upright and made at most 1600 pixels long (a year of meetings stays e-mail sized); PDF
documents are kept as they are, up to a size limit, once their structure looks like a PDF's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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


def prepare_meeting_file(path: Path, caption: str = "") -> PreparedFile:
    """A photo or a PDF document for a meeting; anything else is refused with the reason, in the user's words."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError:
        raise KaplcError(
            _("The file {path} could not be read. Check it is there and try again.").format(path=path)
        ) from None
    if b"%PDF-" in head:
        return PreparedFile(_read_pdf(path), "application/pdf", _name(path, ".pdf"), caption)
    content = prepare_image(path, PHOTO_SIDE, PHOTO_ASPECT)
    return PreparedFile(content, "image/jpeg", _name(path, ".jpg"), caption)


def _read_pdf(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        raise KaplcError(
            _("The document {name} is larger than {mb} MB. Save it smaller (or as photos of its pages).").format(
                name=path.name, mb=MAX_PDF_BYTES // 1024**2
            )
        )
    content = path.read_bytes()
    start = content.find(b"%PDF-")
    if start < 0 or start > 1024 or b"%%EOF" not in content[-2048:] or b"/Page" not in content:
        raise KaplcError(
            _(
                "The file {name} is not a complete PDF document (it may be damaged or cut short). Choose another file."
            ).format(name=path.name)
        )
    return content


def _name(path: Path, suffix: str) -> str:
    """The name the file is listed by: the user's name for it, with the suffix of what is kept."""
    stem = "".join(ch for ch in path.stem if ch.isprintable())[:150] or "file"
    return stem + suffix
