"""Excel in and out of the personnel registry: the generic record workbook, plus the registry's duplicate check
(a row is refused when the person is already held, or appears earlier in the same file)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...domain.person_identity import PersonIndex, PersonKey
from ...domain.person_rules import PersonDraft
from ...i18n import _, ngettext
from ...services.personnel import PersonnelService
from .record_io import RecordIO

if TYPE_CHECKING:
    from .record_import import RowCheck


def exported_message(n: int, path: object) -> str:
    """What the window and the command line say after an export."""
    return ngettext("{n} staff member exported to {path}.", "{n} staff members exported to {path}.", n).format(
        n=n, path=path
    )


class RosterIO(RecordIO):
    def __init__(self, personnel: PersonnelService) -> None:
        super().__init__(personnel)
        self._personnel = personnel

    def make_draft(self, **values: Any) -> Any:
        return PersonDraft(**values)

    def row_check(self) -> RowCheck:
        existing = self._personnel.identity_index()
        seen: PersonIndex[int] = PersonIndex()

        def check(row_no: int, draft: Any) -> tuple[str, str] | None:
            key = PersonKey.of(draft.first_name_th, draft.last_name_th, draft.national_id)
            if existing.find(key) is not None:
                return "first_name_th", _("This person is already in the registry (same national ID or same name).")
            earlier = seen.find(key)
            if earlier is not None:
                return "first_name_th", _(
                    "Same person as row {row} of this file (same national ID or same name)."
                ).format(row=earlier)
            seen.add(key, row_no)
            return None

        return check
