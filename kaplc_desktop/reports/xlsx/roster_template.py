"""The roster template: headings, drop-down lists from the vocabularies, and one example row."""

from __future__ import annotations

from pathlib import Path

from ...atomic_file import write_atomic
from ...domain import vocabularies
from ...domain.person_fields import REQUIRED_FIELDS
from ...i18n import _
from .roster_columns import EXAMPLE_ROW, LISTS_SHEET, ROSTER_FIELDS, SHEET_NAME, header, vocabulary_of
from .styles import apply_header_style, set_column_widths

TEMPLATE_ROWS = 500


def write_roster_template(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    lists = wb.create_sheet(LISTS_SHEET)
    ws.append([header(f) for f in ROSTER_FIELDS])
    apply_header_style(
        ws, len(ROSTER_FIELDS), required=[i for i, f in enumerate(ROSTER_FIELDS, 1) if f in REQUIRED_FIELDS]
    )
    ws.append([EXAMPLE_ROW[f] for f in ROSTER_FIELDS])
    for cell in ws[2]:
        cell.font = Font(italic=True, color="808080")
    ws["A2"].comment = Comment(_("Example row: it is skipped on import. Replace it or leave it as it is."), "KA-PLC")

    list_col = 0
    for col, field in enumerate(ROSTER_FIELDS, start=1):
        letter = get_column_letter(col)
        rows = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
        if field in ("national_id", "phone", "start_date", "status_date"):
            for row in range(2, TEMPLATE_ROWS + 2):
                ws[f"{letter}{row}"].number_format = "@"
        vocab = vocabulary_of(field)
        if vocab is None:
            continue
        list_col += 1
        list_letter = get_column_letter(list_col)
        labels = [t.label("th") for t in vocabularies.terms(vocab)]
        lists.cell(row=1, column=list_col, value=header(field))
        for i, text in enumerate(labels, start=2):
            lists.cell(row=i, column=list_col, value=text)
        if field == "learning_areas":  # several areas are allowed: a hint, not a strict list
            dv = DataValidation(
                type="list",
                formula1=f"'{LISTS_SHEET}'!${list_letter}$2:${list_letter}${len(labels) + 1}",
                allow_blank=True,
                showErrorMessage=False,
            )
            dv.promptTitle = header(field)
            dv.prompt = _("Choose one, or type several separated by commas.")
            dv.showInputMessage = True
        else:
            dv = DataValidation(
                type="list",
                formula1=f"'{LISTS_SHEET}'!${list_letter}$2:${list_letter}${len(labels) + 1}",
                allow_blank=field not in REQUIRED_FIELDS,
            )
            dv.error = _("Choose a value from the list.")
            dv.errorTitle = header(field)
            dv.showErrorMessage = field != "title_prefix"  # other titles may be typed
        ws.add_data_validation(dv)
        dv.add(rows)
    set_column_widths(ws, [18, 12, 16, 18, 16, 18, 22, 22, 24, 28, 18, 14, 14, 24, 16, 14])
    ws.freeze_panes = "A2"
    lists.sheet_state = "hidden"
    write_atomic(path, wb.save)
