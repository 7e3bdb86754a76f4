"""A 10-page Thai document (headings, a table, two images) against the same layout with Latin filler text,
and the cost of the first document (font and dictionary set-up) against later ones. Prints ratios."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_support  # puts the project on sys.path

THAI = (
    "ชุมชนการเรียนรู้ทางวิชาชีพเป็นการรวมตัวของครูเพื่อร่วมกันแลกเปลี่ยนเรียนรู้และพัฒนาการจัดการเรียนรู้ "
    "โดยเริ่มจากการร่วมกันหาปัญหาในชั้นเรียน ร่วมกันหาแนวทาง ออกแบบกิจกรรม นำไปใช้ แล้วสะท้อนผลร่วมกัน "
)
LATIN = (
    "Professional learning communities bring teachers together to share what works in their classrooms "
    "and to improve their teaching by finding problems, planning, trying and reflecting together again. "
)


def document(text: str, images: list[Path]):  # type: ignore[no-untyped-def]
    from kaplc_desktop.reports.pdf.blocks import Document, Heading, Image, Para, Table, Title

    blocks: list = [Title(text[:30])]
    for section in range(9):
        blocks.append(Heading(f"{section + 1}. {text[:40]}"))
        blocks.extend(Para.of(text * 3) for _ in range(3))
        if section == 2:
            blocks.append(
                Table(
                    ("No.", text[:12], text[12:30], "H"),
                    tuple((str(n), text[:20], text[20:50], str(n * 3)) for n in range(1, 17)),
                )
            )
        if section in (4, 6):
            blocks.append(Image(images[section % 2], caption=text[:25]))
    return Document(title="bench", blocks=blocks)


def _photos(folder: Path) -> list[Path]:
    from kaplc_desktop.services.demo_photos import demo_photo

    images = []
    for n in range(2):
        path = folder / f"photo{n}.png"
        path.write_bytes(demo_photo(n, 200))
        images.append(path)
    return images


def child(folder: Path, warm: bool) -> None:
    """One new process: its first document (after the app's warm-up if `warm`), then a later one; prints both."""
    images = _photos(folder)
    start = time.perf_counter()
    if warm:
        from kaplc_desktop.reports.pdf.warm_up import warm_up_pdf

        warm_up_pdf()
        start = time.perf_counter()
    from kaplc_desktop.reports.pdf.render import render

    render(document(THAI, images), folder / "first.pdf")
    first = time.perf_counter() - start
    later = []
    for _ in range(3):
        start = time.perf_counter()
        render(document(THAI, images), folder / "later.pdf")
        later.append(time.perf_counter() - start)
    print(first, statistics.median(later))


def first_document(folder: Path, cache: Path, warm: bool = False) -> float:
    """The first document's time over a later one's, in a new process whose font cache is `cache`."""
    env = dict(os.environ, KAPLC_CACHE_DIR=str(cache))
    args = [sys.executable, __file__, "--child", str(folder)] + (["--warm"] if warm else [])
    out = subprocess.run(args, check=True, env=env, capture_output=True, text=True).stdout.split()
    return float(out[0]) / float(out[1])


def roster_seconds(folder: Path, staff: int = 1000) -> tuple[float, int]:
    from kaplc_desktop.context import AppContext
    from kaplc_desktop.reports.pdf.pdf_service import roster_pdf

    school = bench_support.make_school(folder / "school", staff=staff + staff // 5)
    with AppContext.open(school) as ctx:
        rows = [r for r in ctx.personnel.list() if r.status == "active"][:staff]  # current staff, as printed
        start = time.perf_counter()
        pages = roster_pdf(ctx, folder / "roster.pdf", rows=rows).pages
        return time.perf_counter() - start, pages


def main() -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="kaplc-bench-pdf-"))
    os.environ.setdefault("KAPLC_CACHE_DIR", str(folder / "cache"))
    images = _photos(folder)
    from kaplc_desktop.reports.pdf.render import render

    render(document(THAI, images), folder / "first.pdf")
    thai, latin = [], []
    for _ in range(9):  # interleaved, and the fastest of each kept: the least disturbed by other work
        start = time.perf_counter()
        pages = render(document(THAI, images), folder / "thai.pdf")
        thai.append(time.perf_counter() - start)
        start = time.perf_counter()
        latin_pages = render(document(LATIN, images), folder / "latin.pdf")
        latin.append(time.perf_counter() - start)
    t, lt = min(thai), min(latin)
    print(
        f"pdf: {pages} Thai pages {t * 1000:.0f} ms, {latin_pages} Latin pages {lt * 1000:.0f} ms, "
        f"Thai / Latin {t / lt:.2f}x (target <= 1.25x)"
    )
    cold = first_document(folder, folder / "cold-cache")  # nothing cached: the first start on a new machine
    process = first_document(folder, folder / "cold-cache")  # fonts cached: any later start of the command line
    app = first_document(folder, folder / "cold-cache", warm=True)  # the window warms up once it shows
    print(
        f"pdf: first document / a later one: {cold:.1f}x on a new machine (fonts built), {process:.1f}x in a "
        f"new process, {app:.1f}x in the app after its warm-up (target <= 2x)"
    )
    roster, roster_pages = roster_seconds(folder)
    print(f"pdf: 1,000-person roster {roster:.2f} s, {roster_pages} pages (target <= 3 s)")
    return {
        "thai_ms": t * 1000,
        "latin_ms": lt * 1000,
        "ratio": t / lt,
        "first_new_process": process,
        "first_in_app": app,
        "roster_s": roster,
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(Path(sys.argv[2]), warm="--warm" in sys.argv)
    else:
        main()
