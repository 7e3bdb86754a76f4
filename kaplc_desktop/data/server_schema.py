"""Bringing a PostgreSQL database to the app's schema, and its identity row.

Migrations run in one transaction (PostgreSQL's DDL is transactional: a failed upgrade leaves the schema as it
was), under an advisory lock so two staff opening the app after an update do not upgrade twice. No file
backup is made: a server database is backed up with pg_dump, by whoever runs the server.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from ..errors import DatabaseOpenError
from ..i18n import _
from .migrations import HEAD_REVISION
from .schema import check_not_newer, migrate
from .server_store import DEFERRABLE_FOREIGN_KEYS, ServerStore, load_driver

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

SCHEMA_LOCK = "kaplc-schema"


def unreachable(store: ServerStore, reason: object) -> DatabaseOpenError:
    first_line = str(reason).strip().splitlines()[0] if str(reason).strip() else type(reason).__name__
    return DatabaseOpenError(
        _(
            "Could not open the database on the server {where} ({reason}). Check that the server is on and "
            "this computer is on the office network, and that the address, user and password are right; "
            "then try again."
        ).format(where=store.label, reason=first_line[:300])
    )


def not_allowed(store: ServerStore) -> DatabaseOpenError:
    return DatabaseOpenError(
        _(
            "The user of the address {where} may not create KA-PLC's tables in that database. Ask whoever looks "
            "after the server to make that user the database's owner (or to set KA-PLC up once as its owner)."
        ).format(where=store.label)
    )


def _not_kaplc(store: ServerStore) -> DatabaseOpenError:
    return DatabaseOpenError(
        _(
            "The database {where} already holds other tables and is not a KA-PLC database. "
            "Ask for an empty database of its own for KA-PLC."
        ).format(where=store.label)
    )


def server_revision(store: ServerStore) -> str | None:
    if not store.has_table("alembic_version"):
        if store.rows("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")[0][0]:
            raise _not_kaplc(store)
        return None
    if not store.has_table("workspace"):  # another program's Alembic history, not KA-PLC's
        raise _not_kaplc(store)
    found = store.rows("SELECT version_num FROM alembic_version")
    return found[0][0] if found else None


def ensure_current_on_server(store: ServerStore) -> str | None:
    """Creates or upgrades the server's schema to the head revision; returns the revision it had."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError, OperationalError

    psycopg = load_driver()
    try:
        revision = server_revision(store)
        check_not_newer(revision, store.label)
        if revision == HEAD_REVISION:
            return revision
        with store.engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": SCHEMA_LOCK})
            now = server_revision(store)  # another machine may have upgraded while this one waited
            if now != HEAD_REVISION:
                check_not_newer(now, store.label)
                migrate(conn)
                conn.exec_driver_sql(DEFERRABLE_FOREIGN_KEYS)
        return revision
    except OperationalError as exc:
        raise unreachable(store, exc.orig or exc) from None
    except (psycopg.OperationalError, psycopg.ProgrammingError) as exc:  # from the pool, before SQLAlchemy wraps it
        raise unreachable(store, exc) from None
    except DBAPIError as exc:
        if isinstance(exc.orig, psycopg.errors.InsufficientPrivilege):
            raise not_allowed(store) from None
        raise


def ensure_identity_on_server(store: ServerStore) -> str:
    """The database's random id, minted on first use. A server database is never copied by the app, so it is
    not checked for copies and restores the way a file is (identity.py)."""
    from sqlalchemy import text

    found = store.rows("SELECT db_id FROM db_meta")  # read first: a user who may only read the data can open it
    if found:
        return str(found[0][0])
    with store.engine.begin() as conn:
        conn.execute(text("LOCK TABLE db_meta IN EXCLUSIVE MODE"))
        row = conn.execute(text("SELECT db_id FROM db_meta")).first()
        if row is not None:
            return str(row[0])
        db_id = str(uuid.uuid4())
        conn.execute(
            text(
                "INSERT INTO db_meta (singleton, db_id, change_counter, home_path, home_inode, previous_db_ids) "
                "VALUES (1, :id, 0, :home, '', '[]')"
            ),
            {"id": db_id, "home": store.label},
        )
        return db_id


def renew_identity_on_server(engine: Engine) -> str:
    import json

    from sqlalchemy import text

    with engine.begin() as conn:
        old, previous = conn.execute(text("SELECT db_id, previous_db_ids FROM db_meta FOR UPDATE")).one()
        db_id = str(uuid.uuid4())
        conn.execute(
            text("UPDATE db_meta SET db_id = :id, previous_db_ids = :previous"),
            {"id": db_id, "previous": json.dumps([*json.loads(previous or "[]"), old])},
        )
    return db_id
