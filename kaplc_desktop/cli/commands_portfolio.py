"""kaplc portfolio …: showcase portfolios — list, show, add, edit, attach files, delete and restore at a school;
verify a printout's code anywhere; record the district's selection decisions at the district."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..context import AppContext
from ..domain import buddhist_date, rich_text, vocabularies
from ..domain.kinds.portfolio import DECISION_LEVELS, PLACE_EVIDENCE, PLACE_SECTION
from ..domain.portfolio_rules import read_verification_code
from ..domain.workspace_codes import normalize_school_code
from ..errors import KaplcError
from ..i18n import _, ngettext
from ..services.portfolios import FileEntry
from ..services.workspace import require_district, require_workspace
from .be_year import be_year
from .output import emit_json, field_changes, input_file, say
from .workspace_access import open_context, open_school


def register(sub: Any) -> None:
    portfolio = sub.add_parser("portfolio", help=_("showcase portfolios (best practices, innovations, awards)"))
    actions = portfolio.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(portfolio))
    listing = actions.add_parser("list", help=_("list the portfolios, newest year first"))
    listing.add_argument("--year", type=be_year, metavar="YYYY", help=_("only this academic year (B.E.)"))
    listing.add_argument("--level", choices=_codes("award_level"), help=_("only those whose highest award is at it"))
    listing.add_argument("--status", choices=_codes("submission_status"), help=_("only those at this stage"))
    listing.add_argument("--search", default="", metavar="TEXT", help=_("words of the title or an owner's name"))
    listing.add_argument("--trash", action="store_true", help=_("list what is in the Trash instead"))
    listing.add_argument("--school", metavar="CODE", help=_("(district) only the portfolios of this school"))
    listing.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    listing.set_defaults(handler=list_cmd)
    show = actions.add_parser("show", help=_("one portfolio with its sections, files, figures, awards and decisions"))
    show.add_argument("--id", required=True, help=_("the portfolio's id (kaplc portfolio list --json)"))
    show.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    show.set_defaults(handler=show_cmd)
    add = actions.add_parser("add", help=_("add a portfolio (the same rules as the form)"))
    add.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", help=_("a field's value"))
    add.add_argument("--owner", action="append", default=[], metavar="PERSON", help=_("an owner's id or national ID"))
    add.add_argument("--section", action="append", default=[], metavar="CODE=TEXT", help=_("a section's text"))
    add.set_defaults(handler=add_cmd)
    edit = actions.add_parser("edit", help=_("change a portfolio's fields, owners or section texts"))
    edit.add_argument("--id", required=True, help=_("the portfolio's id"))
    edit.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", help=_("a field's new value"))
    edit.add_argument("--owner", action="append", metavar="PERSON", help=_("the owners, replacing those listed"))
    edit.add_argument("--section", action="append", default=[], metavar="CODE=TEXT", help=_("a section's new text"))
    edit.set_defaults(handler=edit_cmd)
    attach = actions.add_parser("attach", help=_("add a photo or a PDF document to a portfolio"))
    attach.add_argument("--id", required=True, help=_("the portfolio's id"))
    attach.add_argument("--file", required=True, metavar="PATH", help=_("the photo or PDF file"))
    attach.add_argument("--caption", default="", help=_("the caption printed with it"))
    attach.add_argument("--section", metavar="CODE", help=_("the section it belongs to (portfolio_section code)"))
    attach.add_argument("--evidence", action="store_true", help=_("print it in the evidence appendix"))
    attach.set_defaults(handler=attach_cmd)
    for name, handler, text in (
        ("delete", delete_cmd, _("move a portfolio, with everything in it, to the Trash")),
        ("restore", restore_cmd, _("bring a portfolio back from the Trash")),
    ):
        parser = actions.add_parser(name, help=text)
        parser.add_argument("--id", required=True, help=_("the portfolio's id"))
        parser.set_defaults(handler=handler)
    verify = actions.add_parser("verify", help=_("check a printed portfolio's verification code against this copy"))
    verify.add_argument("code", metavar="CODE", help=_("the text of the QR code on the portfolio's cover"))
    verify.set_defaults(handler=verify_cmd)
    decide = actions.add_parser("decide", help=_("(district) record a selection decision on a school's portfolio"))
    decide.add_argument("--id", required=True, help=_("the portfolio's id"))
    decide.add_argument("--level", required=True, choices=DECISION_LEVELS, help=_("the level the decision is at"))
    decide.add_argument("--result", required=True, choices=_codes("selection_result"), help=_("selected or not"))
    decide.add_argument("--rank", choices=_codes("award_rank"), help=_("the rank given"))
    decide.add_argument("--medal", choices=_codes("medal"), help=_("the medal given"))
    decide.add_argument("--date", metavar="DD/MM/YYYY", help=_("the date of the decision (B.E.; default: today)"))
    decide.add_argument("--comment", default="", help=_("comments for the school"))
    decide.set_defaults(handler=decide_cmd)


def _codes(vocabulary: str) -> list[str]:
    return [t.code for t in vocabularies.terms(vocabulary)]


def _school(ctx: AppContext, raw: str | None) -> str | None:
    info = require_workspace(ctx.workspace.get())
    if raw is None:
        return None
    if info.kind == "school":
        raise KaplcError(_("A school lists its own portfolios; --school is for a district office."))
    return normalize_school_code(raw, "school")


def list_cmd(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        school = _school(ctx, args.school)
        if args.trash:
            trashed = [p for p in ctx.portfolios.list(deleted=True, owner_code=school)]
            items = [{"id": p.id, "name": p.name, "academic_year": p.academic_year} for p in trashed]
            if args.json:
                emit_json(items)
            else:
                for p in trashed:
                    say(f"{p.academic_year}\t{p.name}\t{p.id}")
                say(
                    ngettext("{n} portfolio in the Trash.", "{n} portfolios in the Trash.", len(trashed)).format(
                        n=len(trashed)
                    )
                )
            return 0
        found = ctx.portfolios.gallery(args.year, args.level, args.status, args.search, school)
    if args.json:
        emit_json(
            [
                {
                    "id": i.id,
                    "name": i.name,
                    "academic_year": i.academic_year,
                    "work_kind": i.work_kind,
                    "category": i.category,
                    "owners": i.owners,
                    "stage": i.stage,
                    "level": i.level,
                    "awards": i.awards,
                    "submitted_on": i.submitted_on.isoformat() if i.submitted_on else None,
                    "school_code": i.school_code,
                }
                for i in found
            ]
        )
        return 0
    say("\t".join([_("Academic year"), _("Title of the work"), _("Owned by"), _("Submission"), _("Awards"), _("Id")]))
    for i in found:
        stage = vocabularies.label("submission_status", i.stage)
        level = vocabularies.label("award_level", i.level) if i.level else "-"
        say(f"{i.academic_year}\t{i.name}\t{i.owners}\t{stage}\t{level}\t{i.id}")
    say(ngettext("{n} portfolio.", "{n} portfolios.", len(found)).format(n=len(found)))
    return 0


def show_cmd(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        view = ctx.portfolios.view(ctx.portfolios.find_id(args.id))
    p = view.portfolio
    data = {
        **{k: v for k, v in p.to_json().items()},
        "stage": view.stage,
        "content_hash": view.digest,
        "owners": [{"id": o.id, "name": o.full_name_th} for o in view.owners],
        "sections": view.sections,
        "files": [f.to_json() for f in view.files],
        "figures": [f.to_json() for f in view.figures],
        "awards": [a.to_json() for a in view.awards],
        "decisions": [d.to_json() for d in view.decisions],
        "missing_files": view.missing_files,
    }
    if args.json:
        emit_json(data)
        return 0
    say(p.name)
    year, submission, owned = _("Academic year"), _("Submission"), _("Owned by")
    say(f"{p.display('work_kind')} · {year} {p.academic_year}")
    say(f"{submission}: {vocabularies.label('submission_status', view.stage)}")
    if view.owners:
        say(f"{owned}: {', '.join(o.full_name_th for o in view.owners)}")
    for code, body in view.sections.items():
        say()
        say(vocabularies.label("portfolio_section", code))
        say(rich_text.plain_text(body))
    say()
    say(ngettext("{n} attached file", "{n} attached files", len(view.files)).format(n=len(view.files)))
    for f in view.figures:
        figure = f"{f.display('before')} → {f.display('after')} {f.unit or ''}".rstrip()
        say(_("Figure: {label}: {figure}").format(label=f.label, figure=figure))
    for a in view.awards:
        parts = (a.display(n) for n in ("level", "rank", "medal", "awarded_on", "issuer") if getattr(a, n))
        say(_("Award: {name} ({details})").format(name=a.name, details=", ".join(parts)))
    for d in view.decisions:
        say(
            f"{vocabularies.label('award_level', d.level)}: {vocabularies.label('selection_result', d.result)} "
            f"({buddhist_date.format_short(d.decided_on)}) {d.comment or ''}".rstrip()
        )
    return 0


def _sections(items: list[str]) -> dict[str, str]:
    sections = {}
    for item in items:
        code, sep, text = item.partition("=")
        if not sep or code.strip() not in _codes("portfolio_section"):
            raise KaplcError(
                _("Write each section as CODE=TEXT with CODE one of: {codes}.").format(
                    codes=", ".join(_codes("portfolio_section"))
                )
            )
        sections[code.strip()] = text.replace("\\n", "\n")
    return sections


def add_cmd(args: argparse.Namespace) -> int:
    values = field_changes(args.set, 'name="การพัฒนาการอ่าน"')
    ctx, _info = open_school(args)
    with ctx:
        owners = [ctx.personnel.find_id(ref) for ref in args.owner]
        row = ctx.portfolios.save(values, owners, _sections(args.section))
    say(_("Saved: {name}.").format(name=row.name))
    say(row.id)
    return 0


def edit_cmd(args: argparse.Namespace) -> int:
    changes = field_changes(args.set, "status=submitted")
    ctx, _info = open_school(args)
    with ctx:
        portfolio_id = ctx.portfolios.find_id(args.id)
        raw = ctx.portfolios.edited(portfolio_id, changes)
        owners = None if args.owner is None else [ctx.personnel.find_id(ref) for ref in args.owner]
        sections = _sections(args.section) or None
        row = ctx.portfolios.save(raw, owners, sections, portfolio_id=portfolio_id)
    say(_("Saved: {name}.").format(name=row.name))
    return 0


def attach_cmd(args: argparse.Namespace) -> int:
    from ..services.attached_files import prepare_attached_file

    path: Path = input_file(args.file)
    ctx, _info = open_school(args)
    with ctx:
        portfolio_id = ctx.portfolios.find_id(args.id)
        prepared = prepare_attached_file(path, args.caption)
        held = ctx.portfolios.file_entries(portfolio_id)
        new = FileEntry(
            PLACE_EVIDENCE if args.evidence or prepared.media_type == "application/pdf" else PLACE_SECTION,
            args.section,
            args.caption,
            prepared=prepared,
        )
        raw = ctx.portfolios.edited(portfolio_id, {})
        ctx.portfolios.save(raw, files=[*held, new], portfolio_id=portfolio_id)
    say(_("{name} was added to the portfolio.").format(name=prepared.file_name))
    return 0


def delete_cmd(args: argparse.Namespace) -> int:
    ctx, _info = open_school(args)
    with ctx:
        row = ctx.portfolios.get(ctx.portfolios.find_id(args.id))
        if row.deleted_at is not None:
            raise KaplcError(_("“{name}” is already in the Trash.").format(name=row.name))
        ctx.portfolios.delete(row.id)
    say(_("“{name}” was moved to the Trash.").format(name=row.name))
    return 0


def restore_cmd(args: argparse.Namespace) -> int:
    ctx, _info = open_school(args)
    with ctx:
        held = ctx.portfolios.get(ctx.portfolios.find_id(args.id))
        if held.deleted_at is None:
            raise KaplcError(_("“{name}” is not in the Trash.").format(name=held.name))
        row = ctx.portfolios.restore(held.id)
    say(_("“{name}” is back from the Trash.").format(name=row.name))
    return 0


def verify_cmd(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        view, same = ctx.portfolios.verify(args.code)
    name = view.portfolio.name
    if view.portfolio.deleted_at is not None:
        say(_("Note: “{name}” has since been moved to the Trash in this copy.").format(name=name))
    stage = vocabularies.label("submission_status", view.stage)
    if same:
        say(_("The printout matches “{name}” as this copy holds it.").format(name=name))
        say(_("Where it stands now: {stage}.").format(stage=stage))  # a draft printed then sent matches too
        if read_verification_code(args.code) is None:
            say(_("Checked with the short code printed on the cover; scanning the QR code checks all of it."))
        return 0
    say(
        _(
            "The printout does NOT match “{name}” as this copy holds it: the portfolio, or an owner's name, "
            "position or photo in the staff records, was changed after it was printed, or the printout was "
            "altered. Ask the school for the current version."
        ).format(name=name)
    )
    return 1


def decide_cmd(args: argparse.Namespace) -> int:
    import datetime as dt

    with open_context(args) as ctx:
        require_district(ctx.workspace.get())
        row = ctx.portfolio_decisions.decide(
            {
                "portfolio_id": ctx.portfolios.find_id(args.id),
                "level": args.level,
                "result": args.result,
                "rank": args.rank,
                "medal": args.medal,
                "decided_on": args.date or buddhist_date.format_short(dt.date.today()),
                "comment": args.comment,
            }
        )
    say(
        _("Recorded: {level}, {result}. It goes to the school with its next feedback bundle.").format(
            level=vocabularies.label("award_level", row.level),
            result=vocabularies.label("selection_result", row.result),
        )
    )
    return 0
