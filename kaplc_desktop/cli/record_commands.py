"""The list, add, edit and delete commands of a kind the district keeps (its plans, submission periods, reviewers),
written once: each kind says which service keeps it, how one record reads on a line, and what it prints."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..i18n import _
from .output import emit_json, field_changes, say
from .workspace_access import open_district


@dataclass(frozen=True)
class RecordCommands:
    service: Callable[[Any], Any]  # the context → the kind's RecordService
    line: Callable[[Any], str]  # one record on a line of the list
    example: str  # a --set for the message of a malformed one
    counted: Callable[[int], str]  # "{n} plans." (ngettext, so the words are found for translation)
    added: Callable[[str], str]  # "Plan added: {line}"
    keep: Callable[[argparse.Namespace, list[Any]], list[Any]] = lambda _args, rows: rows  # a list's filter

    def list(self, args: argparse.Namespace) -> int:
        with open_district(args) as ctx:
            rows = self.keep(args, self.service(ctx).list())
        if args.json:
            emit_json([r.to_json() for r in rows])
            return 0
        for row in rows:
            say(self.line(row))
        say(self.counted(len(rows)).format(n=len(rows)))
        return 0

    def add(self, args: argparse.Namespace) -> int:
        values = field_changes(args.set, self.example)
        with open_district(args) as ctx:
            service = self.service(ctx)
            service.check_names(values)
            record = service.add(values)
        say(self.added(self.line(record)))
        return 0

    def edit(self, args: argparse.Namespace) -> int:
        changes = field_changes(args.set, self.example)
        with open_district(args) as ctx:
            service = self.service(ctx)
            record = service.edit(service.by_id_start(args.id).id, changes)
        say(_("Saved: {name}.").format(name=record.name))
        return 0

    def delete(self, args: argparse.Namespace) -> int:
        with open_district(args) as ctx:
            service = self.service(ctx)
            record = service.by_id_start(args.id)
            service.delete(record.id)
        say(_("“{name}” was moved to the Trash.").format(name=record.name))
        return 0
