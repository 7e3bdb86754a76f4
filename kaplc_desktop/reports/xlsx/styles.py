"""The look shared by every workbook the app writes: a coloured heading row, column widths."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

HEADER_FILL = "1F4E79"
REQUIRED_FILL = "843C0C"


def apply_header_style(ws: Any, columns: int, required: Iterable[int] = (), row: int = 1) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    needed = set(required)
    thin = Side(style="thin", color="BFBFBF")
    for col in range(1, columns + 1):
        cell = ws.cell(row=row, column=col)
        cell.font = Font(bold=True, color="FFFFFF")
        fill = REQUIRED_FILL if col in needed else HEADER_FILL
        cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    ws.row_dimensions[row].height = 32


def set_column_widths(ws: Any, widths: Iterable[float]) -> None:
    from openpyxl.utils import get_column_letter

    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
