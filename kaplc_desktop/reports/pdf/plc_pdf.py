"""Building the PLC documents from the open workspace (the command line and the window)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from ...context import AppContext
from ...data.plc_reads import Period
from ...domain.kinds.plc_group import ROLE_RECORDER, role_label
from ...domain.plc_hours import attendance_note, attended_minutes, meeting_time_text
from ...errors import KaplcError
from ...i18n import _
from ...progress import NO_PROGRESS, Progress
from ...services.workspace import require_school
from .documents.plc_docs import AttendedRow, Attendee, MemberHours, Picture, hours_summary, plc_log, semester_report
from .pdf_service import Printed, print_warnings
from .render import render

FACILITATORS = ("facilitator", "model_teacher", "recorder")  # who signs a group's report, first found


def _people(ctx: AppContext) -> dict[str, Any]:
    return {p.id: p for p in (*ctx.personnel.list(), *ctx.personnel.list(deleted=True))}


def plc_log_pdf(
    ctx: AppContext, meeting_id: str, target: Path, thai_digits: bool = False, progress: Progress = NO_PROGRESS
) -> Printed:
    school = require_school(ctx.workspace.get())
    meeting = ctx.plc_meetings.get(meeting_id)
    if meeting.deleted_at is not None:
        raise KaplcError(_("This meeting is in the Trash; restore it before printing it."))
    group = ctx.plc_groups.get(meeting.group_id)
    people = _people(ctx)
    came = {a.person_id: a for a in ctx.plc_meetings.attendance(meeting.id)}
    members = ctx.plc_groups.members(group.id)
    listed = [(m.person_id, role_label(m.role)) for m in members]
    listed += [(pid, role_label("member")) for pid in came if pid not in {m.person_id for m in members}]
    attendees = []
    for person_id, role in listed:
        person = people.get(person_id)
        if person is None:
            continue
        a = came.get(person_id)
        minutes = None if a is None else attended_minutes(meeting.start_time, meeting.end_time, a.arrived_at, a.left_at)
        note = "" if a is None else attendance_note(meeting.start_time, meeting.end_time, a.arrived_at, a.left_at)
        attendees.append(Attendee(person.full_name_th, person.display("position"), role, minutes, note))
    recorder = next((people[m.person_id] for m in members if m.role == ROLE_RECORDER and m.person_id in people), None)
    files = ctx.plc_meetings.files(meeting.id)
    pictures = [
        Picture(ctx.plc_meetings.file_path(f.file_sha256), f.caption or "")
        for f in files
        if f.media_type.startswith("image/")
    ]
    documents = [f.file_name or f.caption or "PDF" for f in files if f.media_type == "application/pdf"]
    doc = plc_log(
        group,
        meeting,
        attendees,
        pictures,
        documents,
        recorder.full_name_th if recorder else "",
        school,
        thai_digits,
        recorder.display("position") if recorder else "",
    )
    pages = render(doc, target, progress)
    return Printed(pages, _warnings(school, [group, meeting], [people[p] for p, _r in listed if p in people]))


def plc_report_pdf(
    ctx: AppContext,
    group_id: str,
    semester: int,
    target: Path,
    thai_digits: bool = False,
    today: dt.date | None = None,
    progress: Progress = NO_PROGRESS,
) -> Printed:
    school = require_school(ctx.workspace.get())
    if semester not in (1, 2):
        raise KaplcError(_("The semester is 1 or 2."))
    group = ctx.plc_groups.get(group_id)
    if group.deleted_at is not None:
        raise KaplcError(
            _("The group “{group}” is in the Trash; restore it before printing its report.").format(group=group.name)
        )
    meetings = sorted(
        (m for m in ctx.plc_meetings.of_group(group_id) if m.semester == semester), key=lambda m: (m.date, m.start_time)
    )
    if not meetings:
        raise KaplcError(
            _("The group “{group}” has no meetings in semester {s}; there is nothing to report.").format(
                group=group.name, s=semester
            )
        )
    people = _people(ctx)
    counts: dict[str, int] = {}
    per_person: dict[str, list[int]] = {}
    for m in meetings:
        attendance = ctx.plc_meetings.attendance(m.id)
        counts[m.id] = len(attendance)
        for a in attendance:
            entry = per_person.setdefault(a.person_id, [0, 0])
            entry[0] += attended_minutes(m.start_time, m.end_time, a.arrived_at, a.left_at)
            entry[1] += 1
    members = ctx.plc_groups.members(group_id)
    rows = [
        MemberHours(people[m.person_id].full_name_th, role_label(m.role), *per_person.get(m.person_id, [0, 0]))
        for m in members
        if m.person_id in people
    ]
    reporter = None
    for role in FACILITATORS:
        found = [m for m in members if m.role == role and m.person_id in people]
        if found:
            reporter = people[found[0].person_id]
            break
    doc = semester_report(
        group,
        semester,
        meetings,
        counts,
        rows,
        reporter.full_name_th if reporter else "",
        school,
        thai_digits,
        today,
        reporter.display("position") if reporter else "",
    )
    pages = render(doc, target, progress)
    return Printed(
        pages, _warnings(school, [group, *meetings], [people[m.person_id] for m in members if m.person_id in people])
    )


def plc_hours_pdf(
    ctx: AppContext,
    person_id: str,
    year: int,
    target: Path,
    period: Period = "academic",
    thai_digits: bool = False,
    today: dt.date | None = None,
    progress: Progress = NO_PROGRESS,
) -> Printed:
    school = require_school(ctx.workspace.get())
    person = ctx.personnel.get(ctx.personnel.find_id(person_id))
    hours = ctx.plc_hours
    attended = hours.meetings(period, year, person.id, today)
    rows = [
        AttendedRow(
            r["date"],
            r["group_name"],
            r["semester"],
            r["session_no"],
            ", ".join(r["steps"]),
            r["minutes"],
            meeting_time_text(r["start_time"], r["end_time"], r["arrived_at"], r["left_at"]),
        )
        for r in attended
    ]
    label = (_("Academic year {year}") if period == "academic" else _("Fiscal year {year}")).format(year=year)
    from ...services.plc_hours import TARGET_POSITIONS

    goal = hours.target(period, year) if person.position in TARGET_POSITIONS else None
    doc = hours_summary(person, rows, label, goal, school, thai_digits, today)
    pages = render(doc, target, progress)
    return Printed(pages, print_warnings([person], school))


def _warnings(school: Any, records: list[Any], people: list[Any]) -> list[str]:
    """Characters the font cannot draw, in the people's names and in the typed text of the group and meetings."""
    from ...domain.printable_text import field_warnings

    lines = print_warnings(people, school, ("title_prefix", "first_name_th", "last_name_th"))
    for record in records:
        kind = record.__record_kind__
        values = dataclasses.asdict(record)
        lines += [f"{record.title}: {w.message}" for w in field_warnings(values, kind.typed_text, kind=kind.name)]
    return lines
