"""kaplc district registry list|add|edit|delete|take|template|import|export: the district's registry of its
schools, and where it differs from the profiles the schools send."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..i18n import _, ngettext
from .output import emit_json, field_changes, input_file, output_file, say
from .sheet_report import example_skipped, refuse_invalid, say_rows
from .workspace_access import open_district


def register(district: Any) -> None:
    registry = district.add_parser("registry", help=_("the district's registry of its schools (from Excel or typed)"))
    r = registry.add_subparsers(dest="registry_action", metavar="ACTION", required=True, parser_class=type(registry))

    lst = r.add_parser("list", help=_("every school: registered, sent a bundle, or both, and where they differ"))
    lst.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    lst.set_defaults(handler=list_cmd)

    add = r.add_parser("add", help=_("register a school"))
    add.add_argument(
        "--set",
        required=True,
        action="append",
        metavar="FIELD=VALUE",
        help=_("a field and its value, for example school_code=1090050001 (repeatable)"),
    )
    add.set_defaults(handler=add_cmd)

    edit = r.add_parser("edit", help=_("change fields of a registered school"))
    edit.add_argument("code", metavar="CODE", help=_("the school's code"))
    edit.add_argument(
        "--set",
        required=True,
        action="append",
        metavar="FIELD=VALUE",
        help=_("a field and its new value, for example cluster=เครือข่ายที่ 3 (repeatable)"),
    )
    edit.set_defaults(handler=edit_cmd)

    delete = r.add_parser("delete", help=_("take a school off the registry (to the Trash)"))
    delete.add_argument("code", metavar="CODE", help=_("the school's code"))
    delete.set_defaults(handler=delete_cmd)

    for action, help_text in (
        ("take", _("take the school's own values from its profile into the registry")),
        (
            "keep",
            _("keep the list's own values where the school's profile differs (they stop showing as differences)"),
        ),
    ):
        choice = r.add_parser(action, help=help_text)
        choice.add_argument("code", metavar="CODE", help=_("the school's code"))
        choice.add_argument(
            "--field",
            action="append",
            default=None,
            metavar="FIELD",
            help=_("only this field (repeatable; default: every field that differs)"),
        )
        choice.set_defaults(handler=choose_cmd, choice=action)

    template = r.add_parser("template", help=_("write the Excel template of the registry"))
    template.add_argument("file", metavar="FILE.xlsx")
    template.set_defaults(handler=template_cmd)

    imp = r.add_parser("import", help=_("import the list of schools from Excel (new schools added, others updated)"))
    imp.add_argument("file", metavar="FILE.xlsx")
    imp.add_argument("--dry-run", action="store_true", help=_("check the file and report; write nothing"))
    imp.add_argument(
        "--skip-invalid",
        action="store_true",
        help=_("import the valid rows even if some rows have errors (default: import none)"),
    )
    imp.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    imp.set_defaults(handler=import_cmd)

    exp = r.add_parser("export", help=_("export the registry to a formatted Excel file"))
    exp.add_argument("file", metavar="FILE.xlsx")
    exp.set_defaults(handler=export_cmd)


def list_cmd(args: argparse.Namespace) -> int:
    from ..services.school_registry import standing_label

    with open_district(args) as ctx:
        entries = ctx.school_registry.entries()
    if args.json:
        emit_json([e.to_json() for e in entries])
        return 0
    kind = ctx.school_registry.kind
    for e in entries:
        say(f"{e.code}  {e.name}  ·  {e.cluster or '-'}  ·  {standing_label(e.standing)}")
        for d in e.differences:
            f = kind.field(d.field)
            say(
                "    "
                + _("{field}: registry “{ours}”, the school's profile “{theirs}”").format(
                    field=f.label_text,
                    ours=f.type.display(f, d.registry) or _("(empty)"),
                    theirs=f.type.display(f, d.profile) or _("(empty)"),
                )
            )
        if e.kept:
            say("    " + _("kept by choice: {fields}").format(fields=", ".join(kind.label_of(d.field) for d in e.kept)))
    registered = sum(1 for e in entries if e.registered is not None)
    say(
        ngettext("{n} registered school", "{n} registered schools", registered).format(n=registered)
        + "; "
        + _("{sent} sent a bundle, {differ} differ from their profile, {unregistered} not registered.").format(
            sent=sum(1 for e in entries if e.profile is not None),
            differ=sum(1 for e in entries if e.standing == "differs"),
            unregistered=sum(1 for e in entries if e.registered is None),
        )
    )
    return 0


def add_cmd(args: argparse.Namespace) -> int:
    values = field_changes(args.set, "school_code=1090050001")
    with open_district(args) as ctx:
        ctx.school_registry.check_names(values)
        row = ctx.school_registry.add(values)
    say(_("Registered: {code} {name}.").format(code=row.school_code, name=row.school_name))
    return 0


def edit_cmd(args: argparse.Namespace) -> int:
    changes = field_changes(args.set, "cluster=เครือข่ายที่ 3")
    with open_district(args) as ctx:
        held = ctx.school_registry.find(args.code)
        row = ctx.school_registry.edit(held.id, changes)
    say(_("Saved: {name}.").format(name=row.school_name))
    return 0


def delete_cmd(args: argparse.Namespace) -> int:
    with open_district(args) as ctx:
        held = ctx.school_registry.find(args.code)
        ctx.school_registry.delete(held.id)
    say(
        _(
            "{code} {name} was taken off the list: the district no longer expects its bundles. Registering the code "
            "again puts it back, with the values typed then."
        ).format(code=held.school_code, name=held.school_name)
    )
    return 0


def choose_cmd(args: argparse.Namespace) -> int:
    """take | keep: where the school's profile differs, the list takes the school's values or keeps its own."""
    from ..domain.workspace_codes import normalize_school_code

    code = normalize_school_code(args.code, "code")
    with open_district(args) as ctx:
        registry = ctx.school_registry
        row = (registry.take_from_profile if args.choice == "take" else registry.keep_own)(code, args.field)
    done = (
        _("The list now holds the school's own values: {code} {name}.")
        if args.choice == "take"
        else _("The list keeps its own values for {code} {name}; they show again if the school sends other ones.")
    )
    say(done.format(code=row.school_code, name=row.school_name))
    return 0


def template_cmd(args: argparse.Namespace) -> int:
    from ..reports.xlsx.registry_io import RegistryIO

    path = output_file(args.file, ".xlsx")
    with open_district(args) as ctx:
        RegistryIO(ctx.school_registry).write_template(path)
    say(_("Registry template written to {path}.").format(path=path))
    return 0


def import_cmd(args: argparse.Namespace) -> int:
    from ..reports.xlsx.registry_io import RegistryIO

    path = input_file(args.file)
    with open_district(args) as ctx:
        io = RegistryIO(ctx.school_registry)
        report = io.check(Path(path))
        invalid = report.invalid_rows
        apply = not args.dry_run and (not invalid or args.skip_invalid)
        added, changed = io.apply(report) if apply and report.valid else (0, 0)
    result = report.to_json() | {"dry_run": args.dry_run, "added": added, "changed": changed}
    if args.json:
        emit_json(result)
    else:
        say_rows(report)
        say(
            _("Rows read: {read}; valid: {valid}; with errors: {bad}.").format(
                read=report.rows_read, valid=len(report.valid), bad=len(invalid)
            )
            + " "
            + report.outcome_text()
            + example_skipped(report)
        )
        if apply:
            say(_("Schools registered: {added}; updated: {changed}.").format(added=added, changed=changed))
        elif args.dry_run:
            say(_("Nothing was written (--dry-run)."))
    refuse_invalid(report, args.skip_invalid)
    return 0


def export_cmd(args: argparse.Namespace) -> int:
    from ..reports.xlsx.registry_io import RegistryIO

    path = output_file(args.file, ".xlsx")
    with open_district(args) as ctx:
        rows = [e.registered for e in ctx.school_registry.entries() if e.registered is not None]  # Thai order
        n = RegistryIO(ctx.school_registry).export(path, rows)
    say(ngettext("{n} school exported to {path}.", "{n} schools exported to {path}.", n).format(n=n, path=path))
    return 0
