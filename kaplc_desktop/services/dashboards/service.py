"""The district's dashboards by name, for a year: what the window, the command line and the Excel report ask for.
Each read is one query over the whole district; the tables are computed in memory from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from ...data import dashboard_reads, plc_reads
from ...data.database import Database
from ...data.plc_reads import Period
from ...domain.kinds.personnel import PERSONNEL
from ...domain.thai_years import academic_year, fiscal_year
from ...i18n import _
from ..person_row import PersonRow
from ..plc_hours import PlcHoursService
from ..records import RecordService
from ..school_registry import SchoolRegistryService
from ..workspace import WorkspaceService, require_district
from .figures import Table
from .schools import SchoolDirectory

DashboardName = Literal["plc", "needs", "competencies", "portfolios"]
DASHBOARDS: tuple[DashboardName, ...] = ("plc", "needs", "competencies", "portfolios")


def dashboard_title(name: str) -> str:
    return {
        "plc": _("PLC hours"),
        "needs": _("Development needs"),
        "competencies": _("Competencies"),
        "portfolios": _("Portfolios and awards"),
    }.get(name, name)


def year_subtitle(title: str, year: int, fiscal: bool = False) -> str:
    """What a table counts, as exports and the command line say it: PLC hours, fiscal year 2570."""
    if fiscal:
        return _("{title}, fiscal year {year}").format(title=title, year=year)
    return _("{title}, academic year {year}").format(title=title, year=year)


@dataclass(frozen=True)
class Dashboard:
    name: str
    year: int
    tables: tuple[Table, ...]

    @property
    def title(self) -> str:
        return dashboard_title(self.name)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def to_json(self) -> dict[str, Any]:
        return {"dashboard": self.name, "year": self.year, "tables": [t.to_json() for t in self.tables]}


class DistrictDashboards:
    def __init__(self, db: Database) -> None:
        self._db = db

    def _workspace(self) -> Any:
        return require_district(WorkspaceService(self._db).get())

    def years(self, today: dt.date | None = None, period: Period = "academic") -> list[int]:
        """The academic years that have survey rounds, PLC meetings or portfolios, and this one; or the fiscal
        years that have PLC meetings, and this one. Newest first."""
        store = self._db.store
        today = today or dt.date.today()
        if period == "fiscal":
            return sorted({fiscal_year(today), *plc_reads.years(store, "fiscal")}, reverse=True)
        found = {academic_year(today), *plc_reads.years(store, "academic")}
        found.update(
            int(y) for (y,) in store.rows("SELECT DISTINCT academic_year FROM survey_rounds WHERE deleted_at IS NULL")
        )
        found.update(p.academic_year for p in dashboard_reads.portfolios(store))
        return sorted(found, reverse=True)

    def dashboard(self, name: str, year: int, period: Period = "academic", today: dt.date | None = None) -> Dashboard:
        workspace = self._workspace()
        store = self._db.store
        schools = SchoolDirectory.of(SchoolRegistryService(self._db))
        if name == "plc":
            from .plc import plc_tables

            hours = PlcHoursService(self._db, workspace)
            tables = plc_tables(hours, schools, period, year, today or dt.date.today())
        elif name == "needs":
            from .needs import needs_tables

            tables = needs_tables(dashboard_reads.needs(store, year), self._people(), schools)
        elif name == "competencies":
            from .competencies import competency_tables

            tables = competency_tables(dashboard_reads.gap_sums(store, year), schools)
        elif name == "portfolios":
            from .portfolios import portfolio_tables

            tables = portfolio_tables(
                dashboard_reads.portfolios(store),
                dashboard_reads.awards(store),
                dashboard_reads.decisions(store),
                schools,
                year,
            )
        else:
            raise ValueError(name)
        return Dashboard(name, year, tuple(tables))

    def report(self, year: int, today: dt.date | None = None) -> list[Table]:
        """The district's report of an academic year, a table per sheet (kaplc report xlsx): submissions, PLC
        hours, needs and the next fiscal year's projects, competencies, portfolios."""
        from ..district_projects import DistrictProjectService
        from ..submission_tracking import SubmissionTracking
        from .district_report import plc_people, portfolio_roster, project_tables, submission_tables

        today = today or dt.date.today()
        workspace = self._workspace()
        schools = SchoolDirectory.of(SchoolRegistryService(self._db))
        plc = self.dashboard("plc", year, "academic", today)
        needs = self.dashboard("needs", year, "academic", today)
        portfolios = self.dashboard("portfolios", year, "academic", today)
        return [
            *submission_tables(SubmissionTracking(self._db).tracking(year, today)),
            plc.table("plc_schools"),
            plc_people(PlcHoursService(self._db, workspace), schools, year, today),
            plc.table("plc_behind"),
            *needs.tables,
            *project_tables(DistrictProjectService(self._db), year + 1),
            *self.dashboard("competencies", year, "academic", today).tables,
            portfolios.table("portfolio_pipeline"),
            portfolios.table("awards_by_school"),
            portfolio_roster(self._db.store, schools, year),
        ]

    def need_people(self, year: int, topic: str) -> Table | None:
        """Who named a need (its key from the top table, or as typed): the target list of a district project."""
        from .needs import target_list

        self._workspace()
        schools = SchoolDirectory.of(SchoolRegistryService(self._db))
        return target_list(self.need_topics(year), topic, self._people(), schools)

    def need_topics(self, year: int) -> list[Any]:
        """The year's needs as the dashboards count them (needs.Topic: key, as shown, people), most named first."""
        from .needs import once_per_person, topics

        return topics(once_per_person(dashboard_reads.needs(self._db.store, year)))

    def topic_shown(self, year: int, key: str) -> str | None:
        """A need as the dashboards show it (from its key)."""
        return next((t.shown for t in self.need_topics(year) if t.key == key), None)

    def _people(self) -> dict[str, Any]:
        return {p.id: p for p in RecordService(self._db, PERSONNEL, PersonRow).list()}
