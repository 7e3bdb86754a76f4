"""kaplc keys … and kaplc bundle …: enrollment, export, inspect and import of sync bundles."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from ..errors import KaplcError
from ..i18n import _, ngettext
from ..sync.labels import (
    action_label,
    bundle_kind_label,
    counts_text,
    kind_label,
    problem_label,
    result_label,
    warning_label,
    workspace_kind_label,
)
from .output import emit_json, input_file, say
from .workspace_access import open_context


def register(sub: Any) -> None:
    keys = sub.add_parser("keys", help=_("this workspace's keys and enrollment files"))
    k = keys.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(keys))
    show = k.add_parser("show", help=_("show this workspace's key fingerprint and the enrolled peers"))
    show.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    show.set_defaults(handler=keys_show)
    exp = k.add_parser("enrollment-export", help=_("write this workspace's enrollment file"))
    exp.add_argument("file", metavar="FILE")
    exp.set_defaults(handler=enrollment_export)
    imp = k.add_parser("enrollment-import", help=_("import the other side's enrollment file"))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument(
        "--replace",
        metavar="FINGERPRINT",
        help=_("replace the key stored for that school or district: name the new fingerprint, checked by phone"),
    )
    imp.set_defaults(handler=enrollment_import)
    rev = k.add_parser("revoke", help=_("revoke a school's key (a lost or stolen computer)"))
    rev.add_argument("--school", required=True, metavar="CODE", help=_("school code"))
    rev.add_argument("--reason", required=True, metavar="TEXT", help=_("why, for example: the laptop was stolen"))
    rev.set_defaults(handler=keys_revoke)
    rot = k.add_parser(
        "rotate", help=_("make a new key pair; the next bundle carries the change, signed by the old key")
    )
    rot.set_defaults(handler=keys_rotate)
    bk = k.add_parser(
        "backup", help=_("write this workspace's private keys to a passphrase-protected file (KAPLC_KEY_PASSPHRASE)")
    )
    bk.add_argument("--out", required=True, metavar="FILE", help=_("the backup file; keep it away from this computer"))
    bk.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    bk.set_defaults(handler=keys_backup)
    rs = k.add_parser("restore", help=_("add the keys of a key backup file to this workspace (KAPLC_KEY_PASSPHRASE)"))
    rs.add_argument("file", metavar="FILE")
    rs.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    rs.set_defaults(handler=keys_restore)

    bundle = sub.add_parser("bundle", help=_("sync bundles between schools and the district"))
    b = bundle.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(bundle))
    e = b.add_parser("export", help=_("a school's bundle for the district"))
    e.add_argument("--out", required=True, metavar="PATH", help=_("a folder (e.g. the USB stick) or a file name"))
    e.add_argument("--full", action="store_true", help=_("everything, not only the changes since the last receipt"))
    e.add_argument("--split-mb", type=int, metavar="N", help=_("split into volumes of at most N MB (for e-mail)"))
    e.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    e.set_defaults(handler=bundle_export)
    i = b.add_parser("inspect", help=_("show what a bundle is, without importing it"))
    i.add_argument("file", metavar="FILE")
    i.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    i.set_defaults(handler=bundle_inspect)
    im = b.add_parser("import", help=_("verify, preview and apply bundles (files or folders)"))
    im.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    im.add_argument("--dry-run", action="store_true", help=_("verify and report; write nothing"))
    im.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="FINGERPRINT",
        help=_(
            "accept the sender with this key fingerprint: a school seen for the first time, or a new key a sender "
            "announced (check it by phone first; repeat for each sender)"
        ),
    )
    im.add_argument(
        "--restore-over-data",
        action="store_true",
        help=_("take a restore bundle even though this school already holds records"),
    )
    im.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    im.set_defaults(handler=bundle_import)
    f = b.add_parser("feedback", help=_("the district's feedback bundle for a school (or all schools)"))
    group = f.add_mutually_exclusive_group(required=True)
    group.add_argument("--school", metavar="CODE", help=_("school code"))
    group.add_argument("--all", action="store_true", help=_("every enrolled school, into the --out folder"))
    f.add_argument("--out", required=True, metavar="PATH", help=_("a folder or a file name"))
    f.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    f.set_defaults(handler=bundle_feedback)
    r = b.add_parser("restore-export", help=_("a restore bundle to rebuild a school on a new computer"))
    r.add_argument("--school", required=True, metavar="CODE", help=_("school code"))
    r.add_argument("--out", required=True, metavar="PATH", help=_("a folder or a file name"))
    r.add_argument(
        "--confirm-key",
        metavar="FINGERPRINT",
        help=_("encrypt to the key the school has used so far (only if its computer was not lost)"),
    )
    r.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    r.set_defaults(handler=bundle_restore)


def keys_show(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        info = ctx.sync.keys_info()
    if args.json:
        emit_json(info)
        return 0
    say(_("This workspace ({code}): key fingerprint {fp}").format(code=info["code"], fp=info["fingerprint"]))
    for p in info["peers"]:
        revoked = "\t" + _("(revoked)") if p["revoked"] else ""
        say(f"  {p['code']}\t{workspace_kind_label(p['kind'])}\t{p['fingerprint']}\t{p['name']}{revoked}")
    return 0


def enrollment_export(args: argparse.Namespace) -> int:
    path = Path(args.file)
    with open_context(args) as ctx:
        fingerprint = ctx.sync.export_enrollment(path)
    say(_("Enrollment file written to {path}. Fingerprint to confirm by phone: {fp}").format(path=path, fp=fingerprint))
    return 0


def enrollment_import(args: argparse.Namespace) -> int:
    path = input_file(args.file)
    with open_context(args) as ctx:
        enrollment = ctx.sync.import_enrollment(path, replace=args.replace)
    say(
        _("Enrolled {code} {name}. Fingerprint (check it by phone): {fp}").format(
            code=enrollment.code, name=enrollment.name, fp=enrollment.keys.fingerprint
        )
    )
    return 0


def keys_revoke(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        fingerprint = ctx.sync.revoke_key(args.school, args.reason)
    say(
        _(
            "The key {fp} of school {code} is revoked: nothing signed with it is accepted and nothing is encrypted "
            "to it. Import the enrollment file of the school's new computer (--replace its fingerprint)."
        ).format(fp=fingerprint, code=args.school)
    )
    return 0


def keys_rotate(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        keys = ctx.sync.rotate_keys()
    say(
        _("New key made. Fingerprint: {fp}. Send a new enrollment file to the other side.").format(
            fp=keys.public.fingerprint
        )
    )
    return 0


def _passphrase(confirm: bool) -> str:
    """From KAPLC_KEY_PASSPHRASE (scripts), else typed without echo (twice when making a backup)."""
    import getpass

    from ..sync.key_backup import PASSPHRASE_ENV, check_passphrase

    given = os.environ.get(PASSPHRASE_ENV)
    if given is not None:
        return given
    try:
        first = getpass.getpass(_("Passphrase for the key backup: "))
        if not confirm:
            return first
        check_passphrase(first)
        second = getpass.getpass(_("The same passphrase again: "))
    except EOFError:
        raise KaplcError(
            _("No passphrase was given. Type it when asked, or set {env}.").format(env=PASSPHRASE_ENV)
        ) from None
    if first != second:
        raise KaplcError(_("The two passphrases differ. Nothing was written."))
    return first


def _keys_result(args: argparse.Namespace, ctx: Any, path: Path, count: int, text: str) -> int:
    current = ctx.sync.ensure_keys().key_id
    keys = [{"key_id": k, "fingerprint": pair.public.fingerprint} for k, pair in ctx.sync.all_keys().items()]
    if args.json:
        emit_json({"file": str(path), "count": count, "keys": keys, "current": current})
        return 0
    say(text)
    for key in keys:
        say(f"  {key['fingerprint']}" + ("  " + _("(in use)") if key["key_id"] == current else ""))
    return 0


def keys_backup(args: argparse.Namespace) -> int:
    path = Path(args.out).expanduser()
    passphrase = _passphrase(confirm=True)
    with open_context(args) as ctx:
        count = ctx.sync.backup_keys(path, passphrase)
        text = ngettext(
            "Key backup written to {path}: {n} key. Keep the file and its passphrase apart.",
            "Key backup written to {path}: {n} keys. Keep the file and its passphrase apart.",
            count,
        ).format(path=path, n=count)
        return _keys_result(args, ctx, path, count, text)


def keys_restore(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    if not path.is_file():
        raise KaplcError(_("The file {path} was not found.").format(path=path))
    passphrase = _passphrase(confirm=False)
    with open_context(args) as ctx:
        count = ctx.sync.restore_keys(path, passphrase)
        text = ngettext(
            "{n} key added from {path}; keys already here were kept. The keys of this workspace:",
            "{n} keys added from {path}; keys already here were kept. The keys of this workspace:",
            count,
        ).format(n=count, path=path)
        return _keys_result(args, ctx, path, count, text)


def _written(args: argparse.Namespace, written: list[Any], key_fingerprint: str) -> int:
    from ..sync.keys import short_file_fingerprint

    items = [
        {
            "file": str(w.path),
            "volumes": [str(v) for v in w.volumes],
            "sha256": w.sha256,
            "size": w.size,
            "fingerprint": short_file_fingerprint(w.sha256),
            "bundle_kind": w.manifest.bundle_kind,
            "sequence": w.manifest.sequence,
            "counts": w.manifest.counts,
        }
        for w in written
    ]
    if args.json:
        emit_json(items if len(items) != 1 else items[0])
        return 0
    for w in written:
        for notice in getattr(w, "notices", ()):
            say(notice)
    for item in items:
        say(
            _("Bundle written ({kind}, no. {seq}): {file} ({kb} KB); the file's fingerprint: {fp}").format(
                kind=bundle_kind_label(item["bundle_kind"]),
                seq=item["sequence"],
                file=", ".join(item["volumes"]),
                kb=max(1, item["size"] // 1024),
                fp=item["fingerprint"],
            )
        )
        say("  " + counts_text(item["counts"]))
    say(
        _("If the other side asks for this workspace's key fingerprint on the phone, read: {fp}").format(
            fp=key_fingerprint
        )
    )
    return 0


def bundle_export(args: argparse.Namespace) -> int:
    if args.split_mb is not None and not 1 <= args.split_mb <= 10_000:
        raise KaplcError(_("--split-mb must be between 1 and 10000."))
    with open_context(args) as ctx:
        written = ctx.sync.export_bundle(Path(args.out), full=args.full, split_mb=args.split_mb)
        key = ctx.sync.keys_info()["fingerprint"]
    return _written(args, [written], key)


def bundle_feedback(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        service = ctx.sync
        written = (
            service.export_feedback_all(Path(args.out))
            if args.all
            else [service.export_feedback(args.school, Path(args.out))]
        )
        key = service.keys_info()["fingerprint"]
    return _written(args, written, key)


def bundle_restore(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        written = ctx.sync.export_restore(args.school, Path(args.out), confirm_key=args.confirm_key)
        key = ctx.sync.keys_info()["fingerprint"]
    return _written(args, [written], key)


def bundle_inspect(args: argparse.Namespace) -> int:
    path = input_file(args.file)
    with open_context(args) as ctx:
        outcome = ctx.sync.import_bundles([path], dry_run=True)[0]
    data = outcome.to_json()
    if args.json:
        emit_json(data)
    else:
        _print_outcome(data)
    return 0 if outcome.result != "refused" else 2


def bundle_import(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths]
    for path in paths:
        if not path.exists():
            raise KaplcError(_("The file {path} was not found.").format(path=path))
    with open_context(args) as ctx:
        outcomes = ctx.sync.import_bundles(
            paths, dry_run=args.dry_run, trust=args.trust, restore_over_data=args.restore_over_data
        )
    if not outcomes:
        raise KaplcError(_("No .kaplc bundle was found there."))
    data = [o.to_json() for o in outcomes]
    if args.json:
        emit_json(data)
    else:
        for item in data:
            _print_outcome(item)
    waiting = [o for o in outcomes if o.needs_confirmation]
    refused = [o for o in outcomes if o.result == "refused" and not o.needs_confirmation]
    if refused:
        raise KaplcError(
            _("{n} of {total} bundles were refused: {reason}").format(
                n=len(refused), total=len(outcomes), reason=refused[0].refusal.message if refused[0].refusal else ""
            )
        )
    if waiting and not args.dry_run:
        raise KaplcError(
            _(
                "{n} of {total} bundles wait for a fingerprint check and were not imported; the command to run for "
                "each is shown above."
            ).format(n=len(waiting), total=len(outcomes))
        )
    return 0


def _print_outcome(item: dict[str, Any]) -> None:
    result = "needs-confirmation" if item.get("needs_confirmation") else item["result"]
    say(f"{item['file']}: {result_label(result)}")
    if item.get("message"):
        say("  " + item["message"])
    for notice in item.get("notices") or []:
        say("  " + notice)
    if item.get("reason") in ("unknown-sender", "key-changed") and item.get("sender_fingerprint"):
        old = item.get("old_fingerprint")
        say(
            "  "
            + (
                _(
                    "{sender} says it changed its key: {old} → {new}. Call the school and compare the new "
                    "fingerprint; if it matches, run: kaplc bundle import {file} --trust {new}"
                )
                if old
                else _(
                    "new sender {sender}, fingerprint {new}. Call the school and compare the fingerprint; if it "
                    "matches, run: kaplc bundle import {file} --trust {new}"
                )
            ).format(sender=item.get("sender"), old=old, new=item["sender_fingerprint"], file=item["file"])
        )
    if item.get("bundle_id"):
        say(
            "  "
            + _("from {sender}, bundle {kind} no. {seq}, sender fingerprint {fp}").format(
                sender=item["sender"],
                kind=bundle_kind_label(item.get("bundle_kind", "")),
                seq=item.get("sequence"),
                fp=item.get("sender_fingerprint"),
            )
        )
    for kind, counts in (item.get("counts") or {}).items():
        shown = ", ".join(f"{action_label(a)} {n}" for a, n in counts.items() if n)
        if shown:
            say(f"  {kind_label(kind)}: {shown}")
    for warning in item.get("warnings") or []:
        say("  " + _("warning: {w}").format(w=warning_label(warning)))
    for r in (item.get("rejected") or [])[:50]:
        say(
            "  "
            + _("rejected {kind} {id}: {reason}").format(
                kind=kind_label(r["kind"]), id=r["record_id"], reason=problem_label(r["reason"])
            )
        )
