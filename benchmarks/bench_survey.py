"""The July survey with 120 staff: exporting the survey workbook (a sheet per person) against openpyxl writing the
same cells in the same run, importing it back against openpyxl reading those cells, and opening the school's gap
view. Prints times and ratios against the targets (export ≤ 1.5×, import ≤ 2×, gap view < 300 ms)."""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

STAFF = 120
TODAY = dt.date(2026, 11, 27)


def _school(folder: Path) -> Path:
    from kaplc_desktop.context import AppContext
    from kaplc_desktop.services.demo_development import demo_development

    if not (folder / "kaplc.sqlite3").exists():
        with AppContext.open(folder, create=True) as ctx:
            ctx.create_demo_school(staff=STAFF, seed=12)
            demo_development(ctx, seed=12, today=TODAY)
    return folder


def _median_ms(work, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


Cells = list[tuple[str, list[tuple[int, int, object, str]]]]


def _same_cells(path: Path) -> Cells:
    """Every cell the export wrote (a value, a style or both), with its named style."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    found = [
        (
            ws.title,
            [
                (c.row, c.column, c.value, c.style)
                for row in ws.iter_rows()
                for c in row
                if c.value is not None or c.style != "Normal"
            ],
        )
        for ws in wb.worksheets
    ]
    wb.close()
    return found


def _plain_write(cells: Cells, path: Path, styled: bool) -> None:
    """openpyxl writing the same cells: their values, and with `styled` their named styles, as a program using
    openpyxl plainly would (no validation lists, protection or checks)."""
    from openpyxl import Workbook

    from kaplc_desktop.reports.xlsx.survey_workbook import _named_styles

    wb = Workbook()
    wb.remove(wb.active)
    if styled:
        for style in _named_styles():
            wb.add_named_style(style)
    for title, values in cells:
        ws = wb.create_sheet(title)
        for row, column, value, style in values:
            cell = ws.cell(row=row, column=column, value=value)
            if styled and style != "Normal":
                cell.style = style
    wb.save(path)


def _plain_read(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    n = sum(1 for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    wb.close()
    return n


def main() -> dict[str, float]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kaplc_desktop.context import AppContext
    from kaplc_desktop.services.survey_exchange import export_survey, import_survey
    from kaplc_desktop.ui.app import make_application
    from kaplc_desktop.ui.pages.development_page import GapsTab

    root = Path(tempfile.gettempdir()) / "kaplc-bench-survey"
    folder = _school(root / "school")
    make_application()
    out = root / "out"
    out.mkdir(parents=True, exist_ok=True)
    with AppContext.open(folder) as ctx:
        info = ctx.workspace.get()
        assert info is not None
        year = 2569
        ours = out / "survey.xlsx"
        school = (info.owner_code, info.school_name or "")
        sheets = export_survey(ctx.survey, school, ours, year)  # warm: modules loaded
        cells = _same_cells(ours)
        plain = out / "plain.xlsx"
        export_ms = _median_ms(lambda: export_survey(ctx.survey, school, ours, year))
        styled_write_ms = _median_ms(lambda: _plain_write(cells, plain, styled=True))
        plain_write_ms = _median_ms(lambda: _plain_write(cells, plain, styled=False))
        import_ms = _median_ms(lambda: import_survey(ctx.survey, info.owner_code, ours, dry_run=True))
        plain_read_ms = _median_ms(lambda: _plain_read(ours))

        def open_gaps() -> None:
            tab = GapsTab(ctx)
            tab.resize(1200, 700)
            tab.reload()
            tab.show()
            QApplication.processEvents()
            tab.close()
            tab.deleteLater()

        open_gaps()
        gaps_ms = _median_ms(open_gaps)
    export_ratio, import_ratio = export_ms / styled_write_ms, import_ms / plain_read_ms
    cell_count = sum(len(values) for _title, values in cells)
    print(
        f"survey: {STAFF} staff, {sheets} sheets, {cell_count} cells; export {export_ms:.0f} ms vs openpyxl writing "
        f"the same cells with their styles {styled_write_ms:.0f} ms: ratio {export_ratio:.2f} (target ≤ 1.5); "
        f"(vs their values alone {plain_write_ms:.0f} ms: ratio {export_ms / plain_write_ms:.2f})"
    )
    print(
        f"survey: import {import_ms:.0f} ms vs openpyxl reading the same cells {plain_read_ms:.0f} ms: ratio "
        f"{import_ratio:.2f} (target ≤ 2); the school's gap view opens in {gaps_ms:.0f} ms (ratio to target "
        f"{gaps_ms / 300:.2f}, target < 300 ms)"
    )
    return {"export_ratio": export_ratio, "import_ratio": import_ratio, "gaps_ms": gaps_ms}


if __name__ == "__main__":
    main()
