"""A 30-page portfolio with 20 photos (cover, contents laid out twice, seven sections with bold words and lists,
a figure table, awards, an evidence appendix) against the same layout with Latin filler text, in the same run.
Prints times, pages and the ratio against the target (Thai ≤ 2× Latin)."""

from __future__ import annotations

import io
import random
import statistics
import tempfile
import time
from pathlib import Path

import bench_support  # noqa: F401  (puts the project on sys.path)

THAI = (
    "ครูในกลุ่ม **PLC** ร่วมกันวิเคราะห์ปัญหาการอ่านของนักเรียน ออกแบบกิจกรรมบัตรคำ ทดลองใช้ในชั้นเรียน "
    "แล้วสะท้อนผลร่วมกันทุกสัปดาห์ จนนักเรียนอ่านออกเขียนได้ตามเกณฑ์เพิ่มขึ้นอย่าง*ต่อเนื่อง* "
)
LATIN = (
    "Teachers in the **PLC** group analysed the reading problems of their pupils, designed word-card games, "
    "tried them in class and reflected together every week until more pupils read *fluently* each term. "
)
PHOTOS = 20
TARGET = 2.0


def _photos(folder: Path) -> list[Path]:
    from PIL import Image, ImageDraw

    rng = random.Random(5)
    paths = []
    for n in range(PHOTOS):
        image = Image.new("RGB", (1600, 1067), tuple(rng.randrange(150, 230) for _ in range(3)))
        draw = ImageDraw.Draw(image)
        for _ in range(40):
            x, y = rng.randrange(1500), rng.randrange(960)
            draw.rectangle((x, y, x + 100, y + 100), fill=tuple(rng.randrange(256) for _ in range(3)))
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=82)
        path = folder / f"photo{n}.jpg"
        path.write_bytes(out.getvalue())
        paths.append(path)
    return paths


def facts(text: str, photos: list[Path]):  # type: ignore[no-untyped-def]
    from kaplc_desktop.reports.pdf.documents.portfolio_docs import (
        Evidence,
        Figure,
        Owner,
        Picture,
        PortfolioFacts,
    )

    headings = [f"{text[:24].strip('* ')} {n}" for n in range(1, 8)]
    body = "\n".join([text * 4, f"- {text[:60]}", f"- {text[60:120]}", f"1. {text[:80]}", text * 5] * 6)
    pictures = {h: tuple(Picture(p, text[:40]) for p in photos[2 * n : 2 * n + 2]) for n, h in enumerate(headings)}
    return PortfolioFacts(
        title=text[:70],
        kind=text[:20],
        category=text[20:40],
        field="",
        learning_area=text[40:50],
        year=2568,
        owners=(Owner(text[:18], text[18:30], photos[0]), Owner(text[30:48], text[48:60], photos[1])),
        school_name=text[:30],
        esa_name=text[30:60],
        abstract=text * 3,
        sections=tuple((h, body) for h in headings),
        pictures=pictures,
        figures=tuple(Figure(text[:40], "%", "58", "86", "+28", (58.0, 86.0)) for _ in range(4)),
        figures_under=headings[3],
        awards=tuple((text[:50], text[50:60], text[60:70], "20/03/2569", text[70:100]) for _ in range(3)),
        evidence=tuple(Evidence(text[:40], headings[2], (p,)) for p in photos[14:PHOTOS]),
        code="KAPLC-P:00000000-0000-4000-8000-000000000000:" + "0" * 64,
        code_caption="0" * 20,
    )


def _build(text: str, photos: list[Path], target: Path) -> tuple[float, int]:
    from kaplc_desktop.reports.pdf.documents.portfolio_docs import portfolio
    from kaplc_desktop.reports.pdf.render import render

    start = time.perf_counter()
    pages = render(portfolio(facts(text, photos)), target)
    return time.perf_counter() - start, pages


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        photos = _photos(folder)
        _build(LATIN, photos, folder / "warm.pdf")  # fonts, dictionary and ReportLab loaded once, for both
        thai, latin = [], []
        for _ in range(3):
            seconds, thai_pages = _build(THAI, photos, folder / "thai.pdf")
            thai.append(seconds)
            seconds, latin_pages = _build(LATIN, photos, folder / "latin.pdf")
            latin.append(seconds)
        t, lat = statistics.median(thai), statistics.median(latin)
        print(
            f"portfolio PDF, {PHOTOS} photos: Thai {t:.2f} s ({thai_pages} pages), Latin filler {lat:.2f} s "
            f"({latin_pages} pages); ratio {t / lat:.2f} (target ≤ {TARGET})"
        )


if __name__ == "__main__":
    main()
