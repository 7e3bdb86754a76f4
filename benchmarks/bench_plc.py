"""PLC with 120 staff and about 5,000 meetings: opening the PLC page, the hours aggregation, saving a meeting and
reading the updated hours, and a full bundle's export throughput against a personnel-only bundle of the same
size. Prints times against their targets and ratios."""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from bench_support import ROOT

STAFF = 120
TODAY = dt.date(2026, 11, 27)


def _plc_school(folder: Path):  # type: ignore[no-untyped-def]
    from kaplc_desktop.context import AppContext
    from kaplc_desktop.services.demo_plc import demo_plc

    if not (folder / "kaplc.sqlite3").exists():
        with AppContext.open(folder, create=True) as ctx:
            ctx.create_demo_school(staff=STAFF, seed=11)
            demo_plc(ctx, seed=11, today=TODAY, groups_per_year=16, meetings=200, photos=True)
    return folder


def _median_ms(work, runs: int = 7) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> dict[str, float]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kaplc_desktop.context import AppContext
    from kaplc_desktop.data import plc_reads
    from kaplc_desktop.services.plc_meetings import AttendeeInput
    from kaplc_desktop.ui.app import make_application
    from kaplc_desktop.ui.pages.plc_page import PlcPage

    root = Path(tempfile.gettempdir()) / "kaplc-bench-plc"
    folder = _plc_school(root / "school")
    make_application()
    with AppContext.open(folder) as ctx:
        meetings, _trash = ctx.plc_meetings.counts()
        year = 2569

        def open_page() -> None:
            page = PlcPage(ctx)
            page.resize(1200, 700)
            page.show()
            QApplication.processEvents()
            page.close()
            page.deleteLater()

        open_page()  # the first build loads the page's modules
        page_ms = _median_ms(open_page, 5)
        hours_ms = _median_ms(lambda: plc_reads.hours(ctx.db.store, "academic", TODAY, year))
        people_ms = _median_ms(lambda: ctx.plc_hours.people("academic", year, TODAY))
        group = ctx.plc_groups.summaries(year)[0].group
        members = [m.person_id for m in ctx.plc_groups.members(group.id)]
        saved: list[str] = []

        def save_and_read() -> None:
            draft = ctx.plc_meetings.draft(group.id, TODAY)
            draft.update(start_time=6 * 60 + len(saved) * 11, end_time=6 * 60 + len(saved) * 11 + 10)
            saved.append(ctx.plc_meetings.save(draft, [AttendeeInput(p) for p in members], today=TODAY).meeting.id)
            ctx.plc_hours.people("academic", year, TODAY)

        save_ms = _median_ms(save_and_read, 7)
        for meeting_id in saved:
            ctx.plc_meetings.delete(meeting_id)
    print(
        f"plc: {STAFF} staff, {meetings} meetings; PLC page opens in {page_ms:.0f} ms "
        f"(ratio to target {page_ms / 300:.2f}, target < 300 ms); hours aggregation {hours_ms:.1f} ms "
        f"(ratio {hours_ms / 50:.2f}, target < 50 ms), with the staff list {people_ms:.1f} ms; "
        f"saving a meeting and reading the hours {save_ms:.0f} ms (ratio {save_ms / 100:.2f}, target < 100 ms)"
    )
    ratio = _bundle_throughput(root)
    return {"page_ms": page_ms, "hours_ms": hours_ms, "save_ms": save_ms, "bundle_ratio": ratio}


def _bundle_throughput(root: Path) -> float:
    """Records per second of a full bundle of the PLC school (rows and photos) against today's personnel bundle
    of a school of 5,000 staff; MB per second shown for both."""
    import shutil
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from bench_support import make_school
    from sync_support import make_district, open_side

    work = root / "bundles"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    district = make_district(work / "district")
    enrollment = work / "district.json"
    district.sync.export_enrollment(enrollment)
    big = make_school(Path(tempfile.gettempdir()) / "kaplc-bench-5000")
    sides = {}
    for name, source in (("plc", root / "school"), ("personnel", big)):
        copy = work / name
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns("kaplc.lock"))
        side = open_side(copy)
        side.sync.import_enrollment(enrollment)
        sides[name] = side
    figures = {}
    for name, side in sides.items():
        best = None
        for attempt in range(3):
            out = work / f"{name}-{attempt}"
            out.mkdir()
            start = time.perf_counter()
            written = side.sync.export_bundle(out, full=True)
            seconds = time.perf_counter() - start
            records = sum(side.sync.preview_export(full=True).counts.values())
            if best is None or seconds < best[0]:
                best = (seconds, records, written.size / 2**20)
        figures[name] = best
    for side in (*sides.values(), district):
        side.close()
    rate = {name: records / seconds for name, (seconds, records, _mb) in figures.items()}
    ratio = rate["plc"] / rate["personnel"]
    for name, (seconds, records, mb) in figures.items():
        print(f"{name} bundle: {records} records, {mb:.1f} MB in {seconds:.2f} s = {rate[name]:.0f} records/s")
    print(f"plc bundle throughput / personnel bundle throughput (records per second): {ratio:.2f} (target about 1)")
    return ratio


if __name__ == "__main__":
    main()
