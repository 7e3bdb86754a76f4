"""Opening the store (a SQLite file, or a PostgreSQL server): schema check, the database's identity, and the
ORM engine built on first use.

Opening a SQLite file does not import SQLAlchemy (unless the schema must be upgraded): lists are filled by
`reads`, and the engine and session factory are created the first time something is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .change_log import ChangeBus
from .identity import ensure_identity
from .schema import ensure_current
from .store import SqliteStore, Store

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker


class Database:
    def __init__(self, store: Store, db_id: str, upgraded_from: str | None, backup_path: Path | None) -> None:
        self.store = store
        self.db_id = db_id
        self.upgraded_from = upgraded_from
        self.backup_path = backup_path
        self._owner_code = ""
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self.changes = ChangeBus()  # what each committed write changed (change_log.py)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from . import versioning  # noqa: F401  (installs the version-stamping hook)
            from .change_log import watch

            engine = self.store.make_engine()

            watch(engine, self.changes)
            self._engine = engine
        return self._engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        """Sessions for writing; each carries the owner code stamped on records it creates."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            from .versioning import OWNER_KEY

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
            self._sessions.kw["info"] = {OWNER_KEY: self._owner_code}
        return self._sessions

    @property
    def owner_code(self) -> str:
        """The code of the school or office whose workspace this is ("" before set-up)."""
        return self._owner_code

    def set_owner(self, owner_code: str) -> None:
        self._owner_code = owner_code
        if self._sessions is not None:
            from .versioning import OWNER_KEY

            self._sessions.kw["info"] = {OWNER_KEY: owner_code}

    @property
    def file(self) -> Path | None:
        """The database file, or None on a server (which is backed up and restored with pg_dump, not copied)."""
        return self.store.path if isinstance(self.store, SqliteStore) else None

    def renew_id(self) -> str:
        """A new database id (the old one joins previous_db_ids): after a rewind, or a restore."""
        if self.file is not None:
            from .identity import renew_db_id

            self.db_id = renew_db_id(self.file)
        else:
            from .server_schema import renew_identity_on_server

            self.db_id = renew_identity_on_server(self.engine)
        return self.db_id

    def remember_high_water(self) -> None:
        """Keeps (db id, change counter) beside a database file, to know it again if an older copy comes back. A
        server's database is restored by its administrator, not by the app."""
        if self.file is not None:
            from .identity import record_high_water

            record_high_water(self.file)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def open_database(db_path: Path, backups_dir: Path, server_url: str | None = None) -> Database:
    """The workspace's database: the file at db_path, or the PostgreSQL database at server_url."""
    if server_url:
        from .server_schema import ensure_current_on_server, ensure_identity_on_server
        from .server_store import ServerStore

        server = ServerStore(server_url)
        upgraded_from = ensure_current_on_server(server)
        return Database(server, ensure_identity_on_server(server), upgraded_from, None)
    upgraded_from, backup = ensure_current(db_path, backups_dir)
    return Database(SqliteStore(db_path), ensure_identity(db_path), upgraded_from, backup)


def warm_up_orm() -> None:
    """Loads SQLAlchemy and the models (about half a second), e.g. in a thread once the window shows."""
    from sqlalchemy import orm  # noqa: F401

    from . import models, versioning  # noqa: F401
