"""Excel in and out of the district's registry of schools: the generic record workbook, read as a list that is
imported again each year. A row of a registered school updates it (its changes are listed before anything is
written); a column that is not required may be left out (what the list holds there stays); a school code twice in
the file is refused; registered schools the file leaves out are named, never removed; nothing is written until
the user chooses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...domain.workspace_codes import school_key
from ...i18n import _
from ...progress import NO_PROGRESS, Progress
from ...services.school_registry import SchoolRegistryService, same_value
from .record_import import RowProblem, SheetReport
from .record_io import RecordIO

if TYPE_CHECKING:
    from .record_import import RowCheck


@dataclass
class RegistryReport(SheetReport):
    """A sheet report that also says, per valid row, whether it registers a school or changes one."""

    new_rows: int = 0
    unchanged_rows: int = 0
    changes: list[RowProblem] = field(default_factory=list)  # one per changed field: "from … to …"
    absent: list[tuple[str, str]] = field(default_factory=list)  # (code, name) on the list, not in the file

    @property
    def changed_rows(self) -> int:
        return len({c.row for c in self.changes})

    def outcome_text(self) -> str:
        text = _("New schools: {new}; registered schools changed: {changed}; unchanged: {same}.").format(
            new=self.new_rows, changed=self.changed_rows, same=self.unchanged_rows
        )
        if self.absent:
            shown = ", ".join(f"{code} {name}" for code, name in self.absent[:10])
            more = " …" if len(self.absent) > 10 else ""
            text += " " + _(
                "{n} schools on the list are not in this file; they stay on the list (take them off on the Schools "
                "page if they closed or merged): {schools}"
            ).format(n=len(self.absent), schools=shown + more)
        return text

    def to_json(self) -> dict[str, object]:
        data = super().to_json()
        data.update(
            new_rows=self.new_rows,
            changed_rows=self.changed_rows,
            unchanged_rows=self.unchanged_rows,
            changes=[{"row": c.row, "column": c.column, "change": c.message} for c in self.changes],
            absent=[code for code, _name in self.absent],
        )
        return data


class RegistryIO(RecordIO):
    def __init__(self, registry: SchoolRegistryService) -> None:
        super().__init__(registry)
        self._registry = registry

    def row_check(self) -> RowCheck:
        seen: dict[str, int] = {}

        def check(row_no: int, draft: Any) -> tuple[str, str] | None:
            earlier = seen.get(draft.school_code)
            if earlier is not None:
                return "school_code", _("School code {code} is also in row {row} of this file.").format(
                    code=draft.school_code, row=earlier
                )
            seen[draft.school_code] = row_no
            return None

        return check

    partial_columns = True

    @property
    def file_hint(self) -> str:  # type: ignore[override]
        return _("Download the list's template from the Schools page (Excel template…), fill it in")

    def check(self, path: Path, today: dt.date | None = None, progress: Progress = NO_PROGRESS) -> RegistryReport:
        base = super().check(path, today, progress)
        report = RegistryReport(**{name: getattr(base, name) for name in SheetReport.__dataclass_fields__})
        live = {school_key(r.school_code): r for r in self._registry.list()}
        trashed = {school_key(r.school_code): r for r in self._registry.list(deleted=True)}
        kind = self.kind
        in_file = set()
        for row_no, draft in report.valid:
            key = school_key(draft.school_code)
            in_file.add(key)
            record = live.get(key)
            if record is None and key in trashed:
                record = trashed[key]
                report.changes.append(RowProblem(row_no, kind.label_of("school_code"), _("comes back from the Trash")))
            elif record is None:
                report.new_rows += 1
                continue
            changed = record.deleted_at is not None
            for f in report.columns:
                ours, theirs = getattr(record, f), getattr(draft, f)
                if same_value(f, ours, theirs):
                    continue
                changed = True
                before = record.display(f) or _("(empty)")
                after = _display_value(kind, f, theirs) or _("(empty)")
                report.changes.append(
                    RowProblem(
                        row_no,
                        kind.label_of(f),
                        _("changes from “{before}” to “{after}”").format(before=before, after=after),
                    )
                )
            if not changed:
                report.unchanged_rows += 1
        report.absent = [(r.school_code, r.school_name) for key, r in live.items() if key not in in_file]
        return report

    def apply(self, report: SheetReport, progress: Progress = NO_PROGRESS) -> tuple[int, int]:
        """Registers the new rows and updates the changed ones in one transaction; returns (added, changed)."""
        progress.update(0, len(report.valid))
        added, changed = self._registry.upsert_many((draft for _row, draft in report.valid), report.columns)
        progress.update(len(report.valid), len(report.valid))
        return added, changed


def _display_value(kind: Any, name: str, value: Any) -> str:
    f = kind.field(name)
    return f.type.display(f, value)
