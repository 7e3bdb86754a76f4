"""The store: creation, pragmas, upgrades with backups, refusals, identity and versions."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select, text
from support import teacher

from kaplc_desktop.context import AppContext
from kaplc_desktop.data.migrations import HEAD_REVISION
from kaplc_desktop.data.models import Person
from kaplc_desktop.data.schema import KEEP_BACKUPS, backup_database, read_revision
from kaplc_desktop.data.versioning import IMPORT_KEY
from kaplc_desktop.errors import DatabaseOpenError, InstanceLockedError, SchemaTooNewError, WorkspaceError
from kaplc_desktop.paths import DB_FILENAME
from kaplc_desktop.services.workspace import clean_school_setup

FIXTURES = Path(__file__).parent / "fixtures"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fresh_database_is_created_at_head_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    with AppContext.open(tmp_path, create=True) as ctx:
        assert read_revision(tmp_path / DB_FILENAME) == HEAD_REVISION
        with ctx.db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert ctx.db.backup_path is None
        assert not (tmp_path / "backups").exists()


def test_opening_without_create_refuses_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="ยังไม่มีพื้นที่ทำงาน"):
        AppContext.open(tmp_path / "nothing")
    assert not (tmp_path / "nothing").exists()


def test_upgrade_from_first_revision_keeps_data_and_writes_a_backup(tmp_path: Path) -> None:
    shutil.copyfile(FIXTURES / "db-rev0001.sqlite3", tmp_path / DB_FILENAME)
    before = sha(tmp_path / DB_FILENAME)
    with AppContext.open(tmp_path) as ctx:
        assert ctx.db.upgraded_from == "0001"
        assert read_revision(tmp_path / DB_FILENAME) == HEAD_REVISION
        info = ctx.workspace.get()
        assert info is not None and info.school_name == "โรงเรียนบ้านเก่า"
        added = ctx.personnel.add(teacher())
        assert added.first_name_th == "สมชาย"
    backups = list((tmp_path / "backups").glob("kaplc-*-rev0001.sqlite3"))
    assert len(backups) == 1
    assert read_revision(backups[0]) == "0001"
    conn = sqlite3.connect(backups[0])
    assert conn.execute("SELECT school_name FROM workspace").fetchone()[0] == "โรงเรียนบ้านเก่า"
    conn.close()
    assert before != sha(tmp_path / DB_FILENAME)


def test_database_from_a_newer_app_is_refused_untouched(tmp_path: Path, school_template: Path) -> None:
    db = tmp_path / DB_FILENAME
    shutil.copyfile(school_template, db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=DELETE")
    with conn:
        conn.execute("UPDATE alembic_version SET version_num='9999'")
    conn.close()
    before = sha(db)
    with pytest.raises(SchemaTooNewError) as err:
        AppContext.open(tmp_path)
    assert "รุ่นที่ใหม่กว่า" in err.value.message
    assert sha(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([DB_FILENAME, "kaplc.lock"])


def test_a_file_that_is_not_a_database_gets_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / DB_FILENAME).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseOpenError, match="เสียหาย"):
        AppContext.open(tmp_path)


def test_second_instance_is_refused(school_ctx: AppContext) -> None:
    with pytest.raises(InstanceLockedError, match="เปิดใช้งานอยู่"):
        AppContext.open(school_ctx.data_dir)


def test_second_process_is_refused(school_ctx: AppContext) -> None:
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from kaplc_desktop.context import AppContext
        from kaplc_desktop.errors import InstanceLockedError
        try:
            AppContext.open(Path({str(school_ctx.data_dir)!r}))
        except InstanceLockedError:
            sys.exit(3)
        sys.exit(0)
    """)
    result = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parent.parent)
    assert result.returncode == 3


def test_lock_is_released_on_close(school_dir: Path) -> None:
    AppContext.open(school_dir).close()
    AppContext.open(school_dir).close()


def test_database_id_is_renewed_when_the_file_is_copied(school_dir: Path, tmp_path: Path) -> None:
    with AppContext.open(school_dir) as ctx:
        original = ctx.db.db_id
    with AppContext.open(school_dir) as ctx:
        assert ctx.db.db_id == original
    copy_dir = tmp_path / "copy"
    copy_dir.mkdir()
    shutil.copyfile(school_dir / DB_FILENAME, copy_dir / DB_FILENAME)
    with AppContext.open(copy_dir) as ctx:
        assert ctx.db.db_id != original


