"""The SQL behind sync: reading synced rows for export and writing imported ones, in bulk, with Core."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from .models.meta import DatabaseMeta

BATCH = 500


def change_counter(conn: Connection) -> tuple[str, int]:
    row = conn.execute(select(DatabaseMeta.db_id, DatabaseMeta.change_counter)).one()
    return row.db_id, row.change_counter


def export_rows(
    conn: Connection,
    table: Any,
    *,
    owner_code: str | None = None,
    scope: tuple[str, str] | None = None,
    since: tuple[str, int] | None = None,
) -> Iterator[dict[str, Any]]:
    """Rows of a synced table: of one owner, for one school (scope column, value), changed since a version."""
    stmt = select(table)
    if owner_code is not None:
        stmt = stmt.where(table.c.owner_code == owner_code)
    if scope is not None:
        stmt = stmt.where(table.c[scope[0]] == scope[1])
    if since is not None:
        stmt = stmt.where(table.c.version_db == since[0], table.c.version_counter > since[1])
    for row in conn.execute(stmt.order_by(table.c.id)).yield_per(BATCH):
        yield dict(row._mapping)


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


def insert_rows(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(table), rows)


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


def add_local_key(conn: Connection, key_id: str, sign_secret: bytes, box_secret: bytes) -> None:
    conn.execute(
        insert(_tables().LocalKey.__table__).values(
            key_id=key_id, sign_secret=sign_secret, box_secret=box_secret, created_at=_now()
        )
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
    if rows:
        conn.execute(insert(_tables().ParkedRow.__table__), rows)


def add_conflicts(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(_tables().ConflictCopy.__table__), [{"detected_at": _now(), **r} for r in rows])


def open_conflicts(conn: Connection) -> list[dict[str, Any]]:
    t = _tables().ConflictCopy.__table__
    return [dict(r._mapping) for r in conn.execute(select(t).where(t.c.resolved_at.is_(None)).order_by(t.c.id))]


def forget_record(conn: Connection, record_id: str) -> None:
    """A PDPA erasure: remove every copy of a record kept as history or parked."""
    tables = _tables()
    conn.execute(delete(tables.ConflictCopy.__table__).where(tables.ConflictCopy.__table__.c.record_id == record_id))
    conn.execute(delete(tables.ParkedRow.__table__).where(tables.ParkedRow.__table__.c.record_id == record_id))


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


def add_attachments(conn: Connection, rows: list[dict[str, Any]]) -> None:
    from .models.attachment import Attachment

    if rows:
        conn.execute(insert(Attachment.__table__).prefix_with("OR IGNORE"), [{"created_at": _now(), **r} for r in rows])


def _now() -> Any:
    from .types import utcnow

    return utcnow()
