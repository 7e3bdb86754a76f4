"""Applying a planned import: one transaction for all of a bundle's rows, its log entry and its peer state.

Attachments are copied into the store (by hash) and the original file archived before the commit; if the
transaction then fails, those files are harmless and the database is as it was.
"""

from __future__ import annotations

import getpass
import zipfile
from pathlib import Path
from typing import Any

from .. import attachment_store
from ..atomic_file import copy_atomic
from ..data import sync_repository as repo
from ..data.types import utcnow
from .kinds import encode_row
from .planner import ImportPlan


def archive_path(data_dir: Path, sha256: str) -> Path:
    return data_dir / "sync" / "archive" / f"{sha256}.kaplc"


def _user() -> str:
    try:
        return getpass.getuser()[:100]
    except Exception:  # no login name (services, some Windows set-ups)
        return ""


def store_attachments(plan: ImportPlan, data_dir: Path) -> list[dict[str, Any]]:
    stored = []
    if not plan.attachments:
        return stored
    with zipfile.ZipFile(plan.bundle.payload) as zf:
        for sha in sorted(plan.attachments):
            with zf.open(f"attachments/{sha}") as src:
                attachment_store.put_stream(data_dir, src, sha)
            stored.append(
                {
                    "sha256": sha,
                    "size": zf.getinfo(f"attachments/{sha}").file_size,
                    "media_type": "application/octet-stream",
                }
            )
    return stored


def apply_plan(conn: Any, plan: ImportPlan, data_dir: Path, *, my_kind: str) -> int:
    """Writes everything the plan decided, inside the caller's transaction; returns the import log id."""
    bundle, m = plan.bundle, plan.bundle.manifest
    archive = archive_path(data_dir, bundle.file_sha256)
    if not archive.exists():
        archive.parent.mkdir(parents=True, exist_ok=True)
        copy_atomic(bundle.path, archive)
    import_id = repo.log_import(
        conn,
        {
            "file_sha256": bundle.file_sha256,
            "bundle_id": m.bundle_id,
            "sender_code": m.sender_code,
            "sequence": m.sequence,
            "bundle_kind": m.bundle_kind,
            "result": "already-imported" if plan.already_imported else "applied",
            "reason": "; ".join(plan.warnings),
            "counts": plan.counts(),
            "file_name": bundle.path.name[:300],
            "archived_as": str(archive.relative_to(data_dir)),
            "imported_by": _user(),
        },
    )
    if plan.already_imported:
        return import_id
    repo.add_attachments(conn, store_attachments(plan, data_dir))
    for kind_plan in plan.kinds.values():
        _apply_kind(conn, kind_plan, import_id)
    _update_peer(conn, plan, my_kind)
    return import_id


def _apply_kind(conn: Any, kind_plan: Any, import_id: int) -> None:
    spec = kind_plan.spec
    inserts, replaces, conflicts, parked = [], [], [], []
    for d in kind_plan.decisions:
        if d.action in ("new", "deleted") and d.is_new:
            inserts.append(d.row)
        elif d.action in ("updated", "deleted"):
            replaces.append(d.row)
        elif d.action == "conflict":
            replaces.append(d.row)  # the winner (or the surviving held edit) with the merged version vector
            conflicts.append(
                {
                    "kind": spec.kind,
                    "record_id": d.record_id,
                    "losing_row": encode_row(spec, d.held),
                    "reason": d.reason,
                    "import_id": import_id,
                }
            )
        elif d.action == "rejected":
            parked.append(
                {
                    "import_id": import_id,
                    "kind": spec.kind,
                    "record_id": d.record_id,
                    "row": d.raw if isinstance(d.raw, dict) else {"value": repr(d.raw)[:1000]},
                    "reason": d.reason,
                }
            )
    repo.insert_rows(conn, spec.table, inserts)
    repo.replace_rows(conn, spec.table, replaces)
    repo.add_conflicts(conn, conflicts)
    repo.park_rows(conn, parked)
    if spec.kind == "erasure":
        _apply_erasures(conn, [r for r in inserts + replaces if r and not r.get("deleted_at")])


def _apply_erasures(conn: Any, rows: list[dict[str, Any]]) -> None:
    from .kinds import all_kinds

    specs = all_kinds()
    for row in rows:
        target = specs.get(row["target_kind"])
        if target is None or target.kind == "erasure":
            continue
        held = repo.held_rows(conn, target.table, [row["target_id"]]).get(row["target_id"])
        if held is not None and held["owner_code"] == row["owner_code"]:
            repo.delete_rows(conn, target.table, [row["target_id"]])
        repo.forget_record(conn, row["target_id"])


def _update_peer(conn: Any, plan: ImportPlan, my_kind: str) -> None:
    bundle, m = plan.bundle, plan.bundle.manifest
    peer = repo.get_peer(conn, m.sender_code)
    values: dict[str, Any] = {
        "code": m.sender_code,
        "last_import_at": utcnow(),
        "last_sequence": max(m.sequence, peer["last_sequence"] if peer else 0),
    }
    if peer is None or bundle.trust in ("first-use", "rotation"):
        keys = bundle.sender_keys
        values.update(
            kind=m.sender_kind,
            key_id=keys.key_id,
            sign_public=keys.sign_public,
            box_public=keys.box_public,
            enrolled_by=bundle.trust,  # first-use or rotation: an enrolled peer keeps its enrollment
        )
        values.setdefault("name", "")
    repo.save_peer(conn, values, exists=peer is not None)
    state = repo.get_state(conn, m.sender_code)
    if my_kind == "district":
        if state["acked_db_id"] != m.sender_db_id or m.sender_max_counter > state["acked_counter"]:
            state.update(acked_db_id=m.sender_db_id, acked_counter=m.sender_max_counter)
        state.update(acked_sequence=max(state["acked_sequence"], m.sequence), acked_at=utcnow())
    elif m.receipt:
        receipt = m.receipt
        if isinstance(receipt.get("acked_counter"), int) and isinstance(receipt.get("acked_db_id"), str | None):
            state.update(
                acked_db_id=receipt.get("acked_db_id"),
                acked_counter=receipt["acked_counter"],
                acked_sequence=int(receipt.get("acked_sequence") or 0),
                acked_at=utcnow(),
            )
    if m.bundle_kind == "restore" and m.restore and isinstance(m.restore.get("next_sequence"), int):
        state.update(next_sequence=max(state["next_sequence"], m.restore["next_sequence"]))
    repo.save_state(conn, state)
