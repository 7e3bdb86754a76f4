"""Excel in and out of the personnel registry: template, import (check, then all valid rows or none), export.

openpyxl is imported only when one of these runs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ...progress import NO_PROGRESS, Progress
from ...services.person_row import PersonRow
from ...services.personnel import PersonnelService

if TYPE_CHECKING:
    from .roster_import import RosterReport


class RosterIO:
    def __init__(self, personnel: PersonnelService) -> None:
        self._personnel = personnel

    def write_template(self, path: Path) -> None:
        from .roster_template import write_roster_template

        write_roster_template(path)

    def check(self, path: Path, today: dt.date | None = None, progress: Progress = NO_PROGRESS) -> RosterReport:
        """Reads and validates the file against the registry; writes nothing."""
        from .roster_import import read_roster

        return read_roster(path, self._personnel.identity_index(), today, progress)

    def apply(self, report: RosterReport, progress: Progress = NO_PROGRESS) -> int:
        """Adds the report's valid rows in one transaction; returns how many were added."""
        progress.update(0, len(report.valid))
        added = self._personnel.add_many(draft for _row, draft in report.valid)
        progress.update(added, added)
        return added

    def export(self, path: Path, rows: list[PersonRow], progress: Progress = NO_PROGRESS) -> int:
        from .roster_export import write_roster

        return write_roster(path, rows, progress)
