"""Applying an import: every batch the planner decides is written at once, all inside one transaction with
the bundle's log entry, its archive index and the peer's state.

Attachments are copied into the store (by hash) and the original file archived before the commit; if the
transaction then fails, those files are harmless and the database is as it was.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

from .. import attachment_store
from ..atomic_file import copy_atomic
from ..data import sync_repository as repo
from ..data.types import utcnow
from ..domain.kinds.submissions import COUNTED_KINDS
from .erasure_apply import apply_erasures
from .kinds import KindSpec, encode_row
from .planner import Decision, ImportPlan, RunFacts
from .reader import OpenedBundle
from .refusals import BundleRefused, safe_text

SYNC_FIELDS = ("id", "owner_code", "version_db", "version_counter", "deleted_at")
RESEND_LIMIT = 2000  # records a receipt asks for again, at most
MAX_PARKED_JSON = 16 * 1024  # a parked row larger than this keeps only its sync fields


def archive_path(data_dir: Path, sha256: str) -> Path:
    return data_dir / "sync" / "archive" / f"{sha256}.kaplc"


def _user() -> str:
    try:
        return getpass.getuser()[:100]
    except Exception:  # no login name (services, some Windows set-ups)
        return ""


class BundleApplier:
    """The planner's sink when importing for real (see planner.Sink)."""

    def __init__(self, conn: Any, bundle: OpenedBundle, data_dir: Path, facts: RunFacts | None = None) -> None:
        self.conn = conn
        self.bundle = bundle
        self.data_dir = data_dir
        self.facts = facts
        self.stored: set[str] = set()
        self.orphans: set[str] = set()  # attachment files to remove after the commit (erased records' photos)
        # parked rows and conflict copies wait here for the log entry's id, written once in finish()
        self.parked: list[dict[str, Any]] = []
        self.conflicts: list[dict[str, Any]] = []
        self.arrivals: list[dict[str, str]] = []  # records submission tracking counts, noted in finish()

    def write(self, spec: KindSpec, decisions: list[Decision]) -> None:
        inserts, replaces, conflicts, parked, accepted = [], [], [], [], []
        sender = self.bundle.manifest.sender_code
        for d in decisions:
            if d.action in ("new", "deleted") and d.is_new:
                inserts.append(d.row)
            elif d.action in ("updated", "deleted"):
                replaces.append(d.row)
            elif d.action == "conflict":
                replaces.append(d.row)  # the winner (or the surviving held edit) with the merged version vector
                assert d.held is not None
                conflicts.append(
                    {
                        "kind": spec.kind,
                        "record_id": d.record_id,
                        "losing_row": encode_row(spec, d.held),
                        "reason": d.reason,
                        "owner_code": d.held.get("owner_code"),
                    }
                )
            if d.action in ("rejected", "erased"):
                raw = d.raw if isinstance(d.raw, dict) else {"value": repr(d.raw)[:1000]}
                if d.action == "erased" or len(repr(raw)) > MAX_PARKED_JSON:
                    # nothing of an erased person is kept, not even parked; a huge row keeps only what names it
                    raw = {k: raw.get(k) for k in SYNC_FIELDS if isinstance(raw.get(k), str | int | None)}
                parked.append(
                    {
                        "kind": spec.kind,
                        "record_id": safe_text(d.record_id, 64),
                        "row": raw,
                        "reason": safe_text(d.reason, 1000),
                        "sender_code": sender,
                        "owner_code": safe_text(raw["owner_code"], 10) if raw.get("owner_code") else None,
                        "resolution": "erased" if d.action == "erased" else None,
                        "resolved_at": utcnow() if d.action == "erased" else None,
                    }
                )
            elif not d.record_id.startswith("line "):  # accepted: decoded, so its id is a real UUID
                accepted.append(d.record_id)
            if d.row is not None and not d.keep_held and d.action in ("new", "updated", "deleted", "conflict"):
                self._store_attachments(spec, d.row)
        counts = COUNTED_KINDS.get(spec.kind)
        if counts is not None:
            self.arrivals += [
                {"kind": spec.kind, "record_id": d.record_id, "owner_code": d.row["owner_code"]}
                for d in decisions
                if d.row is not None
                and not d.keep_held
                and d.action in ("new", "updated", "conflict")
                and counts(d.row)
            ]
        repo.insert_rows(self.conn, spec.table, inserts)
        repo.replace_rows(self.conn, spec.table, replaces)
        self.conflicts += conflicts
        self.parked += parked
        if self.facts is None or sender in self.facts.parked_senders:
            repo.resolve_parked(self.conn, sender, spec.kind, accepted)
        repo.index_archive(
            self.conn, self.bundle.file_sha256, [d.record_id for d in decisions if d.action not in ("rejected",)]
        )
        if spec.kind == "erasure":
            live = [r for r in inserts + replaces if r and not r.get("deleted_at")]
            self.orphans |= apply_erasures(self.conn, self.data_dir, live)

    def _store_attachments(self, spec: KindSpec, row: dict[str, Any]) -> None:
        for column in spec.attachments:
            sha = row.get(column)
            if not sha or sha in self.stored:
                continue
            zf = self.bundle.archive()
            try:
                info = zf.getinfo(f"attachments/{sha}")
            except KeyError:
                continue  # already in the database's store index (checked by the planner)
            if not attachment_store.has(self.data_dir, sha):
                with zf.open(info) as src:
                    if not attachment_store.put_stream(self.data_dir, src, sha):
                        raise BundleRefused("hash-mismatch", f"attachments/{sha}")
            # listed even when the file was already there (unlisted files are removed as leftovers)
            repo.add_attachments(
                self.conn,
                [{"sha256": sha, "size": info.file_size, "media_type": "application/octet-stream"}],
                self.data_dir,
            )
            self.stored.add(sha)

    def finish(self, plan: ImportPlan, my_kind: str) -> int:
        """Archives the original file, writes the log entry (with the parked rows and conflict copies that name
        it) and the peer's state; returns the log id."""
        bundle, m = self.bundle, self.bundle.manifest
        archive = archive_path(self.data_dir, bundle.file_sha256)
        if not archive.exists():
            archive.parent.mkdir(parents=True, exist_ok=True)
            copy_atomic(bundle.path, archive)
        import_id = repo.log_import(
            self.conn,
            {
                "file_sha256": bundle.file_sha256,
                "bundle_id": m.bundle_id,
                "sender_code": m.sender_code,
                "sequence": m.sequence,
                "bundle_kind": m.bundle_kind,
                "result": "applied",
                "reason": "; ".join(plan.warnings),
                "counts": plan.counts(),
                "file_name": safe_text(bundle.path.name, 300),
                "archived_as": str(archive.relative_to(self.data_dir)),
                "imported_by": _user(),
            },
        )
        if my_kind == "district":
            repo.note_arrivals(self.conn, import_id, self.arrivals)
        repo.add_conflicts(self.conn, [{**c, "import_id": import_id} for c in self.conflicts])
        repo.park_rows(self.conn, [{**p, "import_id": import_id} for p in self.parked])
        if self.parked and self.facts is not None:
            self.facts.parked_senders.add(m.sender_code)
        update_peer(self.conn, plan, my_kind)
        return import_id


