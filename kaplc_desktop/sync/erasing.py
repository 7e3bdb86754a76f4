"""PDPA erasure at the record's owner: the record and everything that refers to it are deleted for good, and an
erasure record per deleted record travels to the district, where it does the same and blocks late copies."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..data import sync_repository as repo
from ..errors import KaplcError, NotFoundError
from ..i18n import _
from .erasure_apply import erase_closure, remove_orphan_files, unused_attachments
from .kinds import all_kinds

if TYPE_CHECKING:
    from ..data.database import Database
    from ..services.workspace import WorkspaceInfo

MAX_REASON = 500


@dataclass(frozen=True)
class Erased:
    removed: tuple[tuple[str, str], ...]  # (kind, id) of every record deleted, the asked one first
    files_removed: int


class Erasing:
    db: Database
    workspace: WorkspaceInfo
    data_dir: Path

    def erase(self, kind: str, record_id: str, reason: str) -> Erased:
        from ..data.models.erasure import Erasure

        reason = " ".join(reason.split())[:MAX_REASON]
        if not reason:
            raise KaplcError(_("Give the reason for the erasure (for example the person's written request)."))
        spec = all_kinds().get(kind)
        if spec is None or kind == "erasure":
            raise KaplcError(_("Records of kind {kind} cannot be erased.").format(kind=kind))
        owner = self.workspace.owner_code
        with self.db.sessions.begin() as session:
            conn = session.connection()
            held = repo.held_rows(conn, spec.table, [record_id]).get(record_id)
            if held is None:
                raise NotFoundError(_("No record with id {id} was found.").format(id=record_id))
            if held["owner_code"] != owner:
                raise KaplcError(_("Only the school or office that owns a record can erase it."))
            removed, attachments = erase_closure(conn, owner, kind, record_id)
            for removed_kind, removed_id in removed:
                session.add(Erasure(target_kind=removed_kind, target_id=removed_id, reason=reason))
            orphans = unused_attachments(conn, attachments)
        remove_orphan_files(self.data_dir, orphans)
        return Erased(tuple(removed), len(orphans))
