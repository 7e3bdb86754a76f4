"""Backups a principal makes: one verified file, restored with a new database id; every hostile or damaged
file is refused and changes nothing; the daily backups and the USB reminder."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from conftest import SCHOOL
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_world import World, started_world

from kaplc_desktop import attachment_store
from kaplc_desktop.backups import backup_history, backup_places
from kaplc_desktop.backups.backup_format import DATABASE, MANIFEST, BackupManifest, BackupRefused
from kaplc_desktop.backups.backup_reader import read_manifest
from kaplc_desktop.backups.backup_restore import restore_backup
from kaplc_desktop.backups.backup_writer import create_backup
from kaplc_desktop.cli.main import main
from kaplc_desktop.context import AppContext
from kaplc_desktop.errors import KaplcError
from kaplc_desktop.paths import DB_FILENAME
from kaplc_desktop.progress import Cancelled, Progress
from kaplc_desktop.services.workspace import clean_school_setup


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    with AppContext.open(folder, create=True) as ctx:
        ctx.create_demo_school(staff=12, photo_kb=4)
    return folder


def people(folder: Path) -> list[str]:
    conn = sqlite3.connect(folder / DB_FILENAME)
    try:
        return sorted(r[0] for r in conn.execute("SELECT first_name_th FROM personnel WHERE deleted_at IS NULL"))
    finally:
        conn.close()


def db_id(folder: Path) -> str:
    conn = sqlite3.connect(folder / DB_FILENAME)
    try:
        return conn.execute("SELECT db_id FROM db_meta").fetchone()[0]
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_restored_into_a_new_folder_has_the_people_and_photos_and_a_new_id(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "usb" / "school.kaplc-backup"
    target.parent.mkdir()
    result = create_backup(demo, target)
    assert result.manifest.people == 12 and len(result.manifest.attachments) == 12
    assert read_manifest(target) == result.manifest
    fresh = tmp_path / "fresh"
    restored = restore_backup(fresh, target)
    assert restored.safety_copy is None  # the folder was empty
    assert people(fresh) == people(demo)
    assert restored.db_id == db_id(fresh) != db_id(demo)
    with AppContext.open(fresh) as ctx:  # opens without renewing the id again, with every photo in place
        assert ctx.db.db_id == restored.db_id
        assert all(attachment_store.has(fresh, sha) for sha in result.manifest.attachments)
        assert len(ctx.personnel.list()) == 12


def test_restoring_in_place_backs_up_the_current_data_first(demo: Path, tmp_path: Path) -> None:
    backup = tmp_path / "before.kaplc-backup"
    create_backup(demo, backup)
    before = people(demo)
    with AppContext.open(demo) as ctx:
        ctx.personnel.delete(ctx.personnel.list()[0].id)
    result = restore_backup(demo, backup)
    assert people(demo) == before
    assert result.safety_copy is not None and result.safety_copy.is_file()
    assert read_manifest(result.safety_copy).people == 11  # the deletion can be had back
    restore_backup(demo, result.safety_copy)
    assert len(people(demo)) == 11


def test_a_backup_of_another_school_is_refused_unless_asked(demo: Path, tmp_path: Path) -> None:
    school_dir = tmp_path / "other"
    with AppContext.open(school_dir, create=True) as ctx:
        ctx.workspace.init_school(clean_school_setup(**{**SCHOOL, "code": "1090050002"}))
    backup = tmp_path / "demo.kaplc-backup"
    create_backup(demo, backup)
    before = digest(school_dir / DB_FILENAME)
    with pytest.raises(KaplcError, match="โรงเรียนบ้านทดสอบ"):
        restore_backup(school_dir, backup)
    assert digest(school_dir / DB_FILENAME) == before
    restore_backup(school_dir, backup, other_workspace=True)
    assert people(school_dir) == people(demo)


def test_a_backup_cannot_be_restored_into_an_open_folder(demo: Path, tmp_path: Path) -> None:
    backup = tmp_path / "b.kaplc-backup"
    create_backup(demo, backup)
    with AppContext.open(demo), pytest.raises(KaplcError, match="เปิดใช้งานอยู่"):
        restore_backup(demo, backup)


def test_cancelling_a_backup_leaves_no_file(demo: Path, tmp_path: Path) -> None:
    progress = Progress(lambda done, total, _msg: progress.cancel() if done > 1000 else None)
    with pytest.raises(Cancelled):
        create_backup(demo, tmp_path / "x.kaplc-backup", progress)
    assert [p.name for p in tmp_path.iterdir()] == ["demo"]
    assert not any((demo / "tmp").iterdir())


def rewrite(backup: Path, out: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """A copy of `backup` whose members went through change(name, data) → list of (name, data)."""
    with zipfile.ZipFile(backup) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            for name, data in change(info.filename, src.read(info)):
                dst.writestr(name, data)
    return out


def remanifest(data: bytes, **changes: object) -> bytes:
    manifest = json.loads(data)
    for key, value in changes.items():
        section, _, field = key.partition("__")
        if field:
            manifest[section][field] = value
        else:
            manifest[section] = value
    return json.dumps(manifest).encode()


def tampered_database(backup: Path, tmp_path: Path, sql: str) -> Path:
    """The backup with its database changed by `sql` and a manifest that agrees (as a forger would make it)."""
    with zipfile.ZipFile(backup) as zf:
        db = tmp_path / "forged.sqlite3"
        db.write_bytes(zf.read(DATABASE))
    conn = sqlite3.connect(db)
    conn.executescript(sql)
    conn.close()
    data = db.read_bytes()

    def change(name: str, content: bytes) -> list[tuple[str, bytes]]:
        if name == DATABASE:
            return [(name, data)]
        if name == MANIFEST:
            return [
                (name, remanifest(content, database={"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}))
            ]
        return [(name, content)]

    return rewrite(backup, tmp_path / "forged.kaplc-backup", change)


HOSTILE = {
    "not a zip": lambda b, t: (t / "x.kaplc-backup").write_bytes(b"PK\x03\x04 not really") and t / "x.kaplc-backup",
    "path escape": lambda b, t: rewrite(b, t / "x.kaplc-backup", lambda n, d: [(n, d), ("../evil.txt", b"x")]),
    "extra member": lambda b, t: rewrite(
        b, t / "x.kaplc-backup", lambda n, d: [(n, d), ("attachments/ab/ab" + "0" * 62, b"x")]
    ),
    "flipped byte": lambda b, t: rewrite(
        b, t / "x.kaplc-backup", lambda n, d: [(n, d[:5000] + bytes([d[5000] ^ 1]) + d[5001:] if n == DATABASE else d)]
    ),
    "missing photo": lambda b, t: rewrite(
        b, t / "x.kaplc-backup", lambda n, d: [] if n.startswith("attachments/") else [(n, d)]
    ),
    "newer format": lambda b, t: rewrite(
        b, t / "x.kaplc-backup", lambda n, d: [(n, remanifest(d, version=2) if n == MANIFEST else d)]
    ),
    "manifest not json": lambda b, t: rewrite(
        b, t / "x.kaplc-backup", lambda n, d: [(n, b"{" if n == MANIFEST else d)]
    ),
    "newer schema": lambda b, t: tampered_database(b, t, "UPDATE alembic_version SET version_num = '9999';"),
    "not our database": lambda b, t: tampered_database(b, t, "DROP TABLE alembic_version;"),
    "other school inside": lambda b, t: tampered_database(b, t, "UPDATE workspace SET school_code = '1090050099';"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_or_damaged_backup_is_refused_and_changes_nothing(case: str, demo: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.kaplc-backup"
    create_backup(demo, good)
    bad = HOSTILE[case](good, tmp_path)
    with AppContext.open(demo) as ctx:
        ctx.personnel.delete(ctx.personnel.list()[0].id)
    before = digest(demo / DB_FILENAME), sorted(p.name for p in demo.rglob("*"))
    with pytest.raises(KaplcError) as refusal:
        restore_backup(demo, bad)
    assert "\n" not in refusal.value.message.strip()
    assert (digest(demo / DB_FILENAME), sorted(p.name for p in demo.rglob("*"))) == before
    assert not (tmp_path / "evil.txt").exists()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    members=st.lists(
        st.tuples(
            st.sampled_from([MANIFEST, DATABASE, "attachments/aa/" + "a" * 64, "../x", "a/b"]), st.binary(max_size=300)
        ),
        max_size=4,
    )
)
def test_any_zip_is_refused_with_a_sentence_never_a_crash(members: list[tuple[str, bytes]], tmp_path: Path) -> None:
    path = tmp_path / "fuzz.kaplc-backup"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members:
            zf.writestr(name, data)
    target = tmp_path / "target"
    with pytest.raises(BackupRefused):
        restore_backup(target, path)
    assert not (target / DB_FILENAME).exists()


@settings(max_examples=80, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda c: st.lists(c) | st.dictionaries(st.text(max_size=10), c),
        max_leaves=20,
    )
)
def test_any_manifest_json_is_read_or_refused(value: object) -> None:
    for raw in (
        json.dumps(value).encode(),
        json.dumps({"format": "kaplc-backup", "version": 1, "workspace": value}).encode(),
    ):
        with pytest.raises(BackupRefused):
            BackupManifest.from_json(raw)


def test_the_first_start_of_each_day_makes_one_backup_and_keeps_the_newest(demo: Path) -> None:
    for day in range(1, 6):
        today = dt.date(2026, 11, day)
        assert backup_history.daily_backup_if_due(demo, keep=3, today=today) is not None
        assert backup_history.daily_backup_if_due(demo, keep=3, today=today) is None  # once a day
    kept = sorted(p.name[:20] for p in backup_history.daily_folder(demo).iterdir())
    assert kept == ["kaplc-daily-20261103", "kaplc-daily-20261104", "kaplc-daily-20261105"]
    assert read_manifest(next(backup_history.daily_folder(demo).iterdir())).people == 12


def test_the_reminder_wants_a_backup_on_another_disk_within_30_days(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert backup_history.reminder_due(demo)
    backup_history.daily_backup_if_due(demo)
    assert backup_history.reminder_due(demo)  # a copy on the same disk does not count
    backup_history.back_up_to(demo, tmp_path / "same-disk.kaplc-backup")
    assert backup_history.reminder_due(demo)
    monkeypatch.setattr(backup_places, "_device", lambda path: 2 if "usb" in str(path) else 1)
    (tmp_path / "usb").mkdir()
    entry = backup_history.back_up_to(demo, tmp_path / "usb" / "b.kaplc-backup")
    assert entry.off_this_disk and not backup_history.reminder_due(demo)
    later = entry.made_at + dt.timedelta(days=31)
    assert backup_history.reminder_due(demo, now=later)
    assert not backup_history.reminder_due(demo, now=entry.made_at + dt.timedelta(days=29))


def test_cli_backup_create_list_restore(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    assert main(["--data-dir", str(demo), "backup", "create", "--out", str(usb), "--json"]) == 0
    made = json.loads(capsys.readouterr().out)
    assert Path(made["path"]).parent == usb and made["people"] == 12
    assert main(["--data-dir", str(demo), "backup", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["backups"][0]["path"] == made["path"] and listed["backups"][0]["exists"]
    person = people_ids(demo)[0]
    assert main(["--data-dir", str(demo), "personnel", "edit", "--id", person, "--set", "first_name_th=หลังสำรอง"]) == 0
    assert "หลังสำรอง" in people(demo)
    assert main(["--data-dir", str(demo), "backup", "restore", made["path"]]) == 0
    out = capsys.readouterr().out
    assert "12" in out and "before-restore" in out
    assert "หลังสำรอง" not in people(demo) and len(people(demo)) == 12
    assert main(["--data-dir", str(demo), "backup", "restore", str(tmp_path / "nope.kaplc-backup")]) == 2
    assert "ไม่พบ" in capsys.readouterr().err
    assert main(["--data-dir", str(demo), "backup", "create", "--out", str(tmp_path / "x.zip")]) == 2
    assert ".kaplc-backup" in capsys.readouterr().err


def people_ids(folder: Path) -> list[str]:
    conn = sqlite3.connect(folder / DB_FILENAME)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM personnel WHERE deleted_at IS NULL ORDER BY id")]
    finally:
        conn.close()


def test_a_school_restored_from_a_backup_file_loses_no_edit_at_the_district(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    world: World = started_world(tmp_path, capsys)
    person = people_ids(tmp_path / "school")[0]
    backup = tmp_path / "usb" / "school.kaplc-backup"
    world.kaplc("school", "backup", "create", "--out", str(backup))
    for subject in ("หนึ่ง", "สอง"):
        world.kaplc("school", "personnel", "edit", "--id", person, "--set", f"subject={subject}")
    world.district_import(world.school_bundle())
    old_id = db_id(tmp_path / "school")
    world.kaplc("school", "backup", "restore", str(backup))
    assert db_id(tmp_path / "school") != old_id
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "subject=หลังกู้คืน")
    outcome = world.district_import(world.school_bundle())
    assert outcome["bundle_kind"] == "full"  # the new id: the district is not trusted to hold what it held
    assert world.people("district")[person][2] == "หลังกู้คืน"
    assert outcome["counts"]["personnel"]["older"] == 0
    (conflict,) = world.json("district", "sync", "conflicts")  # type: ignore[misc]
    assert conflict["losing_row"]["subject"] == "สอง"  # the edit the restore rewound is in view, not lost


def test_a_district_restored_from_a_backup_gets_back_what_it_lost_from_the_schools(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by the attacker: after the district restored an older backup, a school's delta was taken as if the
    district held everything before it, the receipt said so, and an edit was lost for good."""
    world: World = started_world(tmp_path, capsys)
    ids = people_ids(tmp_path / "school")
    world.district_import(world.school_bundle())
    world.feedback_to_school()
    backup = tmp_path / "usb" / "district.kaplc-backup"
    world.kaplc("district", "backup", "create", "--out", str(backup))
    world.kaplc("school", "personnel", "edit", "--id", ids[0], "--set", "subject=หลังสำรองของเขต")
    world.district_import(world.school_bundle())
    world.feedback_to_school()  # the receipt covers the edit
    world.kaplc("district", "backup", "restore", str(backup))  # the district's disk failed: it goes back
    assert world.people("district")[ids[0]][2] != "หลังสำรองของเขต"
    world.kaplc("school", "personnel", "edit", "--id", ids[1], "--set", "subject=ครั้งต่อมา")
    world.district_import(world.school_bundle())  # a delta whose base the district no longer has
    world.feedback_to_school()  # so its receipt asks from where it really is
    world.district_import(world.school_bundle())
    assert world.people("district")[ids[0]][2] == "หลังสำรองของเขต"
    assert world.people("district")[ids[1]][2] == "ครั้งต่อมา"


