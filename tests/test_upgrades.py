"""Every schema revision can be upgraded from: a school's database made by each revision (tests/fixtures, written by
make_old_databases.py) opens in the current app, which upgrades it after writing a backup, and keeps every row."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from support import teacher

from kaplc_desktop.context import AppContext
from kaplc_desktop.data.migrations import HEAD_REVISION, KNOWN_REVISIONS
from kaplc_desktop.data.schema import read_revision
from kaplc_desktop.domain.record_kind import single_record_id
from kaplc_desktop.paths import DB_FILENAME

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_revision_has_a_fixture() -> None:
    missing = [rev for rev in KNOWN_REVISIONS if not (FIXTURES / f"db-rev{rev}.sqlite3").is_file()]
    assert missing == [], "run tests/fixtures/make_old_databases.py after adding a revision"


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_a_database_of_each_revision_upgrades_and_keeps_its_rows(tmp_path: Path, revision: str) -> None:
    shutil.copyfile(FIXTURES / f"db-rev{revision}.sqlite3", tmp_path / DB_FILENAME)
    assert read_revision(tmp_path / DB_FILENAME) == revision
    with AppContext.open(tmp_path) as ctx:
        assert read_revision(tmp_path / DB_FILENAME) == HEAD_REVISION
        assert ctx.db.upgraded_from == revision  # the revision it was opened at
        info = ctx.workspace.get()
        assert info is not None and (info.school_name, info.principal_name) == ("โรงเรียนบ้านเก่า", "นางสาวเก่า ก่อนหน้า")
        people = {p.full_name_th: p for p in ctx.personnel.list()}
        if revision >= "0002":
            assert set(people) == {"นางน้ำฝน ทองคำ", "นายปรีดา ณ อยุธยา"}
            kept = people["นางน้ำฝน ทองคำ"]
            assert kept.learning_areas == ("thai", "math") and kept.subject == "ภาษาไทย ป.4/2"
            assert kept.email == "kru2525@obec.go.th" and str(kept.start_date) == "2012-05-16"
            assert people["นายปรีดา ณ อยุธยา"].status == "moved"
            assert [p.first_name_th for p in ctx.personnel.list(deleted=True)] == ["ลบแล้ว"]
        else:
            assert people == {}
        # the school's profile: made from the workspace by revision 0006, or kept as it was
        profiles = ctx.school_profile.list()
        assert [(p.school_name, p.principal_name, p.owner_code) for p in profiles] == [
            ("โรงเรียนบ้านเก่า", "นางสาวเก่า ก่อนหน้า", "1090050001")
        ]
        assert profiles[0].id == single_record_id("school_profile", "1090050001")  # the same in every database
        if revision >= "0006":
            assert (profiles[0].address, profiles[0].students) == ("99 หมู่ 1 ตำบลเก่า", 87)
        if revision >= "0009":  # a portfolio with its owner and formatted section text
            view = ctx.portfolios.view("7b7bb37c-0000-4000-8000-000000000101")
            assert [o.full_name_th for o in view.owners] == ["นางน้ำฝน ทองคำ"]
            assert view.sections == {"importance": "นักเรียน**อ่านไม่คล่อง**\n- ข้อหนึ่ง"}
            assert view.stage == "submitted"
        ctx.personnel.add(teacher(national_id=None))  # the upgraded store takes new records
        assert len(ctx.personnel.list()) == len(people) + 1
    backups = sorted((tmp_path / "backups").glob("*.sqlite3"))
    if revision == HEAD_REVISION:
        assert backups == []  # nothing to upgrade: no backup
        return
    assert [b.name.endswith(f"-rev{revision}.sqlite3") for b in backups] == [True]
    assert read_revision(backups[0]) == revision  # the backup is the database as it was
    conn = sqlite3.connect(backups[0])
    try:
        assert conn.execute("SELECT school_name FROM workspace").fetchone()[0] == "โรงเรียนบ้านเก่า"
    finally:
        conn.close()


@pytest.mark.parametrize("revision", [rev for rev in KNOWN_REVISIONS if rev >= "0003"])
def test_sync_state_survives_every_upgrade(tmp_path: Path, revision: str) -> None:
    """A school's bundle counter and the district's last receipt must not be lost: a school that forgets them
    reuses bundle numbers, and the district would take it for a restored backup."""
    shutil.copyfile(FIXTURES / f"db-rev{revision}.sqlite3", tmp_path / DB_FILENAME)
    with AppContext.open(tmp_path):
        pass
    conn = sqlite3.connect(tmp_path / DB_FILENAME)
    try:
        row = conn.execute("SELECT next_sequence, acked_sequence FROM sync_state WHERE peer_code='9002'").fetchone()
        counter = conn.execute("SELECT change_counter FROM db_meta").fetchone()[0]
    finally:
        conn.close()
    assert row == (4, 3) and counter >= 7