def log_already_imported(conn: Any, plan: ImportPlan, data_dir: Path) -> None:
    bundle, m = plan.bundle, plan.bundle.manifest
    repo.log_import(
        conn,
        {
            "file_sha256": bundle.file_sha256,
            "bundle_id": m.bundle_id,
            "sender_code": m.sender_code,
            "sequence": m.sequence,
            "bundle_kind": m.bundle_kind,
            "result": "already-imported",
            "reason": "",
            "counts": {},
            "file_name": safe_text(bundle.path.name, 300),
            "archived_as": str(archive_path(data_dir, bundle.file_sha256).relative_to(data_dir)),
            "imported_by": _user(),
        },
    )


def update_peer(conn: Any, plan: ImportPlan, my_kind: str) -> None:
    bundle, m = plan.bundle, plan.bundle.manifest
    peer = plan.peer
    now = utcnow()
    values: dict[str, Any] = {
        "code": m.sender_code,
        "last_import_at": now,
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
            enrolled_at=now,  # learned from this very bundle: the key the school has been using
        )
        values.setdefault("name", "")
    repo.save_peer(conn, values, exists=peer is not None)
    state = dict(plan.state) if plan.state is not None else repo.get_state(conn, m.sender_code)
    if plan.fork is not None:
        forks = [f for f in state.get("forks") or [] if f["db_id"] != plan.fork["db_id"]]
        earlier = [f["after"] for f in state.get("forks") or [] if f["db_id"] == plan.fork["db_id"]]
        state["forks"] = [*forks, {"db_id": plan.fork["db_id"], "after": min([plan.fork["after"], *earlier])}][-50:]
    if my_kind == "district":
        # a delta holds the changes since its base; if this database has not applied up to that base (a bundle was
        # lost, or the district restored an older backup), the receipt must not claim what is missing: the school
        # then sends the gap with its next bundle
        if covers_from_base(m.bundle_kind, m.base, state) and (
            state["acked_db_id"] != m.sender_db_id or m.sender_max_counter > state["acked_counter"]
        ):
            state.update(acked_db_id=m.sender_db_id, acked_counter=m.sender_max_counter)
        state.update(acked_sequence=max(state["acked_sequence"], m.sequence), acked_at=utcnow())
    elif m.receipt:
        _take_receipt(state, m.receipt)
    if m.bundle_kind == "restore" and m.restore and isinstance(m.restore.get("next_sequence"), int):
        state.update(next_sequence=max(state["next_sequence"], m.restore["next_sequence"]))
    repo.save_state(conn, state)


