"""Each person's PLC hours in an academic or fiscal year against the district's target for it, and who is
behind the pace expected by today. The district's target reaches schools in feedback bundles; 50 hours when
it set none. A fiscal year (Oct–Sep) is held to the target of the academic year whose second semester opens it
(fiscal year 2570, from October 2569, to academic year 2569's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..data import plc_reads
from ..data.database import Database
from ..data.plc_reads import Period
from ..domain.kinds.personnel import PERSONNEL, STATUS_ACTIVE
from ..domain.plc_hours import expected_minutes
from ..domain.thai_years import academic_year, fiscal_year
from ..i18n import _
from .district_settings import DEFAULT_PLC_HOURS, DistrictSettingsService
from .person_row import PersonRow
from .records import RecordService
from .workspace import WorkspaceInfo

# the positions the yearly PLC hours apply to (teachers and school administrators)
TARGET_POSITIONS = frozenset({"assistant_teacher", "teacher", "contract_teacher", "deputy_director", "director"})


@dataclass(frozen=True)
class PersonHours:
    person: Any
    minutes: int
    meetings: int
    target_hours: int | None  # None: a position the target does not apply to
    expected_minutes: int | None  # on pace by today (None: the year is over or has no target)

    @property
    def hours(self) -> float:
        return self.minutes / 60

    @property
    def behind(self) -> bool:
        """Short of the hours a person on pace has by today (or, when the year is over, short of the target)."""
        if self.target_hours is None:
            return False
        wanted = self.expected_minutes if self.expected_minutes is not None else self.target_hours * 60
        return self.minutes < wanted

    @property
    def year_over(self) -> bool:
        """The year has ended: short of the target is "not reached", no longer "behind the pace"."""
        return self.target_hours is not None and self.expected_minutes is None

    @property
    def done(self) -> bool:
        return self.target_hours is not None and self.minutes >= self.target_hours * 60

    def standing(self) -> str:
        """Where the person stands, as lists, Excel and the command line say it: a finished year is reached or
        not; this year is on or behind the pace for today."""
        if self.target_hours is None:
            return _("no target for this position")
        if self.done:
            return _("target reached")
        if self.year_over:
            return _("target not reached")
        return _("behind the pace") if self.behind else _("on pace")


@dataclass(frozen=True)
class Tally:
    """Where the people with a target stand, counted once for the Overview, the PLC page and the command line."""

    people: int
    done: int
    on_pace: int
    behind: int
    average_share: float  # of the target, each person's capped at the whole target

    @staticmethod
    def of(rows: Sequence[PersonHours]) -> Tally:
        counted = [h for h in rows if h.target_hours]
        done = sum(h.done for h in counted)
        behind = sum(h.behind and not h.done for h in counted)
        shares = [min(1.0, h.minutes / (h.target_hours * 60)) for h in counted if h.target_hours]
        average = sum(shares) / len(shares) if shares else 0.0
        return Tally(len(counted), done, len(counted) - done - behind, behind, average)


class PlcHoursService:
    def __init__(self, db: Database, workspace: WorkspaceInfo, school: str | None = None) -> None:
        """`school`: at a district, the school whose hours to count (a school counts its own)."""
        self._db = db
        self._workspace = workspace
        self._owner = school

    def current_year(self, period: Period, today: dt.date | None = None) -> int:
        today = today or dt.date.today()
        return academic_year(today) if period == "academic" else fiscal_year(today)

    def years(self, period: Period, today: dt.date | None = None) -> list[int]:
        """The years with meetings and the current one, newest first."""
        return sorted(
            {*plc_reads.years(self._db.store, period, self._owner), self.current_year(period, today)}, reverse=True
        )

    def target(self, period: Period, year: int) -> int:
        found = self.district_target(period, year)
        return found if found is not None else DEFAULT_PLC_HOURS

    def district_target(self, period: Period, year: int) -> int | None:
        """The target the district set for the year (None: it set none, and the usual 50 hours apply)."""
        settings = DistrictSettingsService(self._db, self._workspace).for_year(
            year if period == "academic" else year - 1
        )
        return settings.plc_hours_target if settings is not None else None

    def people(self, period: Period, year: int, today: dt.date | None = None) -> list[PersonHours]:
        """Everyone working at the school, and anyone else with hours that year, with their hours."""
        today = today or dt.date.today()
        totals = plc_reads.hours(self._db.store, period, today, year, self._owner)
        target = self.target(period, year)
        pace = self._pace(period, year, target, today)
        staff = RecordService(self._db, PERSONNEL, PersonRow).list(owner_code=self._owner)
        found = []
        for person in staff:
            minutes, meetings = totals.get((person.id, year), (0, 0))
            if person.status != STATUS_ACTIVE and not meetings:
                continue
            applies = person.position in TARGET_POSITIONS
            found.append(PersonHours(person, minutes, meetings, target if applies else None, pace if applies else None))
        return found

    def _pace(self, period: Period, year: int, target: int, today: dt.date) -> int | None:
        if year > self.current_year(period, today):
            return 0  # not begun: no one is behind yet
        if period == "academic" and academic_year(today) == year:
            return expected_minutes(year, target, today)
        if period == "fiscal" and fiscal_year(today) == year:
            start = dt.date(today.year - (today.month < 10), 10, 1)
            length = (start.replace(year=start.year + 1) - start).days  # 366 in a leap fiscal year
            elapsed = (today - start).days + 1
            return round(target * 60 * elapsed / length)
        return None

    def meetings(
        self, period: Period, year: int, person_id: str | None = None, today: dt.date | None = None
    ) -> list[dict[str, Any]]:
        """The meetings attended in the year (by one person or by anyone), with the minutes attended."""
        return plc_reads.attended(self._db.store, person_id, period, year, today or dt.date.today(), self._owner)
