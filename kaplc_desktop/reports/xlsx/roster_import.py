"""Reading a filled roster: whole-file checks, then a row-by-row report of what can be imported.

Nothing is written here: the caller shows the report and decides to import the valid rows or none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ...domain.person_fields import TYPED_TEXT_FIELDS, field_label
from ...domain.person_identity import PersonIndex, PersonKey
from ...domain.person_rules import PersonDraft, clean_person
from ...domain.printable_text import field_warnings
from ...errors import ImportFileError, ValidationError
from ...i18n import _
from ...progress import NO_PROGRESS, Progress
from .roster_columns import EXAMPLE_ROW, ROSTER_FIELDS, SHEET_NAME, header, header_aliases, normalize_header
from .workbook_guard import load_workbook_safely, unreadable

MAX_ROWS = 10_000


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    message: str


@dataclass
class RosterReport:
    """Per row: a clean draft or the problems found. Row numbers are the sheet's own (heading = 1)."""

    valid: list[tuple[int, PersonDraft]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    # valid rows imported as typed, whose text holds characters the documents print as ■
    warnings: list[RowProblem] = field(default_factory=list)
    skipped_example: bool = False
    rows_read: int = 0

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


def _map_headers(cells: tuple[object, ...]) -> dict[str, int]:
    """Column index of each field; refuses extra, missing, renamed or repeated headings."""
    aliases = {f: header_aliases(f) for f in ROSTER_FIELDS}
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
    missing = [header(f) for f in ROSTER_FIELDS if f not in found]
    if unknown or missing:
        parts = []
        if missing:
            parts.append(_("missing columns: {names}").format(names=", ".join(missing)))
        if unknown:
            parts.append(_("unknown columns: {names}").format(names=", ".join(unknown)))
        raise ImportFileError(
            _(
                "The columns do not match the roster template ({details}). Download the template "
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


def _is_example(values: Mapping[str, object]) -> bool:
    return all(str(values.get(f) or "").strip() == EXAMPLE_ROW[f] for f in ROSTER_FIELDS)


def read_roster(
    path: Path, existing: PersonIndex[str], today: dt.date | None = None, progress: Progress = NO_PROGRESS
) -> RosterReport:
    """Validates every row of a roster file against the rules and against the people already held."""
    wb = load_workbook_safely(Path(path))
    try:
        ws = wb[SHEET_NAME] if SHEET_NAME in wb.sheetnames else wb.worksheets[0]
        total = ws.max_row or 0
        if total - 1 > MAX_ROWS:
            raise ImportFileError(
                _(
                    "The sheet has {n} rows; at most {limit} can be imported at once. Split the "
                    "file and import the parts."
                ).format(n=total - 1, limit=MAX_ROWS)
            )
        return _read_rows(ws, existing, today or dt.date.today(), progress, total)
    except (ImportFileError, ValidationError):
        raise
    except Exception as exc:
        if type(exc).__name__ == "Cancelled":
            raise
        raise unreadable(exc) from None
    finally:
        wb.close()


def _read_rows(ws: object, existing: PersonIndex[str], today: dt.date, progress: Progress, total: int) -> RosterReport:
    report = RosterReport()
    rows = ws.iter_rows(values_only=False)  # type: ignore[attr-defined]
    header_row = next(rows, None)
    if header_row is None:
        raise ImportFileError(_("The sheet is empty. Fill in the roster template and import again."))
    columns = _map_headers(tuple(c.value for c in header_row))
    seen: PersonIndex[int] = PersonIndex()
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
        if _is_example(values):
            report.skipped_example = True
            continue
        try:
            draft = clean_person(values, today)
        except ValidationError as exc:
            for err in exc.errors:
                report.problems.append(RowProblem(row_no, field_label(err.field), err.message))
            continue
        key = PersonKey.of(draft.first_name_th, draft.last_name_th, draft.national_id)
        if existing.find(key) is not None:
            report.problems.append(
                RowProblem(
                    row_no,
                    field_label("first_name_th"),
                    _("This person is already in the registry (same national ID or same name)."),
                )
            )
            continue
        earlier = seen.find(key)
        if earlier is not None:
            report.problems.append(
                RowProblem(
                    row_no,
                    field_label("first_name_th"),
                    _("Same person as row {row} of this file (same national ID or same name).").format(row=earlier),
                )
            )
            continue
        seen.add(key, row_no)
        report.valid.append((row_no, draft))
        for warning in field_warnings(draft.as_dict(), TYPED_TEXT_FIELDS, name_field=False):
            report.warnings.append(RowProblem(row_no, field_label(warning.field), warning.message))
    progress.update(report.rows_read, report.rows_read)
    return report
