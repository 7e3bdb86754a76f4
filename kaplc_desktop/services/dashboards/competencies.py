"""Competency gaps across the district from the year's July survey: per competency, how far the levels agreed on
(the director's, else the person's own) fall below the levels expected, and a heatmap of schools × competencies for
each set of competencies (teachers, administrators, support staff are assessed on different ones).

A gap is expected minus agreed on average, never below 0 (survey_gaps.CompetencyGap, as a school sees its own).
"""

from __future__ import annotations

from collections.abc import Sequence

from ...data.dashboard_reads import GapSum
from ...domain import competencies as sets
from ...domain import vocabularies
from ...i18n import _
from .figures import Chart, Column, Table, share
from .schools import SchoolDirectory

SETS = (sets.SET_TEACHER, sets.SET_ADMINISTRATOR, sets.SET_SUPPORT)


def competency_tables(sums: Sequence[GapSum], schools: SchoolDirectory) -> list[Table]:
    tables = [district_gaps(sums)]
    for competency_set in SETS:
        of_set = [s for s in sums if s.competency_set == competency_set]
        if of_set:
            tables.append(heatmap(of_set, competency_set, schools))
    return tables


def _merge(rows: Sequence[GapSum]) -> tuple[int, int, int, int]:
    return (
        sum(r.rated for r in rows),
        sum(r.expected_sum for r in rows),
        sum(r.agreed_sum for r in rows),
        sum(r.below for r in rows),
    )


def _gap(expected: int, agreed: int, rated: int) -> float:
    return max(expected - agreed, 0) / rated


def _order(competency_set: str) -> dict[str, int]:
    return {code: n for n, code in enumerate(sets.competencies(competency_set))}


def district_gaps(sums: Sequence[GapSum]) -> Table:
    """Per set and competency, largest gap first."""
    grouped: dict[tuple[str, str], list[GapSum]] = {}
    for s in sums:
        grouped.setdefault((s.competency_set, s.competency), []).append(s)
    rows = []
    for (competency_set, code), group in grouped.items():
        rated, expected, agreed, below = _merge(group)
        rows.append(
            (
                sets.label(code, competency_set),
                vocabularies.label("competency_set", competency_set),
                rated,
                expected / rated,
                agreed / rated,
                _gap(expected, agreed, rated),
                below,
                share(below, rated),
            )
        )
    rows.sort(key=lambda r: (-round(r[5], 6), r[1], r[0]))
    return Table(
        "competency_gaps",
        _("Competency gaps across the district"),
        (
            Column("competency", _("Competency")),
            Column("set", _("Competencies of")),
            Column("rated", _("People rated"), "count"),
            Column("expected", _("Expected level (average)"), "level"),
            Column("agreed", _("Level agreed (average)"), "level"),
            Column("gap", _("Gap"), "level"),
            Column("below", _("Below the level expected"), "count"),
            Column("below_share", _("Share below"), "share"),
        ),
        tuple(rows),
        Chart("bars", "competency", ("gap",)),
        _("The level agreed is the director's rating, else the person's own."),
    )


def heatmap(sums: Sequence[GapSum], competency_set: str, schools: SchoolDirectory) -> Table:
    """Schools as rows, the set's competencies as columns, each cell the school's average gap (– where no one of
    that school was rated on it)."""
    order = _order(competency_set)
    codes = sorted({s.competency for s in sums}, key=lambda c: (order.get(c, len(order)), c))
    cells: dict[tuple[str, str], list[GapSum]] = {}
    for s in sums:
        cells.setdefault((schools[s.owner_code].code, s.competency), []).append(s)
    rows = []
    for school in schools.order({schools[s.owner_code].code for s in sums}):
        values: list[float | None] = []
        for code in codes:
            found = cells.get((school.code, code))
            if not found:
                values.append(None)
                continue
            rated, expected, agreed, _below = _merge(found)
            values.append(_gap(expected, agreed, rated))
        rows.append((school.name, school.cluster, *values))
    columns = tuple(Column(f"c_{code}", sets.label(code, competency_set), "level") for code in codes)
    return Table(
        f"competency_heatmap_{competency_set}",
        _("Gaps by school: {set}").format(set=vocabularies.label("competency_set", competency_set)),
        (Column("school", _("School")), Column("cluster", _("Cluster")), *columns),
        tuple(rows),
        Chart("heatmap", "school", tuple(c.key for c in columns), rows_shown=0),
        _("Each cell: the school's average gap on the competency (0 = as expected; – = no one rated)."),
    )
