"""kaplc sync …: what needs attention after imports (conflicts, parked records), erasures and sync settings."""

from __future__ import annotations

import argparse
from typing import Any

from ..domain import buddhist_date
from ..i18n import _, ngettext
from ..sync.labels import conflict_reason_label, kind_label, resolution_label
from .output import emit_json, say
from .workspace_access import open_context


def register(sub: Any) -> None:
    sync = sub.add_parser("sync", help=_("conflicts, parked records, erasures and sync settings"))
    s = sync.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(sync))
    c = s.add_parser("conflicts", help=_("records changed on both sides: both versions, side by side"))
    c.add_argument("--all", action="store_true", help=_("also the conflicts already resolved"))
    c.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    c.set_defaults(handler=conflicts_cmd)
    p = s.add_parser("parked", help=_("records not taken from a bundle, with the reason"))
    p.add_argument("--all", action="store_true", help=_("also the ones accepted or dismissed since"))
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    p.set_defaults(handler=parked_cmd)
    r = s.add_parser("resolve", help=_("settle a conflict: keep this copy or take the other"))
    r.add_argument("--conflict", required=True, type=int, metavar="N", help=_("the conflict's number"))
    r.add_argument("--keep", required=True, choices=("this", "other"), help=_("this (current) or other (the loser)"))
    r.set_defaults(handler=resolve_cmd)
    d = s.add_parser("dismiss", help=_("stop asking the sender for a parked record"))
    d.add_argument("--parked", required=True, type=int, metavar="N", help=_("the parked record's number"))
    d.set_defaults(handler=dismiss_cmd)
    e = s.add_parser("erasures", help=_("PDPA erasures, and archived bundles that still hold the erased record"))
    e.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    e.set_defaults(handler=erasures_cmd)
    pr = s.add_parser("prune-archive", help=_("delete archived bundles older than the retention period"))
    pr.set_defaults(handler=prune_cmd)
    st = s.add_parser("settings", help=_("show or change the sync settings"))
    st.add_argument("--archive-days", type=int, metavar="N", help=_("keep imported bundles N days (district)"))
    st.add_argument("--key-grace-days", type=int, metavar="N", help=_("keep a retired private key N days"))
    st.add_argument("--row-limit", type=int, metavar="N", help=_("refuse bundles holding more than N records"))
    st.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    st.set_defaults(handler=settings_cmd)


def conflicts_cmd(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        items = ctx.sync.conflicts(include_resolved=args.all)
    if args.json:
        emit_json([{k: v for k, v in c.items() if k != "fields"} for c in items])
        return 0
    for c in items:
        state = _("resolved: {how}").format(how=resolution_label(c["resolution"])) if c["resolved_at"] else _("open")
        say(
            _("Conflict {n}: {kind} {title} of {owner} ({reason}; {state})").format(
                n=c["id"],
                kind=kind_label(c["kind"]),
                title=c["title"],
                owner=c["owner_code"] or "-",
                reason=conflict_reason_label(c["reason"]),
                state=state,
            )
        )
        say("    " + _("field: this copy (kept now) | the other copy"))
        for pair in c["fields"]:
            if pair.differs:
                say(f"    {pair.label}: {pair.this:.60} | {pair.other:.60}")
    say(ngettext("{n} conflict.", "{n} conflicts.", len(items)).format(n=len(items)))
    if any(c["resolved_at"] is None for c in items):
        say(_("To settle one: kaplc sync resolve --conflict N --keep this (or --keep other)"))
    return 0


def parked_cmd(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        items = ctx.sync.parked(include_resolved=args.all)
    if args.json:
        emit_json(items)
        return 0
    for p in items:
        state = (
            _("done: {how}").format(how=resolution_label(p["resolution"]))
            if p["resolved_at"]
            else _("waiting for the sender")
        )
        say(
            _("Parked {n}: {kind} {title} from {sender} — {reason} ({state})").format(
                n=p["id"],
                kind=kind_label(p["kind"]),
                title=p["title"],
                sender=p["sender_code"] or "-",
                reason=p["problem"],
                state=state,
            )
        )
    say(ngettext("{n} parked record.", "{n} parked records.", len(items)).format(n=len(items)))
    return 0


def resolve_cmd(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        ctx.sync.resolve_conflict(args.conflict, args.keep)
    say(_("Conflict {n} resolved; the decision travels in the next bundle.").format(n=args.conflict))
    return 0


def dismiss_cmd(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        ctx.sync.dismiss_parked(args.parked)
    say(_("Parked record {n} dismissed; the sender is no longer asked for it.").format(n=args.parked))
    return 0


def erasures_cmd(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        report = ctx.sync.erasure_report()
    if args.json:
        emit_json(report)
        return 0
    for item in report:
        say(
            _("{when}: {kind} {id} erased by {owner} — {reason}").format(
                when=buddhist_date.format_medium(item["erased_at"].astimezone().date()),
                kind=kind_label(item["target_kind"]),
                id=item["target_id"],
                owner=item["owner_code"],
                reason=item["reason"] or "-",
            )
        )
        for name in item["archived_files"]:
            say(
                "    "
                + _("still in the archive: {file} (deleted on {date})").format(
                    file=f"{name}.kaplc", date=buddhist_date.format_medium(item["pruned_by"].astimezone().date())
                )
            )
    say(ngettext("{n} erasure.", "{n} erasures.", len(report)).format(n=len(report)))
    return 0


def prune_cmd(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        removed = ctx.sync.prune_archive()
    say(ngettext("{n} archived bundle deleted.", "{n} archived bundles deleted.", removed).format(n=removed))
    return 0


def settings_cmd(args: argparse.Namespace) -> int:
    changes = {"archive_days": args.archive_days, "key_grace_days": args.key_grace_days, "row_limit": args.row_limit}
    with open_context(args) as ctx:
        settings = (
            ctx.sync.set_sync_settings(**changes)
            if any(v is not None for v in changes.values())
            else ctx.sync.sync_settings()
        )
    if args.json:
        emit_json(settings.to_json())
        return 0
    say(_("Archive of imported bundles kept: {n} days").format(n=settings.archive_days))
    say(_("Retired private keys kept: {n} days").format(n=settings.key_grace_days))
    say(_("Most records in one bundle: {n}").format(n=settings.row_limit))
    return 0
