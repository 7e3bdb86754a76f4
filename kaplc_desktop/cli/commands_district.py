"""kaplc district settings set|show: the district's settings for an academic year (sent to schools);
kaplc district schools: the profiles of the schools the district has heard from; kaplc district registry: the
district's own list of its schools (commands_registry.py)."""

from __future__ import annotations

import argparse
from typing import Any

from ..domain import buddhist_date
from ..errors import KaplcError
from ..i18n import _, ngettext
from . import commands_planning, commands_registry, commands_selection, commands_tracking
from .output import emit_json, say
from .workspace_access import open_context, open_district


def register(sub: Any) -> None:
    district = sub.add_parser("district", help=_("the district's settings for schools"))
    d = district.add_subparsers(dest="area", metavar="AREA", required=True, parser_class=type(district))
    settings = d.add_parser("settings", help=_("PLC hours target, deadlines and needs topics per academic year"))
    s = settings.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(settings))
    set_cmd = s.add_parser("set", help=_("set the settings of one academic year (district only)"))
    set_cmd.add_argument("--year", required=True, help=_("academic year in the Buddhist Era, e.g. 2569"))
    set_cmd.add_argument("--plc-hours", default=50, help=_("PLC hours target per person (default 50)"))
    set_cmd.add_argument(
        "--deadline",
        action="append",
        default=[],
        metavar="NAME=DATE",
        help=_("a deadline, e.g. survey=31/07/2569 (repeatable)"),
    )
    set_cmd.add_argument(
        "--topic",
        action="append",
        default=[],
        metavar="TEXT",
        help=_("a topic of the needs survey catalogue (repeatable)"),
    )
    set_cmd.set_defaults(handler=settings_set)
    show = s.add_parser("show", help=_("show the settings of every academic year"))
    show.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    show.set_defaults(handler=settings_show)
    schools = d.add_parser("schools", help=_("the profiles of the schools whose bundles were imported"))
    schools.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    schools.set_defaults(handler=schools_cmd)
    commands_registry.register(d)
    commands_tracking.register(d)
    commands_planning.register(d)
    commands_selection.register(d)
    commands_selection.register_forums(d)


def settings_set(args: argparse.Namespace) -> int:
    deadlines = {}
    for item in args.deadline:
        name, sep, date = item.partition("=")
        if not sep:
            raise KaplcError(_("Write each deadline as NAME=DATE, for example survey=31/07/2569."))
        deadlines[name] = date
    with open_context(args) as ctx:
        saved = ctx.district_settings.set_year(args.year, args.plc_hours, deadlines, args.topic)
    say(
        _("Settings for academic year {year} saved; they go to schools with the next feedback bundles.").format(
            year=saved.academic_year
        )
    )
    return 0


def settings_show(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        years = ctx.district_settings.all()
    if args.json:
        emit_json([y.to_json() for y in years])
        return 0
    if not years:
        say(_("No settings yet."))
    for y in years:
        say(_("Academic year {year}: PLC target {hours} hours").format(year=y.academic_year, hours=y.plc_hours_target))
        for name, day in y.deadlines.items():
            say(f"  {name}: {buddhist_date.format_long(day)}")
        for topic in y.needs_topics:
            say(f"  • {topic}")
    return 0


def schools_cmd(args: argparse.Namespace) -> int:
    with open_district(args) as ctx:
        profiles = ctx.school_profile.list()
    if args.json:
        emit_json([p.to_json() for p in profiles])
        return 0
    for p in profiles:
        parts = (p.school_name, p.display("principal_name") or "-", p.display("school_size") or "-")
        say(f"{p.owner_code}  " + "  ·  ".join(parts))
    say(ngettext("{n} school.", "{n} schools.", len(profiles)).format(n=len(profiles)))
    return 0
