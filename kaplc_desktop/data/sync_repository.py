"""The SQL behind sync: reading synced rows for export and writing imported ones, in bulk, with Core."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from .models.meta import DatabaseMeta

BATCH = 500


def own_db_ids(conn: Connection) -> list[str]:
    """This database's id and the ids it had before (renewed when the file was copied or restored)."""
    row = conn.execute(select(DatabaseMeta.db_id, DatabaseMeta.previous_db_ids)).one()
    return [row.db_id, *(row.previous_db_ids or [])]


def change_counter(conn: Connection) -> tuple[str, int]:
    row = conn.execute(select(DatabaseMeta.db_id, DatabaseMeta.change_counter)).one()
    return row.db_id, row.change_counter


def _filtered(
    stmt: Any,
    table: Any,
    *,
    owner_code: str | None = None,
    scope: tuple[str, str] | None = None,
    since: tuple[str, int] | None = None,
    also_ids: list[str] | None = None,
    changed_by: list[str] | None = None,
) -> Any:
    from sqlalchemy import and_, or_

    if owner_code is not None:
        stmt = stmt.where(table.c.owner_code == owner_code)
    if scope is not None:
        stmt = stmt.where(table.c[scope[0]] == scope[1])
    if changed_by is not None:
        stmt = stmt.where(table.c.version_db.in_(changed_by))
    if since is not None:
        changed = and_(table.c.version_db == since[0], table.c.version_counter > since[1])
        stmt = stmt.where(or_(changed, table.c.id.in_(also_ids)) if also_ids else changed)
    return stmt


