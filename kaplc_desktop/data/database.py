"""Opening the SQLite store: schema check, the database's identity, and the ORM engine built on first use.

Opening does not import SQLAlchemy (unless the schema must be upgraded): lists are filled by `reads`, and
the engine and session factory are created the first time something is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .change_log import ChangeBus
from .identity import ensure_identity
from .schema import ensure_current
from .sqlite_connect import connect

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker


class Database:
    def __init__(self, path: Path, db_id: str, upgraded_from: str | None, backup_path: Path | None) -> None:
        self.path = path
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
            from sqlalchemy import create_engine, event
            from sqlalchemy.pool import QueuePool

            from . import versioning  # noqa: F401  (installs the version-stamping hook)

            # "sqlite://" with a creator would default to one shared connection per thread; a file store
            # wants a pool of real connections (a read may run while a write transaction is open).
            engine = create_engine("sqlite://", creator=lambda: connect(self.path), poolclass=QueuePool)
            event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
            from .change_log import watch

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

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def open_database(db_path: Path, backups_dir: Path) -> Database:
    upgraded_from, backup = ensure_current(db_path, backups_dir)
    return Database(db_path, ensure_identity(db_path), upgraded_from, backup)


def warm_up_orm() -> None:
    """Loads SQLAlchemy and the models (about half a second), e.g. in a thread once the window shows."""
    from sqlalchemy import orm  # noqa: F401

    from . import models, versioning  # noqa: F401
