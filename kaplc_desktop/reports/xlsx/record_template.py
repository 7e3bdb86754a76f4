"""A kind's Excel template: headings, drop-down lists from the vocabularies, and its example row."""

from __future__ import annotations

from pathlib import Path

from ...atomic_file import write_atomic
from ...domain import vocabularies
from ...domain.field_types import Code, Codes
from ...domain.record_kind import RecordKind
from ...i18n import _
from .record_columns import LISTS_SHEET, header, required_columns, sheet_name
from .styles import apply_header_style, set_column_widths

TEMPLATE_ROWS = 500


def write_template(kind: RecordKind, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name(kind)
    lists = wb.create_sheet(LISTS_SHEET)
    ws.append([header(kind, f) for f in kind.excel])
    apply_header_style(ws, len(kind.excel), required=required_columns(kind))
    if kind.example_row:
        ws.append([kind.example_row.get(f, "") for f in kind.excel])
        for cell in ws[2]:
            cell.font = Font(italic=True, color="808080")
        ws["A2"].comment = Comment(
            _("Example row: it is skipped on import. Replace it or leave it as it is."), "KA-PLC"
        )

    list_col = 0
    for col, name in enumerate(kind.excel, start=1):
        f = kind.field(name)
        letter = get_column_letter(col)
        rows = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
        if f.type.excel_as_text:  # IDs, phones and Buddhist-Era dates stay as typed
            for row in range(2, TEMPLATE_ROWS + 2):
                ws[f"{letter}{row}"].number_format = "@"
        if not f.vocabulary:
            continue
        list_col += 1
        list_letter = get_column_letter(list_col)
        labels = [t.label("th") for t in vocabularies.terms(f.vocabulary)]
        lists.cell(row=1, column=list_col, value=header(kind, name))
        for i, text in enumerate(labels, start=2):
            lists.cell(row=i, column=list_col, value=text)
        dv = DataValidation(
            type="list",
            formula1=f"'{LISTS_SHEET}'!${list_letter}$2:${list_letter}${len(labels) + 1}",
            allow_blank=not f.required,
        )
        if isinstance(f.type, Codes):  # several are allowed: a hint, not a strict list
            dv.showErrorMessage = False
            dv.promptTitle = header(kind, name)
            dv.prompt = _("Choose one, or type several separated by commas.")
            dv.showInputMessage = True
        else:
            dv.error = _("Choose a value from the list.")
            dv.errorTitle = header(kind, name)
            dv.showErrorMessage = not (isinstance(f.type, Code) and f.type.free)  # other values may be typed
        ws.add_data_validation(dv)
        dv.add(rows)
    set_column_widths(ws, [kind.field(f).excel_width for f in kind.excel])
    ws.freeze_panes = "A2"
    lists.sheet_state = "hidden"
    write_atomic(path, wb.save)
