"""kaplc backup create|restore|list: one verified file holding the database and its attachments."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..backups import backup_history
from ..backups.backup_format import SUFFIX
from ..backups.backup_restore import restore_backup, restored_text
from ..context import AppContext
from ..domain.buddhist_date import format_medium
from ..errors import KaplcError
from ..i18n import _, ngettext
from .output import emit_json, input_file, output_file, say
from .workspace_access import open_context


def register(sub: Any) -> None:
    backup = sub.add_parser("backup", help=_("back up this data folder, or restore a backup"))
    b = backup.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(backup))
    create = b.add_parser("create", help=_("write a backup file (the database and every attachment), then check it"))
    create.add_argument(
        "--out",
        required=True,
        metavar="PATH",
        help=_("a folder (e.g. a USB stick) or a file name ending in {suffix}").format(suffix=SUFFIX),
    )
    create.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    create.set_defaults(handler=create_cmd)
    restore = b.add_parser(
        "restore", help=_("replace this folder's data with a backup's (the current data is backed up first)")
    )
    restore.add_argument("file", metavar="FILE", help=_("the backup file ({suffix})").format(suffix=SUFFIX))
    restore.add_argument(
        "--other-workspace",
        action="store_true",
        help=_("allow a backup of another school or district to replace this folder's data"),
    )
    restore.set_defaults(handler=restore_cmd)
    listing = b.add_parser("list", help=_("list the backups made from this data folder"))
    listing.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    listing.set_defaults(handler=list_cmd)


def _target(raw: str, code: str) -> Path:
    path = Path(raw).expanduser()
    if path.is_dir():
        return path / backup_history.default_name(code)
    if not path.suffix and not path.exists():  # meant as a folder (a USB stick not plugged in?)
        raise KaplcError(_("The folder {folder} does not exist. Choose an existing folder.").format(folder=path))
    return output_file(raw, SUFFIX)


def _size(n: int) -> str:
    return f"{n / 1024**2:.1f} MB" if n >= 1024**2 else f"{max(n // 1024, 1)} KB"


def create_cmd(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        info = ctx.workspace.get()
        target = _target(args.out, info.owner_code if info else "")
        entry = backup_history.back_up_to(ctx.data_dir, target)
    if args.json:
        emit_json(
            {"path": entry.path, "size": entry.size, "people": entry.people, "off_this_disk": entry.off_this_disk}
        )
        return 0
    say(
        ngettext(
            "Backed up {people} staff record and the attachments to {path} ({size}); the file was read back "
            "and checked.",
            "Backed up {people} staff records and the attachments to {path} ({size}); the file was read back "
            "and checked.",
            entry.people,
        ).format(people=entry.people, path=entry.path, size=_size(entry.size))
    )
    if not entry.off_this_disk:
        say(_("This file is on the same disk as the data. Copy it to a USB stick or another disk too."))
    return 0


def restore_cmd(args: argparse.Namespace) -> int:
    source = input_file(args.file)
    result = restore_backup(args.data_dir_path, source, other_workspace=args.other_workspace)
    with AppContext.open(args.data_dir_path):  # upgrades a backup from an older version, after its own backup
        pass
    say(
        restored_text(result.people).format(
            name=result.manifest.name,
            date=format_medium(result.manifest.created_at.astimezone().date()),
            people=result.people,
        )
    )
    if result.safety_copy is not None:
        say(_("The data as it was before is kept in {path}.").format(path=result.safety_copy))
    say(
        _(
            "The database has a new id: its next bundles hold everything, and what this copy lacks comes back with "
            "the other side's next bundles."
        )
    )
    return 0


def list_cmd(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        entries = backup_history.history(ctx.data_dir)
        due = backup_history.reminder_due(ctx.data_dir, entries=entries)
    if args.json:
        emit_json(
            {
                "backups": [
                    {
                        "made_at": e.made_at.isoformat(),
                        "path": e.path,
                        "kind": e.kind,
                        "size": e.size,
                        "people": e.people,
                        "off_this_disk": e.off_this_disk,
                        "exists": e.exists,
                    }
                    for e in reversed(entries)
                ],
                "reminder_due": due,
            }
        )
        return 0
    if not entries:
        say(_("No backups have been made from this data folder yet. Make one with “kaplc backup create --out FOLDER”."))
        return 0
    kinds = {"manual": _("by hand"), "daily": _("daily")}
    say("\t".join((_("Date"), _("Kind"), _("Place"), _("Staff"), _("Size"), _("File"))))
    for e in reversed(entries):
        local = e.made_at.astimezone()
        place = _("USB / other disk") if e.off_this_disk else _("this disk")
        missing = "" if e.exists else " " + _("(no longer there)")
        say(
            "\t".join(
                (
                    f"{format_medium(local.date())} {local:%H:%M}",
                    kinds.get(e.kind, e.kind),
                    place,
                    str(e.people),
                    _size(e.size),
                    e.path + missing,
                )
            )
        )
    if due:
        ever = any(e.off_this_disk for e in entries)
        say(
            _("No backup has gone to a USB stick or another disk in the last 30 days. Make one now.")
            if ever
            else _("No backup has gone to a USB stick or another disk yet. Make one now.")
        )
    return 0
