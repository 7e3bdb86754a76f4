"""Reading a filled workbook of any kind: whole-file checks, then a row-by-row report of what can be imported.

Each row is cleaned by the kind's declared rules (the form's), then by the caller's `check_row` (duplicates).
Nothing is written here: the caller shows the report and decides to import the valid rows or none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...domain.printable_text import field_warnings
from ...domain.record_cleaning import clean_record
from ...domain.record_kind import RecordKind
from ...errors import ImportFileError, ValidationError
from ...i18n import _
from ...progress import NO_PROGRESS, Progress
from .record_columns import header, header_aliases, normalize_header, sheet_name
from .workbook_guard import load_workbook_safely, unreadable

# A check of a clean row against the records held and the rows read before it: (field, message) or None.
RowCheck = Callable[[int, Any], tuple[str, str] | None]

MAX_ROWS = 10_000


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    message: str


@dataclass
class SheetReport:
    """Per row: a clean draft or the problems found. Row numbers are the sheet's own (heading = 1)."""

    valid: list[tuple[int, Any]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    # valid rows imported as typed, whose text holds characters the documents print as ■
    warnings: list[RowProblem] = field(default_factory=list)
    skipped_example: bool = False
    rows_read: int = 0
    columns: tuple[str, ...] = ()  # the fields the file has a column for

    @property
    def invalid_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})

    def to_json(self) -> dict[str, object]:
        return {
            "rows_read": self.rows_read,
            "valid_rows": len(self.valid),
            "invalid_rows": len(self.invalid_rows),
            "problems": [{"row": p.row, "column": p.column, "message": p.message} for p in self.problems],
            "warnings": [{"row": p.row, "column": p.column, "message": p.message} for p in self.warnings],
        }


def _map_headers(kind: RecordKind, cells: tuple[object, ...], partial: bool = False) -> dict[str, int]:
    """Column index of each field; refuses extra, missing, renamed or repeated headings (with `partial`, a
    column that is not required may be left out of the file)."""
    aliases = {f: header_aliases(kind, f) for f in kind.excel}
    found: dict[str, int] = {}
    unknown: list[str] = []
    for index, cell in enumerate(cells):
        name = normalize_header(cell)
        if not name:
            continue
        match = next((f for f, names in aliases.items() if name in names), None)
        if match is None:
            unknown.append(str(cell))
        elif match in found:
            raise ImportFileError(_("The column “{name}” appears twice. Keep one and import again.").format(name=cell))
        else:
            found[match] = index
    missing = [header(kind, f) for f in kind.excel if f not in found and (not partial or f in kind.required)]
    if unknown or missing:
        parts = []
        if missing:
            parts.append(_("missing columns: {names}").format(names=", ".join(missing)))
        if unknown:
            parts.append(_("unknown columns: {names}").format(names=", ".join(unknown)))
        raise ImportFileError(
            _(
                "The columns do not match the template ({details}). Download the template "
                "again and copy your data into it."
            ).format(details="; ".join(parts))
        )
    return found


def _cell_text(value: object) -> object:
    """Excel hands over numbers and datetimes; turn IDs and phones into text, keep dates as dates."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _is_example(kind: RecordKind, values: Mapping[str, object]) -> bool:
    example = kind.example_row
    return bool(example) and all(str(values.get(f) or "").strip() == example.get(f, "") for f in kind.excel)


def read_records(
    kind: RecordKind,
    path: Path,
    make_draft: Callable[..., Any],
    check_row: RowCheck | None = None,
    today: dt.date | None = None,
    progress: Progress = NO_PROGRESS,
    partial: bool = False,
    what: str | None = None,
) -> SheetReport:
    """Validates every row of a workbook against the kind's rules and the caller's `check_row` (with `partial`,
    optional columns may be missing: report.columns says which the file has). `what` says where the right file
    comes from, for a file that is no workbook (default: the roster template)."""
    wb = load_workbook_safely(Path(path), what=what)
    try:
        ws = _sheet(wb, sheet_name(kind))
        total = ws.max_row or 0
        if total - 1 > MAX_ROWS:
            raise ImportFileError(
                _(
                    "The sheet has {n} rows; at most {limit} can be imported at once. Split the "
                    "file and import the parts."
                ).format(n=total - 1, limit=MAX_ROWS)
            )
        if hasattr(ws, "reset_dimensions"):  # a sheet's recorded size may be out of date: read every row there is
            ws.reset_dimensions()
        return _read_rows(kind, ws, make_draft, check_row, today or dt.date.today(), progress, total, partial)
    except (ImportFileError, ValidationError):
        raise
    except Exception as exc:
        if type(exc).__name__ == "Cancelled":
            raise
        raise unreadable(exc) from None
    finally:
        wb.close()


def _sheet(wb: Any, name: str) -> Any:
    """The sheet of the kind's name, or else the first: only among the sheets a user sees (a hidden sheet is
    never imported in place of the visible one)."""
    visible = [ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if not visible:
        raise ImportFileError(_("Every sheet of the workbook is hidden. Show the sheet to import and save it again."))
    return next((ws for ws in visible if ws.title == name), visible[0])


def _read_rows(
    kind: RecordKind,
    ws: object,
    make_draft: Callable[..., Any],
    check_row: RowCheck | None,
    today: dt.date,
    progress: Progress,
    total: int,
    partial: bool = False,
) -> SheetReport:
    report = SheetReport()
    rows = ws.iter_rows(values_only=False)  # type: ignore[attr-defined]
    header_row = next(rows, None)
    if header_row is None:
        raise ImportFileError(_("The sheet is empty. Fill in the template and import again."))
    columns = _map_headers(kind, tuple(c.value for c in header_row), partial)
    report.columns = tuple(f for f in kind.excel if f in columns)
    for row_cells in rows:
        row_no = row_cells[0].row if row_cells and hasattr(row_cells[0], "row") else report.rows_read + 2
        if row_no is None:
            row_no = report.rows_read + 2
        values: dict[str, object] = {}
        for f, idx in columns.items():
            cell = row_cells[idx] if idx < len(row_cells) else None
            if cell is None:
                continue
            if getattr(cell, "data_type", None) == "f":
                raise ImportFileError(
                    _(
                        "Cell {cell} holds a formula, not a value. Copy the cells and paste them "
                        "as values only, then import again."
                    ).format(cell=cell.coordinate)
                )
            values[f] = _cell_text(cell.value)
        if all(v is None or str(v).strip() == "" for v in values.values()):
            continue
        report.rows_read += 1
        if report.rows_read > MAX_ROWS:
            raise ImportFileError(
                _("The sheet has more than {limit} rows; split the file and import the parts.").format(limit=MAX_ROWS)
            )
        if report.rows_read % 200 == 0:
            progress.update(report.rows_read, max(total - 1, report.rows_read))
        if _is_example(kind, values):
            report.skipped_example = True
            continue
        try:
            draft = make_draft(**clean_record(kind, values, today))
        except ValidationError as exc:
            for err in exc.errors:
                report.problems.append(RowProblem(row_no, kind.label_of(err.field), err.message))
            continue
        refused = check_row(row_no, draft) if check_row is not None else None
        if refused is not None:
            report.problems.append(RowProblem(row_no, kind.label_of(refused[0]), refused[1]))
            continue
        report.valid.append((row_no, draft))
        for warning in field_warnings(draft.as_dict(), kind.typed_text, name_field=False):
            report.warnings.append(RowProblem(row_no, kind.label_of(warning.field), warning.message))
    progress.update(report.rows_read, report.rows_read)
    return report
