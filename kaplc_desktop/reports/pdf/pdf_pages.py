"""The pages of a PDF evidence document as pictures, to print in a portfolio's appendix. The document came from
outside: pdfium (the PDF reader of the Chrome browser) reads it in a child process (this module, or the packaged
program given CHILD_FLAG), so a document crafted to take minutes or gigabytes to draw, or to crash the reader,
costs at most RENDER_SECONDS and never the window or the print job. A bounded number of pages is drawn, each at
most MAX_SIDE pixels long whatever size its page claims; a file pdfium cannot read gives no pages."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ...progress import NO_PROGRESS, Cancelled, Progress

MAX_PAGES = 10
MAX_SIDE = 1600  # pixels: an A4 page at about 190 dpi
MIN_POINTS = 36  # a page smaller than half an inch is not a page to print
RENDER_SECONDS = 30.0  # a real 10-page document draws in 1-3 s; a crafted one is stopped here
MEMORY_BYTES = 1536 * 1024 * 1024  # the drawing process's address space where the system can limit it
CPU_SECONDS = int(RENDER_SECONDS) + 10
POLL_SECONDS = 0.05
CHILD_FLAG = "--kaplc-draw-pdf-pages"


@dataclass(frozen=True)
class PdfPages:
    images: tuple[bytes, ...]  # JPEG of each rendered page
    total: int  # pages in the document (0 when it could not be read)
    timed_out: bool = False  # the reader was stopped after RENDER_SECONDS


def pdf_pages(
    path: Path, max_pages: int = MAX_PAGES, progress: Progress = NO_PROGRESS, seconds: float | None = None
) -> PdfPages:
    """Draw the pages in a child process; Cancel (through `progress`) stops it at once."""
    if getattr(sys, "frozen", False):  # the packaged program answers CHILD_FLAG itself (packaging/entry_*.py)
        command = [sys.executable, CHILD_FLAG, str(path), str(max_pages)]
    else:
        command = [sys.executable, "-m", __name__, str(path), str(max_pages)]
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console window flashing up on Windows
    child = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, creationflags=flags
    )
    deadline = time.monotonic() + (RENDER_SECONDS if seconds is None else seconds)
    try:
        while True:
            if progress.cancelled:
                raise Cancelled()
            try:
                output, _ = child.communicate(timeout=POLL_SECONDS)
                break
            except subprocess.TimeoutExpired:  # retrying loses no output
                if time.monotonic() > deadline:
                    return PdfPages((), 0, timed_out=True)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    if child.returncode != 0:  # the reader crashed or the system stopped it
        return PdfPages((), 0)
    return _unframe(output, max_pages)


def child_main(args: list[str]) -> int:
    """The child process: limit its memory where the system allows it, draw, write the framed pages to stdout."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
        # a child left behind (its parent killed before it could stop it) stops itself after this much work
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    except (ImportError, ValueError, OSError):  # Windows has no such limits; the parent's time limit still holds
        pass
    try:
        images, total = draw_pages(Path(args[0]), int(args[1]))
    except MemoryError:
        images, total = [], 0
    sys.stdout.buffer.write(_frame(images, total))
    sys.stdout.buffer.flush()
    return 0


def _frame(images: list[bytes], total: int) -> bytes:
    parts = [struct.pack(">II", total, len(images))]
    for image in images:
        parts += [struct.pack(">I", len(image)), image]
    return b"".join(parts)


def _unframe(data: bytes, max_pages: int) -> PdfPages:
    """The child's answer read as plain data (no pickle: the child handled a hostile file); bad framing is no pages."""
    try:
        total, count = struct.unpack_from(">II", data, 0)
        offset, images = 8, []
        for _ in range(min(count, max_pages)):
            (size,) = struct.unpack_from(">I", data, offset)
            image = data[offset + 4 : offset + 4 + size]
            if len(image) != size or not image.startswith(b"\xff\xd8"):
                return PdfPages((), 0)
            images.append(image)
            offset += 4 + size
    except struct.error:
        return PdfPages((), 0)
    return PdfPages(tuple(images), total)


def draw_pages(path: Path, max_pages: int = MAX_PAGES) -> tuple[list[bytes], int]:
    """The drawing itself, in this process: use it only on files this program made."""
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - a build without it lists the document instead
        return [], 0
    try:
        document = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError, ValueError):  # damaged, encrypted, not a PDF
        return [], 0
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
    return images, total


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
