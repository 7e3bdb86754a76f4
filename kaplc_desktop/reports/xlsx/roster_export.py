"""Exporting a list of personnel rows to a formatted workbook that the import can read back."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ...atomic_file import write_atomic
from ...domain import buddhist_date, vocabularies
from ...domain.person_fields import REQUIRED_FIELDS
from ...progress import NO_PROGRESS, Progress
from ...services.person_row import PersonRow
from .roster_columns import ROSTER_FIELDS, SHEET_NAME, header
from .styles import apply_header_style, set_column_widths

WIDTHS = [18, 12, 16, 18, 16, 18, 22, 22, 24, 28, 18, 14, 14, 24, 16, 14]


def _export_value(row: PersonRow, field: str) -> str:
    """Values as a user types them in the template (full ID, labels, Buddhist-Era dates)."""
    value = getattr(row, field)
    if field == "learning_areas":
        return ", ".join(vocabularies.label("learning_area", c, "th") for c in value)
    if field in ("start_date", "status_date"):
        return buddhist_date.format_short(value)
    if field == "status":
        return vocabularies.label("personnel_status", value, "th")
    if field in ("title_prefix", "position", "academic_standing", "personnel_group"):
        return vocabularies.label(field, value, "th")
    return value or ""


def write_roster(path: Path, rows: Sequence[PersonRow], progress: Progress = NO_PROGRESS) -> int:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    ws.append([header(f) for f in ROSTER_FIELDS])
    apply_header_style(
        ws, len(ROSTER_FIELDS), required=[i for i, f in enumerate(ROSTER_FIELDS, 1) if f in REQUIRED_FIELDS]
    )
    for n, row in enumerate(rows, start=1):
        ws.append([_export_value(row, f) for f in ROSTER_FIELDS])
        if n % 500 == 0:
            progress.update(n, len(rows))
    for column in ("A", "L", "M", "P"):  # IDs, phones and BE dates stay text in Excel
        for cell in ws[column][1:]:
            cell.number_format = "@"
    set_column_widths(ws, WIDTHS)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    write_atomic(path, wb.save)
    progress.update(len(rows), len(rows))
    return len(rows)
