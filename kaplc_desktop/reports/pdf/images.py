"""Pictures for documents: EXIF rotation honoured, huge images downscaled before embedding, bad files
replaced by a visible note instead of a crash."""

from __future__ import annotations

import io
from pathlib import Path

MAX_PIXELS = 1800  # longest side once embedded: sharp at print size, small in the file
MAX_INPUT_PIXELS = 200_000_000  # refuse decompression bombs
# decoded at most: 60 million pixels (a 50-megapixel phone photo) take about 240 MB; a small PNG of 14,000 ×
# 14,000 pixels took 2.5 GB and 5.7 s before this limit (found by the attacker). JPEGs are decoded reduced first.
MAX_DECODED_PIXELS = 60_000_000
# every picture the program stores is a JPEG it made (at most 1600 pixels long): another format in the store came
# from outside (a bundle's row may claim image/jpeg for anything), is decoded whole, and is held to less
MAX_OTHER_DECODED_PIXELS = 16_000_000
# a progressive JPEG, or one whose colours come in separate scans, is not decoded reduced: libjpeg keeps every
# coefficient of the full picture however small the output (a 594-byte file claiming 19,999 × 19,999 pixels took
# 2.3 GB and 10.8 s; one of 4,000 × 4,000, 124 MB and 0.23 s, measured), so its claimed size is held to the limit
# for other formats (see jpeg_scans)
MAX_PROGRESSIVE_PIXELS = MAX_OTHER_DECODED_PIXELS
# what a picture may be: ICO, for one, holds a PNG it decodes whole on opening, before any size can be checked
FORMATS = ("JPEG", "PNG", "WEBP", "BMP", "GIF", "TIFF")
# all the pictures of one document together: a photo the program stored costs at most 2.6 million pixels and a
# document of 100 evidence pages about 250 million; thousands of small files each claiming the most allowed
# would otherwise add up to minutes
PIXELS_PER_DOCUMENT = 1_500_000_000


class PictureBudget:
    """What one document may spend decoding pictures; past it, pictures print as "not available"."""

    def __init__(self, pixels: int | None = None) -> None:
        self.left = PIXELS_PER_DOCUMENT if pixels is None else pixels

    def spend(self, pixels: int) -> bool:
        """Whether a picture costing `pixels` may still be decoded (and if so, it is counted)."""
        if pixels > self.left:
            self.left = 0  # the rest are refused too, so the print does not depend on the order of sizes
            return False
        self.left -= pixels
        return True


def load_image(
    path: Path | None, data: bytes | None = None, budget: PictureBudget | None = None
) -> tuple[io.BytesIO, int, int] | None:
    """The image ready to embed (bytes, width, height), or None if it is missing, unreadable, too costly to decode
    or past the document's `budget`."""
    if path is None and data is None:
        return None
    try:
        import warnings

        from PIL import Image

        Image.MAX_IMAGE_PIXELS = MAX_INPUT_PIXELS
        raw = data if data is not None else path.read_bytes() if path is not None else b""
        with warnings.catch_warnings():  # the picture is refused below, or printed: no Pillow lines in the console
            warnings.simplefilter("ignore")
            return _decoded(raw, budget)
    except (OSError, ValueError, SyntaxError, MemoryError, EOFError) as exc:  # missing, truncated, not an image
        del exc
        return None
    except Exception as exc:  # PIL raises its own DecompressionBombError and friends
        if type(exc).__name__.startswith("DecompressionBomb"):
            return None
        raise


def _decoded(raw: bytes, budget: PictureBudget | None) -> tuple[io.BytesIO, int, int] | None:
    from PIL import Image, ImageOps

    from ...jpeg_scans import JPEG_FORMATS, streams_reduced

    with Image.open(io.BytesIO(raw), formats=FORMATS) as opened:
        claimed = opened.width * opened.height
        jpeg = opened.format in JPEG_FORMATS
        reduced = jpeg and streams_reduced(raw)  # else decoded (or held in memory) at the size it claims
        if claimed > MAX_INPUT_PIXELS or (jpeg and not reduced and claimed > MAX_PROGRESSIVE_PIXELS):
            return None  # printed as "picture not available", never decoded
        opened.draft("RGB", (MAX_PIXELS, MAX_PIXELS))  # baseline JPEG: decoded at reduced size, much faster
        limit = MAX_DECODED_PIXELS if jpeg else MAX_OTHER_DECODED_PIXELS
        if opened.width * opened.height > limit:
            return None
        if budget is not None and not budget.spend(opened.width * opened.height if reduced else claimed):
            return None
        image = ImageOps.exif_transpose(opened)
        image.thumbnail((MAX_PIXELS, MAX_PIXELS))
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=88)
        out.seek(0)
        return out, image.width, image.height
