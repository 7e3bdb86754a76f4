"""SyncService: the sync use cases for the command line and the window (keys, enrollment, export, import)."""

from __future__ import annotations

import base64
import datetime as dt
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..atomic_file import copy_atomic
from ..data import sync_repository as repo
from ..data.database import Database
from ..data.migrations import HEAD_REVISION
from ..errors import KaplcError
from ..i18n import _
from ..progress import NO_PROGRESS, Progress
from ..services.workspace import WorkspaceInfo
from .enrollment import Enrollment, read_enrollment, write_enrollment
from .keys import KeyPair, PublicKeys, short_file_fingerprint
from .kinds import KindSpec, all_kinds, encode_row
from .planner import ImportPlan, plan_import
from .reader import OpenedBundle, PeerKey, open_bundle
from .refusals import BundleRefused
from .writer import BundleContent, WrittenBundle, split_volumes, stream_bundle, verify_on_medium

OUTBOX_KEEP = 10
SUFFIX = ".kaplc"


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

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file": str(self.path), "result": self.result}
        if self.plan is not None:
            data.update(self.plan.to_json())
        if self.refusal is not None:
            data.update(reason=self.refusal.reason, message=self.refusal.message)
        return data


class SyncService:
    def __init__(self, data_dir: Path, db: Database, workspace: WorkspaceInfo) -> None:
        self.data_dir = data_dir
        self.db = db
        self.workspace = workspace
        self._batch_keys: dict[str, KeyPair] | None = None

    @property
    def work_dir(self) -> Path:
        return self.data_dir / "tmp"

    # --- keys and enrollment -----------------------------------------------------------------------------
    def ensure_keys(self) -> KeyPair:
        with self.db.engine.begin() as conn:
            row = repo.current_local_key(conn)
            if row is None:
                keys = KeyPair.generate()
                repo.add_local_key(conn, keys.key_id, keys.sign_secret, keys.box_secret)
                return keys
        return KeyPair(row["sign_secret"], row["box_secret"])

    def all_keys(self) -> dict[str, KeyPair]:
        self.ensure_keys()
        with self.db.engine.connect() as conn:
            pairs = [KeyPair(r["sign_secret"], r["box_secret"]) for r in repo.local_keys(conn)]
        return {k.key_id: k for k in pairs}

    def rotate_keys(self) -> KeyPair:
        """A new key pair; the old one stays to open bundles already on their way, and signs the change."""
        self.ensure_keys()
        keys = KeyPair.generate()
        with self.db.engine.begin() as conn:
            repo.add_local_key(conn, keys.key_id, keys.sign_secret, keys.box_secret)
            repo.retire_local_keys(conn, keys.key_id)
        return keys

    def backup_keys(self, out: Path, passphrase: str) -> int:
        """Writes every key of this workspace to a passphrase-protected file (key_backup.py); returns how many."""
        from .key_backup import write_key_backup

        self.ensure_keys()
        with self.db.engine.connect() as conn:
            rows = repo.local_keys(conn)
        ws = self.workspace
        write_key_backup(out, rows, passphrase, kind=ws.kind, code=ws.owner_code, name=ws.title)
        return len(rows)

    def restore_keys(self, path: Path, passphrase: str) -> int:
        """Adds the keys of this workspace's backup that are missing here, as they were; returns how many.
        Keys held stay; the newest unretired key is the one in use afterwards, as always."""
        from .key_backup import read_key_backup

        backup = read_key_backup(path, passphrase)
        ws = self.workspace
        if (backup.kind, backup.code) != (ws.kind, ws.owner_code):
            raise KaplcError(
                _(
                    "This key backup belongs to {code} ({name}), not to this workspace ({mine}). Nothing was restored."
                ).format(code=backup.code, name=backup.name, mine=ws.owner_code)
            )
        with self.db.engine.begin() as conn:
            return repo.insert_missing_local_keys(conn, backup.rows)

    def keys_info(self) -> dict[str, Any]:
        keys = self.ensure_keys()
        with self.db.engine.connect() as conn:
            peers = repo.all_peers(conn)
        return {
            "code": self.workspace.owner_code,
            "key_id": keys.key_id,
            "fingerprint": keys.public.fingerprint,
            "peers": [
                {
                    "code": p["code"],
                    "kind": p["kind"],
                    "name": p["name"],
                    "fingerprint": PublicKeys(p["sign_public"], p["box_public"]).fingerprint,
                    "enrolled_by": p["enrolled_by"],
                    "last_sequence": p["last_sequence"],
                }
                for p in peers
            ],
        }

    def export_enrollment(self, path: Path) -> str:
        keys = self.ensure_keys()
        ws = self.workspace
        write_enrollment(path, keys, kind=ws.kind, code=ws.owner_code, name=ws.title, esa_code=ws.esa_code)
        return keys.public.fingerprint

    def import_enrollment(self, path: Path) -> Enrollment:
        """A school imports its district's file; a district imports (or replaces) a school's file."""
        enrollment = read_enrollment(path)
        ws = self.workspace
        if ws.kind == "school":
            if enrollment.kind != "district":
                raise KaplcError(_("This is a school's enrollment file; a school imports its district's file."))
            if ws.esa_code and enrollment.code != ws.esa_code:
                raise KaplcError(
                    _("This enrollment file belongs to ESA {code}, not to this school's ESA {esa}.").format(
                        code=enrollment.code, esa=ws.esa_code
                    )
                )
        elif enrollment.kind != "school":
            raise KaplcError(_("This is a district's enrollment file; a district imports its schools' files."))
        elif enrollment.code == ws.owner_code:
            raise KaplcError(_("This enrollment file is this workspace's own."))
        with self.db.engine.begin() as conn:
            repo.save_peer(
                conn,
                {
                    "code": enrollment.code,
                    "kind": enrollment.kind,
                    "name": enrollment.name,
                    "key_id": enrollment.keys.key_id,
                    "sign_public": enrollment.keys.sign_public,
                    "box_public": enrollment.keys.box_public,
                    "enrolled_by": "enrollment",
                },
            )
        return enrollment

    def _peer(self, code: str) -> PeerKey | None:
        with self.db.engine.connect() as conn:
            row = repo.get_peer(conn, code)
        if row is None:
            return None
        return PeerKey(code, row["key_id"], PublicKeys(row["sign_public"], row["box_public"]))

    def _district(self) -> PeerKey:
        code = self.workspace.esa_code
        peer = self._peer(code) if code else None
        if peer is None:
            with self.db.engine.connect() as conn:
                districts = [p for p in repo.all_peers(conn) if p["kind"] == "district"]
            if len(districts) == 1:
                p = districts[0]
                peer = PeerKey(p["code"], p["key_id"], PublicKeys(p["sign_public"], p["box_public"]))
        if peer is None:
            raise BundleRefused("not-enrolled")
        return peer

    # --- export ------------------------------------------------------------------------------------------
    def _rows(self, conn: Any, spec: KindSpec, attachments: set[str], **filters: Any) -> Any:
        for row in repo.export_rows(conn, spec.table, **filters):
            for column in spec.attachments:
                if row.get(column):
                    attachments.add(row[column])
            yield encode_row(spec, row)

    def _school_filters(self, conn: Any, full: bool) -> tuple[str, dict[str, Any]]:
        state = repo.get_state(conn, self._district().code)
        db_id = self.db.db_id
        if full or state["acked_db_id"] != db_id or not state["acked_counter"]:
            return "full", {}
        return "delta", {"since": (db_id, state["acked_counter"])}

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
                n = 0
                for row in self._rows(conn, spec, attachments, owner_code=self.workspace.owner_code, **filters):
                    n += 1
                    row_bytes += len(str(row)) // 3  # JSON compresses to about a third
                counts[spec.kind] = n
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
        preview = self.preview_export(full)
        self._check_space(out, preview.estimated_bytes)
        return self._write(
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

            def kind_filters(spec: KindSpec) -> Any:
                if bundle_kind in ("full", "delta"):
                    return self._rows(conn, spec, attachments, owner_code=self.workspace.owner_code, **filters)
                if spec.owner == "school":
                    return self._rows(conn, spec, attachments, owner_code=scope_code)
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
                "rotation": self._rotation_proof(keys),
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
            verify_on_medium(target, outbox_dir / target.name)
        except BaseException:
            (outbox_dir / target.name).unlink(missing_ok=True)
            raise
        self._to_outbox(outbox_dir / target.name, manifest, sha, size)
        from ..data.identity import record_high_water

        record_high_water(self.db.path)  # versions sent out must never be reused by a restored backup
        volumes = split_volumes(target, split_mb * 1024 * 1024) if split_mb else (target,)
        return WrittenBundle(target, volumes, sha, size, manifest)

    def _rotation_proof(self, keys: KeyPair) -> dict[str, str] | None:
        with self.db.engine.connect() as conn:
            older = [r for r in repo.local_keys(conn) if r["key_id"] != keys.key_id]
        if not older:
            return None
        old = KeyPair(older[-1]["sign_secret"], older[-1]["box_secret"])
        statement = f"kaplc-rotate:{old.key_id}:{keys.key_id}".encode()
        return {"old_key_id": old.key_id, "signature": base64.b64encode(old.sign(statement)).decode()}

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

    def export_feedback(self, school_code: str, out: Path, progress: Progress = NO_PROGRESS) -> WrittenBundle:
        """For one school: the district's records meant for it, and the receipt of what was applied."""
        school = self._require_school_peer(school_code)
        with self.db.engine.connect() as conn:
            state = repo.get_state(conn, school_code)
        receipt = {
            "acked_db_id": state["acked_db_id"],
            "acked_counter": state["acked_counter"],
            "acked_sequence": state["acked_sequence"],
        }
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
            schools = [p["code"] for p in repo.all_peers(conn) if p["kind"] == "school"]
        return [self.export_feedback(code, out_dir, progress) for code in schools]

    def export_restore(self, school_code: str, out: Path, progress: Progress = NO_PROGRESS) -> WrittenBundle:
        """Everything the district holds for a school, to rebuild it on a new computer."""
        school = self._require_school_peer(school_code)
        with self.db.engine.connect() as conn:
            peer = repo.get_peer(conn, school_code)
            state = repo.get_state(conn, school_code)
        receipt = {
            "acked_db_id": state["acked_db_id"],
            "acked_counter": state["acked_counter"],
            "acked_sequence": state["acked_sequence"],
        }
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

    def _district_selection(self, kind: str) -> Any:
        def select(conn: Any, kind_filters: Any) -> dict[str, Any]:
            return {
                spec.kind: kind_filters(spec)
                for spec in all_kinds().values()
                if spec.owner == "district" or kind == "restore"
            }

        return select

    def _require_school_peer(self, code: str) -> PeerKey:
        if self.workspace.kind != "district":
            raise KaplcError(_("Only a district workspace makes feedback and restore bundles."))
        peer = self._peer(code)
        if peer is None:
            raise KaplcError(
                _(
                    "School {code} is not enrolled here yet: import its enrollment file or one of its bundles first."
                ).format(code=code)
            )
        return peer

    # --- import ------------------------------------------------------------------------------------------
    def _open(self, path: Path, allow_first_use: bool, progress: Progress) -> OpenedBundle:
        return open_bundle(
            path,
            my_code=self.workspace.owner_code,
            my_keys=self._batch_keys or self.all_keys(),
            peer=self._peer,
            allow_first_use=allow_first_use,
            work_dir=self.work_dir,
            progress=progress,
        )

    def import_bundles(
        self, paths: list[Path], *, dry_run: bool, trust_new: bool = False, progress: Progress = NO_PROGRESS
    ) -> list[ImportOutcome]:
        """Verifies and plans every bundle; unless dry_run, applies each accepted one in its own transaction."""
        outcomes = []
        self._batch_keys = self.all_keys()
        try:
            for path in expand_bundle_paths(paths, self.work_dir):
                outcomes.append(self._import_one(path, dry_run, trust_new, progress))
        finally:
            self._batch_keys = None
        return outcomes

    def _import_one(self, path: Path, dry_run: bool, trust_new: bool, progress: Progress) -> ImportOutcome:
        allow_first_use = self.workspace.kind == "district"
        from .reader import file_sha256

        try:
            sha = file_sha256(path)
        except OSError:
            sha = ""
        with self.db.engine.connect() as conn:
            if sha and any(e["result"] == "applied" for e in repo.imports_of_file(conn, sha)):
                # the very same file was applied before: say so, read nothing more, write nothing
                return ImportOutcome(path, "already-imported")
        try:
            bundle = self._open(path, allow_first_use, progress)
        except BundleRefused as refusal:
            if not dry_run:
                self._quarantine(path, refusal)
            return ImportOutcome(path, "refused", refusal=refusal)
        try:
            preview_only = dry_run or (bundle.trust == "first-use" and not trust_new)
            if preview_only:
                with self.db.engine.connect() as conn:
                    plan = self._plan(conn, bundle)
                if dry_run:
                    return ImportOutcome(path, "already-imported" if plan.already_imported else "would-apply", plan)
                refusal = BundleRefused(
                    "unknown-sender",
                    _("fingerprint {fp}; check it with the school by phone, then import again and confirm").format(
                        fp=bundle.sender_keys.fingerprint
                    ),
                )
                return ImportOutcome(path, "refused", plan=plan, refusal=refusal)
            from .applier import apply_plan

            # planned and applied in one transaction: nothing can change in between
            with self.db.engine.begin() as conn:
                plan = self._plan(conn, bundle)
                apply_plan(conn, plan, self.data_dir, my_kind=self.workspace.kind)
            return ImportOutcome(path, "already-imported" if plan.already_imported else "applied", plan)
        except BundleRefused as refusal:
            if not dry_run:
                self._quarantine(path, refusal)
            return ImportOutcome(path, "refused", refusal=refusal)
        finally:
            bundle.discard()

    def _plan(self, conn: Any, bundle: OpenedBundle) -> ImportPlan:
        return plan_import(
            conn, bundle, my_kind=self.workspace.kind, my_code=self.workspace.owner_code, my_esa=self.workspace.esa_code
        )

    def _quarantine(self, path: Path, refusal: BundleRefused) -> None:
        """Keeps a refused file with its reason, and logs the refusal."""
        from .reader import file_sha256

        folder = self.data_dir / "sync" / "quarantine"
        folder.mkdir(parents=True, exist_ok=True)
        try:
            sha = file_sha256(path)
            kept = folder / f"{sha[:16]}-{path.name[:120]}"
            if not kept.exists():
                copy_atomic(path, kept)
            (folder / f"{kept.name}.reason.txt").write_text(f"{refusal.reason}\n{refusal.message}\n", encoding="utf-8")
        except OSError:
            sha, kept = "", folder
        with self.db.engine.begin() as conn:
            repo.log_import(
                conn,
                {
                    "file_sha256": sha,
                    "result": "refused",
                    "reason": refusal.reason,
                    "counts": {},
                    "file_name": path.name[:300],
                    "archived_as": str(kept.relative_to(self.data_dir)),
                    "imported_by": "",
                },
            )

    def import_log(self) -> list[dict[str, Any]]:
        with self.db.engine.connect() as conn:
            return repo.import_log(conn)

    def open_conflicts(self) -> list[dict[str, Any]]:
        with self.db.engine.connect() as conn:
            return repo.open_conflicts(conn)


def expand_bundle_paths(paths: list[Path], work_dir: Path) -> list[Path]:
    """Files as given, every .kaplc in a folder, and split volumes (.kaplc.001 …) joined back."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix == SUFFIX or p.name.endswith(f"{SUFFIX}.001")))
        else:
            found.append(path)
    return [join_volumes(p, work_dir) if p.name.endswith(f"{SUFFIX}.001") else p for p in found]


def join_volumes(first: Path, work_dir: Path) -> Path:
    """Joins name.kaplc.001, .002 … (beside each other) into work_dir/name.kaplc."""
    name = first.name[: -len(".001")]
    parts = []
    index = 1
    while (part := first.with_name(f"{name}.{index:03d}")).exists():
        parts.append(part)
        index += 1
    from ..atomic_file import atomic_path

    work_dir.mkdir(parents=True, exist_ok=True)
    base = work_dir / name
    with atomic_path(base) as tmp, open(tmp, "wb") as out:
        for part in parts:
            with open(part, "rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
    return base
