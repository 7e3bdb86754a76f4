"""The district's settings for each academic year. The district sets them; schools receive them in feedback
bundles and read them (they never fork them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..data import reads
from ..data.database import Database
from ..domain import buddhist_date
from ..errors import FieldError, KaplcError, Problems, ValidationError
from ..i18n import _
from .workspace import DISTRICT, WorkspaceInfo

DEFAULT_PLC_HOURS = 50


@dataclass(frozen=True)
class YearSettings:
    academic_year: int
    plc_hours_target: int
    deadlines: dict[str, dt.date]
    needs_topics: tuple[str, ...]
    updated_at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "academic_year": self.academic_year,
            "plc_hours_target": self.plc_hours_target,
            "deadlines": {k: v.isoformat() for k, v in self.deadlines.items()},
            "needs_topics": list(self.needs_topics),
            "updated_at": self.updated_at.isoformat(),
        }


def clean_settings(year: Any, plc_hours: Any, deadlines: dict[str, str], topics: list[str]) -> dict[str, Any]:
    """Checks what the district typed; dates are read in the Buddhist Era."""
    p = Problems()
    try:
        year_no = int(year)
    except (TypeError, ValueError):
        year_no = 0
    if not 2500 <= year_no <= 2700:
        p.add("academic_year", _("The academic year must be a Buddhist-Era year, for example 2569."))
    try:
        hours = int(plc_hours)
    except (TypeError, ValueError):
        hours = -1
    if not 0 <= hours <= 1000:
        p.add("plc_hours_target", _("The PLC hours target must be a whole number of hours from 0 to 1000."))
    dates: dict[str, str] = {}
    for name, text in deadlines.items():
        label = " ".join(name.split())
        if not label or len(label) > 60:
            p.add("deadlines", _("Each deadline needs a short name (at most 60 characters)."))
            continue
        try:
            day = buddhist_date.parse(text, "deadlines")
        except ValidationError as exc:
            p.items.extend(exc.errors)
            continue
        if day is None:
            p.add("deadlines", _("The deadline “{name}” has no date.").format(name=label))
        else:
            dates[label] = day.isoformat()
    clean_topics = [" ".join(t.split()) for t in topics if " ".join(t.split())]
    if any(len(t) > 300 for t in clean_topics):
        p.add("needs_topics", _("A needs topic is too long (at most 300 characters)."))
    p.raise_if_any()
    return {"academic_year": year_no, "plc_hours_target": hours, "deadlines": dates, "needs_topics": clean_topics}


class DistrictSettingsService:
    def __init__(self, db: Database, workspace: WorkspaceInfo) -> None:
        self._db = db
        self._workspace = workspace

    def all(self) -> list[YearSettings]:
        return [
            YearSettings(
                r["academic_year"],
                r["plc_hours_target"],
                {k: dt.date.fromisoformat(v) for k, v in r["deadlines"].items()},
                tuple(r["needs_topics"]),
                r["updated_at"],
            )
            for r in reads.district_settings(self._db.store)
        ]

    def for_year(self, year: int) -> YearSettings | None:
        return next((s for s in self.all() if s.academic_year == year), None)

    def set_year(
        self,
        year: Any,
        plc_hours: Any = DEFAULT_PLC_HOURS,
        deadlines: dict[str, str] | None = None,
        topics: list[str] | None = None,
    ) -> YearSettings:
        if self._workspace.kind != DISTRICT:
            raise KaplcError(
                _(
                    "These settings come from the district; a school receives them in feedback bundles "
                    "and cannot change them."
                )
            )
        values = clean_settings(year, plc_hours, deadlines or {}, topics or [])
        from sqlalchemy import select

        from ..data.models.district_settings import DistrictSettings

        with self._db.sessions.begin() as session:
            row = session.execute(
                select(DistrictSettings).where(DistrictSettings.academic_year == values["academic_year"])
            ).scalar_one_or_none()
            if row is None:
                session.add(DistrictSettings(**values))
            else:
                for key, value in values.items():
                    setattr(row, key, value)
        found = self.for_year(values["academic_year"])
        if found is None:  # pragma: no cover - just written
            raise ValidationError(FieldError("academic_year", "not saved"))
        return found
