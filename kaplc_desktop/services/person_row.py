"""The immutable view of a personnel record that services hand to the UI, CLI and reports (its fields come from
the declaration in domain/kinds/personnel.py; this adds what the registry needs by name)."""

from __future__ import annotations

from ..domain import national_id
from ..domain.kinds import personnel as declared
from .record_rows import RecordRow, row_type


class _PersonRowBase(RecordRow):
    first_name_th: str
    last_name_th: str
    first_name_en: str | None
    last_name_en: str | None
    national_id: str | None
    learning_areas: tuple[str, ...]

    @property
    def full_name_th(self) -> str:
        """The Thai name with its Thai title, whatever the UI language: นางสาวสมศรี ใจดี."""
        return declared.full_name_th(self)

    @property
    def full_name_en(self) -> str:
        return declared.full_name_en(self)

    @property
    def national_id_masked(self) -> str:
        return national_id.format_masked(self.national_id)

    @property
    def learning_areas_label(self) -> str:
        return self.display("learning_areas")


PersonRow = row_type(declared.PERSONNEL, _PersonRowBase, "PersonRow")
