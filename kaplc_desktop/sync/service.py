"""SyncService: the sync use cases for the command line and the window: export and import of bundles here;
keys (key_management.py) and what needs a person's attention (review.py) are mixed in."""

from __future__ import annotations

import base64
import datetime as dt
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .. import __version__
from ..data import sync_repository as repo
from ..data.database import Database
from ..data.migrations import HEAD_REVISION
from ..errors import KaplcError
from ..i18n import _
from ..progress import NO_PROGRESS, Progress
from ..services.workspace import WorkspaceInfo
from .erasing import Erasing
from .key_management import KeyManagement
from .keys import KeyPair, PublicKeys, normalize_fingerprint, short_file_fingerprint
from .kinds import KindSpec, all_kinds, encode_row
from .planner import ImportPlan, RunFacts, plan_import
from .quarantine import quarantine
from .reader import OpenedBundle, PeerKey, TrustPolicy, open_bundle
from .refusals import BundleRefused
from .review import Review
from .settings import read_settings
from .writer import BundleContent, WrittenBundle, split_volumes, stream_bundle, verify_on_medium

OUTBOX_KEEP = 10
SUFFIX = ".kaplc"


SAMPLE_ROWS = 20  # rows encoded to estimate a kind's share of a bundle's size


def _named(db: Any, kind: Any, row: dict[str, Any]) -> tuple[str, str]:
    """How a user knows a record: its title, or (a meeting's photo has none) the titled record it belongs to."""
    from ..domain.record_kind import DECLARED
    from ..services.records import RecordService

    if kind.title is not None:
        return kind.title(RecordService(db, kind).get(row["id"])), _(kind.label)
    for name, target in kind.references.items():
        parent = DECLARED.get(target)
        if parent is not None and parent.title is not None and row.get(name):
            return parent.title(RecordService(db, parent).get(row[name])), _(parent.label)
    return row["id"], _(kind.label)


@dataclass(frozen=True)
class ExportPreview:
    receiver_code: str
    bundle_kind: str
    sequence: int
    counts: dict[str, int]
    attachments: int
    attachment_bytes: int
    estimated_bytes: int


@dataclass
class ImportOutcome:
    path: Path
    result: str  # applied | would-apply | already-imported | refused
    plan: ImportPlan | None = None
    refusal: BundleRefused | None = None
    notices: tuple[str, ...] = ()

    @property
    def needs_confirmation(self) -> bool:
        """Refused only because its sender (or its sender's new key) was not confirmed by fingerprint."""
        return (
            self.refusal is not None
            and self.refusal.reason in ("unknown-sender", "key-changed")
            and bool(self.refusal.fingerprint)
        )

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file": str(self.path), "result": self.result}
        if self.plan is not None:
            data.update(self.plan.to_json())
        if self.notices:
            data["notices"] = list(self.notices)
        if self.needs_confirmation:
            data["needs_confirmation"] = True
        if self.refusal is not None:
            data.update(reason=self.refusal.reason, message=self.refusal.message)
            if self.refusal.fingerprint:
                data.update(
                    sender=self.refusal.sender,
                    sender_fingerprint=self.refusal.fingerprint,
                    old_fingerprint=self.refusal.old_fingerprint or None,
                )
        return data


