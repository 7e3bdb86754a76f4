"""kaplc district plan list|add|edit|delete and kaplc district project list|from-need|edit|delete|people: the
district's own 3-year HRD plans and annual action plans, and its development projects with the people each is for
(a need from the July survey becomes a project for everyone who named it)."""

from __future__ import annotations

import argparse
from typing import Any

from ..i18n import N_, _, ngettext
from .be_year import be_year
from .output import emit_json, field_changes, output_file, say
from .record_commands import RecordCommands
from .workspace_access import open_district

PLAN_EXAMPLE = "name=แผนพัฒนาบุคลากร_2570-2572"
PROJECT_EXAMPLE = "budget=50000"
ID_HELP = N_("the id, or its first characters (as listed)")


def register(district: Any) -> None:
    plan = district.add_parser("plan", help=_("the district's 3-year HRD plans and annual action plans"))
    p = plan.add_subparsers(dest="plan_action", metavar="ACTION", required=True, parser_class=type(plan))
    lst = p.add_parser("list", help=_("list the district's plans"))
    lst.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    lst.set_defaults(handler=PLANS.list)
    add = p.add_parser("add", help=_("add a plan"))
    add.add_argument(
        "--set",
        required=True,
        action="append",
        metavar="FIELD=VALUE",
        help=_(
            "a field and its value (repeatable): plan_kind (hrd_plan, action_plan), name, first_year, last_year, "
            "approved_on, note"
        ),
    )
    add.set_defaults(handler=PLANS.add)
    edit = p.add_parser("edit", help=_("change a plan"))
    edit.add_argument("id", metavar="ID", help=_(ID_HELP))
    edit.add_argument(
        "--set", required=True, action="append", metavar="FIELD=VALUE", help=_("a field and its new value")
    )
    edit.set_defaults(handler=PLANS.edit)
    delete = p.add_parser("delete", help=_("move a plan to the Trash (its projects stay, without it)"))
    delete.add_argument("id", metavar="ID", help=_(ID_HELP))
    delete.set_defaults(handler=PLANS.delete)

    project = district.add_parser("project", help=_("the district's development projects and the people each is for"))
    q = project.add_subparsers(dest="project_action", metavar="ACTION", required=True, parser_class=type(project))
    lst = q.add_parser("list", help=_("list the district's projects"))
    lst.add_argument("--fiscal-year", type=be_year, metavar="YYYY", help=_("only this fiscal year (Buddhist Era)"))
    lst.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    lst.set_defaults(handler=project_list)
    need = q.add_parser("from-need", help=_("make a project from a need: for everyone who named it in the survey"))
    need.add_argument("topic", metavar="TOPIC", help=_("the need as listed by “kaplc report dashboard needs”"))
    need.add_argument(
        "--year", type=be_year, metavar="YYYY", help=_("the academic year of the survey (default: this one)")
    )
    need.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help=_(
            "a field to give besides those from the need (repeatable): name, fiscal_year, objectives, starts_on, "
            "ends_on, budget, hrd_plan_id and action_plan_id (the first characters of the plan's id), status "
            "(planned, in_progress, done, cancelled)"
        ),
    )
    need.add_argument(
        "--again", action="store_true", help=_("make another project even if one was made from this need")
    )
    need.set_defaults(handler=project_from_need)
    edit = q.add_parser("edit", help=_("change a project (its people stay)"))
    edit.add_argument("id", metavar="ID", help=_(ID_HELP))
    edit.add_argument(
        "--set", required=True, action="append", metavar="FIELD=VALUE", help=_("a field and its new value")
    )
    edit.set_defaults(handler=project_edit)
    delete = q.add_parser("delete", help=_("move a project to the Trash"))
    delete.add_argument("id", metavar="ID", help=_(ID_HELP))
    delete.set_defaults(handler=project_delete)
    people = q.add_parser("people", help=_("the people a project is for, by school"))
    people.add_argument("id", metavar="ID", help=_(ID_HELP))
    people.add_argument("--xlsx", metavar="FILE.xlsx", help=_("also write the list to this Excel file"))
    people.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    people.set_defaults(handler=project_people)


