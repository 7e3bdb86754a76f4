"""Planning an import: what a verified bundle would do to each record, read a batch at a time.

The planner streams: rows are parsed and decided 500 at a time, so memory stays bounded for any bundle. In a
dry run it only counts; given an applier (sync/applier.py) it hands each decided batch over to be written in
the caller's transaction, so planning and applying see the same database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..data import sync_repository as repo
from ..domain.record_kind import DECLARED
from .content_hash import same_content
from .kinds import KindSpec, RowShapeError, all_kinds, decode_row, encode_row, sync_order
from .reader import OpenedBundle
from .refusals import BundleRefused
from .row_checks import content_problems
from .versions import merge, relation

ACTIONS = ("new", "updated", "unchanged", "deleted", "older", "conflict", "erased", "rejected")
BATCH = 500
SHOWN_REJECTIONS = 1000  # rejected rows listed in a preview (all are counted, and all are parked)
MAX_REJECTED = 1000  # more rejected rows than this in one bundle: the bundle is refused whole (nothing parked)


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


@dataclass(frozen=True)
class Rejection:
    kind: str
    record_id: str
    line: int
    reason: str


@dataclass
class ImportPlan:
    bundle: OpenedBundle
    warnings: list[str]
    already_imported: bool = False
    tallies: dict[str, Counter[str]] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)
    fork: dict[str, Any] | None = None  # this bundle shows that its sender's database history forked
    peer: dict[str, Any] | None = None  # the sender as held before this bundle (read once, for the applier)
    state: dict[str, Any] | None = None  # our sync state with the sender, as held before this bundle

    def counts(self) -> dict[str, dict[str, int]]:
        return {kind: {a: c.get(a, 0) for a in ACTIONS} for kind, c in self.tallies.items()}

    def count(self, action: str) -> int:
        return sum(c.get(action, 0) for c in self.tallies.values())

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
                {"kind": r.kind, "record_id": r.record_id, "line": r.line, "reason": r.reason} for r in self.rejections
            ],
        }


class Sink(Protocol):
    """Where decided batches go when importing for real (sync/applier.py)."""

    def write(self, spec: KindSpec, decisions: list[Decision]) -> None: ...


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
    # a school's own records come back in a restore bundle, or in feedback when the district resolved a conflict
    return m.bundle_kind in ("restore", "feedback") and owner == my_code


@dataclass(frozen=True)
class RunFacts:
    """What one import run reads once for all its bundles, to keep per-bundle work small."""

    erasure_owners: set[str] = field(default_factory=set)  # owners with an erasure held (grows as bundles apply)
    parked_senders: set[str] = field(default_factory=set)  # senders with parked rows still open


def plan_import(
    conn: Any,
    bundle: OpenedBundle,
    *,
    my_kind: str,
    my_code: str,
    my_esa: str | None,
    sink: Sink | None = None,
    facts: RunFacts | None = None,
) -> ImportPlan:
    m = bundle.manifest
    expected_owner(bundle, my_kind, my_code, my_esa)
    specs = all_kinds()
    for kind in bundle.kinds:
        if kind not in specs:
            raise BundleRefused("kept-kind" if kind in DECLARED else "newer-schema", kind)
    if repo.bundle_applied(conn, m.bundle_id):
        return ImportPlan(bundle, [], already_imported=True)
    peer = repo.get_peer(conn, m.sender_code)
    sync_state = repo.get_state(conn, m.sender_code)
    plan = ImportPlan(bundle, _sequence_warnings(peer, bundle), peer=peer, state=sync_state)
    forks = [(f["db_id"], f["after"]) for f in sync_state.get("forks") or []]
    last = peer["last_sequence"] if peer else 0
    earlier = repo.bundle_at_sequence(conn, m.sender_code, m.sequence) if m.sequence <= last else None
    if earlier is not None and earlier != m.bundle_id:
        # the same sequence number again with other content: the sender's data folder was restored from a
        # backup (or copied) and used; its versions above the backup's cannot be compared by number
        base = m.base or {}
        after = base.get("counter") if base.get("db_id") == m.sender_db_id else 0
        plan.fork = {"db_id": m.sender_db_id, "after": after if isinstance(after, int) else 0}
        plan.warnings.append(f"forked:{m.sequence}")
        forks.append((plan.fork["db_id"], plan.fork["after"]))
    state = _PlanState(
        conn,
        bundle,
        my_code,
        {p[len("attachments/") :] for p in (x.path for x in m.members) if "/" in p},
        forks=forks,
        facts=facts,
    )
    for spec in sync_order(specs.values()):
        if spec.kind in bundle.row_counts:
            plan.tallies[spec.kind] = Counter()
            _plan_kind(state, spec, plan, sink)
    return plan


def _sequence_warnings(peer: dict[str, Any] | None, bundle: OpenedBundle) -> list[str]:
    m = bundle.manifest
    last = peer["last_sequence"] if peer else 0
    if m.sequence > last + 1 and m.bundle_kind != "restore":
        missing = f"{last + 1}" if m.sequence == last + 2 else f"{last + 1}–{m.sequence - 1}"
        return [f"sequence-gap:{missing}"]
    if 0 < m.sequence <= last:
        return [f"out-of-order:{m.sequence}<={last}"]
    return []


@dataclass
class _PlanState:
    """What the planner remembers across kinds: ids accepted so far (for references) and this bundle's erasures."""

    conn: Any
    bundle: OpenedBundle
    my_code: str
    in_bundle: set[str]
    accepted: dict[str, set[str]] = field(default_factory=dict)
    erased_here: set[tuple[str, str]] = field(default_factory=set)  # (owner, record id) erased by this bundle
    forks: list[tuple[str, int]] = field(default_factory=list)  # (database id, counter after which it forked)
    facts: RunFacts | None = None
    rejected: int = 0
    specs: dict[str, KindSpec] = field(default_factory=all_kinds)  # read once: building it per row cost 40 µs


