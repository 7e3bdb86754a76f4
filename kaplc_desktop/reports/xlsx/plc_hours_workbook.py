"""PLC hours as a workbook: a summary sheet (one row per person: meetings, hours, target, what is still
needed) and a sheet with one row per meeting attended, with totals — the shape a teacher copies into the
ก.ค.ศ. Logbook or a PA report. Thai headers, frozen header rows, filters, A4 print setup."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ...atomic_file import write_atomic
from ...domain import buddhist_date, vocabularies
from ...domain.plc_hours import meeting_time_text
from ...i18n import _
from ...progress import NO_PROGRESS, Progress
from .safe_cells import append_row
from .styles import apply_header_style, set_column_widths

HOURS_FORMAT = "0.00"


def _title_rows(ws: Any, title: str, subtitle: str) -> None:
    from openpyxl.styles import Font

    append_row(ws, [title])
    append_row(ws, [subtitle])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])


def _print_setup(ws: Any, header_row: int) -> None:
    ws.freeze_panes = f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def write_plc_hours(
    path: Path,
    title: str,
    subtitle: str,
    people: Sequence[Any],
    meetings: Sequence[dict[str, Any]],
    names: dict[str, str],
    progress: Progress = NO_PROGRESS,
) -> int:
    """`people`: PersonHours of the year; `meetings`: the meetings attended (plc_reads.attended rows); `names`:
    person id → the Thai name. Returns the number of meeting rows written."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    summary = wb.active
    summary.title = _("Summary")
    _title_rows(summary, title, subtitle)
    heads = [
        _("No. (row)"),
        _("Name"),
        _("Position"),
        _("Academic standing"),
        _("Meetings attended"),
        _("Hours"),
        _("Target"),
        _("Still needed"),
        _("Status"),
    ]
    summary.append(heads)
    header_row = summary.max_row
    apply_header_style(summary, len(heads), row=header_row)
    for n, h in enumerate(people, start=1):
        short = None if h.target_hours is None else max(0.0, h.target_hours - h.minutes / 60)
        status = "" if h.target_hours is None else h.standing()
        append_row(
            summary,
            [
                n,
                h.person.full_name_th,
                h.person.display("position"),
                h.person.display("academic_standing"),
                h.meetings,
                round(h.minutes / 60, 2),
                h.target_hours,
                None if short is None else round(short, 2),
                status,
            ],
        )
    last = summary.max_row
    for row in summary.iter_rows(min_row=header_row + 1, max_row=last, min_col=6, max_col=8):
        for cell in row:
            cell.number_format = HOURS_FORMAT
    summary.auto_filter.ref = f"A{header_row}:I{last}"
    set_column_widths(summary, [7, 30, 24, 22, 12, 10, 10, 12, 16])
    _print_setup(summary, header_row)

    detail = wb.create_sheet(_("Meetings attended, one row each"))
    _title_rows(detail, title, subtitle)
    heads = [
        _("Name"),
        _("Date"),
        _("PLC group"),
        _("Semester"),
        _("Session no."),
        _("Activity"),
        _("Steps of the cycle"),
        _("Time"),
        _("Hours"),
    ]
    detail.append(heads)
    header_row = detail.max_row
    apply_header_style(detail, len(heads), row=header_row)
    ordered = sorted(meetings, key=lambda r: (names.get(r["person_id"], ""), r["date"], r["start_time"]))
    for n, r in enumerate(ordered, start=1):
        append_row(
            detail,
            [
                names.get(r["person_id"], ""),
                buddhist_date.format_short(r["date"]),
                r["group_name"],
                r["semester"],
                r["session_no"],
                vocabularies.label("plc_activity_type", r["activity_type"]),
                ", ".join(r["steps"]),
                meeting_time_text(r["start_time"], r["end_time"], r["arrived_at"], r["left_at"]),
                round(r["minutes"] / 60, 2),
            ],
        )
        if n % 2000 == 0:
            progress.update(n, len(ordered))
    last = detail.max_row
    for (cell,) in detail.iter_rows(min_row=header_row + 1, max_row=last, min_col=9, max_col=9):
        cell.number_format = HOURS_FORMAT
    detail.auto_filter.ref = f"A{header_row}:I{last}"
    # SUBTOTAL: the total follows the filter (one person's rows)
    subtotal = f"=SUBTOTAL(9,I{header_row + 1}:I{max(last, header_row + 1)})"
    append_row(detail, [_("Total"), None, None, None, None, None, None, None, subtotal], formulas=frozenset({9}))
    total = detail.max_row
    detail[f"I{total}"].number_format = HOURS_FORMAT
    for cell in detail[total]:
        cell.font = Font(bold=True)
    set_column_widths(detail, [30, 12, 30, 9, 9, 22, 30, 14, 9])
    _print_setup(detail, header_row)
    write_atomic(path, wb.save)
    progress.update(len(ordered), len(ordered))
    return len(ordered)