def test_versions_come_from_a_monotonic_counter(school_ctx: AppContext) -> None:
    first = school_ctx.personnel.add(teacher())
    second = school_ctx.personnel.add(teacher(first_name_th="สมหญิง", national_id="3101234567893"))
    school_ctx.personnel.update(first.id, teacher(subject="ภาษาไทย ป.4"))
    with school_ctx.db.sessions() as session:
        rows = {p.id: p for p in session.execute(select(Person)).scalars()}
    a, b = rows[first.id], rows[second.id]
    assert a.version_db == b.version_db == school_ctx.db.db_id
    assert a.version_counter > b.version_counter > 0
    assert a.version_vector == {school_ctx.db.db_id: a.version_counter}
    assert a.owner_code == "1090050001"
    assert a.created_at < a.updated_at


def test_soft_delete_is_a_versioned_tombstone(school_ctx: AppContext) -> None:
    person = school_ctx.personnel.add(teacher())
    school_ctx.personnel.delete(person.id)
    with school_ctx.db.sessions() as session:
        row = session.get(Person, person.id)
        assert row is not None and row.deleted_at is not None and row.version_counter >= 2


def test_an_import_session_keeps_the_source_versions_and_timestamps(school_ctx: AppContext) -> None:
    import datetime as dt

    stamp = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    with school_ctx.db.sessions.begin() as session:
        session.info[IMPORT_KEY] = True
        session.add(
            Person(
                id="00000000-0000-4000-8000-000000000001",
                owner_code="1090050001",
                version_db="other-db",
                version_counter=42,
                version_vector={"other-db": 42},
                created_at=stamp,
                updated_at=stamp,
                first_name_th="นำเข้า",
                last_name_th="จากที่อื่น",
                position="teacher",
                personnel_group="teacher",
                learning_areas=[],
                status="active",
            )
        )
    with school_ctx.db.sessions() as session:
        row = session.get(Person, "00000000-0000-4000-8000-000000000001")
        assert row is not None
        assert (row.version_db, row.version_counter, row.updated_at) == ("other-db", 42, stamp)


def test_a_failed_write_changes_nothing(school_ctx: AppContext) -> None:
    with pytest.raises(RuntimeError), school_ctx.db.sessions.begin() as session:
        session.add(
            Person(
                first_name_th="ครึ่ง",
                last_name_th="ทาง",
                position="teacher",
                personnel_group="teacher",
                learning_areas=[],
                status="active",
            )
        )
        session.flush()
        raise RuntimeError("power cut")
    assert school_ctx.personnel.list() == []


def test_backups_keep_the_newest_ten(tmp_path: Path, school_template: Path) -> None:
    backups = tmp_path / "backups"
    made = [backup_database(school_template, backups, f"n{i:02d}") for i in range(KEEP_BACKUPS + 3)]
    kept = sorted(backups.glob("kaplc-*.sqlite3"))
    assert len(kept) == KEEP_BACKUPS
    assert kept == sorted(made[-KEEP_BACKUPS:])


def test_one_workspace_per_data_folder(school_ctx: AppContext) -> None:
    with pytest.raises(WorkspaceError, match="หนึ่งโฟลเดอร์"):
        school_ctx.workspace.init_school(clean_school_setup("1090050002", "อีกโรงเรียน", "สพป.สงขลา เขต 2"))


def test_database_id_is_renewed_when_an_old_backup_is_restored_in_place(school_dir: Path, tmp_path: Path) -> None:
    with AppContext.open(school_dir) as ctx:
        backup = tmp_path / "backup.sqlite3"
        shutil.copyfile(school_dir / DB_FILENAME, backup)
        original = ctx.db.db_id
        ctx.personnel.add(teacher())
    shutil.copyfile(backup, school_dir / DB_FILENAME)  # same path, same inode, older content
    for extra in ("-wal", "-shm"):
        Path(str(school_dir / DB_FILENAME) + extra).unlink(missing_ok=True)
    with AppContext.open(school_dir) as ctx:
        assert ctx.db.db_id != original