def _batches(bundle: OpenedBundle, kind: str) -> Iterator[list[tuple[int, Any]]]:
    batch: list[tuple[int, Any]] = []
    for item in bundle.iter_rows(kind):
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _plan_kind(state: _PlanState, spec: KindSpec, plan: ImportPlan, sink: Sink | None) -> None:
    seen: set[str] = set()
    waiting: list[tuple[int, Any, dict[str, Any]]] = []  # rows pointing at a record of their own kind not seen yet
    for batch in _batches(state.bundle, spec.kind):
        _record(state, spec, plan, sink, _decide_batch(state, spec, batch, seen, waiting))
    # a record of a kind that refers to its own kind (a follow-up meeting) may come before the one it points
    # at: it is decided after that one, layer by layer (what still points at nothing is parked then)
    for layer, cycle in _parents_first(spec, waiting):
        _record(state, spec, plan, sink, _decide_rows(state, spec, layer, together=cycle))


def _parents_first(spec: KindSpec, waiting: list[tuple[int, Any, dict[str, Any]]]) -> Iterator[tuple[list[Any], bool]]:
    """The waiting rows in layers, each after the rows it points at (linear time, whatever a bundle holds).
    Rows that point at each other in a cycle (A follows B, B follows A: ordinary edits can make one) come last,
    as one group whose references to each other count as met."""
    by_id = {w[2]["id"]: w for w in waiting}
    children: dict[str, list[str]] = {}
    pending: dict[str, int] = {}
    for record_id, (_n, _raw, row) in by_id.items():
        targets = {
            row[c] for c, k in spec.references.items() if k == spec.kind and row.get(c) in by_id and row[c] != record_id
        }
        pending[record_id] = len(targets)
        for target in targets:
            children.setdefault(target, []).append(record_id)
    layer = [i for i, n in pending.items() if n == 0]
    done: set[str] = set()
    while layer:
        yield [by_id[i] for i in layer], False
        done.update(layer)
        following = []
        for record_id in layer:
            for child in children.get(record_id, ()):
                pending[child] -= 1
                if pending[child] == 0:
                    following.append(child)
        layer = following
    if len(done) < len(by_id):
        yield [w for i, w in by_id.items() if i not in done], True


