"""A person's photo from a file the user chose: checked as a file from outside, turned upright (EXIF), made
small enough to travel in bundles (800 pixels on the long side, JPEG), stored once by its SHA-256."""

from __future__ import annotations

import io
from pathlib import Path

from .. import attachment_store
from ..errors import KaplcError
from ..i18n import _
from .attachments import AttachmentIndex

MAX_FILE_BYTES = 40 * 1024 * 1024
MAX_SIDE = 800
MAX_JPEG_PIXELS = 120_000_000  # a 108-megapixel phone photo (12,000 × 9,000): JPEGs are decoded at reduced size
MAX_OTHER_PIXELS = 25_000_000  # other formats are decoded whole (a 59-megapixel PNG took 500 MB)
MAX_ASPECT = 6  # a portrait is about 3:4; a 1 × 59,000,000 "photo" is refused
MIN_SIDE = 32
QUALITY = 85
FORMATS = ("JPEG", "PNG", "WEBP", "BMP", "GIF", "TIFF")


def prepare_photo(path: Path) -> bytes:
    """The photo as a small upright JPEG; a file that is not a picture (or too big to be one) is refused."""
    return prepare_image(path, MAX_SIDE, MAX_ASPECT)


def prepare_image(path: Path, max_side: int, max_aspect: float) -> bytes:
    """A picture from outside as an upright JPEG at most `max_side` pixels long, refusing files that are not
    pictures, decompression bombs and shapes longer than `max_aspect` times their width."""
    try:
        size = path.stat().st_size
    except OSError:
        raise KaplcError(_("The file {path} was not found.").format(path=path)) from None
    if size > MAX_FILE_BYTES:
        raise KaplcError(
            _("The picture {name} is larger than {mb} MB. Choose a smaller photo.").format(
                name=path.name, mb=MAX_FILE_BYTES // 1024**2
            )
        )
    from PIL import Image, ImageOps

    from ..jpeg_scans import JPEG_FORMATS, streams_reduced

    Image.MAX_IMAGE_PIXELS = MAX_JPEG_PIXELS
    try:
        raw = path.read_bytes()  # at most MAX_FILE_BYTES: read once, for the picture and its scans
        with Image.open(io.BytesIO(raw), formats=FORMATS) as opened:
            # only a plain JPEG is decoded at reduced size (a progressive one holds its full size in memory)
            reduced = opened.format in JPEG_FORMATS and streams_reduced(raw)
            limit = MAX_JPEG_PIXELS if reduced else MAX_OTHER_PIXELS
            if opened.width * opened.height > limit:
                raise KaplcError(
                    _(
                        "The picture {name} has too many pixels ({mp} megapixels; at most {limit} can be used). "
                        "Save it smaller and try again."
                    ).format(name=path.name, mp=opened.width * opened.height // 1_000_000, limit=limit // 1_000_000)
                )
            short, long = sorted(opened.size)
            if short < MIN_SIDE or long > max_aspect * short:
                raise KaplcError(
                    _(
                        "The picture {name} is too small, or too long and narrow, to use. Choose another picture."
                    ).format(name=path.name)
                )
            opened.draft("RGB", (max_side, max_side))  # JPEG: decoded at reduced size
            image = ImageOps.exif_transpose(opened)
            image.thumbnail((max_side, max_side))
            if image.mode in ("RGBA", "LA", "P"):
                image = image.convert("RGBA")
                flat = Image.new("RGB", image.size, "white")  # a transparent background prints white
                flat.paste(image, mask=image.getchannel("A"))
                image = flat
            elif image.mode != "RGB":
                image = image.convert("RGB")
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=QUALITY, optimize=True)
            return out.getvalue()
    except KaplcError:
        raise
    except Exception as exc:  # not a picture, truncated, a decompression bomb: all said the same way
        known = (MemoryError, OSError, ValueError, SyntaxError, EOFError)
        if isinstance(exc, known) or type(exc).__name__.startswith("DecompressionBomb"):
            raise KaplcError(
                _(
                    "The file {name} is not a picture that can be read (JPEG, PNG, GIF, BMP, TIFF or WebP). "
                    "Choose another file."
                ).format(name=path.name)
            ) from None
        raise


def store_photo(data_dir: Path, attachments: AttachmentIndex, content: bytes) -> str:
    """Puts the prepared photo in the attachment store and its index; returns its SHA-256."""
    sha = attachment_store.put_bytes(data_dir, content)
    attachments.register(sha, len(content), "image/jpeg")
    return sha
