"""kaplc personnel template|import|export|list."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..context import AppContext
from ..domain.workspace_codes import normalize_school_code
from ..errors import KaplcError
from ..i18n import _, ngettext
from ..reports.xlsx.roster_io import RosterIO, exported_message
from ..services.workspace import WorkspaceInfo, require_workspace
from .output import emit_json, field_changes, output_file, say
from .sheet_report import example_skipped, refuse_invalid, say_rows
from .workspace_access import open_context, open_school

LIST_FIELDS = ("national_id", "first_name_th", "last_name_th", "position", "academic_standing", "status")


def register(sub: Any) -> None:
    personnel = sub.add_parser("personnel", help=_("the personnel registry"))
    actions = personnel.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(personnel))
    template = actions.add_parser("template", help=_("write the Excel roster template"))
    template.add_argument("file", metavar="FILE.xlsx")
    template.set_defaults(handler=template_cmd)

    imp = actions.add_parser("import", help=_("import a filled Excel roster"))
    imp.add_argument("file", metavar="FILE.xlsx")
    imp.add_argument("--dry-run", action="store_true", help=_("check the file and report; write nothing"))
    imp.add_argument(
        "--skip-invalid",
        action="store_true",
        help=_("import the valid rows even if some rows have errors (default: import none)"),
    )
    imp.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    imp.set_defaults(handler=import_cmd)

    exp = actions.add_parser("export", help=_("export the staff list to a formatted Excel file"))
    exp.add_argument("file", metavar="FILE.xlsx")
    exp.add_argument("--include-inactive", action="store_true", help=_("also staff who moved or retired"))
    exp.set_defaults(handler=export_cmd)

    edit = actions.add_parser("edit", help=_("change fields of a staff record (the same rules as the form)"))
    edit.add_argument("--id", required=True, metavar="ID", help=_("the record's id (kaplc personnel list --json)"))
    edit.add_argument(
        "--set",
        required=True,
        action="append",
        metavar="FIELD=VALUE",
        help=_("a field and its new value, for example subject=คณิตศาสตร์ (repeatable)"),
    )
    edit.set_defaults(handler=edit_cmd)

    erase = actions.add_parser(
        "erase", help=_("erase a person permanently (PDPA): everywhere, with everything that refers to them")
    )
    erase.add_argument("--id", required=True, metavar="ID", help=_("the record's id (kaplc personnel list --json)"))
    erase.add_argument("--reason", required=True, metavar="TEXT", help=_("why, for example the person's request"))
    erase.set_defaults(handler=erase_cmd)

    lst = actions.add_parser("list", help=_("list the staff"))
    lst.add_argument(
        "--school", metavar="CODE", help=_("(district) the school whose staff to list, as received in its bundles")
    )
    lst.add_argument("--trash", action="store_true", help=_("list deleted records instead"))
    lst.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    lst.set_defaults(handler=list_cmd)


def template_cmd(args: argparse.Namespace) -> int:
    path = output_file(args.file, ".xlsx")
    ctx, _info = open_school(args)
    with ctx:
        RosterIO(ctx.personnel).write_template(path)
    say(_("Roster template written to {path}.").format(path=path))
    return 0


def import_cmd(args: argparse.Namespace) -> int:
    ctx, _info = open_school(args)
    with ctx:
        roster = RosterIO(ctx.personnel)
        report = roster.check(Path(args.file).expanduser())
        invalid = report.invalid_rows
        apply = not args.dry_run and (not invalid or args.skip_invalid)
        added = roster.apply(report) if apply and report.valid else 0
    result = report.to_json() | {"dry_run": args.dry_run, "imported": added}
    if args.json:
        emit_json(result)
    else:
        say_rows(report)
        say(
            _("Rows read: {read}; valid: {valid}; with errors: {bad}; imported: {added}.").format(
                read=report.rows_read, valid=len(report.valid), bad=len(invalid), added=added
            )
            + example_skipped(report)
        )
    refuse_invalid(report, args.skip_invalid)
    return 0


def export_cmd(args: argparse.Namespace) -> int:
    path = output_file(args.file, ".xlsx")
    ctx, _info = open_school(args)
    with ctx:
        rows = ctx.personnel.list()
        if not args.include_inactive:
            rows = [r for r in rows if r.status == "active"]
        n = RosterIO(ctx.personnel).export(path, rows)
    say(exported_message(n, path))
    return 0


def list_cmd(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        rows = _listed_staff(ctx, require_workspace(ctx.workspace.get()), args)
    if args.json:
        emit_json([r.to_json() for r in rows])
        return 0
    headings = [_("National ID"), _("Name"), _("Position"), _("Academic standing"), _("Status")]
    say("\t".join(headings))
    for r in rows:
        say(
            "\t".join(
                [
                    r.national_id_masked or "-",
                    r.full_name_th,
                    r.display("position"),
                    r.display("academic_standing") or "-",
                    r.display("status"),
                ]
            )
        )
    say(ngettext("{n} staff member.", "{n} staff members.", len(rows)).format(n=len(rows)))
    return 0


def _listed_staff(ctx: AppContext, info: WorkspaceInfo, args: argparse.Namespace) -> list[Any]:
    """A school lists its own staff; a district, the staff one school sent (--school)."""
    if info.kind == "school":
        if args.school and normalize_school_code(args.school, "school") != info.school_code:
            raise KaplcError(_("A school lists its own staff; --school is for a district office."))
        return ctx.personnel.list(deleted=args.trash)
    if not args.school:
        raise KaplcError(
            _("A district lists the staff of one school: add --school CODE (“kaplc district schools” lists them).")
        )
    code = normalize_school_code(args.school, "school")
    rows = ctx.personnel.list(deleted=args.trash, owner_code=code)
    if not rows and not ctx.school_profile.list(owner_code=code) and not ctx.personnel.list(owner_code=code):
        raise KaplcError(
            _("No bundle from school {code} has been imported yet, so there is no staff list of it.").format(code=code)
        )
    return rows


def edit_cmd(args: argparse.Namespace) -> int:
    changes = field_changes(args.set, "subject=คณิตศาสตร์")
    ctx, _info = open_school(args)
    with ctx:
        row = ctx.personnel.edit(args.id, changes)
    say(_("Saved: {name}.").format(name=row.full_name_th))
    return 0


def erase_cmd(args: argparse.Namespace) -> int:
    ctx, _info = open_school(args)
    with ctx:
        name = ctx.personnel.get(args.id).full_name_th
        erased = ctx.sync.erase("personnel", args.id, args.reason)
    say(
        _(
            "{name} was erased permanently, with {n} records that referred to them; the erasure reaches the "
            "district with the next bundle."
        ).format(name=name, n=len(erased.removed) - 1)
    )
    return 0
