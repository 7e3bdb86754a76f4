"""kaplc plc groups|meetings|hours: the school's PLC records (a district: one school's, as received)."""

from __future__ import annotations

import argparse
from typing import Any

from ..context import AppContext
from ..domain.field_types import format_time
from ..domain.plc_hours import hours_text
from ..domain.workspace_codes import normalize_school_code
from ..errors import KaplcError
from ..i18n import _, ngettext
from ..services.plc_groups import GroupSummary
from ..services.workspace import require_workspace
from .be_year import be_year
from .output import emit_json, field_changes, output_file, say
from .workspace_access import open_context, open_school


def register(sub: Any) -> None:
    plc = sub.add_parser("plc", help=_("PLC groups, meetings and hours"))
    actions = plc.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(plc))
    groups = actions.add_parser("groups", help=_("list the PLC groups with their members"))
    groups.add_argument("--year", type=be_year, metavar="YYYY", help=_("only the groups of this academic year (B.E.)"))
    groups.set_defaults(handler=groups_cmd)
    meetings = actions.add_parser("meetings", help=_("list the PLC meetings"))
    meetings.add_argument("--group", metavar="ID", help=_("only the meetings of this group (kaplc plc groups --json)"))
    meetings.set_defaults(handler=meetings_cmd)
    hours = actions.add_parser("hours", help=_("each person's PLC hours in a year, against the target"))
    hours.add_argument("--year", type=be_year, metavar="YYYY", help=_("the academic year (B.E.; default: this one)"))
    hours.add_argument(
        "--fiscal", action="store_true", help=_("count by fiscal year (1 Oct – 30 Sep) instead of academic year")
    )
    hours.set_defaults(handler=hours_cmd)
    export = actions.add_parser("export", help=_("write the PLC hours of a year to an Excel workbook"))
    export.add_argument("file", metavar="FILE.xlsx")
    export.add_argument("--year", type=be_year, metavar="YYYY", help=_("the academic year (B.E.; default: this one)"))
    export.add_argument("--fiscal", action="store_true", help=_("the fiscal year (1 Oct – 30 Sep) instead"))
    export.add_argument("--person", metavar="ID", help=_("only this person (id or national ID)"))
    export.set_defaults(handler=export_cmd)
    edit = actions.add_parser("edit", help=_("change fields of a PLC meeting (the same rules as the form)"))
    edit.add_argument("--meeting", required=True, metavar="ID", help=_("the meeting's id (kaplc plc meetings --json)"))
    edit.add_argument(
        "--set",
        required=True,
        action="append",
        metavar="FIELD=VALUE",
        help=_("a field and its new value, for example end_time=17.30 (repeatable)"),
    )
    edit.set_defaults(handler=edit_cmd)
    delete = actions.add_parser("delete", help=_("move a PLC meeting, or a group with its meetings, to the Trash"))
    target = delete.add_mutually_exclusive_group(required=True)
    target.add_argument("--meeting", metavar="ID", help=_("the meeting's id"))
    target.add_argument("--group", metavar="ID", help=_("the group's id (its meetings go to the Trash with it)"))
    delete.set_defaults(handler=delete_cmd)
    restore = actions.add_parser(
        "restore", help=_("bring a PLC meeting, or a group with its meetings, back from the Trash")
    )
    back = restore.add_mutually_exclusive_group(required=True)
    back.add_argument("--meeting", metavar="ID", help=_("the meeting's id (kaplc plc meetings --trash --json)"))
    back.add_argument("--group", metavar="ID", help=_("the group's id (kaplc plc groups --trash --json)"))
    restore.set_defaults(handler=restore_cmd)
    for parser in (groups, meetings):
        parser.add_argument("--trash", action="store_true", help=_("list what is in the Trash instead"))
    for parser in (groups, meetings, hours):
        parser.add_argument(
            "--school", metavar="CODE", help=_("(district) the school whose records to list, as received")
        )
        parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))


def _school(ctx: AppContext, args: argparse.Namespace) -> str | None:
    """None for a school (its own records); a district names one school."""
    info = require_workspace(ctx.workspace.get())
    if info.kind == "school":
        if args.school and normalize_school_code(args.school, "school") != info.school_code:
            raise KaplcError(_("A school lists its own PLC records; --school is for a district office."))
        return None
    if not args.school:
        raise KaplcError(_("A district lists the PLC records of one school: add --school CODE."))
    return normalize_school_code(args.school, "school")


