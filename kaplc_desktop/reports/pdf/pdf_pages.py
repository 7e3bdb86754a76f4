"""The pages of a PDF evidence document as pictures, to print in a portfolio's appendix. The document came from
outside: it is read by pdfium (the PDF reader of the Chrome browser), a bounded number of pages, each rendered
at most MAX_SIDE pixels long whatever size its page claims; a file pdfium cannot read gives no pages."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

MAX_PAGES = 10
MAX_SIDE = 1600  # pixels: an A4 page at about 190 dpi
MIN_POINTS = 36  # a page smaller than half an inch is not a page to print


@dataclass(frozen=True)
class PdfPages:
    images: tuple[bytes, ...]  # JPEG of each rendered page
    total: int  # pages in the document (0 when it could not be read)


def pdf_pages(path: Path, max_pages: int = MAX_PAGES) -> PdfPages:
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - a build without it lists the document instead
        return PdfPages((), 0)
    try:
        document = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError, ValueError):  # damaged, encrypted, not a PDF
        return PdfPages((), 0)
    images = []
    try:
        total = len(document)
        for index in range(min(total, max_pages)):
            page = document[index]
            try:
                width, height = page.get_size()
                if min(width, height) < MIN_POINTS:
                    continue
                scale = MAX_SIDE / max(width, height)
                bitmap = page.render(scale=scale)
                picture = bitmap.to_pil().convert("RGB")
                out = io.BytesIO()
                picture.save(out, format="JPEG", quality=85)
                images.append(out.getvalue())
            except (pdfium.PdfiumError, OSError, ValueError, MemoryError):  # one bad page does not lose the others
                continue
            finally:
                page.close()
    finally:
        document.close()
    return PdfPages(tuple(images), total)
