"""Where a test's district keeps its data (set per test by conftest's district_db fixture), and reading or
changing that data behind the app's back, on either database, as the tests of tampering need."""

from __future__ import annotations

import datetime as dt
import decimal
import re
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kaplc_desktop.paths import database_path
from kaplc_desktop.server_link import read_link


def _sqlite_only() -> str | None:
    return None


# a new, empty server database's URL for the next district, or None for the folder's own SQLite file
new_district_url: Callable[[], str | None] = _sqlite_only


def district_url() -> str | None:
    return new_district_url()


def _query(folder: Path, sql: str, params: Iterable[Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
    url = read_link(folder)
    if url is None:  # read-only: a folder without a database is an error, not a new empty file
        conn = sqlite3.connect(f"{database_path(folder).as_uri()}?mode=ro", uri=True)
        try:
            cur = conn.execute(sql, tuple(params))
            return [c[0] for c in cur.description or ()], cur.fetchall()
        finally:
            conn.close()
    import psycopg
    from psycopg.types.string import TextLoader

    with psycopg.connect(_plain(url)) as conn:
        cur = conn.cursor()
        for name in ("date", "timestamp", "json", "jsonb"):  # as SQLite gives them, like the app's readers
            cur.adapters.register_loader(name, TextLoader)
        cur.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(params))  # type: ignore[arg-type]
        return [c.name for c in cur.description or ()], [tuple(map(_as_sqlite_gives, r)) for r in cur.fetchall()]


_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?")


def _as_sqlite_gives(value: Any) -> Any:
    """A server's value as SQLite holds the same data (to compare a school's rows with the district's): booleans
    as 0/1, whole numbers as int, timestamps with all six digits of their microseconds, bytes as bytes."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str) and _TIMESTAMP.fullmatch(value):
        return dt.datetime.fromisoformat(value).isoformat(" ", "microseconds")
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def _plain(url: str) -> str:
    from kaplc_desktop.data.server_store import normalise_url

    return normalise_url(url).replace("postgresql+psycopg://", "postgresql://")


def folder_rows(folder: Path, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
    """The rows of a query (`?` placeholders) on a data folder's database, whichever it is."""
    return _query(folder, sql, params)[1]


def folder_dicts(folder: Path, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
    names, rows = _query(folder, sql, params)
    return [dict(zip(names, r, strict=True)) for r in rows]


def folder_tables(folder: Path) -> list[str]:
    """The app's tables in the folder's database, by name."""
    if read_link(folder) is None:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    else:
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    return [r[0] for r in folder_rows(folder, sql)]


def folder_columns(folder: Path, table: str) -> list[str]:
    return _query(folder, f'SELECT * FROM "{table}" WHERE 1 = 0', ())[0]


def folder_execute(folder: Path, sql: str, params: Iterable[Any] = ()) -> int:
    """Changes a data folder's database behind the app's back (a forged or damaged row); returns rows changed."""
    url = read_link(folder)
    if url is None:
        conn = sqlite3.connect(database_path(folder))
        try:
            with conn:
                return conn.execute(sql, tuple(params)).rowcount
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(_plain(url)) as conn:
        return conn.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(params)).rowcount  # type: ignore[arg-type]