def _names(ctx: AppContext, school: str | None) -> dict[str, str]:
    return {p.id: p.full_name_th for p in ctx.personnel.list(owner_code=school)} | {
        p.id: p.full_name_th for p in ctx.personnel.list(deleted=True, owner_code=school)
    }


def groups_cmd(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        school = _school(ctx, args)
        names = _names(ctx, school)
        found = []
        summaries = ctx.plc_groups.summaries(args.year, school)
        if args.trash:
            summaries = [
                GroupSummary(g, 0, n, 0) for g, n in ctx.plc_groups.trash() if args.year in (None, g.academic_year)
            ]
        for summary in summaries:
            g = summary.group
            members = [
                {"person_id": m.person_id, "name": names.get(m.person_id, ""), "role": m.role}
                for m in ctx.plc_groups.members(g.id)
            ]
            found.append((summary, members))
    if args.json:
        emit_json(
            [
                {
                    "id": s.group.id,
                    "academic_year": s.group.academic_year,
                    "name": s.group.name,
                    "learning_area": s.group.learning_area,
                    "target_learners": s.group.target_learners,
                    "steps": list(s.group.steps),
                    "members": members,
                    "meetings": s.meetings,
                    "hours": hours_text(s.minutes),
                }
                for s, members in found
            ]
        )
        return 0
    say("\t".join([_("Academic year"), _("Group name"), _("Members"), _("Meetings"), _("Hours")]))
    for s, members in found:
        say(
            "\t".join(
                [str(s.group.academic_year), s.group.name, str(len(members)), str(s.meetings), hours_text(s.minutes)]
            )
        )
    say(ngettext("{n} PLC group.", "{n} PLC groups.", len(found)).format(n=len(found)))
    return 0


def meetings_cmd(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        school = _school(ctx, args)
        groups = {s.group.id: s.group for s in ctx.plc_groups.summaries(school=school)}
        listed = ctx.plc_meetings.trash() if args.trash else ctx.plc_meetings.list(owner_code=school)
        if args.group and args.group not in groups:
            raise KaplcError(_("No PLC group with id {id} was found.").format(id=args.group))
        names = _names(ctx, school)
        meetings = sorted(
            (m for m in listed if m.group_id in groups and args.group in (None, m.group_id)),
            key=lambda m: (m.date, m.start_time, groups[m.group_id].name, m.session_no, m.id),
        )
        details = (
            [(m, ctx.plc_meetings.attendance(m.id), ctx.plc_meetings.files(m.id)) for m in meetings]
            if args.json
            else []
        )
    if args.json:
        from ..domain.plc_hours import attended_minutes

        emit_json(
            [
                {
                    "id": m.id,
                    "group_id": m.group_id,
                    "group": groups[m.group_id].name,
                    "semester": m.semester,
                    "session_no": m.session_no,
                    "activity_type": m.activity_type,
                    "date": m.date.isoformat(),
                    "start_time": format_time(m.start_time, "en"),
                    "end_time": format_time(m.end_time, "en"),
                    "hours": m.display("hours"),
                    "steps": list(m.steps),
                    "place": m.place,
                    "attendees": [
                        {
                            "person_id": a.person_id,
                            "name": names.get(a.person_id, ""),
                            "hours": hours_text(attended_minutes(m.start_time, m.end_time, a.arrived_at, a.left_at)),
                        }
                        for a in sorted(attendance, key=lambda a: (names.get(a.person_id, ""), a.person_id))
                    ],
                    "files": [
                        {
                            "sha256": f.file_sha256,
                            "media_type": f.media_type,
                            "file_name": f.file_name,
                            "caption": f.caption,
                        }
                        for f in files
                    ],
                }
                for m, attendance, files in details
            ]
        )
        return 0
    say("\t".join([_("Date"), _("Group name"), _("Session no."), _("Time"), _("Hours"), _("Activity")]))
    for m in meetings:
        say(
            "\t".join(
                [
                    m.display("date"),
                    groups[m.group_id].name,
                    f"{m.session_no}/{m.semester}",
                    m.display("time_range"),
                    m.display("hours"),
                    m.display("activity_type"),
                ]
            )
        )
    say(ngettext("{n} meeting.", "{n} meetings.", len(meetings)).format(n=len(meetings)))
    return 0


def hours_cmd(args: argparse.Namespace) -> int:
    period = "fiscal" if args.fiscal else "academic"
    with open_context(args) as ctx:
        school = _school(ctx, args)
        service = ctx.plc_hours_of(school)
        year = args.year or service.current_year(period)
        if not 2500 <= year <= 2700:
            raise KaplcError(_("The year must be a Buddhist-Era year, for example 2569."))
        target = service.target(period, year)
        people = sorted(service.people(period, year), key=lambda h: (h.target_hours is None, h.minutes))
    if args.json:
        emit_json(
            {
                "period": period,
                "year": year,
                "target_hours": target,
                "people": [
                    {
                        "person_id": h.person.id,
                        "name": h.person.full_name_th,
                        "position": h.person.position,
                        "hours": hours_text(h.minutes),
                        "minutes": h.minutes,
                        "meetings": h.meetings,
                        "target_hours": h.target_hours,
                        "expected_hours": None if h.expected_minutes is None else hours_text(h.expected_minutes),
                        "behind": h.behind,
                        "standing": h.standing(),
                    }
                    for h in people
                ],
            }
        )
        return 0
    label = _("fiscal year {year}") if args.fiscal else _("academic year {year}")
    say(_("PLC hours, {period}; target {target} hours.").format(period=label.format(year=year), target=target))
    say("\t".join([_("Name"), _("Position"), _("Hours"), _("Meetings"), _("Target")]))
    for h in people:
        mark = h.standing() if h.target_hours is not None else ""
        say(
            "\t".join(
                [
                    h.person.full_name_th,
                    h.person.display("position"),
                    hours_text(h.minutes),
                    str(h.meetings),
                    "-" if h.target_hours is None else str(h.target_hours),
                    mark,
                ]
            ).rstrip("\t")
        )
    behind = sum(h.behind for h in people)
    say(ngettext("{n} person is short of the hours.", "{n} people are short of the hours.", behind).format(n=behind))
    return 0


def edit_cmd(args: argparse.Namespace) -> int:
    changes = field_changes(args.set, "end_time=17.30")
    ctx, _info = open_school(args)
    with ctx:
        row = ctx.plc_meetings.edit(args.meeting, changes)
    say(_("Saved: {name}.").format(name=row.title))
    return 0


def delete_cmd(args: argparse.Namespace) -> int:
    ctx, _info = open_school(args)
    with ctx:
        if args.group:
            group = ctx.plc_groups.get(args.group)
            if group.deleted_at is not None:
                raise KaplcError(_("“{name}” is already in the Trash.").format(name=group.name))
            name = group.name
            meetings = ctx.plc_groups.meetings_of(args.group)
            ctx.plc_groups.delete(args.group)
            say(
                ngettext(
                    "“{name}” and its {n} meeting were moved to the Trash.",
                    "“{name}” and its {n} meetings were moved to the Trash.",
                    meetings,
                ).format(name=name, n=meetings)
            )
        else:
            meeting = ctx.plc_meetings.get(args.meeting)
            if meeting.deleted_at is not None:
                raise KaplcError(_("“{name}” is already in the Trash.").format(name=meeting.title))
            title = meeting.title
            ctx.plc_meetings.delete(args.meeting)
            say(_("{name} was moved to the Trash.").format(name=title))
    return 0


def export_cmd(args: argparse.Namespace) -> int:
    from ..reports.xlsx.plc_export import export_plc_hours

    path = output_file(args.file, ".xlsx")
    period = "fiscal" if args.fiscal else "academic"
    ctx, _info = open_school(args)
    with ctx:
        year = args.year or ctx.plc_hours.current_year(period)
        if not 2500 <= year <= 2700:
            raise KaplcError(_("The year must be a Buddhist-Era year, for example 2569."))
        rows = export_plc_hours(ctx, path, period, year, args.person)
    say(
        ngettext(
            "PLC hours written to {path} ({n} meeting row).", "PLC hours written to {path} ({n} meeting rows).", rows
        ).format(path=path, n=rows)
    )
    return 0


def restore_cmd(args: argparse.Namespace) -> int:
    ctx, _info = open_school(args)
    with ctx:
        if args.group:
            group = ctx.plc_groups.restore(args.group)
            say(_("“{name}” is back, with the meetings that went to the Trash with it.").format(name=group.name))
        else:
            meeting = ctx.plc_meetings.restore(args.meeting)
            say(_("{name} is back.").format(name=meeting.title))
    return 0
