"""Exporting records of a kind to a formatted workbook that its import can read back."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ...atomic_file import write_atomic
from ...domain.record_kind import RecordKind
from ...progress import NO_PROGRESS, Progress
from .record_columns import header, required_columns, sheet_name
from .safe_cells import append_row
from .styles import apply_header_style, set_column_widths


def write_records(kind: RecordKind, path: Path, rows: Sequence[Any], progress: Progress = NO_PROGRESS) -> int:
    """Values as a user types them in the template (full ID, Thai labels, Buddhist-Era dates)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    fields = [kind.field(name) for name in kind.excel]
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name(kind)
    ws.append([header(kind, f.name) for f in fields])
    apply_header_style(ws, len(fields), required=required_columns(kind))
    for n, row in enumerate(rows, start=1):
        append_row(ws, [f.type.excel(f, getattr(row, f.name)) for f in fields])
        if n % 500 == 0:
            progress.update(n, len(rows))
    for col, f in enumerate(fields, start=1):
        if f.type.excel_as_text:
            for cell in ws[get_column_letter(col)][1:]:
                cell.number_format = "@"
    set_column_widths(ws, [f.excel_width for f in fields])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    write_atomic(path, wb.save)
    progress.update(len(rows), len(rows))
    return len(rows)