def _record(state: _PlanState, spec: KindSpec, plan: ImportPlan, sink: Sink | None, decisions: list[Decision]) -> None:
    accepted = state.accepted.setdefault(spec.kind, set())
    tally = plan.tallies[spec.kind]
    for d in decisions:
        tally[d.action] += 1
        if d.action == "rejected":
            state.rejected += 1
            if state.rejected > MAX_REJECTED:
                raise BundleRefused("too-many-rejected", str(MAX_REJECTED))
            if len(plan.rejections) < SHOWN_REJECTIONS:
                plan.rejections.append(Rejection(spec.kind, d.record_id, d.line, d.reason))
        elif d.action != "erased":
            accepted.add(d.record_id)
            if spec.kind == "erasure" and d.row is not None and not d.row.get("deleted_at"):
                state.erased_here.add((d.row["owner_code"], d.row["target_id"]))
                if state.facts is not None and sink is not None:
                    state.facts.erasure_owners.add(d.row["owner_code"])
    if sink is not None and decisions:
        sink.write(spec, decisions)


def _decide_batch(
    state: _PlanState,
    spec: KindSpec,
    batch: list[tuple[int, Any]],
    seen: set[str],
    waiting: list[tuple[int, Any, dict[str, Any]]],
) -> list[Decision]:
    out: list[Decision] = []
    shaped: list[tuple[int, Any, dict[str, Any]]] = []
    for number, raw in batch:
        if isinstance(raw, dict) and "owner_code" in raw and not _owner_ok(spec, raw, state.bundle, state.my_code):
            raise BundleRefused("foreign-records", f"{spec.kind} {str(raw.get('owner_code'))[:10]}")
        record_id = str(raw.get("id"))[:64] if isinstance(raw, dict) else f"line {number}"
        try:
            if isinstance(raw, Exception):
                raise RowShapeError(str(raw) or "not JSON")
            row = decode_row(spec, raw)
            if row["id"] in seen:
                raise RowShapeError("the same record twice in one bundle")
            seen.add(row["id"])
        except RowShapeError as exc:
            out.append(Decision("rejected", record_id, reason=exc.reason, raw=raw, line=number))
            continue
        if _self_reference_missing(state, spec, row):
            waiting.append((number, raw, row))
            continue
        shaped.append((number, raw, row))
    return out + _decide_rows(state, spec, shaped)


def _self_reference_missing(state: _PlanState, spec: KindSpec, row: dict[str, Any]) -> bool:
    """Whether the row points at a record of its own kind that is neither taken from this bundle nor held."""
    for column, target_kind in spec.references.items():
        target_id = row.get(column)
        if target_kind != spec.kind or target_id is None or target_id == row["id"]:
            continue
        if target_id not in state.accepted.get(spec.kind, ()) and not repo.existing_ids(
            state.conn, spec.table, [target_id]
        ):
            return True
    return False


def _decide_rows(
    state: _PlanState, spec: KindSpec, shaped: list[tuple[int, Any, dict[str, Any]]], together: bool = False
) -> list[Decision]:
    out: list[Decision] = []
    group = {row["id"] for _n, _raw, row in shaped} if together else set()
    # an erased record is never created again, whatever else is wrong with it
    erased = _erased(state, spec, [row for _n, _raw, row in shaped])
    decoded: list[tuple[int, dict[str, Any]]] = []
    for number, raw, row in shaped:
        if row["id"] in erased:
            out.append(Decision("erased", row["id"], reason="erased", raw=encode_row(spec, row), line=number))
            continue
        problems = content_problems(spec, row)
        for column in spec.attachments if row.get("deleted_at") is None else ():  # a tombstone comes without its file
            sha = row.get(column)
            if sha and sha not in state.in_bundle and sha not in repo.known_attachments(state.conn, [sha]):
                problems.append(f"{column}: attachment missing")
        problems.extend(_reference_problems(state, spec, row, group))
        if problems:
            out.append(Decision("rejected", row["id"], reason="; ".join(problems)[:500], raw=raw, line=number))
            continue
        decoded.append((number, row))
    held = repo.held_rows(state.conn, spec.table, [r["id"] for _n, r in decoded])
    for number, row in decoded:
        # a restore rebuilds the school from the district's copy: its one profile wins over the one set-up made
        prefer_incoming = spec.single and state.bundle.manifest.bundle_kind == "restore"
        decision = decide(
            row, held.get(row["id"]), state.my_code, state.forks, final=spec.kind == "erasure", prefer=prefer_incoming
        )
        if decision.action == "rejected":
            decision.raw = encode_row(spec, row)  # parked as it came
        decision.line = number
        out.append(decision)
    return out


