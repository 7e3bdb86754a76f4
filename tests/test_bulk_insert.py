"""The import's fast insert stores what a Core insert stores, value for value and type for type, on both
databases; it skips rows already held when asked, and the window still hears what was written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select
from sync_support import make_district, make_school

from kaplc_desktop.data import sync_repository as repo
from kaplc_desktop.data.bulk_insert import insert_many
from kaplc_desktop.data.change_log import Changes
from kaplc_desktop.sync.kinds import all_kinds

pytestmark = pytest.mark.both_databases


def _as_stored(conn: Any, table: Any) -> list[tuple[Any, ...]]:
    """Every value as the database itself writes it as text (and, on SQLite, the type it keeps it as)."""
    names = [c.name for c in table.columns]
    if conn.dialect.name == "sqlite":
        shown = ", ".join(f'"{n}", typeof("{n}")' for n in names)
    else:
        shown = ", ".join(f'"{n}"::text' for n in names)
    return [tuple(r) for r in conn.exec_driver_sql(f'SELECT {shown} FROM "{table.name}" ORDER BY id')]


def test_rows_are_stored_as_a_core_insert_stores_them(tmp_path: Path, district_db: str) -> None:
    district = make_district(tmp_path / "district")
    school = make_school(tmp_path / "school", district, staff=12)
    spec = all_kinds()["personnel"]
    try:
        with school.ctx.db.engine.connect() as conn:
            rows = list(repo.export_rows(conn, spec.table))
        rows[0]["deleted_at"] = dt.datetime(2026, 11, 29, 7, 30, 15, 123456, tzinfo=dt.UTC)  # a tombstone
        rows[1]["learning_areas"] = []
        assert len(rows) == 12 and any(r["start_date"] for r in rows) and any(r["learning_areas"] for r in rows)
        heard: list[Changes] = []
        district.ctx.db.changes.subscribe(heard.append)
        engine = district.ctx.db.engine
        with engine.begin() as conn:
            insert_many(conn, spec.table, rows)
        with engine.connect() as conn:
            fast = _as_stored(conn, spec.table)
            fast_read = [dict(r._mapping) for r in conn.execute(select(spec.table).order_by(spec.table.c.id))]
        assert heard and "personnel" in heard[-1].tables and {r["id"] for r in rows} <= heard[-1].ids
        with engine.begin() as conn:
            conn.execute(spec.table.delete())
            conn.execute(insert(spec.table), rows)
        with engine.connect() as conn:
            assert _as_stored(conn, spec.table) == fast
            core_read = [dict(r._mapping) for r in conn.execute(select(spec.table).order_by(spec.table.c.id))]
        assert fast_read == core_read == sorted(rows, key=lambda r: r["id"])
    finally:
        school.close()
        district.close()


def test_rows_already_held_are_skipped_when_asked(tmp_path: Path, district_db: str) -> None:
    from sqlalchemy.exc import IntegrityError

    from kaplc_desktop.data.models.sync_tables import ArchivedRecord

    district = make_district(tmp_path / "district")
    table = ArchivedRecord.__table__
    engine = district.ctx.db.engine
    try:
        first = [{"file_sha256": "a" * 64, "record_id": f"{n:036d}"} for n in range(3)]
        with engine.begin() as conn:
            insert_many(conn, table, first, skip_held=True)
            insert_many(conn, table, [*first[1:], {"file_sha256": "b" * 64, "record_id": "0" * 36}], skip_held=True)
        with engine.connect() as conn:
            files = conn.execute(select(table.c.file_sha256)).scalars().all()
            assert files.count("a" * 64) == 3
            assert len(conn.execute(select(table)).all()) == 4
        with pytest.raises(IntegrityError), engine.begin() as conn:  # not asked: a row held twice is an error
            insert_many(conn, table, first[:1])
    finally:
        district.close()


def test_rows_of_other_shapes_go_through_a_core_insert(tmp_path: Path, district_db: str) -> None:
    """A row without a column the program fills in (created_at) gets it, as from a Core insert."""
    from kaplc_desktop.data.models.attachment import Attachment

    district = make_district(tmp_path / "district")
    table = Attachment.__table__
    try:
        with district.ctx.db.engine.begin() as conn:
            insert_many(conn, table, [{"sha256": "c" * 64, "size": 3, "media_type": "image/jpeg"}])
        with district.ctx.db.engine.connect() as conn:
            held = conn.execute(select(table)).mappings().one()
        assert held["sha256"] == "c" * 64 and held["created_at"] is not None
    finally:
        district.close()
