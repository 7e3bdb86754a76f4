"""What sync keeps for a person to decide, made visible and resolvable: conflict copies (keep this one / take
the other, as a new version that travels on), parked rows (asked for again until accepted, or dismissed),
erasures and the archived bundle files that still hold an erased record until the archive is pruned."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data import sync_repository as repo
from ..data.types import utcnow
from ..errors import KaplcError, NotFoundError
from ..i18n import _
from .kinds import all_kinds, decode_row, encode_row
from .record_compare import compare, record_title
from .settings import SyncSettings, checked, read_settings
from .versions import merge

if TYPE_CHECKING:
    from ..data.database import Database
    from ..services.workspace import WorkspaceInfo


class Review:
    db: Database
    workspace: WorkspaceInfo
    data_dir: Path

    # --- conflicts -----------------------------------------------------------------------------------------
    def conflicts(self, include_resolved: bool = False) -> list[dict[str, Any]]:
        """Each conflict with both sides: the live copy held now and the copy that lost."""
        specs = all_kinds()
        out = []
        with self.db.engine.connect() as conn:
            for c in repo.conflicts(conn, include_resolved):
                spec = specs.get(c["kind"])
                held = repo.held_rows(conn, spec.table, [c["record_id"]]).get(c["record_id"]) if spec else None
                c["current_row"] = encode_row(spec, held) if spec and held else None
                c["fields"] = compare(spec, c["current_row"], c["losing_row"]) if spec else []
                c["title"] = record_title(c["kind"], c["current_row"] or c["losing_row"])
                out.append(c)
        return out

    def attention_count(self) -> int:
        """Open conflicts and parked records: what the Sync page's "needs attention" button shows."""
        with self.db.engine.connect() as conn:
            return repo.count_open(conn)

    def resolve_conflict(self, conflict_id: int, keep: str) -> dict[str, Any]:
        """keep="this": the live copy stays; keep="other": the losing copy becomes the live one. Either way a new
        version is made (its vector covers both sides), so the decision travels on and the other side follows."""
        if keep not in ("this", "other"):
            raise KaplcError(_("Choose which copy to keep: this (the current one) or other (the one that lost)."))
        specs = all_kinds()
        with self.db.engine.begin() as conn:
            conflict = repo.get_conflict(conn, conflict_id)
            if conflict is None or conflict["resolved_at"] is not None:
                raise NotFoundError(_("There is no open conflict number {n}.").format(n=conflict_id))
            spec = specs[conflict["kind"]]
            held = repo.held_rows(conn, spec.table, [conflict["record_id"]]).get(conflict["record_id"])
            if held is None:
                raise NotFoundError(_("The record of conflict {n} no longer exists.").format(n=conflict_id))
            losing = decode_row(spec, conflict["losing_row"])
            chosen = held if keep == "this" else {**losing, "id": held["id"], "owner_code": held["owner_code"]}
            db_id, counter = repo.next_counter(conn)
            vector = merge(merge(held["version_vector"] or {}, losing["version_vector"] or {}), {db_id: counter})
            row = {
                **chosen,
                "version_db": db_id,
                "version_counter": counter,
                "version_vector": vector,
                "updated_at": utcnow(),
            }
            repo.replace_rows(conn, spec.table, [row])
            repo.resolve_conflicts(
                conn, conflict["kind"], conflict["record_id"], "kept" if keep == "this" else "took-other"
            )
        return encode_row(spec, row)

    # --- parked rows ---------------------------------------------------------------------------------------
    def parked(self, include_resolved: bool = False) -> list[dict[str, Any]]:
        """Parked rows with who or what they are about ("title") and their reason in words ("problem")."""
        from .labels import problem_label

        with self.db.engine.connect() as conn:
            rows = repo.parked_rows(conn, include_resolved)
        for p in rows:
            p["title"] = record_title(p["kind"], p["row"] if isinstance(p["row"], dict) else None)
            p["problem"] = problem_label(p["reason"])
        return rows

    def dismiss_parked(self, parked_id: int) -> None:
        """Stops asking the sender for a parked record (it will not be accepted as it is)."""
        with self.db.engine.begin() as conn:
            if not repo.dismiss_parked(conn, parked_id):
                raise NotFoundError(_("There is no open parked record number {n}.").format(n=parked_id))

    # --- erasures and the archive --------------------------------------------------------------------------
    def erasure_report(self) -> list[dict[str, Any]]:
        """Every erasure, and the archived bundle files that still hold its record until they are pruned."""
        with self.db.engine.connect() as conn:
            settings = read_settings(conn)
            report = repo.erasures_with_archives(conn, self.workspace.owner_code)
        for item in report:
            files = [f for f in item["archived_files"] if (self.data_dir / "sync" / "archive" / f"{f}.kaplc").exists()]
            item["archived_files"] = files
            item["pruned_by"] = (item["last_archived_at"] + dt.timedelta(days=settings.archive_days)) if files else None
        return report

    def prune_archive(self, now: dt.datetime | None = None) -> int:
        """Deletes archived bundle files older than the retention period; returns how many were removed."""
        now = now or utcnow()
        folder = self.data_dir / "sync" / "archive"
        if not folder.is_dir():
            return 0
        with self.db.engine.connect() as conn:
            limit = now - dt.timedelta(days=read_settings(conn).archive_days)
            imported = repo.archive_import_times(conn)
        removed = []
        for path in folder.glob("*.kaplc"):
            sha = path.stem
            when = imported.get(sha) or dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
            if when < limit:
                path.unlink(missing_ok=True)
                removed.append(sha)
        if removed:
            with self.db.engine.begin() as conn:
                repo.forget_archived(conn, removed)
        return len(removed)

    # --- settings ------------------------------------------------------------------------------------------
    def sync_settings(self) -> SyncSettings:
        with self.db.engine.connect() as conn:
            return read_settings(conn)

    def set_sync_settings(self, **changes: int | None) -> SyncSettings:
        values = checked(changes)
        if "archive_days" in values and self.workspace.kind != "district":
            raise KaplcError(_("The archive of imported bundles is a district setting."))
        with self.db.engine.begin() as conn:
            repo.save_sync_settings(conn, values)
            return read_settings(conn)
