"""PLC hours across the district in an academic or fiscal year: each school's spread of hours, how many hours
people have (a histogram), who is below the target or behind the pace expected by today, and the same by position
and by academic standing. Counted by PlcHoursService, so a figure here is the figure a school sees of itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from ...data.plc_reads import Period
from ...domain import vocabularies
from ...i18n import _, ngettext
from ..plc_hours import PersonHours, PlcHoursService
from .figures import Chart, Column, Table, median, share, vocabulary_order
from .schools import SchoolDirectory

BUCKET_HOURS = 10  # the histogram's bars: 0, 0–10, 10–20 … hours, then "the target or more"


def plc_tables(
    hours: PlcHoursService, schools: SchoolDirectory, period: Period, year: int, today: dt.date
) -> list[Table]:
    people = [p for p in hours.people(period, year, today) if p.target_hours is not None]
    target = hours.target(period, year)
    return [
        per_school(people, schools, target),
        histogram(people, target),
        short_of_target(people, schools),
        by_field(people, "position", _("By position"), "plc_by_position"),
        by_field(people, "academic_standing", _("By academic standing"), "plc_by_standing"),
    ]


def _counts(people: Sequence[PersonHours]) -> tuple[int, int, int, int]:
    done = sum(p.done for p in people)
    behind = sum(p.behind and not p.done for p in people)
    return len(people), done, len(people) - done - behind, behind


def _standing_columns() -> tuple[Column, ...]:
    return (
        Column("people", _("People with a target"), "count"),
        Column("reached", _("Target reached"), "count"),
        Column("on_pace", _("On pace"), "count"),
        Column("behind", _("Behind / not reached"), "count"),
        Column("behind_share", _("Share behind"), "share"),
    )


def per_school(people: Sequence[PersonHours], schools: SchoolDirectory, target: int) -> Table:
    grouped: dict[str, list[PersonHours]] = {}
    for p in people:
        grouped.setdefault(schools[p.person.owner_code].code, []).append(p)
    rows = []
    silent = [s.code for s in schools.registered() if s.code not in grouped]
    for school in schools.order([*grouped, *silent]):
        group = grouped.get(school.code, [])
        if not group:  # on the list, but no staff with a target arrived: shown, never left out of the count
            rows.append((school.name, school.cluster, 0, 0, 0, 0, None, None, None, None, None))
            continue
        hours = [p.hours for p in group]
        n, done, on_pace, behind = _counts(group)
        rows.append(
            (
                school.name,
                school.cluster,
                n,
                done,
                on_pace,
                behind,
                share(behind, n),
                min(hours),
                median(hours),
                max(hours),
                sum(hours) / n,
            )
        )
    note = _("Teachers and school administrators; the target is {hours} hours a year.").format(hours=target)
    if silent:
        note += " " + ngettext(
            "{n} school on the list has no staff here yet (no bundle): shown with –.",
            "{n} schools on the list have no staff here yet (no bundle): shown with –.",
            len(silent),
        ).format(n=len(silent))
    return Table(
        "plc_schools",
        _("PLC hours per school"),
        (
            Column("school", _("School")),
            Column("cluster", _("Cluster")),
            *_standing_columns(),
            Column("least", _("Fewest hours"), "hours"),
            Column("median", _("Median hours"), "hours"),
            Column("most", _("Most hours"), "hours"),
            Column("average", _("Average hours"), "hours"),
        ),
        tuple(rows),
        Chart("stacked", "school", ("reached", "on_pace", "behind"), ranked_by="behind_share"),
        note,
    )


def histogram(people: Sequence[PersonHours], target: int) -> Table:
    """How many people have how many hours: none, then bars of BUCKET_HOURS up to the target, then the target or
    more (a bar never straddles the target)."""
    edges = [0, *range(BUCKET_HOURS, target, BUCKET_HOURS), target] if target > 0 else []
    rows: list[tuple[Any, ...]] = [(_("No hours"), sum(p.minutes == 0 for p in people))] if target > 0 else []
    for low, high in pairwise(edges):
        count = sum(max(low * 60, 1) <= p.minutes < high * 60 for p in people)
        label = _("under {high} h").format(high=high) if low == 0 else _("{low}–{high} h").format(low=low, high=high)
        rows.append((label, count))
    rows.append((_("{hours} h or more").format(hours=target), sum(p.minutes >= target * 60 for p in people)))
    if not people:
        rows = []  # no one to count: "nothing yet", not a row of zeros
    return Table(
        "plc_histogram",
        _("How many hours people have"),
        (Column("hours", _("Hours")), Column("people", _("People"), "count")),
        tuple(rows),
        Chart("bars", "hours", ("people",)),
        _("Each bar counts its lower bound, not its upper one."),
    )


def short_of_target(people: Sequence[PersonHours], schools: SchoolDirectory) -> Table:
    """Everyone behind the pace for today (or, when the year is over, short of the target): the list a supervisor
    follows up, fewest hours first."""
    rows = []
    for p in sorted((p for p in people if p.behind and not p.done), key=lambda p: (p.minutes, p.person.owner_code)):
        school = schools[p.person.owner_code]
        wanted = p.expected_minutes if p.expected_minutes is not None else (p.target_hours or 0) * 60
        rows.append(
            (
                school.name,
                p.person.full_name_th,
                p.hours,
                wanted / 60,
                (wanted - p.minutes) / 60,
                p.person.display("position"),
                p.person.display("academic_standing"),
                school.cluster,
            )
        )
    return Table(
        "plc_behind",
        _("Behind the pace or short of the target"),
        (  # the figures beside the name: in sight on a laptop's screen before the longer texts
            Column("school", _("School")),
            Column("name", _("Name")),
            Column("hours", _("Hours"), "hours"),
            Column("expected", _("Expected by today"), "hours"),
            Column("short", _("Short by"), "hours"),
            Column("position", _("Position")),
            Column("standing", _("Academic standing")),
            Column("cluster", _("Cluster")),
        ),
        tuple(rows),
        note=_(
            "This year: behind the hours spread evenly over the teaching days so far. A past year: short of the target."
        ),
    )


def by_field(people: Sequence[PersonHours], name: str, title: str, key: str) -> Table:
    """Where people stand by their position or academic standing, in the vocabulary's order."""
    grouped: dict[str, list[PersonHours]] = {}
    for p in people:
        grouped.setdefault(getattr(p.person, name) or "", []).append(p)
    vocabulary = "position" if name == "position" else "academic_standing"
    rows = []
    for code in sorted(grouped, key=vocabulary_order(vocabulary)):
        group = grouped[code]
        n, done, on_pace, behind = _counts(group)
        label = vocabularies.label(vocabulary, code) if code else _("(not given)")
        rows.append((label, n, done, on_pace, behind, share(behind, n), sum(p.hours for p in group) / n))
    return Table(
        key,
        title,
        (
            Column("group", _("Position") if name == "position" else _("Academic standing")),
            *_standing_columns(),
            Column("average", _("Average hours"), "hours"),
        ),
        tuple(rows),
        Chart("stacked", "group", ("reached", "on_pace", "behind")),
    )
