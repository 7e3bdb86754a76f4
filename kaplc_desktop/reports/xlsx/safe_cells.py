"""Writing user text into a workbook as text: a value starting with "=" (or "+", "-", "@" followed by text) is
never a formula that Excel would run (formula injection), and characters a workbook cannot hold are left out
instead of failing the export."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

_FORMULA_START = ("=", "+", "-", "@")


def cell_text(value: str) -> str:
    """Text a workbook can hold: without the control characters and the two noncharacters (U+FFFE, U+FFFF) that
    XML 1.0 refuses (a file holding one cannot be opened again), its line ends as a workbook reads them back."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cleaned = ILLEGAL_CHARACTERS_RE.sub("", value).replace("\ufffe", "").replace("\uffff", "")
    return cleaned.replace("\r\n", "\n").replace("\r", "\n")  # XML reads a line end as \n: said so now


def append_row(ws: Any, values: Iterable[Any], formulas: frozenset[int] = frozenset()) -> None:
    """ws.append(values), with every string cell kept as text; columns in `formulas` (1-based) may hold the
    program's own formulas (a total)."""
    cleaned = [cell_text(v) if isinstance(v, str) else v for v in values]
    ws.append(cleaned)
    row = ws.max_row
    for column, value in enumerate(cleaned, start=1):
        if isinstance(value, str) and value.startswith(_FORMULA_START) and column not in formulas:
            ws.cell(row=row, column=column).data_type = "s"
