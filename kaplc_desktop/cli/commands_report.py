"""kaplc report submissions: who has sent what is due, on time or late, with rates per cluster (district only).
The dashboards' reports are in report_dashboards."""

from __future__ import annotations

import argparse
from typing import Any

from ..domain import buddhist_date
from ..i18n import _
from .be_year import be_year
from .output import emit_json, say
from .report_dashboards import register_dashboards
from .workspace_access import open_district


def register(sub: Any) -> None:
    report = sub.add_parser("report", help=_("the district's reports"))
    r = report.add_subparsers(dest="report", metavar="REPORT", required=True, parser_class=type(report))
    submissions = r.add_parser("submissions", help=_("who has sent what is due: schools × submission periods"))
    submissions.add_argument("--year", type=be_year, metavar="YYYY", help=_("only this academic year (Buddhist Era)"))
    submissions.add_argument("--missing", action="store_true", help=_("only the schools missing something now due"))
    submissions.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    submissions.set_defaults(handler=submissions_cmd)
    register_dashboards(r)


def submissions_cmd(args: argparse.Namespace) -> int:
    from ..services.submission_tracking import cell_label, local_day

    with open_district(args) as ctx:
        tracking = ctx.submission_tracking.tracking(args.year)
    lines = [line for line in tracking.lines if line.missing] if args.missing else list(tracking.lines)
    if args.json:
        data = tracking.to_json()
        data["schools"] = [line.to_json() for line in lines]
        emit_json(data)
        return 0
    if not tracking.periods:
        say(
            _("No submission period is set for {year}. Add one with “kaplc district period add”.").format(
                year=args.year
            )
            if args.year is not None
            else _("No submission period is set. Add one with “kaplc district period add”.")
        )
        return 0
    if not tracking.lines:
        say(_("No school is on the district's list. Import it with “kaplc district registry import”."))
        return 0
    for n, period in enumerate(tracking.periods, start=1):
        say(
            f"[{n}] {period.id[:8]}  {period.name} · "
            + _("deadline {day}").format(day=buddhist_date.format_short(period.due_on))
            + (" · " + _("approved") if period.approved_on else "")
        )
    for line in lines:
        cells = "  ".join(
            f"[{n}] {cell_label(c.state)}"
            + (f" ({c.review.display('state')})" if c.review is not None else "")
            + (" ↻ " + _("sent again") if c.sent_again else "")
            for n, c in enumerate(line.cells, start=1)
        )
        bundle = (
            _("bundle #{n} on {day}").format(
                n=line.last_sequence, day=buddhist_date.format_short(local_day(line.last_import_at))
            )
            if line.last_import_at
            else _("no bundle yet")
        )
        gaps = (
            (" · " + _("bundles never received: {numbers}").format(numbers=", ".join(map(str, line.gaps))))
            if line.gaps
            else ""
        )
        say(f"{line.code}  {line.name}  ·  {line.cluster or '-'}  ·  {bundle}{gaps}")
        say(f"    {cells}")
    say("")
    for rate in tracking.rates:
        if rate.period_id is not None:
            continue
        who = rate.cluster if rate.cluster is not None else _("The whole district")
        say(
            _(
                "{who}: received {received} of {expected} due ({rate:.0%}), on time {on_time} ({on_time_rate:.0%})"
            ).format(
                who=who or _("(no cluster)"),
                received=rate.received,
                expected=rate.expected,
                rate=rate.received_rate,
                on_time=rate.on_time,
                on_time_rate=rate.on_time_rate,
            )
        )
    return 0