class SyncService(KeyManagement, Review, Erasing):
    def __init__(self, data_dir: Path, db: Database, workspace: WorkspaceInfo) -> None:
        self.data_dir = data_dir
        self.db = db
        self.workspace = workspace
        self._batch_keys: dict[str, KeyPair] | None = None
        self._restore_over_data = False
        self._facts: RunFacts | None = None

    @property
    def work_dir(self) -> Path:
        return self.data_dir / "tmp"

    # --- export ------------------------------------------------------------------------------------------
    def _rows(self, conn: Any, spec: KindSpec, attachments: set[str], **filters: Any) -> Any:
        for row in repo.export_rows(conn, spec.table, **filters):
            for column in spec.attachments:
                if row.get(column) and row.get("deleted_at") is None:  # a tombstone travels without its file
                    attachments.add(row[column])
            yield encode_row(spec, row)

    def _check_attachments(self, full: bool) -> None:
        """Every file a live record of the coming bundle names is in the data folder; otherwise the bundle is not
        made, and the message names the record, so the user can remove the file from it (or restore a backup)."""
        from .. import attachment_store
        from ..domain.record_kind import DECLARED

        with self.db.engine.connect() as conn:
            _kind, filters = self._school_filters(conn, full)
            for spec in all_kinds().values():
                if spec.owner != "school" or not spec.attachments:
                    continue
                chosen = {"owner_code": self.workspace.owner_code, **self._kind_filters(spec, filters)}
                for row in repo.export_rows(conn, spec.table, **chosen):
                    missing = [row[c] for c in spec.attachments if row.get(c) and row.get("deleted_at") is None]
                    missing = [sha for sha in missing if not attachment_store.has(self.data_dir, sha)]
                    if not missing:
                        continue
                    kind = DECLARED.get(spec.kind)
                    record, label = (row["id"], spec.kind) if kind is None else _named(self.db, kind, row)
                    raise KaplcError(
                        _(
                            "A file of “{record}” ({kind}) is missing from the data folder ({file}), so no bundle "
                            "was made. Remove that photo or document from the record, or restore the data folder "
                            "from a backup, then make the bundle again."
                        ).format(record=record, kind=label, file=f"attachments/{missing[0][:2]}/{missing[0]}")
                    )

    def _school_filters(self, conn: Any, full: bool) -> tuple[str, dict[str, Any]]:
        """Full, or the changes since the district's receipt plus the records it parked and asked for again."""
        state = repo.get_state(conn, self._district().code)
        db_id = self.db.db_id
        if full or state["acked_db_id"] != db_id or not state["acked_counter"]:
            return "full", {}
        return "delta", {"since": (db_id, state["acked_counter"]), "also": state.get("resend") or []}

    @staticmethod
    def _kind_filters(spec: KindSpec, filters: dict[str, Any]) -> dict[str, Any]:
        if "also" not in filters:
            return filters
        also = [item["id"] for item in filters["also"] if item.get("kind") == spec.kind]
        return {"since": filters["since"], "also_ids": also}

    def _renew_if_rewound(self) -> str | None:
        """A school whose change counter is below what the district acknowledged for its database id was
        rewound (a folder restored in place): it takes a new database id before exporting, so no version the
        district has seen is ever reused."""
        with self.db.engine.connect() as conn:
            state = repo.get_state(conn, self._district().code)
            db_id, counter = repo.change_counter(conn)
        forked = db_id in {f["db_id"] for f in state.get("forks") or []}
        if not forked and (state["acked_db_id"] != db_id or state["acked_counter"] <= counter):
            return None
        self.db.renew_id()
        if forked:
            return _(
                "The district found that this data folder was restored from an older copy (or copied to another "
                "computer) and then used. It now has a new identity: the next bundle carries everything, and "
                "records changed in both copies show up as conflicts to settle, never lost."
            )
        return _(
            "This data folder was restored from an older copy: the district has already seen changes "
            "up to number {seen} from it, and this copy is at {now}. It now has a new identity, so this "
            "bundle carries everything and nothing the district holds is overwritten by older data."
        ).format(seen=state["acked_counter"], now=counter)

    def preview_export(self, full: bool = False) -> ExportPreview:
        """What a school bundle would hold: counts, attachments and an estimate of the size."""
        district = self._district()
        with self.db.engine.connect() as conn:
            kind, filters = self._school_filters(conn, full)
            attachments: set[str] = set()
            counts, row_bytes = {}, 0
            for spec in all_kinds().values():
                if spec.owner != "school":
                    continue
                chosen = {"owner_code": self.workspace.owner_code, **self._kind_filters(spec, filters)}
                n = repo.count_rows(conn, spec.table, **chosen)
                counts[spec.kind] = n
                attachments.update(repo.column_values(conn, spec.table, spec.attachments, **chosen))
                if n:  # the size from a sample of rows (a preview of 40,000 attendance rows reads 20)
                    sample = [len(str(r)) for r in self._rows(conn, spec, set(), limit=SAMPLE_ROWS, **chosen)]
                    row_bytes += n * sum(sample) // len(sample) // 3  # JSON compresses to about a third
            state = repo.get_state(conn, district.code)
        from .. import attachment_store

        att_bytes = sum(
            attachment_store.path_for(self.data_dir, s).stat().st_size
            for s in attachments
            if attachment_store.has(self.data_dir, s)
        )
        return ExportPreview(
            district.code,
            kind,
            state["next_sequence"],
            counts,
            len(attachments),
            att_bytes,
            row_bytes + att_bytes + 4096,
        )

    def export_bundle(
        self, out: Path, *, full: bool = False, split_mb: int | None = None, progress: Progress = NO_PROGRESS
    ) -> WrittenBundle:
        """A school's bundle for its district (full, or the changes since the last receipt)."""
        if self.workspace.kind != "school":
            raise KaplcError(
                _(
                    "Only a school workspace makes bundles for the district; a district makes feedback "
                    "and restore bundles."
                )
            )
        district = self._district()
        notice = self._renew_if_rewound()
        self._check_attachments(full)
        preview = self.preview_export(full)
        self._check_space(out, preview.estimated_bytes)
        written = self._write(
            out,
            district,
            preview.bundle_kind,
            progress,
            split_mb,
            lambda conn, kind_filters: {
                spec.kind: kind_filters(spec) for spec in all_kinds().values() if spec.owner == "school"
            },
            full=full,
        )
        return replace(written, notices=(notice,)) if notice else written

    def _write(
        self,
        out: Path,
        receiver: PeerKey,
        bundle_kind: str,
        progress: Progress,
        split_mb: int | None,
        select: Any,
        full: bool = False,
        receipt: dict[str, Any] | None = None,
        restore: dict[str, Any] | None = None,
        scope_code: str | None = None,
    ) -> WrittenBundle:
        keys = self.ensure_keys()
        with self.db.engine.connect() as conn:
            state = repo.get_state(conn, receiver.code)
            db_id, counter = repo.change_counter(conn)
            attachments: set[str] = set()
            filters: dict[str, Any] = {}
            base = None
            if bundle_kind in ("full", "delta"):
                kind_name, filters = self._school_filters(conn, full)
                bundle_kind = kind_name
                if kind_name == "delta":
                    base = {"db_id": db_id, "counter": filters["since"][1], "sequence": state["acked_sequence"]}

            my_db_ids = repo.own_db_ids(conn)  # this database's id now and before (a copied or restored folder)

            def kind_filters(spec: KindSpec) -> Any:
                if bundle_kind in ("full", "delta"):
                    chosen = self._kind_filters(spec, filters)
                    return self._rows(conn, spec, attachments, owner_code=self.workspace.owner_code, **chosen)
                if spec.owner == "school" and bundle_kind == "restore":
                    return self._rows(conn, spec, attachments, owner_code=scope_code)
                if spec.kind == "erasure":  # a school restored from a backup learns its own erasures again
                    return self._rows(conn, spec, attachments, owner_code=scope_code)
                if spec.owner == "school":  # feedback: the school's records this office changed (a resolved conflict)
                    return self._rows(conn, spec, attachments, owner_code=scope_code, changed_by=my_db_ids)
                scope = (spec.scope, scope_code) if spec.scope else None
                return self._rows(conn, spec, attachments, owner_code=self.workspace.owner_code, scope=scope)

            sequence = state["next_sequence"]
            fields = {
                "bundle_id": str(uuid.uuid4()),
                "bundle_kind": bundle_kind,
                "sender_code": self.workspace.owner_code,
                "sender_kind": self.workspace.kind,
                "sender_db_id": db_id,
                "sender_max_counter": counter,
                "sender_keys": {
                    "sign": base64.b64encode(keys.public.sign_public).decode(),
                    "box": base64.b64encode(keys.public.box_public).decode(),
                },
                "receiver_code": receiver.code,
                "sequence": sequence,
                "created_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "app_version": __version__,
                "schema_revision": HEAD_REVISION,
                "base": base,
                "receipt": receipt,
                "restore": restore,
                "rotation": self.rotation_field(keys),
            }
            content = BundleContent(select(conn, kind_filters), attachments)
            target = self._target(out, receiver.code, sequence, bundle_kind)
            outbox_dir = self.data_dir / "sync" / "outbox"
            outbox_dir.mkdir(parents=True, exist_ok=True)
            header = {
                "bundle_kind": bundle_kind,
                "sender_code": self.workspace.owner_code,
                "sender_kind": self.workspace.kind,
                "sender_key_id": keys.key_id,
                "receiver_code": receiver.code,
                "receiver_key_id": receiver.key_id,
            }
            sha, size, manifest = stream_bundle(
                target, outbox_dir / target.name, header, receiver.keys, content, self.data_dir, fields, keys, progress
            )
        try:
            verify_on_medium(target, sha, size, self.data_dir)
        except BaseException:
            (outbox_dir / target.name).unlink(missing_ok=True)
            raise
        self._to_outbox(outbox_dir / target.name, manifest, sha, size)
        self.db.remember_high_water()  # versions sent out must never be reused by a restored backup
        volumes = split_volumes(target, split_mb * 1024 * 1024) if split_mb else (target,)
        return WrittenBundle(target, volumes, sha, size, manifest)

    def _target(self, out: Path, receiver: str, sequence: int, kind: str) -> Path:
        if out.is_dir():
            stamp = dt.date.today().strftime("%Y%m%d")
            return out / f"{self.workspace.owner_code}-to-{receiver}-{sequence:04d}-{kind}-{stamp}{SUFFIX}"
        if not out.parent.is_dir():
            raise KaplcError(
                _("The folder {folder} does not exist. Choose an existing folder.").format(folder=out.parent)
            )
        return out if out.suffix == SUFFIX else out.with_name(out.name + SUFFIX)

    def _check_space(self, out: Path, needed: int) -> None:
        folder = out if out.is_dir() else out.parent
        try:
            free = shutil.disk_usage(folder).free
        except OSError:
            return
        if free < needed * 1.1 + 1024 * 1024:
            raise KaplcError(
                _(
                    "There is not enough free space on {folder}: the bundle needs about {need} MB and "
                    "{free} MB are free. Use another USB stick or free some space."
                ).format(folder=folder, need=max(1, needed // 2**20), free=free // 2**20)
            )

    def _to_outbox(self, kept: Path, manifest: Any, sha: str, size: int) -> None:
        with self.db.engine.begin() as conn:
            state = repo.get_state(conn, manifest.receiver_code)
            state["next_sequence"] = manifest.sequence + 1
            repo.save_state(conn, state)
            repo.add_outbox(
                conn,
                {
                    "bundle_id": manifest.bundle_id,
                    "receiver_code": manifest.receiver_code,
                    "sequence": manifest.sequence,
                    "bundle_kind": manifest.bundle_kind,
                    "file_sha256": sha,
                    "size": size,
                    "path": str(kept.relative_to(self.data_dir)),
                    "counts": manifest.counts,
                },
            )
            entries = repo.outbox(conn)
            old = entries[OUTBOX_KEEP:]
            repo.remove_outbox(conn, [e["bundle_id"] for e in old])
        for entry in old:
            (self.data_dir / entry["path"]).unlink(missing_ok=True)

    def outbox(self) -> list[dict[str, Any]]:
        with self.db.engine.connect() as conn:
            entries = repo.outbox(conn)
        for e in entries:
            e["fingerprint"] = short_file_fingerprint(e["file_sha256"])
            e["path"] = str(self.data_dir / e["path"])
        return entries

    def _receipt(self, conn: Any, school_code: str) -> dict[str, Any]:
        """What was applied of a school's changes, and the records parked here that it should send again."""
        state = repo.get_state(conn, school_code)
        return {
            "acked_db_id": state["acked_db_id"],
            "acked_counter": state["acked_counter"],
            "acked_sequence": state["acked_sequence"],
            "resend": repo.parked_to_resend(conn, school_code),
            "forks": [f["db_id"] for f in state.get("forks") or []],
        }

    def export_feedback(self, school_code: str, out: Path, progress: Progress = NO_PROGRESS) -> WrittenBundle:
        """For one school: the district's records meant for it, and the receipt of what was applied."""
        school = self._require_school_peer(school_code)
        with self.db.engine.connect() as conn:
            receipt = self._receipt(conn, school_code)
        return self._write(
            out,
            school,
            "feedback",
            progress,
            None,
            self._district_selection("feedback"),
            receipt=receipt,
            scope_code=school_code,
        )

    def export_feedback_all(self, out_dir: Path, progress: Progress = NO_PROGRESS) -> list[WrittenBundle]:
        if not out_dir.is_dir():
            raise KaplcError(_("The folder {folder} does not exist. Choose an existing folder.").format(folder=out_dir))
        with self.db.engine.connect() as conn:
            revoked = repo.revoked_keys(conn)
            schools = [p["code"] for p in repo.all_peers(conn) if p["kind"] == "school" and p["key_id"] not in revoked]
        return [self.export_feedback(code, out_dir, progress) for code in schools]

    def restore_target(self, school_code: str) -> dict[str, Any]:
        """Whom a restore bundle would be encrypted to, and whether to warn first: the key is the one the school
        has used so far (not enrolled again since its last bundle), so it may be the lost computer's."""
        self._require_school_peer(school_code)
        with self.db.engine.connect() as conn:
            peer = repo.get_peer(conn, school_code)
        assert peer is not None
        same_key = peer["last_import_at"] is not None and peer["enrolled_at"] <= peer["last_import_at"]
        return {
            "code": school_code,
            "fingerprint": PublicKeys(peer["sign_public"], peer["box_public"]).fingerprint,
            "enrolled_at": peer["enrolled_at"],
            "warn_same_key": same_key,
        }

    def export_restore(
        self, school_code: str, out: Path, progress: Progress = NO_PROGRESS, confirm_key: str | None = None
    ) -> WrittenBundle:
        """Everything the district holds for a school, to rebuild it on a new computer. Never encrypted to a
        revoked key; encrypted to the key the school used so far only when the user confirms its fingerprint."""
        school = self._require_school_peer(school_code)
        target = self.restore_target(school_code)
        if target["warn_same_key"] and normalize_fingerprint(confirm_key or "") != target["fingerprint"]:
            raise KaplcError(
                _(
                    "The restore bundle would be encrypted to the key school {code} has used so far "
                    "(fingerprint {fp}). If its computer was lost or stolen, revoke that key and import the new "
                    "computer's enrollment file first. If the school still has that computer, confirm the "
                    "fingerprint (--confirm-key {fp})."
                ).format(code=school_code, fp=target["fingerprint"])
            )
        with self.db.engine.connect() as conn:
            peer = repo.get_peer(conn, school_code)
            receipt = self._receipt(conn, school_code)
        restore = {"next_sequence": (peer["last_sequence"] if peer else 0) + 1}
        return self._write(
            out,
            school,
            "restore",
            progress,
            None,
            self._district_selection("restore"),
            receipt=receipt,
            restore=restore,
            scope_code=school_code,
        )

    @staticmethod
    def _district_selection(kind: str) -> Any:
        def select(conn: Any, kind_filters: Any) -> dict[str, Any]:
            return {spec.kind: kind_filters(spec) for spec in all_kinds().values()}

        return select

    def _require_school_peer(self, code: str) -> PeerKey:
        """An enrolled school whose key is not revoked: nothing is ever encrypted to a revoked key."""
        if self.workspace.kind != "district":
            raise KaplcError(_("Only a district workspace makes feedback and restore bundles."))
        peer = self._peer(code)
        if peer is None:
            raise KaplcError(
                _(
                    "School {code} is not enrolled here yet: import its enrollment file or one of its bundles first."
                ).format(code=code)
            )
        if peer.key_id in self.revoked():
            raise KaplcError(
                _(
                    "The key of school {code} was revoked (a lost or stolen computer). Import the enrollment file "
                    "of the school's new computer first (kaplc keys enrollment-import FILE --replace FINGERPRINT)."
                ).format(code=code)
            )
        return peer

    # --- import ------------------------------------------------------------------------------------------
    def import_bundles(
        self,
        paths: list[Path],
        *,
        dry_run: bool,
        trust: Iterable[str] = (),
        restore_over_data: bool = False,
        progress: Progress = NO_PROGRESS,
    ) -> list[ImportOutcome]:
        """Verifies and plans every bundle; unless dry_run, applies each accepted one in its own transaction.
        `trust` names the fingerprints the user checked by phone: a new sender, or a sender's new key.
        A restore bundle goes into a school that already holds records only with restore_over_data."""
        self._restore_over_data = restore_over_data
        named = {normalize_fingerprint(t) for t in trust} - {""}
        with self.db.engine.connect() as conn:
            settings = read_settings(conn)
            enrolled = frozenset(p["key_id"] for p in repo.all_peers(conn))
            self._facts = RunFacts(repo.erasure_owners(conn), repo.senders_with_open_parked(conn))
        policy = TrustPolicy(
            allow_first_use=self.workspace.kind == "district",
            fingerprints=frozenset(named),
            revoked=self.revoked(),
            enrolled_keys=enrolled,
        )
        outcomes = []
        self._batch_keys = self.all_keys()
        try:
            for path in expand_bundle_paths(paths, self.work_dir):
                try:
                    outcomes.append(self._import_one(path, dry_run, policy, settings.row_limit, progress))
                finally:
                    if path.is_relative_to(self.work_dir):  # volumes joined for this import
                        shutil.rmtree(path.parent, ignore_errors=True)
        finally:
            self._batch_keys = None
        if not dry_run and self.workspace.kind == "district":
            self.prune_archive()
        return outcomes

    def _import_one(
        self, path: Path, dry_run: bool, policy: TrustPolicy, row_limit: int, progress: Progress
    ) -> ImportOutcome:
        from .reader import AlreadyImported

        def applied_before(sha: str) -> bool:
            with self.db.engine.connect() as conn:
                return any(e["result"] == "applied" for e in repo.imports_of_file(conn, sha))

        try:
            bundle = open_bundle(
                path,
                my_code=self.workspace.owner_code,
                my_keys=self._batch_keys or self.all_keys(),
                peer=self._peer,
                policy=policy,
                work_dir=self.work_dir,
                row_limit=row_limit,
                progress=progress,
                seen_before=applied_before,
            )
        except AlreadyImported:
            # the very same file was applied before: say so, read nothing more, write nothing
            return ImportOutcome(path, "already-imported")
        except BundleRefused as refusal:
            if not dry_run:
                quarantine(self.db, self.data_dir, path, refusal, keep_copy=not _awaiting_confirmation(refusal))
            return ImportOutcome(path, "refused", refusal=refusal)
        try:
            if bundle.manifest.bundle_kind == "restore" and not self._restore_over_data and self._holds_records():
                refusal = BundleRefused("restore-over-data")
                return ImportOutcome(path, "refused", refusal=refusal)
            if dry_run:
                with self.db.engine.connect() as conn:
                    plan = self._plan(conn, bundle)
                return ImportOutcome(path, "already-imported" if plan.already_imported else "would-apply", plan)
            from .applier import BundleApplier, log_already_imported

            # planned and applied in one transaction: nothing can change in between
            with self.db.engine.begin() as conn:
                # one import of a school at a time (staff sharing a server database may import the same files)
                self.db.store.lock_sender(conn, bundle.manifest.sender_code)
                # FOREIGN KEYs are checked at commit: records that point at each other in a cycle are written
                # together (the planner has checked every reference; a violation still rolls everything back)
                self.db.store.defer_foreign_keys(conn)
                applier = BundleApplier(conn, bundle, self.data_dir, self._facts)
                plan = self._plan(conn, bundle, applier)
                if plan.already_imported:
                    log_already_imported(conn, plan, self.data_dir)
                    return ImportOutcome(path, "already-imported", plan)
                applier.finish(plan, self.workspace.kind)
            from .erasure_apply import remove_orphan_files

            remove_orphan_files(self.data_dir, applier.orphans)
            notice = self._renew_if_rewound() if self.workspace.kind == "school" else None
            return ImportOutcome(path, "applied", plan, notices=(notice,) if notice else ())
        except BundleRefused as refusal:
            if not dry_run:
                self._remove_unregistered_attachments()  # files copied in before the transaction was rolled back
                quarantine(self.db, self.data_dir, path, refusal)
            return ImportOutcome(path, "refused", refusal=refusal)
        finally:
            bundle.discard()

    def _remove_unregistered_attachments(self) -> None:
        from .. import attachment_store
        from ..data import reads

        attachment_store.remove_orphans(self.data_dir, reads.attachment_hashes(self.db.store))

    def _holds_records(self) -> bool:
        """Whether this school holds records someone typed (its profile, made at set-up, does not count)."""
        with self.db.engine.connect() as conn:
            return any(
                repo.has_rows(conn, spec.table, self.workspace.owner_code)
                for spec in all_kinds().values()
                if spec.owner == "school" and not spec.single
            )

    def _plan(self, conn: Any, bundle: OpenedBundle, sink: Any = None) -> ImportPlan:
        return plan_import(
            conn,
            bundle,
            my_kind=self.workspace.kind,
            my_code=self.workspace.owner_code,
            my_esa=self.workspace.esa_code,
            sink=sink,
            facts=self._facts,
        )

    def import_log(self) -> list[dict[str, Any]]:
        with self.db.engine.connect() as conn:
            return repo.import_log(conn)


def _awaiting_confirmation(refusal: BundleRefused) -> bool:
    """Files from unknown senders, and key changes waiting for the user's confirmation, are logged but not copied
    (the file stays where the user has it, and a stranger's file costs no space here)."""
    return refusal.reason in ("unknown-sender", "key-changed", "shared-key")


def expand_bundle_paths(paths: list[Path], work_dir: Path) -> list[Path]:
    """Files as given, every .kaplc in a folder, and split volumes (.kaplc.001 …) joined back."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file() and (p.suffix == SUFFIX or p.name.endswith(f"{SUFFIX}.001"))
                )
            )
        else:
            found.append(path)
    return [join_volumes(p, work_dir) if p.name.endswith(f"{SUFFIX}.001") else p for p in found]


def join_volumes(first: Path, work_dir: Path) -> Path:
    """Joins name.kaplc.001, .002 … (beside each other) into a folder of its own under work_dir, so two sets of
    volumes with the same name (from two schools' e-mails) never overwrite each other."""
    import tempfile

    name = first.name[: -len(".001")]
    parts = []
    index = 1
    while (part := first.with_name(f"{name}.{index:03d}")).exists():
        parts.append(part)
        index += 1
    from ..atomic_file import atomic_path

    work_dir.mkdir(parents=True, exist_ok=True)
    base = Path(tempfile.mkdtemp(prefix="joined-", dir=work_dir)) / name
    with atomic_path(base) as tmp, open(tmp, "wb") as out:
        for part in parts:
            with open(part, "rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
    return base