def covers_from_base(bundle_kind: str, base: dict[str, Any] | None, state: dict[str, Any]) -> bool:
    """Whether applying this bundle leaves the district holding everything the sender had: a full bundle always;
    a delta only when its base is at or before what the district had already applied from that database."""
    if bundle_kind != "delta":
        return True
    counter = _number((base or {}).get("counter"))
    return (
        counter is not None
        and (base or {}).get("db_id") == state["acked_db_id"]
        and counter <= (state["acked_counter"] or 0)
    )


def _number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**62 else None


def _take_receipt(state: dict[str, Any], receipt: dict[str, Any]) -> None:
    """A school takes the district's receipt: a late, older feedback changes nothing; a newer one may move back."""
    counter, db_id = _number(receipt.get("acked_counter")), receipt.get("acked_db_id")
    sequence = _number(receipt.get("acked_sequence") or 0)
    if counter is None or not (db_id is None or (isinstance(db_id, str) and len(db_id) <= 36)):
        return
    if sequence is None or sequence < state["acked_sequence"]:
        return
    if db_id == state["acked_db_id"] and counter < state["acked_counter"] and sequence <= state["acked_sequence"]:
        return  # a late copy of an older receipt; a newer receipt with a lower counter says the district lacks a gap
        # (a lost bundle, or a district restored from a backup): then the next bundle sends it again
    state.update(acked_db_id=db_id, acked_counter=counter, acked_sequence=sequence, acked_at=utcnow())
    resend = receipt.get("resend")
    if isinstance(resend, list):
        state["resend"] = [
            {"kind": item["kind"][:40], "id": item["id"][:64]}
            for item in resend[:RESEND_LIMIT]
            if isinstance(item, dict) and isinstance(item.get("kind"), str) and isinstance(item.get("id"), str)
        ]
    forks = receipt.get("forks")
    if isinstance(forks, list):  # this school's database ids whose history the district saw fork
        state["forks"] = [{"db_id": f[:36], "after": 0} for f in forks[:50] if isinstance(f, str)]
