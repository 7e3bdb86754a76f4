"""The immutable view of a personnel record that services hand to the UI, CLI and reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from ..domain import buddhist_date, national_id, vocabularies


@dataclass(frozen=True)
class PersonRow:
    id: str
    national_id: str | None
    title_prefix: str | None
    first_name_th: str
    last_name_th: str
    first_name_en: str | None
    last_name_en: str | None
    position: str
    academic_standing: str | None
    personnel_group: str
    learning_areas: tuple[str, ...]
    subject: str | None
    start_date: dt.date | None
    phone: str | None
    email: str | None
    status: str
    status_date: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None
    photo_sha256: str | None = None

    @property
    def full_name_th(self) -> str:
        """The Thai name with its Thai title, whatever the UI language: นางสาวสมศรี ใจดี."""
        prefix = vocabularies.label("title_prefix", self.title_prefix, "th")
        return f"{prefix}{self.first_name_th} {self.last_name_th}"

    @property
    def full_name_en(self) -> str:
        return " ".join(p for p in (self.first_name_en, self.last_name_en) if p)

    @property
    def national_id_masked(self) -> str:
        return national_id.format_masked(self.national_id)

    @property
    def learning_areas_label(self) -> str:
        return ", ".join(vocabularies.label("learning_area", c) for c in self.learning_areas)

    @property
    def search_key(self) -> str:
        """Lower-cased Thai and English names, for filtering as the user types."""
        parts = (self.first_name_th, self.last_name_th, self.first_name_en or "", self.last_name_en or "")
        return " ".join(parts).casefold()

    def display(self, field: str) -> str:
        """The value of a field as a user reads it: labels for codes, Buddhist-Era dates, masked ID."""
        value = getattr(self, field)
        if field == "national_id":
            return self.national_id_masked
        if field == "learning_areas":
            return self.learning_areas_label
        if field in ("position", "academic_standing", "personnel_group", "status", "title_prefix"):
            vocab = {"status": "personnel_status"}.get(field, field)
            return vocabularies.label(vocab, value)
        if isinstance(value, dt.date):
            return buddhist_date.format_short(value)
        return "" if value is None else str(value)

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, dt.date | dt.datetime):
                data[key] = value.isoformat()
            elif isinstance(value, tuple):
                data[key] = list(value)
        return data