def test_a_forged_database_with_a_trigger_or_a_bare_schema_is_refused(demo: Path, tmp_path: Path) -> None:
    """Found by the attacker: a trigger on db_meta emptied the staff when the restore renewed the id, and a stub
    schema restored 'successfully' and broke every command after."""
    good = tmp_path / "good.kaplc-backup"
    create_backup(demo, good)
    trigger = tampered_database(
        good, tmp_path, "CREATE TRIGGER wipe AFTER UPDATE ON db_meta BEGIN DELETE FROM personnel; END;"
    )
    before = digest(demo / DB_FILENAME)
    with pytest.raises(BackupRefused, match=r"โครงสร้าง|laid out"):
        restore_backup(demo, trigger)
    stub = tampered_database(good, tmp_path, "DROP TABLE personnel;")
    with pytest.raises(BackupRefused):
        restore_backup(demo, stub)
    assert digest(demo / DB_FILENAME) == before


def test_a_backup_of_an_older_version_is_restored_and_upgraded(tmp_path: Path) -> None:
    """Found by the attacker: a genuine backup of schema 0005 was refused as damaged."""
    from kaplc_desktop.data.schema import upgrade

    old = tmp_path / "old"
    old.mkdir()
    upgrade(old / DB_FILENAME, "0005")
    conn = sqlite3.connect(old / DB_FILENAME)
    conn.execute(
        "INSERT INTO workspace (singleton, kind, school_code, school_name, esa_code, esa_name, principal_name, "
        "is_demo, created_at) VALUES (1, 'school', '1090050003', 'โรงเรียนเก่า', '9002', 'สพป.สงขลา เขต 2', NULL, 0, "
        "'2026-01-01 00:00:00')"
    )
    conn.commit()
    conn.close()
    backup = tmp_path / "old.kaplc-backup"
    create_backup(old, backup)
    restored = restore_backup(tmp_path / "new", backup)
    assert restored.manifest.schema == "0005"
    with AppContext.open(tmp_path / "new") as ctx:  # upgraded on opening, after its own backup
        info = ctx.workspace.get()
        assert info is not None and info.school_name == "โรงเรียนเก่า"