def export_rows(conn: Connection, table: Any, *, limit: int | None = None, **filters: Any) -> Iterator[dict[str, Any]]:
    """Rows of a synced table: of one owner (owner_code), for one school (scope: column, value), changed since a
    version (since) and the records named in also_ids, which the receiver asked for again; changed_by: by these
    databases."""
    stmt = _filtered(select(table), table, **filters).order_by(table.c.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    for row in conn.execute(stmt).yield_per(BATCH):
        yield dict(row._mapping)


def count_rows(conn: Connection, table: Any, **filters: Any) -> int:
    """How many rows export_rows would give, counted by the database (a preview reads no rows)."""
    from sqlalchemy import func

    return int(conn.execute(_filtered(select(func.count()).select_from(table), table, **filters)).scalar_one())


def column_values(conn: Connection, table: Any, columns: tuple[str, ...], **filters: Any) -> Iterator[Any]:
    """The non-empty values of some columns (attachment hashes) of the live rows export_rows would give."""
    for column in columns:
        stmt = _filtered(select(table.c[column]), table, **filters).where(
            table.c[column].is_not(None), table.c.deleted_at.is_(None)
        )
        yield from conn.execute(stmt).scalars()


def has_rows(conn: Connection, table: Any, owner_code: str) -> bool:
    return conn.execute(select(table.c.id).where(table.c.owner_code == owner_code).limit(1)).first() is not None


def held_rows(conn: Connection, table: Any, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    wanted = list(ids)
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        for row in conn.execute(select(table).where(table.c.id.in_(chunk))):
            found[row.id] = dict(row._mapping)
    return found


def existing_ids(conn: Connection, table: Any, ids: Iterable[str]) -> set[str]:
    wanted = list(ids)
    found: set[str] = set()
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        found.update(r[0] for r in conn.execute(select(table.c.id).where(table.c.id.in_(chunk))))
    return found


def owners_of(conn: Connection, table: Any, ids: Iterable[str]) -> dict[str, str]:
    """The owner code of each of these records that is held."""
    wanted = list(ids)
    found: dict[str, str] = {}
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        found.update(
            (r[0], r[1]) for r in conn.execute(select(table.c.id, table.c.owner_code).where(table.c.id.in_(chunk)))
        )
    return found


def insert_rows(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    from .bulk_insert import insert_many

    insert_many(conn, table, rows)


def replace_rows(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """Overwrites whole rows by id (an update that descends, or the winner of a conflict)."""
    if not rows:
        return
    from sqlalchemy import bindparam

    columns = [c.name for c in table.columns if c.name != "id"]
    stmt = update(table).where(table.c.id == bindparam("_id")).values({c: bindparam(c) for c in columns})
    conn.execute(stmt, [{**{c: r[c] for c in columns}, "_id": r["id"]} for r in rows])


def delete_rows(conn: Connection, table: Any, ids: Iterable[str]) -> int:
    wanted = list(ids)
    removed = 0
    for start in range(0, len(wanted), BATCH):
        result = conn.execute(delete(table).where(table.c.id.in_(wanted[start : start + BATCH])))
        removed += result.rowcount or 0
    return removed


# --- keys, peers and state -------------------------------------------------------------------------------
def _tables() -> Any:
    from .models import sync_tables

    return sync_tables


def current_local_key(conn: Connection) -> dict[str, Any] | None:
    t = _tables().LocalKey.__table__
    row = conn.execute(select(t).where(t.c.retired_at.is_(None)).order_by(t.c.created_at.desc()).limit(1)).first()
    return dict(row._mapping) if row else None


def local_keys(conn: Connection) -> list[dict[str, Any]]:
    t = _tables().LocalKey.__table__
    return [dict(r._mapping) for r in conn.execute(select(t).order_by(t.c.created_at))]


def add_local_key(
    conn: Connection, key_id: str, sign_secret: bytes, box_secret: bytes, rotation_chain: list[Any] | None = None
) -> None:
    conn.execute(
        insert(_tables().LocalKey.__table__).values(
            key_id=key_id,
            sign_secret=sign_secret,
            box_secret=box_secret,
            created_at=_now(),
            rotation_chain=rotation_chain or [],
        )
    )


def delete_local_keys(conn: Connection, key_ids: list[str]) -> None:
    if key_ids:
        t = _tables().LocalKey.__table__
        conn.execute(delete(t).where(t.c.key_id.in_(key_ids), t.c.retired_at.is_not(None)))


def revoked_keys(conn: Connection) -> dict[str, dict[str, Any]]:
    t = _tables().RevokedKey.__table__
    return {r.key_id: dict(r._mapping) for r in conn.execute(select(t))}


def _insert_unless_held(conn: Connection, table: Any) -> Any:
    """An INSERT that skips rows whose key is already there, also when another transaction is adding the same
    row at that moment (two schools' bundles carrying the same picture, imported at once on a server)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table).on_conflict_do_nothing()


def revoke_key(conn: Connection, key_id: str, peer_code: str, reason: str) -> None:
    t = _tables().RevokedKey.__table__
    conn.execute(
        _insert_unless_held(conn, t).values(key_id=key_id, peer_code=peer_code, reason=reason, revoked_at=_now())
    )


def insert_missing_local_keys(conn: Connection, rows: list[dict[str, Any]]) -> int:
    """Adds key rows (every column as given) whose key_id is not held yet; held ones stay as they are."""
    t = _tables().LocalKey.__table__
    held = {r[0] for r in conn.execute(select(t.c.key_id))}
    added = 0
    for row in rows:
        if row["key_id"] not in held:
            conn.execute(insert(t).values(row))  # one by one: rows of an older backup may lack columns
            held.add(row["key_id"])
            added += 1
    return added


def retire_local_keys(conn: Connection, except_key: str) -> None:
    t = _tables().LocalKey.__table__
    conn.execute(update(t).where(t.c.key_id != except_key, t.c.retired_at.is_(None)).values(retired_at=_now()))


def get_peer(conn: Connection, code: str) -> dict[str, Any] | None:
    t = _tables().SyncPeer.__table__
    row = conn.execute(select(t).where(t.c.code == code)).first()
    return dict(row._mapping) if row else None


def all_peers(conn: Connection) -> list[dict[str, Any]]:
    t = _tables().SyncPeer.__table__
    return [dict(r._mapping) for r in conn.execute(select(t).order_by(t.c.code))]


def save_peer(conn: Connection, values: dict[str, Any], exists: bool | None = None) -> None:
    t = _tables().SyncPeer.__table__
    if exists is None:
        exists = get_peer(conn, values["code"]) is not None
    if not exists:
        conn.execute(insert(t).values({"enrolled_at": _now(), "last_sequence": 0, **values}))
    else:
        conn.execute(update(t).where(t.c.code == values["code"]).values(values))


def get_state(conn: Connection, peer_code: str) -> dict[str, Any]:
    t = _tables().SyncState.__table__
    row = conn.execute(select(t).where(t.c.peer_code == peer_code)).first()
    if row is None:
        return {
            "peer_code": peer_code,
            "next_sequence": 1,
            "acked_db_id": None,
            "acked_counter": 0,
            "acked_sequence": 0,
            "acked_at": None,
            "resend": [],
            "forks": [],
        }
    return dict(row._mapping)


def save_state(conn: Connection, values: dict[str, Any]) -> None:
    t = _tables().SyncState.__table__
    if conn.execute(select(t.c.peer_code).where(t.c.peer_code == values["peer_code"])).first() is None:
        conn.execute(insert(t).values(values))
    else:
        conn.execute(update(t).where(t.c.peer_code == values["peer_code"]).values(values))


# --- the import log, parked rows, conflicts, outbox, attachments -----------------------------------------
def imports_of_file(conn: Connection, sha256: str) -> list[dict[str, Any]]:
    t = _tables().SyncImport.__table__
    return [dict(r._mapping) for r in conn.execute(select(t).where(t.c.file_sha256 == sha256))]


def bundle_at_sequence(conn: Connection, sender_code: str, sequence: int) -> str | None:
    """The id of the bundle applied from this sender with this sequence number, if any."""
    t = _tables().SyncImport.__table__
    row = conn.execute(
        select(t.c.bundle_id).where(t.c.sender_code == sender_code, t.c.sequence == sequence, t.c.result == "applied")
    ).first()
    return row[0] if row else None


def bundle_applied(conn: Connection, bundle_id: str) -> bool:
    t = _tables().SyncImport.__table__
    return conn.execute(select(t.c.id).where(t.c.bundle_id == bundle_id, t.c.result == "applied")).first() is not None


def log_import(conn: Connection, values: dict[str, Any]) -> int:
    t = _tables().SyncImport.__table__
    result = conn.execute(insert(t).values({"imported_at": _now(), **values}))
    return int(result.inserted_primary_key[0])


def import_log(conn: Connection, limit: int = 200) -> list[dict[str, Any]]:
    t = _tables().SyncImport.__table__
    return [dict(r._mapping) for r in conn.execute(select(t).order_by(t.c.id.desc()).limit(limit))]


def park_rows(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Parks rows; a record already parked (same sender, kind and id, still open) is replaced, not repeated."""
    if not rows:
        return
    t = _tables().ParkedRow.__table__
    for row in rows:
        conn.execute(
            delete(t).where(
                t.c.resolved_at.is_(None),
                t.c.sender_code == row["sender_code"],
                t.c.kind == row["kind"],
                t.c.record_id == row["record_id"],
            )
        )
    conn.execute(insert(t), rows)


def add_conflicts(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(_tables().ConflictCopy.__table__), [{"detected_at": _now(), **r} for r in rows])


def conflicts(conn: Connection, include_resolved: bool = False) -> list[dict[str, Any]]:
    t = _tables().ConflictCopy.__table__
    stmt = select(t).order_by(t.c.id)
    if not include_resolved:
        stmt = stmt.where(t.c.resolved_at.is_(None))
    return [dict(r._mapping) for r in conn.execute(stmt)]


def count_open(conn: Connection) -> int:
    from sqlalchemy import func

    total = 0
    for t in (_tables().ConflictCopy.__table__, _tables().ParkedRow.__table__):
        total += conn.execute(select(func.count()).select_from(t).where(t.c.resolved_at.is_(None))).scalar() or 0
    return total


def get_conflict(conn: Connection, conflict_id: int) -> dict[str, Any] | None:
    t = _tables().ConflictCopy.__table__
    row = conn.execute(select(t).where(t.c.id == conflict_id)).first()
    return dict(row._mapping) if row else None


def resolve_conflicts(conn: Connection, kind: str, record_id: str, resolution: str) -> None:
    """Every open conflict copy of the record is settled by one decision."""
    t = _tables().ConflictCopy.__table__
    conn.execute(
        update(t)
        .where(t.c.kind == kind, t.c.record_id == record_id, t.c.resolved_at.is_(None))
        .values(resolved_at=_now(), resolution=resolution)
    )


def parked_rows(conn: Connection, include_resolved: bool = False) -> list[dict[str, Any]]:
    t = _tables().ParkedRow.__table__
    imports = _tables().SyncImport.__table__
    stmt = (
        select(t, imports.c.imported_at, imports.c.file_name)
        .join(imports, imports.c.id == t.c.import_id, isouter=True)
        .order_by(t.c.id)
    )
    if not include_resolved:
        stmt = stmt.where(t.c.resolved_at.is_(None))
    return [dict(r._mapping) for r in conn.execute(stmt)]


def dismiss_parked(conn: Connection, parked_id: int) -> bool:
    t = _tables().ParkedRow.__table__
    result = conn.execute(
        update(t)
        .where(t.c.id == parked_id, t.c.resolved_at.is_(None))
        .values(resolved_at=_now(), resolution="dismissed")
    )
    return bool(result.rowcount)


def next_counter(conn: Connection) -> tuple[str, int]:
    """Advances this database's change counter (a local change made outside an ORM session)."""
    table = DatabaseMeta.__table__
    conn.execute(update(table).values(change_counter=table.c.change_counter + 1))
    return change_counter(conn)


def erasures_with_archives(conn: Connection, my_code: str) -> list[dict[str, Any]]:
    from .models.erasure import Erasure

    e = Erasure.__table__
    a = _tables().ArchivedRecord.__table__
    imports = _tables().SyncImport.__table__
    out = []
    for row in conn.execute(select(e).order_by(e.c.created_at)):
        # only bundles of the erasure's owner can hold its records (or, for this workspace's own erasures,
        # restore and feedback bundles that came back to it)
        stmt = select(a.c.file_sha256).join(imports, imports.c.file_sha256 == a.c.file_sha256)
        stmt = stmt.where(a.c.record_id == row.target_id)
        if row.owner_code != my_code:
            stmt = stmt.where(imports.c.sender_code == row.owner_code)
        files = sorted({r[0] for r in conn.execute(stmt)})
        last = None
        if files:
            last = conn.execute(
                select(imports.c.imported_at)
                .where(imports.c.file_sha256.in_(files))
                .order_by(imports.c.imported_at.desc())
            ).scalar()
        out.append(
            {
                "id": row.id,
                "owner_code": row.owner_code,
                "target_kind": row.target_kind,
                "target_id": row.target_id,
                "reason": row.reason,
                "erased_at": row.created_at,
                "archived_files": files,
                "last_archived_at": last,
            }
        )
    return out


def archive_import_times(conn: Connection) -> dict[str, Any]:
    """The last time each file was imported (its archive copy is kept from then)."""
    from sqlalchemy import func

    t = _tables().SyncImport.__table__
    stmt = select(t.c.file_sha256, func.max(t.c.imported_at)).where(t.c.result == "applied").group_by(t.c.file_sha256)
    return {sha: when for sha, when in conn.execute(stmt)}


def forget_archived(conn: Connection, file_shas: list[str]) -> None:
    t = _tables().ArchivedRecord.__table__
    for start in range(0, len(file_shas), BATCH):
        conn.execute(delete(t).where(t.c.file_sha256.in_(file_shas[start : start + BATCH])))


def forget_record(conn: Connection, record_id: str, owner_code: str) -> None:
    """A PDPA erasure: remove the owner's copies of a record kept as history or parked (never another's; a
    parked row that named no owner counts as its sender's)."""
    from sqlalchemy import and_, or_

    tables = _tables()
    conflicts = tables.ConflictCopy.__table__
    conn.execute(delete(conflicts).where(conflicts.c.record_id == record_id, conflicts.c.owner_code == owner_code))
    parked = tables.ParkedRow.__table__
    mine = or_(
        parked.c.owner_code == owner_code, and_(parked.c.owner_code.is_(None), parked.c.sender_code == owner_code)
    )
    conn.execute(delete(parked).where(parked.c.record_id == record_id, mine))


def ids_where(conn: Connection, table: Any, column: str, value: str, owner_code: str) -> list[str]:
    """Ids of an owner's rows whose `column` holds `value` (records that refer to another)."""
    stmt = select(table.c.id).where(table.c[column] == value, table.c.owner_code == owner_code)
    return [r[0] for r in conn.execute(stmt)]


def clear_reference(conn: Connection, table: Any, column: str, target_id: str) -> None:
    """Empties `column` wherever it points at a record being erased (a reference declared "set_null"). Every
    database applying the erasure does the same, so the change needs no new version."""
    conn.execute(update(table).where(table.c[column] == target_id).values({column: None}))


def values_in_use(conn: Connection, table: Any, column: str, values: Iterable[str]) -> set[str]:
    wanted = list(values)
    col = table.c[column]
    found: set[str] = set()
    for start in range(0, len(wanted), BATCH):
        found.update(r[0] for r in conn.execute(select(col).where(col.in_(wanted[start : start + BATCH]))))
    return found


def remove_attachments(conn: Connection, shas: Iterable[str]) -> None:
    from .models.attachment import Attachment

    t = Attachment.__table__
    wanted = list(shas)
    for start in range(0, len(wanted), BATCH):
        conn.execute(delete(t).where(t.c.sha256.in_(wanted[start : start + BATCH])))


def resolve_parked(conn: Connection, sender_code: str, kind: str, record_ids: list[str]) -> None:
    """A later copy of these records was accepted: their parked rows from this sender are done."""
    if not record_ids:
        return
    t = _tables().ParkedRow.__table__
    for start in range(0, len(record_ids), BATCH):
        conn.execute(
            update(t)
            .where(
                t.c.resolved_at.is_(None),
                t.c.sender_code == sender_code,
                t.c.kind == kind,
                t.c.record_id.in_(record_ids[start : start + BATCH]),
            )
            .values(resolved_at=_now(), resolution="accepted")
        )


def index_archive(conn: Connection, file_sha256: str, record_ids: list[str]) -> None:
    if record_ids:
        t = _tables().ArchivedRecord.__table__
        from .bulk_insert import insert_many

        insert_many(conn, t, [{"file_sha256": file_sha256, "record_id": r} for r in record_ids], skip_held=True)


def note_arrivals(conn: Connection, import_id: int, rows: list[dict[str, str]]) -> None:
    """Records when records that tracking counts first arrived ((kind, record_id, owner_code) rows): a record
    already noted keeps its first arrival."""
    if rows:
        t = _tables().RecordArrival.__table__
        now = _now()
        from .bulk_insert import insert_many

        insert_many(conn, t, [{**r, "import_id": import_id, "arrived_at": now} for r in rows], skip_held=True)


def backdate_import(conn: Connection, bundle_id: str, when: dt.datetime) -> None:
    """Dates an import, and the arrivals it brought, as if it had happened `when`: for a demo district only, whose
    two hundred schools are imported in one minute but should look as if their bundles came over weeks."""
    imports = _tables().SyncImport.__table__
    arrivals = _tables().RecordArrival.__table__
    conn.execute(update(imports).where(imports.c.bundle_id == bundle_id).values(imported_at=when))
    ids = select(imports.c.id).where(imports.c.bundle_id == bundle_id).scalar_subquery()
    conn.execute(update(arrivals).where(arrivals.c.import_id == ids).values(arrived_at=when))


def parked_to_resend(conn: Connection, sender_code: str, limit: int = 2000) -> list[dict[str, str]]:
    """Records of a sender parked and still open (erased ones aside): the receipt asks for them again."""
    t = _tables().ParkedRow.__table__
    stmt = (
        select(t.c.kind, t.c.record_id)
        .where(t.c.sender_code == sender_code, t.c.resolved_at.is_(None))
        .distinct()
        .order_by(t.c.kind, t.c.record_id)
        .limit(limit)
    )
    return [{"kind": r.kind, "id": r.record_id} for r in conn.execute(stmt) if not r.record_id.startswith("line ")]


def erasure_owners(conn: Connection) -> set[str]:
    from .models.erasure import Erasure

    t = Erasure.__table__
    return {r[0] for r in conn.execute(select(t.c.owner_code).distinct())}


def senders_with_open_parked(conn: Connection) -> set[str]:
    t = _tables().ParkedRow.__table__
    return {r[0] for r in conn.execute(select(t.c.sender_code).where(t.c.resolved_at.is_(None)).distinct()) if r[0]}


def erased_ids(conn: Connection, ids: Iterable[str]) -> set[tuple[str, str]]:
    """(owner, record id) of the given ids that an erasure names."""
    from .models.erasure import Erasure

    t = Erasure.__table__
    wanted = list(ids)
    found: set[tuple[str, str]] = set()
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        found.update(
            (r.owner_code, r.target_id)
            # a withdrawn erasure (a tombstone on the erasure itself) still counts: erasure is final
            for r in conn.execute(select(t.c.owner_code, t.c.target_id).where(t.c.target_id.in_(chunk)))
        )
    return found


def add_outbox(conn: Connection, values: dict[str, Any]) -> None:
    conn.execute(insert(_tables().OutboxEntry.__table__).values({"created_at": _now(), **values}))


def outbox(conn: Connection) -> list[dict[str, Any]]:
    t = _tables().OutboxEntry.__table__
    return [dict(r._mapping) for r in conn.execute(select(t).order_by(t.c.created_at.desc()))]


def remove_outbox(conn: Connection, bundle_ids: Iterable[str]) -> None:
    t = _tables().OutboxEntry.__table__
    conn.execute(delete(t).where(t.c.bundle_id.in_(list(bundle_ids))))


def known_attachments(conn: Connection, shas: Iterable[str]) -> set[str]:
    from .models.attachment import Attachment

    t = Attachment.__table__
    wanted = list(shas)
    found: set[str] = set()
    for start in range(0, len(wanted), BATCH):
        found.update(
            r[0] for r in conn.execute(select(t.c.sha256).where(t.c.sha256.in_(wanted[start : start + BATCH])))
        )
    return found


def add_attachments(conn: Connection, rows: list[dict[str, Any]], data_dir: Path) -> None:
    """Lists attachment files (already in the data folder's store). On a server their bytes go into the database
    too, in the same transaction, so the other staff's computers can take them from there."""
    from .models.attachment import Attachment, AttachmentContent

    if not rows:
        return
    conn.execute(_insert_unless_held(conn, Attachment.__table__), [{"created_at": _now(), **r} for r in rows])
    if conn.dialect.name == "sqlite":
        return
    from .. import attachment_store

    for sha in dict.fromkeys(r["sha256"] for r in rows):  # one at a time: a file may be tens of megabytes
        content = attachment_store.local_bytes(data_dir, sha)
        conn.execute(_insert_unless_held(conn, AttachmentContent.__table__), [{"sha256": sha, "content": content}])


def sync_settings(conn: Connection) -> dict[str, Any]:
    t = _tables().SyncSetting.__table__
    return {r.key: r.value for r in conn.execute(select(t))}


def save_sync_settings(conn: Connection, values: dict[str, Any]) -> None:
    t = _tables().SyncSetting.__table__
    for key, value in values.items():
        conn.execute(delete(t).where(t.c.key == key))
        conn.execute(insert(t).values(key=key, value=value))


def _now() -> Any:
    from .types import utcnow

    return utcnow()
