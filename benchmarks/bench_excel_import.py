"""Importing a 5,000-row roster: seconds and rows per second (check + apply), and the export that made it."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench_support import make_school


def main() -> dict[str, float]:
    from kaplc_desktop.context import AppContext
    from kaplc_desktop.reports.xlsx.roster_io import RosterIO
    from kaplc_desktop.services.workspace import clean_school_setup

    work = Path(tempfile.mkdtemp(prefix="kaplc-bench-xlsx-"))
    source = make_school(Path(tempfile.gettempdir()) / "kaplc-bench-5000")
    roster = work / "roster.xlsx"
    with AppContext.open(source) as ctx:
        rows = ctx.personnel.list()
        start = time.perf_counter()
        RosterIO(ctx.personnel).export(roster, rows)
        export_s = time.perf_counter() - start
    target = work / "school"
    with AppContext.open(target, create=True) as ctx:
        ctx.workspace.init_school(clean_school_setup("1090050002", "โรงเรียนทดสอบความเร็ว", "สพป.สงขลา เขต 2"))
        ctx.refresh_workspace()
        io = RosterIO(ctx.personnel)
        start = time.perf_counter()
        report = io.check(roster)
        check_s = time.perf_counter() - start
        start = time.perf_counter()
        added = io.apply(report)
        apply_s = time.perf_counter() - start
    total = check_s + apply_s
    print(
        f"excel: export {len(rows)} rows {export_s:.2f} s; import {added} rows in {total:.2f} s "
        f"(check {check_s:.2f} s + write {apply_s:.2f} s) = {added / total:.0f} rows/s"
    )
    return {"import_rows": added, "import_s": total, "rows_per_s": added / total, "export_s": export_s}


if __name__ == "__main__":
    main()