def _reference_problems(state: _PlanState, spec: KindSpec, row: dict[str, Any], group: set[str]) -> list[str]:
    """A row that points at another record (a declared reference) needs it in the bundle or in the database, and
    kept by the same owner when both kinds belong to the same side (a school's records never point at another
    school's). `group` holds ids of rows decided together (a cycle), whose references to each other are met."""
    problems = []
    specs = state.specs
    for column, target_kind in spec.references.items():
        target_id = row.get(column)
        if target_id is None or (target_kind == spec.kind and (target_id == row["id"] or target_id in group)):
            continue
        same_side = specs[target_kind].owner == spec.owner
        if target_id in state.accepted.get(target_kind, ()):
            continue  # taken from this bundle, whose records all have one owner
        owner = repo.owners_of(state.conn, specs[target_kind].table, [target_id]).get(target_id)
        if owner is None:
            problems.append(f"{column}: refers to a missing {target_kind} record")
        elif same_side and owner != row["owner_code"]:
            problems.append(f"{column}: refers to another owner's {target_kind} record")
    return problems


def _erased(state: _PlanState, spec: KindSpec, rows: list[dict[str, Any]]) -> set[str]:
    """Ids in this batch that their owner erased (PDPA): such a record is never created again."""
    if spec.kind == "erasure" or not rows:
        return set()
    wanted = {(r["owner_code"], r["id"]) for r in rows}
    found = {record_id for owner, record_id in wanted if (owner, record_id) in state.erased_here}
    if state.facts is not None and not {owner for owner, _id in wanted} & state.facts.erasure_owners:
        return found  # no erasure is held for these owners: nothing more to look up
    found |= {rid for owner, rid in repo.erased_ids(state.conn, [rid for _o, rid in wanted]) if (owner, rid) in wanted}
    return found


def decide(
    row: dict[str, Any],
    held: dict[str, Any] | None,
    my_code: str = "",
    forks: list[tuple[str, int]] | None = None,
    final: bool = False,
    prefer: bool = False,
) -> Decision:
    """What to do with an incoming row given the copy held (if any). `forks` names database histories whose
    versions above a counter cannot be trusted (see plan_import); a `final` kind (erasures) never changes; with
    `prefer`, the incoming copy wins a conflict even over the owner's own (kept as the conflict copy)."""
    record_id = row["id"]
    if held is None:
        return Decision("deleted" if row["deleted_at"] else "new", record_id, row=row, is_new=True)
    if held["owner_code"] != row["owner_code"]:
        return Decision("rejected", record_id, reason="owned by another school or office")
    if final and not same_content(row, held):
        return Decision("rejected", record_id, reason="an erasure cannot be changed or withdrawn")
    same_version = (held["version_db"], held["version_counter"]) == (row["version_db"], row["version_counter"])
    rel = "same" if same_version else relation(row["version_vector"], held["version_vector"] or {})
    if rel == "same":
        if same_content(row, held):
            return Decision("unchanged", record_id)
        # the same version with other content: a database rewound by a restore reused a version number
        return _rewound_conflict(row, held, "same-version")
    if rel in ("older", "descends") and _forked(held, forks or []) and not same_content(row, held):
        # the held copy was written by a database whose history forked after it: numbers prove nothing here
        return _rewound_conflict(row, held, "restored-copy")
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
    if row["owner_code"] == my_code and not prefer:
        # changed here, by the record's owner, and elsewhere (a district's resolution): the owner's copy wins
        kept = {**held, "version_vector": merged}
        return Decision("conflict", record_id, row=kept, held=row, reason=reason, keep_held=True)
    return Decision("conflict", record_id, row={**row, "version_vector": merged}, held=held, reason=reason)


def _forked(held: dict[str, Any], forks: list[tuple[str, int]]) -> bool:
    return any(held["version_db"] == db_id and held["version_counter"] > after for db_id, after in forks)


def _rewound_conflict(row: dict[str, Any], held: dict[str, Any], reason: str) -> Decision:
    """Versions cannot be trusted here: the later edit (by updated_at) becomes the live copy, with a vector that
    covers both, and the other is kept as a conflict copy."""
    merged = merge(row["version_vector"], held["version_vector"] or {})
    if row["updated_at"] >= held["updated_at"]:
        return Decision("conflict", row["id"], row={**row, "version_vector": merged}, held=held, reason=reason)
    kept = {**held, "version_vector": merged}
    return Decision("conflict", row["id"], row=kept, held=row, reason=reason, keep_held=True)