def test_two_restores_in_one_second_keep_both_copies_of_what_was_there(demo: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.kaplc-backup", tmp_path / "b.kaplc-backup"
    create_backup(demo, first)
    create_backup(demo, second)
    one = restore_backup(demo, first).safety_copy
    two = restore_backup(demo, second).safety_copy
    assert one != two and one is not None and two is not None and one.exists() and two.exists()


def test_restoring_over_a_damaged_database_keeps_its_photos_in_the_raw_copy(demo: Path, tmp_path: Path) -> None:
    backup = tmp_path / "b.kaplc-backup"
    create_backup(demo, backup)
    photos = {p.name for p in attachment_store.attachments_dir(demo).rglob("*") if p.is_file()}
    (demo / DB_FILENAME).write_bytes(b"not a database any more" * 100)
    result = restore_backup(demo, backup)
    assert result.safety_copy is not None and result.safety_copy.name.endswith("-raw")
    kept = {p.name for p in (result.safety_copy / "attachments").rglob("*") if p.is_file()}
    assert photos and photos <= kept


def test_many_small_compressed_attachments_are_refused_as_a_bomb(demo: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.kaplc-backup"
    create_backup(demo, good)
    bomb = tmp_path / "bomb.kaplc-backup"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w") as dst:
        for info in src.infolist():
            kind = zipfile.ZIP_DEFLATED if info.filename.startswith("attachments/") else info.compress_type
            dst.writestr(info.filename, src.read(info), compress_type=kind)
    with pytest.raises(BackupRefused):
        restore_backup(tmp_path / "target", bomb)


def test_a_deeply_nested_manifest_is_refused_not_a_crash() -> None:
    with pytest.raises(BackupRefused):
        BackupManifest.from_json(b"[" * 100_000 + b"]" * 100_000)


def test_a_killed_backup_leaves_nothing_the_next_one_does_not_clear(demo: Path, tmp_path: Path) -> None:
    import os
    import time

    usb = tmp_path / "usb"
    usb.mkdir()
    partial = usb / ".kaplc-backup-1090050001-20261127-2200.kaplc-backup.abc123.tmp"
    partial.write_bytes(b"x" * 1000)
    old = time.time() - 7200
    os.utime(partial, (old, old))
    backup_history.back_up_to(demo, usb / "b.kaplc-backup")
    assert [p.name for p in usb.iterdir()] == ["b.kaplc-backup"]
