"""kaplc report dashboard NAME and kaplc report need-people TOPIC: the district's dashboards as text, JSON or an
Excel workbook (district only). The figures are the window's: both read services/dashboards."""

from __future__ import annotations

import argparse
from typing import Any

from ..i18n import _
from ..services.dashboards.service import dashboard_title, year_subtitle
from .be_year import be_year
from .output import emit_json, output_file, say
from .workspace_access import open_district


def register_dashboards(r: Any) -> None:
    from ..services.dashboards.service import DASHBOARDS

    dashboard = r.add_parser(
        "dashboard", help=_("a dashboard's tables: PLC hours, development needs, competencies, portfolios and awards")
    )
    dashboard.add_argument("name", choices=DASHBOARDS, metavar="NAME", help=_("plc, needs, competencies or portfolios"))
    dashboard.add_argument(
        "--year", type=be_year, metavar="YYYY", help=_("the academic year (Buddhist Era; default: this one)")
    )
    dashboard.add_argument(
        "--fiscal",
        action="store_true",
        help=_("PLC hours by fiscal year (October–September) instead of academic year; --year is then a fiscal year"),
    )
    dashboard.add_argument("--table", metavar="KEY", help=_("only this table (its key, as the JSON names it)"))
    dashboard.add_argument("--xlsx", metavar="FILE.xlsx", help=_("also write the tables to this Excel file"))
    dashboard.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    dashboard.set_defaults(handler=dashboard_cmd)
    xlsx = r.add_parser("xlsx", help=_("the district's report of a year in one Excel workbook, a sheet per table"))
    xlsx.add_argument("--out", required=True, metavar="FILE.xlsx", help=_("the workbook to write"))
    xlsx.add_argument(
        "--year", type=be_year, metavar="YYYY", help=_("the academic year (Buddhist Era; default: this one)")
    )
    xlsx.add_argument("--json", action="store_true", help=_("print what was written as JSON"))
    xlsx.set_defaults(handler=report_xlsx_cmd)
    people = r.add_parser("need-people", help=_("who named a development need: the target list of a project"))
    people.add_argument("topic", metavar="TOPIC", help=_("the need as listed by “kaplc report dashboard needs”"))
    people.add_argument(
        "--year", type=be_year, metavar="YYYY", help=_("the academic year (Buddhist Era; default: this one)")
    )
    people.add_argument("--xlsx", metavar="FILE.xlsx", help=_("also write the list to this Excel file"))
    people.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    people.set_defaults(handler=need_people_cmd)


def _year(args: argparse.Namespace, fiscal: bool = False) -> int:
    """The year asked for, else this academic (or fiscal) year in Thailand."""
    from ..domain.thai_years import academic_year, fiscal_year
    from ..services.submission_tracking import thai_today

    if args.year is not None:
        return int(args.year)
    return fiscal_year(thai_today()) if fiscal else academic_year(thai_today())


def dashboard_cmd(args: argparse.Namespace) -> int:
    from ..errors import KaplcError
    from ..services.submission_tracking import thai_today

    xlsx = output_file(args.xlsx, ".xlsx") if args.xlsx is not None else None
    if args.fiscal and args.name != "plc":
        raise KaplcError(
            _("Only PLC hours are counted by fiscal year; leave out --fiscal for the {name} dashboard.").format(
                name=args.name
            )
        )
    fiscal = bool(args.fiscal)
    year = _year(args, fiscal)
    with open_district(args) as ctx:
        found = ctx.dashboards.dashboard(args.name, year, "fiscal" if args.fiscal else "academic", thai_today())
    tables = list(found.tables)
    if args.table:
        tables = [t for t in tables if t.key == args.table]
        if not tables:
            raise KaplcError(
                _("The {dashboard} dashboard has no table “{key}”. Its tables: {keys}.").format(
                    dashboard=args.name, key=args.table, keys=", ".join(t.key for t in found.tables)
                )
            )
    subtitle = year_subtitle(found.title, year, fiscal)
    return show_tables(args, tables, subtitle, xlsx, {"dashboard": found.name, "year": year})


def report_xlsx_cmd(args: argparse.Namespace) -> int:
    from ..reports.xlsx.table_workbook import write_tables
    from ..services.submission_tracking import thai_today

    out = output_file(args.out, ".xlsx")
    year = _year(args)
    with open_district(args) as ctx:
        tables = ctx.dashboards.report(year, thai_today())
        name = ctx.workspace.get().esa_name
    rows = write_tables(out, tables, _("{office}, academic year {year}").format(office=name, year=year))
    if args.json:
        emit_json(
            {
                "year": year,
                "xlsx": str(out),
                "sheets": [{"key": t.key, "title": t.title, "rows": len(t.rows)} for t in tables],
            }
        )
        return 0
    say(_("Written to {path}: {sheets} sheets, {rows} rows.").format(path=out, sheets=len(tables), rows=rows))
    return 0


def need_people_cmd(args: argparse.Namespace) -> int:
    from ..errors import KaplcError

    xlsx = output_file(args.xlsx, ".xlsx") if args.xlsx is not None else None
    year = _year(args)
    with open_district(args) as ctx:
        table = ctx.dashboards.need_people(year, args.topic)
    if table is None:
        from ..services.dashboards.needs import no_one_named

        raise KaplcError(no_one_named(args.topic, year))
    return show_tables(args, [table], year_subtitle(dashboard_title("needs"), year), xlsx, {"year": year})


def show_tables(args: argparse.Namespace, tables: list[Any], subtitle: str, xlsx: Any, head: dict[str, Any]) -> int:
    if xlsx is not None:
        from ..reports.xlsx.table_workbook import write_tables

        write_tables(xlsx, tables, subtitle)
    if args.json:
        emit_json({**head, "tables": [t.to_json() for t in tables], **({"xlsx": str(xlsx)} if xlsx else {})})
        return 0
    say(subtitle)
    for table in tables:
        say("")
        say(f"{table.title}  [{table.key}]")
        if table.note:
            say(table.note)
        if not table.rows:
            say("  " + _("(nothing yet)"))
            continue
        say("  " + " | ".join(c.label for c in table.columns))
        for r in range(len(table.rows)):
            say("  " + " | ".join(table.text(r, c) for c in range(len(table.columns))))
    if xlsx is not None:
        say("")
        say(_("Written to {path}").format(path=xlsx))
    return 0
