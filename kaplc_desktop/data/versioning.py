"""Stamps versions and timestamps on synced records when a local session flushes them.

Each flush that changes synced records takes the next value of the database's change counter. A session
opened for importing (info["import"] = True) keeps the versions and timestamps it was given.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from .models.meta import DatabaseMeta
from .sync_mixin import SyncMixin
from .types import utcnow

OWNER_KEY = "owner_code"
IMPORT_KEY = "import"


def _changed(session: Session) -> list[SyncMixin]:
    new = [o for o in session.new if isinstance(o, SyncMixin)]
    dirty = [o for o in session.dirty if isinstance(o, SyncMixin) and session.is_modified(o)]
    return new + dirty


def next_version(session: Session) -> tuple[str, int]:
    """Advances the change counter inside the current transaction and returns (db_id, counter)."""
    table = DatabaseMeta.__table__
    conn = session.connection()
    conn.execute(update(table).values(change_counter=table.c.change_counter + 1))
    row = conn.execute(select(table.c.db_id, table.c.change_counter)).one()
    return row.db_id, row.change_counter


@event.listens_for(Session, "before_flush")
def _stamp_versions(session: Session, flush_context: Any, instances: Any) -> None:
    if session.info.get(IMPORT_KEY):
        return
    changed = _changed(session)
    if not changed:
        return
    db_id, counter = next_version(session)
    now = utcnow()
    new = {id(o) for o in session.new}  # session.new is built afresh on each access: once, not per record
    for obj in changed:
        if id(obj) in new:
            if getattr(obj, "owner_code", None) is None:
                owner = session.info.get(OWNER_KEY)
                if not owner:
                    raise RuntimeError("session has no owner_code for new synced records")
                obj.owner_code = owner
            obj.created_at = obj.created_at or now
        obj.updated_at = now
        obj.version_db = db_id
        obj.version_counter = counter
        vector = dict(obj.version_vector or {})
        vector[db_id] = counter
        obj.version_vector = vector
