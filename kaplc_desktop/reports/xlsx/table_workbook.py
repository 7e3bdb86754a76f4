"""Dashboard tables as a workbook, a sheet per table: a title and what it counts above a coloured heading row,
frozen headings, filters, widths from the contents, number formats by column kind (counts, hours, levels,
shares), and A4 landscape printing fitted to the width with the headings repeated on each page.

Written in openpyxl's write-only mode, so a district of 200 schools (thousands of rows) streams to disk.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ...atomic_file import write_atomic
from ...i18n import _
from ...progress import NO_PROGRESS, Progress
from ...services.dashboards.figures import Table, format_value, heat_rgb
from .safe_cells import cell_text
from .styles import HEADER_FILL

NUMBER_FORMATS = {"count": "#,##0", "hours": "0.00", "level": "0.00", "share": "0%"}
PLAIN_BELOW_1000 = NUMBER_FORMATS["count"]
HEADER_ROW = 4
_FORMULA_START = ("=", "+", "-", "@")  # text a spreadsheet would read as a formula
PAPER_A4 = "9"  # openpyxl Worksheet.PAPERSIZE_A4 (a write-only sheet lacks the name)
_SHEET_FORBIDDEN = re.compile(r"[\[\]*?/\\“”\"']")


def sheet_names(titles: Iterable[str]) -> list[str]:
    """Names Excel accepts: at most 31 characters, none of []:*?/\\, each once (a number added when two clash)."""
    names: list[str] = []
    taken: set[str] = set()
    for title in titles:
        # a need's words may name the sheet: what XML cannot hold is left out (a control character broke the file)
        readable = cell_text(title).replace(":", " -")
        base = _cut(" ".join(_SHEET_FORBIDDEN.sub(" ", readable).split()), 31) or _("Sheet")
        name, n = base, 2
        while name.casefold() in taken:
            suffix = f" ({n})"
            name, n = _cut(base, 31 - len(suffix)) + suffix, n + 1
        taken.add(name.casefold())
        names.append(name)
    return names


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, never between a Thai letter and its vowel or tone mark (พื้นที่ cut after ท
    would lose ่), nor after a vowel written before its letter."""
    import unicodedata

    if len(text) <= limit:
        return text
    end = limit
    while end > 0 and unicodedata.category(text[end]) == "Mn":
        end -= 1
    return text[:end].rstrip().rstrip("เแโใไ").rstrip()  # a leading vowel belongs to the letter cut off


def _heat_columns(table: Table) -> set[int]:
    chart = table.chart
    return {table.column(k) for k in chart.values} if chart is not None and chart.kind == "heatmap" else set()


def _width(table: Table, col: int) -> float:
    """As wide as the column's values (up to 44 characters); a long heading wraps over three lines instead of
    widening the column (Thai breaks between words there too), so a sheet fitted to A4's width stays readable."""
    column = table.columns[col]
    sample = table.rows[:500]
    if column.kind == "text":
        values = max((len(str(row[col] or "")) for row in sample), default=0)
    else:  # a number's width is its digits, as formatted: 12.34, 1,234, 56%
        values = max((len(format_value(row[col], column.kind)) for row in sample), default=0)
    return max(8.0, min(44.0, max(values * 1.1, len(column.label) / 3) + 2))


def write_tables(path: Path, tables: Sequence[Table], subtitle: str, progress: Progress = NO_PROGRESS) -> int:
    """Writes the tables (a sheet each) to `path`, whole or not at all. Returns the rows written."""
    written = 0

    def write(tmp: Path) -> None:
        """Built only once the temporary file exists: a folder that refuses it leaves no half-made sheets."""
        nonlocal written
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        for n, (table, name) in enumerate(zip(tables, sheet_names(t.sheet for t in tables), strict=True)):
            progress.update(n, len(tables), table.title)
            written += _write_sheet(wb.create_sheet(name), table, subtitle)
        if not tables:
            _write_sheet(wb.create_sheet(_("Sheet")), Table("empty", _("Nothing to show"), (), ()), subtitle)
        wb.save(tmp)

    write_atomic(path, write)
    progress.update(len(tables), len(tables))
    return written


def _write_sheet(ws: Any, table: Table, subtitle: str) -> int:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    columns = len(table.columns)
    heat = _heat_columns(table)
    wrapped = False
    for col in range(columns):
        width = min(_width(table, col), 14) if col in heat else _width(table, col)
        ws.column_dimensions[get_column_letter(col + 1)].width = width
        wrapped |= len(table.columns[col].label) > width
    if wrapped:  # headings wider than their columns wrap in a taller row
        ws.row_dimensions[HEADER_ROW].height = 64
    last = get_column_letter(max(columns, 1))
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if columns:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(table.rows)}"

    def text(value: str, **style: Any) -> Any:
        cell = WriteOnlyCell(ws, value=cell_text(value))
        cell.data_type = "s"  # user text is never a formula
        for name, v in style.items():
            setattr(cell, name, v)
        return cell

    ws.append([text(table.title, font=Font(bold=True, size=14))])
    ws.append([text(" · ".join(part for part in (subtitle, table.note) if part))])
    ws.append([])
    thin = Side(style="thin", color="BFBFBF")
    header_style = {
        "font": Font(bold=True, color="FFFFFF"),
        "fill": PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL),
        "alignment": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "border": Border(top=thin, bottom=thin, left=thin, right=thin),
    }
    ws.append([text(c.label, **header_style) for c in table.columns])
    # one style per number format and heat colour, made once on a first cell and shared by the others (a written
    # cell's style is only read): looking a style up for every cell made the workbook five times slower than the
    # same cells written plain, and a heatmap's fill for every cell twice as slow again
    styles: dict[tuple[str, str | None], Any] = {}

    def style(number_format: str, colour: str | None) -> Any:
        found = styles.get((number_format, colour))
        if found is None:
            proto = WriteOnlyCell(ws, value=0)
            proto.number_format = number_format
            if colour is not None:
                proto.fill = PatternFill("solid", start_color=colour, end_color=colour)
            found = styles[(number_format, colour)] = proto._style
        return found

    formats = [NUMBER_FORMATS.get(c.kind) for c in table.columns]
    for row in table.rows:
        cells: list[Any] = []
        for col, (value, number_format) in enumerate(zip(row, formats, strict=True)):
            if isinstance(value, str) or number_format is None:
                plain = "" if value is None else cell_text(str(value))
                cells.append(text(plain) if plain.startswith(_FORMULA_START) else plain)  # never a formula
                continue
            if value is None:
                cells.append(None)
                continue
            if number_format == PLAIN_BELOW_1000 and col not in heat and type(value) is int and -1000 < value < 1000:
                cells.append(value)  # "#,##0" shows a count under 1,000 as it is: no style to write
                continue
            cell = WriteOnlyCell(ws, value=value)
            colour = "{:02X}{:02X}{:02X}".format(*heat_rgb(value)) if col in heat else None
            cell._style = style(number_format, colour)
            cells.append(cell)
        ws.append(cells)
    return len(table.rows)
