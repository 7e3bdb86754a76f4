"""A 10-page Thai document (headings, a table, two images) against the same layout with Latin filler text,
and the cost of the first document (font and dictionary set-up) against later ones. Prints ratios."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

import bench_support  # noqa: F401  (puts the project on sys.path)

THAI = ("ชุมชนการเรียนรู้ทางวิชาชีพเป็นการรวมตัวของครูเพื่อร่วมกันแลกเปลี่ยนเรียนรู้และพัฒนาการจัดการเรียนรู้ "
        "โดยเริ่มจากการร่วมกันหาปัญหาในชั้นเรียน ร่วมกันหาแนวทาง ออกแบบกิจกรรม นำไปใช้ แล้วสะท้อนผลร่วมกัน ")
LATIN = ("Professional learning communities bring teachers together to share what works in their classrooms "
         "and to improve their teaching by finding problems, planning, trying and reflecting together again. ")


def document(text: str, images: list[Path]):  # type: ignore[no-untyped-def]
    from kaplc_desktop.reports.pdf.blocks import Document, Heading, Image, Para, Table, Title

    blocks: list = [Title(text[:30])]
    for section in range(9):
        blocks.append(Heading(f"{section + 1}. {text[:40]}"))
        blocks.extend(Para.of(text * 3) for _ in range(3))
        if section == 2:
            blocks.append(Table(("No.", text[:12], text[12:30], "H"),
                                tuple((str(n), text[:20], text[20:50], str(n * 3)) for n in range(1, 17))))
        if section in (4, 6):
            blocks.append(Image(images[section % 2], caption=text[:25]))
    return Document(title="bench", blocks=blocks)


def main() -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="kaplc-bench-pdf-"))
    os.environ.setdefault("KAPLC_CACHE_DIR", str(folder / "cache"))
    from kaplc_desktop.services.demo_photos import demo_photo

    images = []
    for n in range(2):
        path = folder / f"photo{n}.png"
        path.write_bytes(demo_photo(n, 200))
        images.append(path)
    start = time.perf_counter()
    from kaplc_desktop.reports.pdf.render import render

    pages = render(document(THAI, images), folder / "first.pdf")
    first = time.perf_counter() - start
    thai, latin = [], []
    for _ in range(3):
        start = time.perf_counter()
        render(document(THAI, images), folder / "thai.pdf")
        thai.append(time.perf_counter() - start)
        start = time.perf_counter()
        latin_pages = render(document(LATIN, images), folder / "latin.pdf")
        latin.append(time.perf_counter() - start)
    t, lt = statistics.median(thai), statistics.median(latin)
    print(f"pdf: {pages} Thai pages {t * 1000:.0f} ms, {latin_pages} Latin pages {lt * 1000:.0f} ms, ratio "
          f"{t / lt:.2f}x (target <= 2x); first document (imports, fonts, dictionary) {first * 1000:.0f} ms = "
          f"{first / t:.1f}x a later one")
    return {"thai_ms": t * 1000, "latin_ms": lt * 1000, "ratio": t / lt, "first_ms": first * 1000}


if __name__ == "__main__":
    main()
