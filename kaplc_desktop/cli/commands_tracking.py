"""kaplc district period list|add|edit|delete|approve|reopen, kaplc district review: what the district expects
from its schools and by when, and its review of what each school sent (commands_report.py prints the matrix)."""

from __future__ import annotations

import argparse
from typing import Any

from ..domain import buddhist_date
from ..i18n import _, ngettext
from .be_year import be_year
from .output import say
from .record_commands import RecordCommands
from .workspace_access import open_district

PERIOD_EXAMPLE = "name=แบบสำรวจเดือนกรกฎาคม"


def register(district: Any) -> None:
    period = district.add_parser("period", help=_("submission periods: what schools must send, and by when"))
    p = period.add_subparsers(dest="period_action", metavar="ACTION", required=True, parser_class=type(period))

    lst = p.add_parser("list", help=_("list the submission periods"))
    lst.add_argument("--year", type=be_year, metavar="YYYY", help=_("only this academic year (Buddhist Era)"))
    lst.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    lst.set_defaults(handler=PERIODS.list)

    add = p.add_parser("add", help=_("add a submission period"))
    add.add_argument(
        "--set",
        required=True,
        action="append",
        metavar="FIELD=VALUE",
        help=_(
            "a field and its value (repeatable): name, academic_year, content (survey, id_plans, hrd_plan, plc, "
            "portfolios), semester (PLC only), opens_on, due_on, note"
        ),
    )
    add.set_defaults(handler=PERIODS.add)

    edit = p.add_parser("edit", help=_("change a submission period (not while it is approved)"))
    edit.add_argument(
        "id", metavar="ID", help=_("the period's id, or its first characters (kaplc district period list)")
    )
    edit.add_argument(
        "--set", required=True, action="append", metavar="FIELD=VALUE", help=_("a field and its new value")
    )
    edit.set_defaults(handler=PERIODS.edit)

    for name, help_text, handler in (
        ("delete", _("delete a submission period (not while it is approved)"), PERIODS.delete),
        ("approve", _("approve a period: its dates and reviews are locked until it is reopened"), period_approve),
        ("reopen", _("reopen an approved period"), period_reopen),
    ):
        cmd = p.add_parser(name, help=help_text)
        cmd.add_argument(
            "id", metavar="ID", help=_("the period's id, or its first characters (kaplc district period list)")
        )
        cmd.set_defaults(handler=handler)

    review = district.add_parser("review", help=_("review what one school sent for a period"))
    review.add_argument("--period", required=True, metavar="ID", help=_("the period's id"))
    review.add_argument("--school", required=True, metavar="CODE", help=_("the school's code"))
    review.add_argument(
        "--state",
        required=True,
        metavar="STATE",
        help=_("received, has_issues, approved or returned (or the Thai label)"),
    )
    review.add_argument("--comment", default="", metavar="TEXT", help=_("comments for the school"))
    review.set_defaults(handler=review_cmd)


def _period_line(period: Any) -> str:
    dates = _("{opens} to {due}").format(
        opens=buddhist_date.format_short(period.opens_on), due=buddhist_date.format_short(period.due_on)
    )
    state = (
        _("approved {day}").format(day=buddhist_date.format_short(period.approved_on))
        if period.approved_on
        else _("not approved yet")
    )
    semester = " · " + _("semester {n}").format(n=period.semester) if period.semester else ""
    return f"{period.id}  {period.name}  ·  {period.display('content')}{semester}  ·  {dates}  ·  {state}"


PERIODS = RecordCommands(
    lambda ctx: ctx.submission_periods,
    _period_line,
    PERIOD_EXAMPLE,
    lambda n: ngettext("{n} period.", "{n} periods.", n),
    lambda line: _("Period added: {line}").format(line=line),
    keep=lambda args, periods: [p for p in periods if args.year is None or p.academic_year == args.year],
)


def period_approve(args: argparse.Namespace) -> int:
    with open_district(args) as ctx:
        period = ctx.submission_periods.approve(ctx.submission_periods.find(args.id).id)
    say(_("“{name}” is approved: its dates and reviews are locked until it is reopened.").format(name=period.name))
    return 0


def period_reopen(args: argparse.Namespace) -> int:
    with open_district(args) as ctx:
        period = ctx.submission_periods.reopen(ctx.submission_periods.find(args.id).id)
    say(_("“{name}” is open again: its reviews can be changed.").format(name=period.name))
    return 0


def review_cmd(args: argparse.Namespace) -> int:
    with open_district(args) as ctx:
        period = ctx.submission_periods.find(args.period)
        review = ctx.submission_reviews.review(period.id, args.school, args.state, args.comment)
    say(
        _("Review saved: {school} · {state}. It goes to the school with its next feedback bundle.").format(
            school=review.school_code, state=review.display("state")
        )
    )
    return 0
