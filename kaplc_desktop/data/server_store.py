"""A workspace on a PostgreSQL server, shared by the district office's staff (through psycopg 3).

Reads come back in the shapes SQLite gives (dates, timestamps and JSON as text), so the readers decode one
format. An import holds a transaction-scoped advisory lock on the sending school's code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..errors import DatabaseOpenError
from ..i18n import _
from .store import POSTGRES_SQL, Store

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_S = 10
# columns the readers take as text, as SQLite stores them
TEXT_TYPES = ("date", "timestamp", "json", "jsonb")


def normalise_url(url: str) -> str:
    """postgres:// and postgresql:// (as psql and hosting panels write them) use psycopg 3."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            full = DRIVER + "://" + url[len(prefix) :]
            break
    else:  # said by its scheme only: the rest may hold a password
        raise DatabaseOpenError(
            _(
                "“{scheme}://…” is not a PostgreSQL address. Write it as postgresql://user:password@server/database "
                "(ask whoever set up the office server)."
            ).format(scheme=url.partition("://")[0][:40])
        )
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        make_url(full).port  # noqa: B018  (a port that is not a number is found here, not at the first query)
    except (ValueError, ArgumentError):
        raise DatabaseOpenError(
            _(
                "The server address cannot be read. Write it as postgresql://user:password@server:port/database; "
                "in the password, write @ as %40, : as %3A, / as %2F, ? as %3F and # as %23."
            )
        ) from None
    return full


def load_driver() -> Any:
    """Imports psycopg. The frozen app ships no `ssl` module (no OpenSSL of Python's own): psycopg imports it only
    so that Python's OpenSSL is set up before libpq's, which brings and sets up its own; an empty stand-in serves
    for that one import. asyncio (through SQLAlchemy) is imported first, so it still finds no ssl and does
    without, as it should."""
    import sys

    if "psycopg" in sys.modules:
        return sys.modules["psycopg"]
    import sqlalchemy  # noqa: F401  (imports asyncio)

    try:
        import ssl  # noqa: F401
    except ImportError:
        import types

        sys.modules["ssl"] = types.ModuleType("ssl", "a stand-in while psycopg is imported (no TLS of Python's own)")
        try:
            import psycopg
        finally:
            del sys.modules["ssl"]
    else:
        import psycopg
    return psycopg


def _pyformat(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


class ServerStore(Store):
    sql = POSTGRES_SQL
    is_server = True

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from sqlalchemy import create_engine

            load_driver()
            self._engine = create_engine(
                self.url,
                pool_pre_ping=True,  # a server restarted overnight: the next read reconnects
                connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "KA-PLC Desktop"},
            )
        return self._engine

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        conn = self.engine.raw_connection()  # loads the driver first
        from psycopg.types.string import TextLoader

        try:
            cur = conn.cursor()
            for name in TEXT_TYPES:
                cur.adapters.register_loader(name, TextLoader)  # type: ignore[attr-defined]
            cur.execute(_pyformat(sql), tuple(params))
            found = [tuple(r) for r in cur.fetchall()]
            conn.rollback()  # ends the read's transaction before the connection goes back to the pool
            return found
        except BaseException:
            conn.invalidate()  # never back to the pool: resetting a connection the server dropped prints a trace
            raise
        finally:
            conn.close()

    def has_table(self, name: str) -> bool:
        return bool(self.rows("SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?", (name,)))

    def make_engine(self) -> Engine:
        return self.engine

    def defer_foreign_keys(self, conn: Connection) -> None:
        conn.exec_driver_sql("SET CONSTRAINTS ALL DEFERRED")

    def lock(self, conn: Connection, name: str) -> None:
        from sqlalchemy import text

        conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": name})

    @property
    def label(self) -> str:
        from urllib.parse import unquote

        from sqlalchemy.engine import make_url

        shown = make_url(self.url).render_as_string(hide_password=True).replace(DRIVER + "://", "postgresql://")
        return unquote(shown)  # host=/var/run/postgresql, not host=%2Fvar%2Frun%2Fpostgresql

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


# Foreign keys are made deferrable after every upgrade, so an import can check references at commit (SQLite's
# PRAGMA defer_foreign_keys); a migration that adds one need not remember to. (%% is the driver's escaped %.)
DEFERRABLE_FOREIGN_KEYS = """
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT conrelid::regclass AS tbl, conname FROM pg_constraint
           WHERE contype = 'f' AND NOT condeferrable AND connamespace = current_schema()::regnamespace
  LOOP
    EXECUTE format('ALTER TABLE %%s ALTER CONSTRAINT %%I DEFERRABLE INITIALLY IMMEDIATE', r.tbl, r.conname);
  END LOOP;
END $$
"""
