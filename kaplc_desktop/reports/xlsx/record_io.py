"""Excel in and out of any declared kind: template, import (check, then all valid rows or none), export.

openpyxl is imported only when one of these runs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...progress import NO_PROGRESS, Progress
from ...services.records import RecordService

if TYPE_CHECKING:
    from .record_import import RowCheck, SheetReport


class RecordIO:
    def __init__(self, service: RecordService) -> None:
        self._service = service
        self.kind = service.kind

    def write_template(self, path: Path) -> None:
        from .record_template import write_template

        write_template(self.kind, path)

    def row_check(self) -> RowCheck | None:
        """A check of each clean row against the records held (a kind's own IO adds one)."""
        return None

    def make_draft(self, **values: Any) -> Any:
        from ...domain.record_cleaning import draft_type

        return draft_type(self.kind)(**values)

    partial_columns = False  # True: a column that is not required may be left out of the file
    file_hint: str | None = None  # where the right file comes from, said of a file that is no workbook

    def check(self, path: Path, today: dt.date | None = None, progress: Progress = NO_PROGRESS) -> SheetReport:
        """Reads and validates the file against the records held; writes nothing."""
        from .record_import import read_records

        return read_records(
            self.kind, path, self.make_draft, self.row_check(), today, progress, self.partial_columns, self.file_hint
        )

    def apply(self, report: SheetReport, progress: Progress = NO_PROGRESS) -> int:
        """Adds the report's valid rows in one transaction; returns how many were added."""
        progress.update(0, len(report.valid))
        added = self._service.add_many(draft for _row, draft in report.valid)
        progress.update(added, added)
        return added

    def export(self, path: Path, rows: list[Any], progress: Progress = NO_PROGRESS) -> int:
        from .record_export import write_records

        return write_records(self.kind, path, rows, progress)
