"""Where a workspace's database lives: a SQLite file in the data folder (the default) or a PostgreSQL server
that several district staff share. Everything that differs between the two is said here, once.

The fast readers (reads, record_reads, plc_reads) write their SQL with `?` placeholders and the few
expressions the two databases spell differently (`Store.sql`); the ORM gets its engine from `make_engine`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .sqlite_connect import connect

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine


@dataclass(frozen=True)
class SqlSpelling:
    """SQL that SQLite and PostgreSQL write differently. Each is a format string over column expressions."""

    greatest: str  # {a}, {b}: the larger of two values
    least: str
    year_day: str  # {year}, {month}, {day}: a date (as the store keeps dates) in the Gregorian year given
    fiscal_year: str  # {date}: the Thai fiscal year (1 Oct – 30 Sep) a date falls in, by its ending year (CE)
    ordered_join: str  # an inner join; SQLite's CROSS JOIN also keeps the tables in the order written


SQLITE_SQL = SqlSpelling(
    greatest="max({a}, {b})",
    least="min({a}, {b})",
    year_day="printf('%04d-{month:02d}-{day:02d}', {year})",
    fiscal_year="(CAST(substr({date}, 1, 4) AS INTEGER) + (substr({date}, 6, 2) >= '10'))",
    ordered_join="CROSS JOIN",
)
POSTGRES_SQL = SqlSpelling(
    greatest="greatest({a}, {b})",
    least="least({a}, {b})",
    year_day="make_date({year}, {month}, {day})",
    fiscal_year="(CAST(extract(year FROM {date}) AS INTEGER) + CASE WHEN extract(month FROM {date}) >= 10 "
    "THEN 1 ELSE 0 END)",
    ordered_join="JOIN",
)


class Store(ABC):
    """A database as the readers and the ORM see it: SqliteStore (below) or server_store.ServerStore."""

    sql: SqlSpelling
    is_server: bool

    @abstractmethod
    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of one read-only query written with `?` placeholders."""

    @abstractmethod
    def has_table(self, name: str) -> bool:
        """Whether the app's schema has this table (an older database may lack a later one)."""

    @abstractmethod
    def make_engine(self) -> Engine:
        """The ORM's engine for writes, built once by Database on the first write."""

    @abstractmethod
    def defer_foreign_keys(self, conn: Connection) -> None:
        """References are checked at commit from here on, so records that point at each other land together."""

    @abstractmethod
    def lock(self, conn: Connection, name: str) -> None:
        """Holds the lock called `name` until the transaction ends: the same work started on another computer (an
        import of the same school's bundles, making the workspace's keys) waits, then sees this one's result."""

    def lock_sender(self, conn: Connection, code: str) -> None:
        self.lock(conn, f"kaplc-import:{code}")

    @property
    @abstractmethod
    def label(self) -> str:
        """Where the data is, as the user may be told (never a password)."""


class SqliteStore(Store):
    sql = SQLITE_SQL
    is_server = False

    def __init__(self, path: Path) -> None:
        self.path = path

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        conn = connect(self.path, read_only=True)
        try:
            return conn.execute(sql, tuple(params)).fetchall()
        finally:
            conn.close()

    def has_table(self, name: str) -> bool:
        return bool(self.rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)))

    def make_engine(self) -> Engine:
        from sqlalchemy import create_engine, event
        from sqlalchemy.pool import QueuePool

        # "sqlite://" with a creator would default to one shared connection per thread; a file store wants a
        # pool of real connections (a read may run while a write transaction is open).
        engine = create_engine("sqlite://", creator=lambda: connect(self.path), poolclass=QueuePool)
        # the driver runs in autocommit mode (sqlite_connect): SQLAlchemy's transactions begin here
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        return engine

    def defer_foreign_keys(self, conn: Connection) -> None:
        conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")

    def lock(self, conn: Connection, name: str) -> None:
        # one process at a time holds a SQLite workspace (instance_lock), and SQLite has one writer at a time
        return None

    @property
    def label(self) -> str:
        return str(self.path)
