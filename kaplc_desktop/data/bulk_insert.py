"""Many rows into one table at once: the driver's executemany, each value converted by SQLAlchemy's own bind
processor for its column, so what is stored is exactly what a Core insert stores, without Core building its
parameters again for every row. A district's year of bundles writes 800,000 rows; that building was a fifth of the
import's time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

Processor = Callable[[Any], Any] | None


def insert_many(conn: Any, table: Any, rows: Sequence[dict[str, Any]], skip_held: bool = False) -> None:
    """Inserts `rows` (dicts of column → value, every row naming the same columns); `skip_held` leaves out a row
    whose key is already there, also when another transaction adds it at that moment. Rows of other shapes, or
    leaving out a column the program fills in, go through a Core insert."""
    if not rows:
        return
    names = tuple(rows[0])
    plan = _plan(conn.dialect, table, names, skip_held)
    shape = set(names)
    if plan is None or any(row.keys() != shape for row in rows):
        conn.execute(_core_insert(conn, table, skip_held), list(rows))
        return
    sql, processors = plan
    conn.exec_driver_sql(
        sql, [tuple(p(row[n]) if p else row[n] for n, p in zip(names, processors, strict=True)) for row in rows]
    )
    _note_written(conn, table.name, {row["id"] for row in rows if isinstance(row.get("id"), str)})


def _core_insert(conn: Any, table: Any, skip_held: bool) -> Any:
    if not skip_held:
        from sqlalchemy import insert

        return insert(table)
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table).on_conflict_do_nothing()


@lru_cache(maxsize=512)
def _plan(dialect: Any, table: Any, names: tuple[str, ...], skip_held: bool) -> tuple[str, list[Processor]] | None:
    """The statement and each column's converter, or None when a column left out has a default the program
    computes (a Core insert fills that in)."""
    columns = {c.name: c for c in table.columns}
    if any(n not in columns for n in names):
        return None
    for name, column in columns.items():
        if name not in names and column.default is not None:
            return None
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join([mark] * len(names))})"
    )
    if skip_held:  # as Core's on_conflict_do_nothing on both databases (never SQLite's OR IGNORE, which hides more)
        sql += " ON CONFLICT DO NOTHING"
    processors = [columns[n].type._cached_bind_processor(dialect) for n in names]
    return sql, processors


def _note_written(conn: Any, table: str, ids: set[str]) -> None:
    """Told to the change log as a Core insert would be (it reads Core statements only)."""
    from .change_log import PENDING_KEY

    tables, noted = conn.info.setdefault(PENDING_KEY, (set(), set()))
    tables.add(table)
    noted.update(ids)
