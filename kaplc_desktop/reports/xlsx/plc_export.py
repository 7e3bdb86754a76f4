"""PLC hours of the school, or of one person, for a year, as a workbook (the command line and the window)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ...data.plc_reads import Period
from ...i18n import _
from ...progress import NO_PROGRESS, Progress
from ...services.workspace import require_school
from .plc_hours_workbook import write_plc_hours


def export_plc_hours(
    ctx: Any,
    path: Path,
    period: Period,
    year: int,
    person_id: str | None = None,
    today: dt.date | None = None,
    progress: Progress = NO_PROGRESS,
) -> int:
    """Writes the workbook; returns how many meeting rows it holds."""
    school = require_school(ctx.workspace.get())
    hours = ctx.plc_hours
    people = hours.people(period, year, today)
    if person_id is not None:
        person_id = ctx.personnel.find_id(person_id)
        people = [h for h in people if h.person.id == person_id] or [
            _none(ctx.personnel.get(person_id), hours.target(period, year))
        ]
    meetings = hours.meetings(period, year, person_id, today)
    names = {h.person.id: h.person.full_name_th for h in people}
    label = (_("academic year {year}") if period == "academic" else _("fiscal year {year}")).format(year=year)
    title = _("PLC hours, {period}").format(period=label)
    if person_id is not None:
        title += f" — {people[0].person.full_name_th}"
    target = hours.target(period, year)
    subtitle = _("{school}, {esa}; target {target} hours a year").format(
        school=school.title, esa=school.esa_name, target=target
    )
    return write_plc_hours(
        path, title, subtitle, people, [m for m in meetings if m["person_id"] in names], names, progress
    )


def _none(person: Any, target: int) -> Any:
    from ...services.plc_hours import TARGET_POSITIONS, PersonHours

    return PersonHours(person, 0, 0, target if person.position in TARGET_POSITIONS else None, None)
