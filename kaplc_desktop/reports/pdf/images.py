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


def load_image(path: Path | None, data: bytes | None = None) -> tuple[io.BytesIO, int, int] | None:
    """The image ready to embed (bytes, width, height), or None if it is missing or unreadable."""
    if path is None and data is None:
        return None
    try:
        from PIL import Image, ImageOps

        Image.MAX_IMAGE_PIXELS = MAX_INPUT_PIXELS
        with Image.open(io.BytesIO(data) if data is not None else path) as opened:
            opened.draft("RGB", (MAX_PIXELS, MAX_PIXELS))  # JPEG: decode at reduced size, much faster
            limit = MAX_DECODED_PIXELS if opened.format == "JPEG" else MAX_OTHER_DECODED_PIXELS
            if opened.width * opened.height > limit:
                return None  # printed as "picture not available", never decoded
            image = ImageOps.exif_transpose(opened)
            image.thumbnail((MAX_PIXELS, MAX_PIXELS))
            if image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=88)
            out.seek(0)
            return out, image.width, image.height
    except (OSError, ValueError, SyntaxError, MemoryError) as exc:  # missing, truncated, not an image, too big
        del exc
        return None
    except Exception as exc:  # PIL raises its own DecompressionBombError and friends
        if type(exc).__name__.startswith("DecompressionBomb"):
            return None
        raise
