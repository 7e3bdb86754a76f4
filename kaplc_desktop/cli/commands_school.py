"""kaplc school show|set: the school's own profile (name, principal, ESA, address, size, cluster), which the
district receives with the next bundle."""

from __future__ import annotations

import argparse
from typing import Any

from ..domain.kinds.school_profile import SCHOOL_PROFILE
from ..i18n import _
from .output import emit_json, field_changes, say
from .workspace_access import open_school


def register(sub: Any) -> None:
    school = sub.add_parser("school", help=_("the school's profile, sent to the district"))
    s = school.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(school))
    show = s.add_parser("show", help=_("show the school's profile"))
    show.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    show.set_defaults(handler=show_cmd)
    set_cmd = s.add_parser("set", help=_("change fields of the school's profile"))
    set_cmd.add_argument(
        "changes",
        nargs="+",
        metavar="FIELD=VALUE",
        help=_("fields to change: {fields}").format(fields=", ".join(f.name for f in SCHOOL_PROFILE.editable)),
    )
    set_cmd.set_defaults(handler=set_cmd_handler)


def print_record(row: Any) -> None:
    for name in SCHOOL_PROFILE.details:
        say(f"{SCHOOL_PROFILE.label_of(name)}: {row.display_full(name) or '-'}")


def show_cmd(args: argparse.Namespace) -> int:
    ctx, info = open_school(args)
    with ctx:
        row = ctx.school_profile.own(info.owner_code)
    if args.json:
        emit_json(row.to_json())
        return 0
    say(_("School code: {code}").format(code=row.owner_code))
    print_record(row)
    return 0


def set_cmd_handler(args: argparse.Namespace) -> int:
    changes = field_changes(args.changes, 'principal_name="นายสมชาย ใจดี"')
    ctx, info = open_school(args)
    with ctx:
        row = ctx.school_profile.set_fields(info.owner_code, changes)
    say(_("Saved the profile of {name}; the district receives it with the next bundle.").format(name=row.school_name))
    return 0
