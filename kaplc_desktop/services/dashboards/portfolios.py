"""Portfolios and awards across the district: the pipeline by year (sent to the district, selected at each level,
awards by level), and for one year each school's works and awards and the award categories.

A work counts as selected at a level when the district's decision at that level says so (a school can only mark
its work a draft or submitted: selection is the district's). Drafts never count: the district was not sent them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ...data.dashboard_reads import AwardRow, DecisionRow, PortfolioRow
from ...domain import vocabularies
from ...i18n import _
from .figures import Chart, Column, Table, vocabulary_order
from .schools import SchoolDirectory

LEVELS = ("district", "region", "national")  # the levels a work is selected at after its school
AWARD_LEVELS = ("school", "district", "region", "national")


def selected_levels(decided: Mapping[str, str]) -> tuple[str, ...]:
    """The levels the district's decisions selected a work at."""
    return tuple(level for level in LEVELS if decided.get(level) == "selected")


def portfolio_tables(
    portfolios: Sequence[PortfolioRow],
    awards: Sequence[AwardRow],
    decisions: Sequence[DecisionRow],
    schools: SchoolDirectory,
    year: int,
) -> list[Table]:
    decided: dict[str, dict[str, str]] = {}
    for d in decisions:
        decided.setdefault(d.portfolio_id, {})[d.level] = d.result
    selected = {p.id: selected_levels(decided.get(p.id, {})) for p in portfolios}
    of_year = [p for p in portfolios if p.academic_year == year]
    awards_of_year = [a for a in awards if a.academic_year == year]
    return [
        pipeline(portfolios, awards, selected),
        by_school(of_year, awards_of_year, selected, schools, year),
        by_category(of_year, awards_of_year, selected, year),
    ]


def _level_columns() -> tuple[Column, ...]:
    return tuple(
        Column(
            f"selected_{level}", _("Selected: {level}").format(level=vocabularies.label("award_level", level)), "count"
        )
        for level in LEVELS
    )


def pipeline(
    portfolios: Sequence[PortfolioRow], awards: Sequence[AwardRow], selected: Mapping[str, tuple[str, ...]]
) -> Table:
    years = sorted({p.academic_year for p in portfolios} | {a.academic_year for a in awards}, reverse=True)
    rows = []
    for year in years:
        works = [p for p in portfolios if p.academic_year == year]
        won = [a for a in awards if a.academic_year == year]
        rows.append(
            (
                str(year),
                len(works),
                *(sum(level in selected[p.id] for p in works) for level in LEVELS),
                *(sum(a.level == level for a in won) for level in AWARD_LEVELS),
            )
        )
    award_columns = tuple(
        Column(f"awards_{level}", _("Awards: {level}").format(level=vocabularies.label("award_level", level)), "count")
        for level in AWARD_LEVELS
    )
    return Table(
        "portfolio_pipeline",
        _("Portfolios from sending to the national level, by year"),
        (
            Column("year", _("Academic year")),
            Column("sent", _("Sent to the district"), "count"),
            *_level_columns(),
            *award_columns,
        ),
        tuple(rows),
        Chart("bars", "year", ("sent", *(f"selected_{level}" for level in LEVELS))),
        _(
            "Selected: by the district's decisions at that level. Awards: as the schools recorded them (an award "
            "given outside the district's selection counts too)."
        ),
    )


def by_school(
    works: Sequence[PortfolioRow],
    awards: Sequence[AwardRow],
    selected: Mapping[str, tuple[str, ...]],
    schools: SchoolDirectory,
    year: int,
) -> Table:
    codes = {schools[p.owner_code].code for p in works} | {schools[a.owner_code].code for a in awards}
    rows = []
    for school in schools.order(list(codes)):
        own = [p for p in works if schools[p.owner_code].code == school.code]
        won = [a for a in awards if schools[a.owner_code].code == school.code]
        rows.append(
            (
                school.name,
                school.cluster,
                len(own),
                *(sum(level in selected[p.id] for p in own) for level in LEVELS),
                len(won),
                sum(a.level in ("region", "national") for a in won),
                sum(a.medal == "gold" for a in won),
            )
        )
    rows.sort(key=lambda r: (-r[6], -r[2]))  # most awards first, then most works; the order above breaks ties
    return Table(
        "awards_by_school",
        _("Portfolios and awards by school, {year}").format(year=year),
        (
            Column("school", _("School")),
            Column("cluster", _("Cluster")),
            Column("sent", _("Sent to the district"), "count"),
            *_level_columns(),
            Column("awards", _("Awards"), "count"),
            Column("awards_high", _("Awards at region or nation"), "count"),
            Column("gold", _("Gold medals"), "count"),
        ),
        tuple(rows),
        Chart("bars", "school", ("awards",)),
    )


def by_category(
    works: Sequence[PortfolioRow], awards: Sequence[AwardRow], selected: Mapping[str, tuple[str, ...]], year: int
) -> Table:
    order = vocabulary_order("award_category")
    won_by_work: dict[str, int] = {}
    for a in awards:
        won_by_work[a.portfolio_id] = won_by_work.get(a.portfolio_id, 0) + 1
    grouped: dict[str, list[PortfolioRow]] = {}
    for p in works:
        grouped.setdefault(p.category or "", []).append(p)
    rows = []
    for code in sorted(grouped, key=order):
        group = grouped[code]
        label = vocabularies.label("award_category", code) if code else _("(no category)")
        rows.append(
            (
                label,
                len(group),
                *(sum(level in selected[p.id] for p in group) for level in LEVELS),
                sum(won_by_work.get(p.id, 0) for p in group),
            )
        )
    return Table(
        "portfolio_categories",
        _("Portfolios by award category, {year}").format(year=year),
        (
            Column("category", _("Award category")),
            Column("sent", _("Sent to the district"), "count"),
            *_level_columns(),
            Column("awards", _("Awards"), "count"),
        ),
        tuple(rows),
        Chart("bars", "category", ("sent", "selected_district")),
    )
