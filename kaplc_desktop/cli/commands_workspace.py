"""kaplc init school|district, kaplc demo school|district, kaplc info."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..context import AppContext
from ..data.migrations import HEAD_REVISION
from ..errors import KaplcError
from ..i18n import _, ngettext
from ..paths import database_path
from ..services.workspace import clean_district_setup, clean_school_setup
from .output import emit_json, say
from .workspace_access import open_context


def register(sub: Any) -> None:
    init = sub.add_parser("init", help=_("set up the workspace of this data folder"))
    kinds = init.add_subparsers(dest="kind", metavar="KIND", required=True, parser_class=type(init))
    school = kinds.add_parser("school", help=_("a school workspace"))
    school.add_argument("--code", required=True, help=_("OBEC school code (10, 8 or 6 digits)"))
    school.add_argument("--name", required=True, help=_("school name"))
    school.add_argument("--esa", required=True, metavar="ESA_NAME", help=_("name of the Educational Service Area"))
    school.add_argument("--esa-code", help=_("4-digit ESA code, e.g. 9002"))
    school.add_argument("--principal", help=_("principal's name"))
    school.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    school.set_defaults(handler=init_school)
    district = kinds.add_parser("district", help=_("a district (ESA) workspace"))
    district.add_argument("--esa-code", required=True, help=_("4-digit ESA code, e.g. 9002"))
    district.add_argument("--esa-name", required=True, help=_("name of the Educational Service Area"))
    district.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    district.set_defaults(handler=init_district)

    demo = sub.add_parser("demo", help=_("create demo data"))
    demo_kinds = demo.add_subparsers(dest="kind", metavar="KIND", required=True, parser_class=type(demo))
    demo_school = demo_kinds.add_parser("school", help=_("a demo school with generated Thai staff"))
    demo_school.add_argument("--staff", type=int, default=40, help=_("number of staff (default 40)"))
    demo_school.add_argument("--seed", type=int, default=1, help=_("random seed; the same seed gives the same data"))
    demo_school.add_argument("--photos", action="store_true", help=_("attach a generated photo to every person"))
    demo_school.add_argument(
        "--photo-kb", type=int, default=120, metavar="KB", help=_("size of each generated photo in KB (default 120)")
    )
    demo_school.add_argument(
        "--no-plc",
        action="store_true",
        help=_("staff only: no PLC and no development cycle (they are made by default)"),
    )
    demo_school.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    demo_school.set_defaults(handler=demo_school_cmd)
    demo_district = demo_kinds.add_parser(
        "district", help=_("a demo district: demo schools that send their bundles, all imported (takes minutes)")
    )
    demo_district.add_argument("--schools", type=int, default=20, help=_("number of schools (default 20)"))
    demo_district.add_argument("--seed", type=int, default=1, help=_("random seed; the same seed gives the same data"))
    demo_district.add_argument(
        "--keep-schools",
        metavar="DIR",
        help=_("keep each school's data folder in DIR (to try a school's side too); by default they are removed"),
    )
    demo_district.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    demo_district.set_defaults(handler=demo_district_cmd)

    info = sub.add_parser("info", help=_("show the workspace, schema revision and record counts"))
    info.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    info.set_defaults(handler=info_cmd)


def _refuse_existing(args: argparse.Namespace) -> None:
    if database_path(args.data_dir_path).exists():
        with open_context(args) as ctx:
            ctx.workspace.ensure_none()


def init_school(args: argparse.Namespace) -> int:
    setup = clean_school_setup(args.code, args.name, args.esa, args.esa_code, args.principal)
    _refuse_existing(args)
    with open_context(args, create=True) as ctx:
        info = ctx.workspace.init_school(setup)
    if args.json:
        emit_json({"kind": info.kind, "school_code": info.school_code, "data_dir": str(args.data_dir_path)})
    else:
        say(
            _("School workspace “{name}” ({code}) created in {folder}.").format(
                name=info.school_name, code=info.school_code, folder=args.data_dir_path
            )
        )
    return 0


def init_district(args: argparse.Namespace) -> int:
    setup = clean_district_setup(args.esa_code, args.esa_name)
    _refuse_existing(args)
    with open_context(args, create=True) as ctx:
        info = ctx.workspace.init_district(setup)
    if args.json:
        emit_json({"kind": info.kind, "esa_code": info.esa_code, "data_dir": str(args.data_dir_path)})
    else:
        say(
            _("District workspace “{name}” ({code}) created in {folder}.").format(
                name=info.esa_name, code=info.esa_code, folder=args.data_dir_path
            )
        )
    return 0


def demo_district_cmd(args: argparse.Namespace) -> int:
    from ..services.demo_district import MAX_SCHOOLS, make_demo_district

    if not 1 <= args.schools <= MAX_SCHOOLS:
        raise KaplcError(_("--schools must be between 1 and {n}.").format(n=MAX_SCHOOLS))
    keep = Path(args.keep_schools).expanduser() if args.keep_schools else None
    if keep is not None and keep.exists() and any(keep.iterdir()):
        raise KaplcError(
            _("The folder {folder} is not empty. Name a new or empty folder for the schools.").format(folder=keep)
        )
    _refuse_existing(args)
    with open_context(args, create=True) as ctx:
        made = make_demo_district(ctx, args.schools, args.seed, keep)
    if args.json:
        emit_json({**made.to_json(), "data_dir": str(args.data_dir_path)})
    else:
        say(
            _(
                "Demo district created in {folder}: {schools} schools ({sent} sent their bundles), {persons} staff, "
                "{meetings} PLC meetings, in {seconds:.0f} seconds."
            ).format(
                folder=args.data_dir_path,
                schools=made.schools,
                sent=made.sent,
                persons=made.persons,
                meetings=made.meetings,
                seconds=made.seconds,
            )
        )
    return 0


def demo_school_cmd(args: argparse.Namespace) -> int:
    if not 1 <= args.staff <= 20000:
        raise KaplcError(_("--staff must be between 1 and 20000."))
    if not 1 <= args.photo_kb <= 20000:
        raise KaplcError(_("--photo-kb must be between 1 and 20000."))
    _refuse_existing(args)
    with open_context(args, create=True) as ctx:
        info = ctx.create_demo_school(
            args.staff, args.seed, args.photo_kb if args.photos else None, plc=not args.no_plc
        )
        counts = ctx.workspace.record_counts()
        count = counts["personnel"]
    if args.json:
        emit_json(
            {
                "kind": info.kind,
                "school_code": info.school_code,
                "personnel": count,
                "plc_groups": counts.get("plc_group", 0),
                "plc_meetings": counts.get("plc_meeting", 0),
                "survey_forms": counts.get("survey_form", 0),
                "id_plans": counts.get("id_plan", 0),
                "data_dir": str(args.data_dir_path),
            }
        )
    else:
        say(
            ngettext(
                "Demo school “{name}” created with {n} staff member in {folder}.",
                "Demo school “{name}” created with {n} staff members in {folder}.",
                count,
            ).format(name=info.school_name, n=count, folder=args.data_dir_path)
        )
    return 0


def info_cmd(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        data = _describe(ctx)
    if args.json:
        emit_json(data)
        return 0
    labels = {
        "kind_label": _("Workspace"),
        "school_code": _("School code"),
        "school_name": _("School"),
        "esa_code": _("ESA code"),
        "esa_name": _("ESA"),
        "principal_name": _("Principal"),
        "schema_revision": _("Schema revision"),
        "database_id": _("Database id"),
        "data_dir": _("Data folder"),
        "database": _("Database"),
    }
    for key, label in labels.items():
        if data.get(key):
            say(f"{label}: {data[key]}")
    counts = data["counts"]
    say(_("Staff: {n} (in the Trash: {trash})").format(n=counts["personnel"], trash=counts["personnel_trash"]))
    say(_("PLC groups: {n} (in the Trash: {trash})").format(n=counts["plc_group"], trash=counts["plc_group_trash"]))
    say(
        _("PLC meetings: {n} (in the Trash: {trash})").format(
            n=counts["plc_meeting"], trash=counts["plc_meeting_trash"]
        )
    )
    say(_("Survey forms: {n}").format(n=counts["survey_form"]))
    say(_("Development plans: {n} (in the Trash: {trash})").format(n=counts["id_plan"], trash=counts["id_plan_trash"]))
    say(_("Action plan projects: {n}").format(n=counts["action_project"]))
    say(
        _("Showcase portfolios: {n} (in the Trash: {trash})").format(
            n=counts["portfolio"], trash=counts["portfolio_trash"]
        )
    )
    return 0


def _describe(ctx: AppContext) -> dict[str, Any]:
    info = ctx.workspace.get()
    kind_label = {"school": _("school"), "district": _("district")}
    return {
        "kind": info.kind if info else None,
        "kind_label": kind_label.get(info.kind, "") if info else "",
        "school_code": info.school_code if info else None,
        "school_name": info.school_name if info else None,
        "esa_code": info.esa_code if info else None,
        "esa_name": info.esa_name if info else None,
        "principal_name": info.principal_name if info else None,
        "is_demo": info.is_demo if info else False,
        "schema_revision": HEAD_REVISION,
        "database_id": ctx.db.db_id,
        "data_dir": str(ctx.data_dir),
        "database": ctx.db.store.label,
        "counts": ctx.workspace.record_counts(),
    }
