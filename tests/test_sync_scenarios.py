"""The ways records got lost before, end to end through the command line: a late bundle after an erasure, a
folder restored in place, one school on two computers, a parked record sent again until accepted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from district_store import folder_execute
from sync_support import ESA, SCHOOL_CODE
from sync_world import World, started_world

pytestmark = pytest.mark.both_databases


@pytest.fixture
def world(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> World:
    return started_world(tmp_path, capsys)


def restore_in_place(snapshot: Path, live: Path) -> None:
    """Copies a saved data folder back over the live one file by file (same files, same inodes), as a disk
    image or a VM snapshot does; files the snapshot did not have are removed."""
    for path in live.rglob("*"):
        if path.is_file() and not (snapshot / path.relative_to(live)).exists():
            path.unlink()
    for path in snapshot.rglob("*"):
        target = live / path.relative_to(snapshot)
        if path.is_dir():
            target.mkdir(exist_ok=True)
        else:
            with open(path, "rb") as src, open(target, "r+b" if target.exists() else "wb") as dst:
                dst.truncate(0)
                shutil.copyfileobj(src, dst)


def some_person(world: World) -> str:
    return sorted(world.people("school"))[0]


def test_erasure_is_final_even_for_a_late_bundle(world: World) -> None:
    person = some_person(world)
    late = world.school_bundle("--full")  # made before the erasure, carried on a stick that arrives late
    out = world.kaplc("school", "personnel", "erase", "--id", person, "--reason", "เจ้าของข้อมูลขอให้ลบ")
    assert "ลบข้อมูลของ" in out and "ถาวร" in out
    assert person not in world.people("school")
    outcome = world.district_import(world.school_bundle())
    assert outcome["counts"]["erasure"]["new"] == 1
    assert person not in world.people("district")
    late_outcome = world.district_import(late)
    assert late_outcome["counts"]["personnel"]["erased"] == 1 and late_outcome["counts"]["personnel"]["new"] == 0
    assert person not in world.people("district")
    # parked with the reason, and nothing of the person kept in the parked copy
    parked = world.json("district", "sync", "parked", "--all")
    mine = [p for p in parked if p["record_id"] == person]  # type: ignore[union-attr]
    assert (
        mine
        and mine[0]["reason"] == "erased"
        and set(mine[0]["row"])
        <= {
            "id",
            "owner_code",
            "version_db",
            "version_counter",
            "deleted_at",
        }
    )
    # the erasure report names the archived files that still hold the person, until they are pruned
    report = world.json("district", "sync", "erasures")
    entry = next(e for e in report if e["target_id"] == person)  # type: ignore[union-attr]
    assert len(entry["archived_files"]) == 2 and entry["reason"] == "เจ้าของข้อมูลขอให้ลบ"


def test_a_restore_bundle_never_brings_an_erased_person_back(world: World) -> None:
    person = some_person(world)
    folder = world.usb / "restore"
    folder.mkdir()
    world.kaplc(
        "district",
        "bundle",
        "restore-export",
        "--school",
        SCHOOL_CODE,
        "--out",
        str(folder),
        "--confirm-key",
        world.school_fp,
    )
    restore = next(folder.glob("*.kaplc"))
    world.kaplc("school", "personnel", "erase", "--id", person, "--reason", "คำขอ")
    out = world.kaplc("school", "bundle", "import", str(restore), expect=2)
    assert "restore" in out.lower() or "กู้คืน" in out  # a restore into a live school asks first
    world.kaplc("school", "bundle", "import", str(restore), "--restore-over-data")
    assert person not in world.people("school")
    assert len(world.people("school")) == 5


def test_a_folder_restored_in_place_never_loses_the_next_edit(world: World) -> None:
    person = some_person(world)
    shutil.copytree(world.root / "school", world.root / "snapshot")  # a disk image of the laptop
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "subject=ก่อนกู้คืน")
    world.district_import(world.school_bundle())
    # the whole data folder is copied back over the live one, then the principal edits the same person
    restore_in_place(world.root / "snapshot", world.root / "school")
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "subject=หลังกู้คืน")
    outcome = world.district_import(world.school_bundle())
    assert outcome["counts"]["personnel"]["conflict"] == 1
    assert world.people("district")[person][2] == "หลังกู้คืน"
    conflicts = world.json("district", "sync", "conflicts")
    assert [c["reason"] for c in conflicts] == ["same-version"]  # type: ignore[union-attr]
    assert conflicts[0]["losing_row"]["subject"] == "ก่อนกู้คืน"  # type: ignore[index]


def test_a_rewound_school_takes_a_new_identity_when_the_receipt_says_so(world: World) -> None:
    person = some_person(world)
    shutil.copytree(world.root / "school", world.root / "snapshot")
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "subject=ครั้งที่หนึ่ง")
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "subject=ครั้งที่สอง")
    world.district_import(world.school_bundle())
    restore_in_place(world.root / "snapshot", world.root / "school")
    db_id = world.count("school", "SELECT db_id FROM db_meta")
    folder = world.usb / "receipt"
    folder.mkdir()
    world.kaplc("district", "bundle", "feedback", "--school", SCHOOL_CODE, "--out", str(folder))
    # the receipt says the district saw counters this copy has not reached: the school takes a new identity
    out = world.kaplc("school", "bundle", "import", str(next(folder.glob("*.kaplc"))))
    assert "กู้คืน" in out or "restored" in out
    assert world.count("school", "SELECT db_id FROM db_meta") != db_id
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "subject=หลังกู้คืน")
    bundle = world.school_bundle()
    outcome = world.district_import(bundle)
    assert world.people("district")[person][2] == "หลังกู้คืน"
    assert outcome["counts"]["personnel"]["conflict"] == 1  # both copies changed the person: visible, not lost
    assert outcome["bundle_kind"] == "full"


def test_edits_on_a_rewound_copy_before_any_receipt_are_not_skipped_as_older(world: World) -> None:
    person = some_person(world)
    shutil.copytree(world.root / "school", world.root / "snapshot")
    for subject in ("หนึ่ง", "สอง", "สาม"):
        world.kaplc("school", "personnel", "edit", "--id", person, "--set", f"subject={subject}")
    world.district_import(world.school_bundle())
    restore_in_place(world.root / "snapshot", world.root / "school")
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "subject=หลังกู้คืน")
    outcome = world.district_import(world.school_bundle())
    assert outcome["counts"]["personnel"]["older"] == 0 and outcome["counts"]["personnel"]["conflict"] == 1
    assert world.people("district")[person][2] == "หลังกู้คืน"
    (conflict,) = world.json("district", "sync", "conflicts")  # type: ignore[misc]
    assert conflict["reason"] == "restored-copy" and conflict["losing_row"]["subject"] == "สาม"


def test_one_school_on_two_computers_loser_is_in_view_and_resolution_travels(world: World) -> None:
    person = some_person(world)
    shutil.copytree(world.root / "school", world.root / "laptop2")
    (world.root / "laptop2" / "kaplc.lock").unlink(missing_ok=True)
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "subject=เครื่องหนึ่ง")
    world.kaplc("laptop2", "personnel", "edit", "--id", person, "--set", "subject=เครื่องสอง")
    world.district_import(world.school_bundle())
    folder = world.usb / "laptop2"
    folder.mkdir()
    world.kaplc("laptop2", "bundle", "export", "--out", str(folder), "--full")
    outcome = world.district_import(next(folder.glob("*.kaplc")))
    assert outcome["counts"]["personnel"]["conflict"] == 1
    conflicts = world.json("district", "sync", "conflicts")
    (conflict,) = conflicts  # type: ignore[misc]
    sides = {conflict["current_row"]["subject"], conflict["losing_row"]["subject"]}
    assert sides == {"เครื่องหนึ่ง", "เครื่องสอง"}
    text = world.kaplc("district", "sync", "conflicts")
    assert "เครื่องหนึ่ง" in text and "เครื่องสอง" in text
    loser = conflict["losing_row"]["subject"]
    world.kaplc("district", "sync", "resolve", "--conflict", str(conflict["id"]), "--keep", "other")
    assert world.people("district")[person][2] == loser
    assert world.json("district", "sync", "conflicts") == []
    world.feedback_to_school()  # the decision travels on: the school follows it
    assert world.people("school")[person][2] == loser
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "subject=แก้ต่อจากนี้")
    outcome = world.district_import(world.school_bundle())
    assert outcome["counts"]["personnel"]["updated"] == 1 and outcome["counts"]["personnel"]["conflict"] == 0


def test_a_parked_record_is_sent_again_until_it_is_accepted(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from kaplc_desktop.data.models import Person

    person = some_person(world)
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "subject=วิชาใหม่")
    # the district runs a rule this record does not meet (say, an older catalogue): the row is parked
    monkeypatch.setattr(Person, "__sync_validate__", staticmethod(lambda row: ["subject: not known here"]))
    from kaplc_desktop.sync import kinds

    kinds._specs.cache_clear()
    outcome = world.district_import(world.school_bundle())
    assert outcome["counts"]["personnel"]["rejected"] == 1
    assert world.people("district")[person][2] != "วิชาใหม่"
    world.feedback_to_school()
    monkeypatch.undo()
    kinds._specs.cache_clear()
    # nothing changed at the school, yet the next delta carries the parked record again
    again = world.district_import(world.school_bundle())
    assert again["counts"]["personnel"]["updated"] == 1
    assert world.people("district")[person][2] == "วิชาใหม่"
    assert world.json("district", "sync", "parked") == []
    world.feedback_to_school()
    assert world.district_import(world.school_bundle())["counts"]["personnel"]["updated"] == 0


def test_a_replayed_older_feedback_never_moves_the_receipt_back(world: World) -> None:
    old_folder = world.usb / "old-feedback"
    old_folder.mkdir()
    world.kaplc("district", "bundle", "feedback", "--school", SCHOOL_CODE, "--out", str(old_folder))
    person = some_person(world)
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "subject=หลังใบตอบรับ")
    world.district_import(world.school_bundle())
    world.feedback_to_school()
    acked = world.count("school", f"SELECT acked_counter FROM sync_state WHERE peer_code = '{ESA}'")
    world.kaplc("school", "bundle", "import", str(next(old_folder.glob("*.kaplc"))))
    assert world.count("school", f"SELECT acked_counter FROM sync_state WHERE peer_code = '{ESA}'") == acked


def test_archived_bundles_are_pruned_after_the_retention_period(world: World) -> None:
    import datetime as dt

    from kaplc_desktop.context import AppContext

    person = some_person(world)
    world.kaplc("school", "personnel", "erase", "--id", person, "--reason", "คำขอ")
    world.district_import(world.school_bundle())
    report = world.json("district", "sync", "erasures")
    assert len(report[0]["archived_files"]) == 1  # type: ignore[index]
    world.kaplc("district", "sync", "settings", "--archive-days", "30")
    world.kaplc("district", "sync", "settings", "--archive-days", "0", expect=2)  # out of range: refused
    assert "30" in world.kaplc("district", "sync", "settings")
    with AppContext.open(world.root / "district") as ctx:
        assert ctx.sync.prune_archive(now=dt.datetime.now(dt.UTC) + dt.timedelta(days=29)) == 0
        assert ctx.sync.prune_archive(now=dt.datetime.now(dt.UTC) + dt.timedelta(days=31)) == 2
    assert not list((world.root / "district" / "sync" / "archive").iterdir())
    assert world.json("district", "sync", "erasures")[0]["archived_files"] == []  # type: ignore[index]


def test_a_bad_value_in_personnel_edit_changes_nothing(world: World) -> None:
    person = some_person(world)
    before = world.people("school")
    out = world.kaplc("school", "personnel", "edit", "--id", person, "--set", "email=ไม่ใช่อีเมล", expect=2)
    assert "อีเมล" in out
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "salary=1", expect=2)
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "subject", expect=2)
    assert world.people("school") == before


def test_restore_to_the_key_a_school_has_used_needs_its_fingerprint(world: World) -> None:
    out = world.kaplc(
        "district", "bundle", "restore-export", "--school", SCHOOL_CODE, "--out", str(world.usb), expect=2
    )
    assert world.school_fp in out and "--confirm-key" in out
    assert not list(world.usb.glob("*-restore-*.kaplc"))
    world.kaplc(
        "district",
        "bundle",
        "restore-export",
        "--school",
        SCHOOL_CODE,
        "--out",
        str(world.usb),
        "--confirm-key",
        world.school_fp,
    )
    assert len(list(world.usb.glob("*-restore-*.kaplc"))) == 1


def test_a_district_key_rotation_reaches_a_school_only_when_confirmed(world: World) -> None:
    world.kaplc("district", "keys", "rotate")
    new_fp = world.json("district", "keys", "show")["fingerprint"]  # type: ignore[index]
    folder = world.usb / "rotated"
    folder.mkdir()
    world.kaplc("district", "bundle", "feedback", "--school", SCHOOL_CODE, "--out", str(folder))
    bundle = str(next(folder.glob("*.kaplc")))
    out = world.kaplc("school", "bundle", "import", bundle, expect=2)
    assert new_fp in out and "--trust" in out
    world.kaplc("school", "bundle", "import", bundle, "--trust", new_fp)
    peers = world.json("school", "keys", "show")["peers"]  # type: ignore[index]
    assert peers[0]["fingerprint"] == new_fp


def test_retired_private_keys_are_deleted_after_the_grace_period(world: World) -> None:
    import datetime as dt

    from kaplc_desktop.context import AppContext

    world.kaplc("district", "keys", "rotate")
    with AppContext.open(world.root / "district") as ctx:
        assert len(ctx.sync.all_keys()) == 2  # the old key still opens bundles on their way
    old = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=31)
    sql = "UPDATE sync_local_keys SET retired_at = ? WHERE retired_at IS NOT NULL"
    assert folder_execute(world.root / "district", sql, (old.isoformat(" "),)) == 1
    with AppContext.open(world.root / "district") as ctx:
        assert len(ctx.sync.all_keys()) == 1
    assert world.count("district", "SELECT count(*) FROM sync_local_keys") == 1
