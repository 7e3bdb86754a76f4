"""The district's yearly report as tables, a sheet each in `kaplc report xlsx`: who sent what (and the rates), PLC
hours per school and per person, the needs and the projects made from them with their people, the competency
gaps, and the roster of portfolios with their selection and awards. The dashboards' own tables are reused, so the
report and the window never say two things."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...data import dashboard_reads
from ...domain import buddhist_date, vocabularies
from ...i18n import _
from .figures import Column, Table, share
from .portfolios import LEVELS, selected_levels
from .schools import SchoolDirectory


def submission_tables(tracking: Any) -> list[Table]:
    """The tracking matrix (a column per period) and the rates per cluster and for the district."""
    from ..submission_tracking import cell_label, local_day

    periods = tracking.periods
    rows = []
    for line in tracking.lines:
        cells = [
            cell_label(c.state) + (f" · {c.review.display('state')}" if c.review is not None else "")
            for c in line.cells
        ]
        last = buddhist_date.format_short(local_day(line.last_import_at)) if line.last_import_at else ""
        rows.append(
            (
                line.code,
                line.name,
                line.cluster,
                *cells,
                line.last_sequence or None,
                last,
                ", ".join(map(str, line.gaps)),
            )
        )
    matrix = Table(
        "submissions",
        _("Who sent what"),
        (
            Column("school_code", _("School code")),
            Column("school", _("School")),
            Column("cluster", _("Cluster")),
            *(Column(f"p_{p.id[:8]}", p.name) for p in periods),
            Column("last_bundle", _("Last bundle"), "count"),
            Column("last_day", _("Received on")),
            Column("gaps", _("Bundles never received")),
        ),
        tuple(rows),
        note=_("Deadlines: {deadlines}").format(
            deadlines="; ".join(f"{p.name} {buddhist_date.format_short(p.due_on)}" for p in periods) or "–"
        ),
    )
    rate_rows = []
    for rate in tracking.rates:
        if rate.period_id is not None:
            continue
        who = _("The whole district") if rate.cluster is None else (rate.cluster or _("(no cluster)"))
        rate_rows.append(
            (
                who,
                rate.expected,
                rate.received,
                share(rate.received, rate.expected),
                rate.on_time,
                share(rate.on_time, rate.expected),
            )
        )
    rates = Table(
        "submission_rates",
        _("Reporting rates"),
        (
            Column("who", _("Cluster")),
            Column("expected", _("Due"), "count"),
            Column("received", _("Received"), "count"),
            Column("received_rate", _("Received (%)"), "share"),
            Column("on_time", _("On time"), "count"),
            Column("on_time_rate", _("On time (%)"), "share"),
        ),
        tuple(rate_rows),
    )
    return [matrix, rates]


def plc_people(hours: Any, schools: SchoolDirectory, year: int, today: dt.date) -> Table:
    """Everyone with a PLC target and their hours: the sheet a school's hours are checked against."""
    from ...domain.thai_collation import thai_sort_key

    rows = []
    for p in hours.people("academic", year, today):
        if p.target_hours is None:
            continue
        school = schools[p.person.owner_code]
        rows.append(
            (
                school.name,
                school.cluster,
                p.person.full_name_th,
                p.person.display("position"),
                p.person.display("academic_standing"),
                p.meetings,
                p.hours,
                p.target_hours,
                p.standing(),
            )
        )
    rows.sort(key=lambda r: (thai_sort_key(r[1]), thai_sort_key(r[0]), thai_sort_key(r[2])))
    return Table(
        "plc_people",
        _("PLC hours per person"),
        (
            Column("school", _("School")),
            Column("cluster", _("Cluster")),
            Column("name", _("Name")),
            Column("position", _("Position")),
            Column("standing", _("Academic standing")),
            Column("meetings", _("Meetings"), "count"),
            Column("hours", _("Hours"), "hours"),
            Column("target", _("Target (hours)"), "count"),
            Column("where", _("Where they stand")),
        ),
        tuple(rows),
    )


def project_tables(projects: Any, fiscal_year: int) -> list[Table]:
    """The district's projects of the fiscal year after the survey, and everyone they are for."""
    from ..district_projects import target_columns

    chosen = [p for p in projects.list() if p.fiscal_year == fiscal_year]
    listed = []
    people_rows: list[tuple[Any, ...]] = []
    for project in chosen:
        people = projects.target_table(project.id)
        listed.append(
            (
                project.name,
                project.need_topic or "",
                project.display("method") if project.method else "",
                len(people.rows),
                len({r[2] for r in people.rows}),
                project.budget,
                project.display("status"),
            )
        )
        people_rows.extend((project.name, *row) for row in people.rows)
    summary = Table(
        "projects",
        _("District projects, fiscal year {year}").format(year=fiscal_year),
        (
            Column("name", _("Project or activity")),
            Column("need", _("The need it answers")),
            Column("method", _("Way of development")),
            Column("people", _("People"), "count"),
            Column("schools", _("Schools"), "count"),
            Column("budget", _("Budget (baht)"), "count"),
            Column("status", _("Status")),
        ),
        tuple(listed),
    )
    people = Table(
        "project_people_all",
        _("Target lists of the district projects, fiscal year {year}").format(year=fiscal_year),
        (Column("project", _("Project or activity")), *target_columns()),
        tuple(people_rows),
    )
    return [summary, people]


def portfolio_roster(store: Any, schools: SchoolDirectory, year: int) -> Table:
    """Every work sent to the district in the year: its school, category, the levels it was selected at and the
    awards the school recorded."""
    decided: dict[str, dict[str, str]] = {}
    for d in dashboard_reads.decisions(store):
        decided.setdefault(d.portfolio_id, {})[d.level] = d.result
    awards: dict[str, list[str]] = {}
    for a in dashboard_reads.awards(store, year):
        parts = [vocabularies.label("award_level", a.level)]
        parts += [vocabularies.label("award_rank", a.rank)] if a.rank else []
        parts += [vocabularies.label("medal", a.medal)] if a.medal else []
        awards.setdefault(a.portfolio_id, []).append(" ".join(parts))
    titles = dict(store.rows("SELECT id, name FROM portfolios WHERE deleted_at IS NULL AND academic_year = ?", [year]))
    rows = []
    for p in dashboard_reads.portfolios(store, year):
        school = schools[p.owner_code]
        levels = selected_levels(decided.get(p.id, {}))
        rows.append(
            (
                school.name,
                school.cluster,
                titles.get(p.id, ""),
                vocabularies.label("award_category", p.category) if p.category else "",
                ", ".join(vocabularies.label("award_level", level) for level in LEVELS if level in levels),
                "; ".join(awards.get(p.id, [])),
            )
        )
    return Table(
        "portfolio_roster",
        _("Portfolios and awards, {year}").format(year=year),
        (
            Column("school", _("School")),
            Column("cluster", _("Cluster")),
            Column("title", _("Title of the work")),
            Column("category", _("Award category")),
            Column("selected", _("Selected at")),
            Column("awards", _("Awards")),
        ),
        tuple(rows),
    )