def _plan_line(plan: Any) -> str:
    years = str(plan.first_year) if plan.first_year == plan.last_year else f"{plan.first_year}–{plan.last_year}"
    return f"{plan.id}  {plan.display('plan_kind')}  ·  {plan.name}  ·  {years}"


PLANS = RecordCommands(
    lambda ctx: ctx.district_plans,
    _plan_line,
    PLAN_EXAMPLE,
    lambda n: ngettext("{n} plan.", "{n} plans.", n),
    lambda line: _("Plan added: {line}").format(line=line),
)


def _project_line(project: Any, people: int) -> str:
    need = f"  ·  {project.need_topic}" if project.need_topic else ""
    return (
        f"{project.id}  {project.name}  ·  {project.fiscal_year}{need}  ·  {project.display('status')}  ·  "
        + ngettext("{n} person", "{n} people", people).format(n=people)
    )


def project_list(args: argparse.Namespace) -> int:
    with open_district(args) as ctx:
        service = ctx.district_projects
        projects = [p for p in service.list() if args.fiscal_year is None or p.fiscal_year == args.fiscal_year]
        people = {p.id: len(service.targets(p.id)) for p in projects}
    if args.json:
        emit_json([{**p.to_json(), "people": people[p.id]} for p in projects])
        return 0
    for project in projects:
        say(_project_line(project, people[project.id]))
    say(ngettext("{n} project.", "{n} projects.", len(projects)).format(n=len(projects)))
    return 0


def project_from_need(args: argparse.Namespace) -> int:
    changes = field_changes(args.set, PROJECT_EXAMPLE)
    with open_district(args) as ctx:
        service = ctx.district_projects
        service.check_names(changes)
        project = service.from_need(_survey_year(args), args.topic, _plan_ids(ctx, changes), again=args.again)
        people = len(service.targets(project.id))
    say(_("Project added: {line}").format(line=_project_line(project, people)))
    return 0


def _plan_ids(ctx: Any, changes: dict[str, object]) -> dict[str, object]:
    """hrd_plan_id and action_plan_id may be typed as the plan list shows them: the first characters of the id."""
    found = dict(changes)
    for name in ("hrd_plan_id", "action_plan_id"):
        typed = str(found.get(name) or "").strip()
        if typed:
            found[name] = ctx.district_plans.by_id_start(typed).id
    return found


def _survey_year(args: argparse.Namespace) -> int:
    from ..domain.thai_years import academic_year
    from ..services.submission_tracking import thai_today

    return args.year if args.year is not None else academic_year(thai_today())


def project_edit(args: argparse.Namespace) -> int:
    changes = field_changes(args.set, PROJECT_EXAMPLE)
    with open_district(args) as ctx:
        service = ctx.district_projects
        project = service.edit(service.by_id_start(args.id).id, _plan_ids(ctx, changes))
    say(_("Saved: {name}.").format(name=project.name))
    return 0


def project_delete(args: argparse.Namespace) -> int:
    with open_district(args) as ctx:
        project = ctx.district_projects.by_id_start(args.id)
        ctx.district_projects.delete(project.id)
    say(_("“{name}” was moved to the Trash.").format(name=project.name))
    return 0


def project_people(args: argparse.Namespace) -> int:
    from .report_dashboards import show_tables

    xlsx = output_file(args.xlsx, ".xlsx") if args.xlsx is not None else None
    with open_district(args) as ctx:
        service = ctx.district_projects
        project = service.by_id_start(args.id)
        table = service.target_table(project.id)
    return show_tables(
        args,
        [table],
        _("District development project, fiscal year {year}").format(year=project.fiscal_year),
        xlsx,
        {"project": project.id},
    )
