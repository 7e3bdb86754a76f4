"""The dry run: what importing a verified bundle would do to each record, without writing anything."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..data import sync_repository as repo
from .kinds import KindSpec, RowShapeError, all_kinds, decode_row, encode_row
from .reader import OpenedBundle
from .refusals import BundleRefused
from .row_checks import content_problems
from .versions import merge, relation

ACTIONS = ("new", "updated", "unchanged", "deleted", "older", "conflict", "rejected")


@dataclass
class Decision:
    action: str
    record_id: str
    row: dict[str, Any] | None = None
    held: dict[str, Any] | None = None
    reason: str = ""
    keep_held: bool = False  # a concurrent tombstone loses to a live edit: the edit stays, flagged
    raw: Any = None
    line: int = 0
    is_new: bool = False  # not held yet: inserted, not overwritten


@dataclass
class KindPlan:
    spec: KindSpec
    decisions: list[Decision] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        c = Counter(d.action for d in self.decisions)
        return {a: c.get(a, 0) for a in ACTIONS}


@dataclass
class ImportPlan:
    bundle: OpenedBundle
    kinds: dict[str, KindPlan]
    warnings: list[str]
    already_imported: bool = False
    attachments: set[str] = field(default_factory=set)

    def counts(self) -> dict[str, dict[str, int]]:
        return {kind: plan.counts() for kind, plan in self.kinds.items()}

    @property
    def rejected(self) -> list[Decision]:
        return [d for plan in self.kinds.values() for d in plan.decisions if d.action == "rejected"]

    def to_json(self) -> dict[str, Any]:
        m = self.bundle.manifest
        return {
            "file": str(self.bundle.path),
            "file_sha256": self.bundle.file_sha256,
            "bundle_id": m.bundle_id,
            "bundle_kind": m.bundle_kind,
            "sender": m.sender_code,
            "sequence": m.sequence,
            "trust": self.bundle.trust,
            "sender_fingerprint": self.bundle.sender_keys.fingerprint,
            "already_imported": self.already_imported,
            "counts": self.counts(),
            "warnings": self.warnings,
            "rejected": [
                {"kind": k, "record_id": d.record_id, "line": d.line, "reason": d.reason}
                for k, plan in self.kinds.items()
                for d in plan.decisions
                if d.action == "rejected"
            ],
        }


def expected_owner(bundle: OpenedBundle, my_kind: str, my_code: str, my_esa: str | None) -> None:
    """Which bundles this workspace takes: schools send full/delta to the district; the district sends
    feedback/restore to a school."""
    m = bundle.manifest
    if my_kind == "district" and (m.sender_kind != "school" or m.bundle_kind not in ("full", "delta")):
        raise BundleRefused("wrong-kind")
    if my_kind == "school" and (m.sender_kind != "district" or m.bundle_kind not in ("feedback", "restore")):
        raise BundleRefused("wrong-kind")
    if my_kind == "school" and my_esa and m.sender_code != my_esa:
        raise BundleRefused("wrong-receiver", m.sender_code)


def _owner_ok(spec: KindSpec, raw: dict[str, Any], bundle: OpenedBundle, my_code: str) -> bool:
    m = bundle.manifest
    owner = raw.get("owner_code")
    if m.sender_kind == "school":
        return spec.owner == "school" and owner == m.sender_code
    if spec.owner == "district":
        scoped = spec.scope is None or raw.get(spec.scope) == my_code
        return owner == m.sender_code and scoped
    return m.bundle_kind == "restore" and owner == my_code


def plan_import(conn: Any, bundle: OpenedBundle, *, my_kind: str, my_code: str, my_esa: str | None) -> ImportPlan:
    m = bundle.manifest
    expected_owner(bundle, my_kind, my_code, my_esa)
    specs = all_kinds()
    for kind in bundle.rows:
        if kind not in specs:
            raise BundleRefused("newer-schema", kind)
    for kind, lines in bundle.rows.items():
        for _line, raw in lines:
            if isinstance(raw, dict) and "owner_code" in raw and not _owner_ok(specs[kind], raw, bundle, my_code):
                raise BundleRefused("foreign-records", f"{kind} {str(raw.get('owner_code'))[:10]}")
    if repo.bundle_applied(conn, m.bundle_id):
        return ImportPlan(bundle, {}, [], already_imported=True)
    warnings = _sequence_warnings(conn, bundle, my_kind)
    in_bundle = {p[len("attachments/") :] for p in (mm.path for mm in m.members) if p.startswith("attachments/")}
    plan = ImportPlan(bundle, {}, warnings)
    for kind, lines in bundle.rows.items():
        plan.kinds[kind] = _plan_kind(conn, specs[kind], lines, bundle, my_code, in_bundle, plan.attachments)
    return plan


def _sequence_warnings(conn: Any, bundle: OpenedBundle, my_kind: str) -> list[str]:
    m = bundle.manifest
    peer = repo.get_peer(conn, m.sender_code)
    last = peer["last_sequence"] if peer else 0
    if m.sequence > last + 1 and m.bundle_kind != "restore":
        missing = f"{last + 1}" if m.sequence == last + 2 else f"{last + 1}–{m.sequence - 1}"
        return [f"sequence-gap:{missing}"]
    if 0 < m.sequence <= last:
        return [f"out-of-order:{m.sequence}<={last}"]
    return []


def _plan_kind(
    conn: Any,
    spec: KindSpec,
    lines: list[tuple[int, Any]],
    bundle: OpenedBundle,
    my_code: str,
    in_bundle: set[str],
    needed: set[str],
) -> KindPlan:
    plan = KindPlan(spec)
    decoded: list[tuple[int, dict[str, Any]]] = []
    seen: set[str] = set()
    for number, raw in lines:
        record_id = str(raw.get("id"))[:64] if isinstance(raw, dict) else f"line {number}"
        try:
            if isinstance(raw, Exception):
                raise RowShapeError("not JSON")
            row = decode_row(spec, raw)
            if row["id"] in seen:
                raise RowShapeError("the same record twice in one bundle")
            seen.add(row["id"])
        except RowShapeError as exc:
            plan.decisions.append(Decision("rejected", record_id, reason=exc.reason, raw=raw, line=number))
            continue
        problems = content_problems(spec, row)
        for column in spec.attachments:
            sha = row.get(column)
            if sha and sha not in in_bundle and sha not in repo.known_attachments(conn, [sha]):
                problems.append(f"{column}: attachment missing")
        if problems:
            plan.decisions.append(
                Decision("rejected", row["id"], reason="; ".join(problems)[:500], raw=raw, line=number)
            )
            continue
        decoded.append((number, row))
    decoded = _check_references(conn, spec, decoded, bundle, plan)
    held = repo.held_rows(conn, spec.table, [r["id"] for _n, r in decoded])
    for number, row in decoded:
        decision = _decide(row, held.get(row["id"]))
        decision.line = number
        if decision.action == "rejected":
            decision.raw = encode_row(spec, row)  # parked as it came
        plan.decisions.append(decision)
        if decision.action in ("new", "updated", "deleted", "conflict") and not decision.keep_held:
            needed.update(row[c] for c in spec.attachments if row.get(c) and row[c] in in_bundle)
    return plan


def _check_references(
    conn: Any, spec: KindSpec, decoded: list[tuple[int, dict[str, Any]]], bundle: OpenedBundle, plan: KindPlan
) -> list[tuple[int, dict[str, Any]]]:
    """A row that points at another record (__sync_references__) needs it in the bundle or in the database."""
    if not spec.references:
        return decoded
    specs = all_kinds()
    kept = []
    for number, row in decoded:
        problems = []
        for column, target_kind in spec.references.items():
            target_id = row.get(column)
            if target_id is None:
                continue
            in_bundle = any(
                isinstance(raw, dict) and raw.get("id") == target_id for _n, raw in bundle.rows.get(target_kind, [])
            )
            if not in_bundle and not repo.existing_ids(conn, specs[target_kind].table, [target_id]):
                problems.append(f"{column}: refers to a missing {target_kind} record")
        if problems:
            plan.decisions.append(
                Decision("rejected", row["id"], reason="; ".join(problems), raw=encode_row(spec, row), line=number)
            )
        else:
            kept.append((number, row))
    return kept


def _decide(row: dict[str, Any], held: dict[str, Any] | None) -> Decision:
    record_id = row["id"]
    if held is None:
        return Decision("deleted" if row["deleted_at"] else "new", record_id, row=row, is_new=True)
    if held["owner_code"] != row["owner_code"]:
        return Decision("rejected", record_id, reason="owned by another school or office")
    if (held["version_db"], held["version_counter"]) == (row["version_db"], row["version_counter"]):
        return Decision("unchanged", record_id)
    rel = relation(row["version_vector"], held["version_vector"] or {})
    if rel == "same":
        return Decision("unchanged", record_id)
    if rel == "older":
        return Decision("older", record_id)
    if rel == "descends":
        action = "deleted" if row["deleted_at"] and not held["deleted_at"] else "updated"
        return Decision(action, record_id, row=row)
    merged = merge(row["version_vector"], held["version_vector"] or {})
    if row["deleted_at"] and not held["deleted_at"]:
        # a tombstone that did not see a later edit: the edit survives, flagged
        kept = {**held, "version_vector": merged}
        return Decision("conflict", record_id, row=kept, held=row, reason="edit-after-delete", keep_held=True)
    reason = "edit-after-delete" if held["deleted_at"] and not row["deleted_at"] else "concurrent-edit"
    return Decision("conflict", record_id, row={**row, "version_vector": merged}, held=held, reason=reason)
