"""What an attacker and an unlucky school found against the first cut of this work, each kept closed by a test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sync_support import SCHOOL_CODE, open_side
from sync_world import World, edit_payload, started_world
from test_sync_scenarios import restore_in_place, some_person

from kaplc_desktop.context import AppContext

pytestmark = pytest.mark.both_databases


@pytest.fixture
def world(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> World:
    return started_world(tmp_path, capsys)


def conflict_from_two_computers(world: World, person: str) -> dict:  # type: ignore[type-arg]
    """The school's folder copied to a second computer, the same person edited on both, both bundles imported:
    the district's one open conflict."""
    shutil.copytree(world.root / "school", world.root / "laptop2", ignore=shutil.ignore_patterns("kaplc.lock"))
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "subject=หนึ่ง")
    world.kaplc("laptop2", "personnel", "edit", "--id", person, "--set", "subject=สอง")
    world.district_import(world.school_bundle())
    folder = world.usb / "l2"
    folder.mkdir()
    world.kaplc("laptop2", "bundle", "export", "--out", str(folder), "--full")
    world.district_import(next(folder.glob("*.kaplc")))
    (conflict,) = world.json("district", "sync", "conflicts")  # type: ignore[misc]
    return conflict  # type: ignore[no-any-return]


def test_an_erasure_cannot_be_withdrawn_or_retargeted(world: World) -> None:
    import json

    person = some_person(world)
    late = world.school_bundle("--full")
    world.kaplc("school", "personnel", "erase", "--id", person, "--reason", "คำขอ")
    with_erasure = world.school_bundle()
    world.district_import(with_erasure)

    def withdraw(name, data):  # type: ignore[no-untyped-def]
        if name != "data/erasure.jsonl":
            return [(name, data, None)]
        rows = [json.loads(line) for line in data.splitlines()]
        for row in rows:  # a later version of the erasure itself: deleted
            row["deleted_at"] = row["updated_at"]
            row["version_counter"] += 100
            row["version_vector"] = {row["version_db"]: row["version_counter"]}
        return [(name, b"".join(json.dumps(r).encode() + b"\n" for r in rows), None)]

    outcome = world.district_import(edit_payload(world, with_erasure, withdraw))
    assert outcome["counts"]["erasure"]["rejected"] == 1
    assert world.district_import(late)["counts"]["personnel"]["erased"] == 1
    assert person not in world.people("district")


def test_a_school_restored_from_a_backup_forgets_its_erased_person_again(world: World) -> None:
    person = some_person(world)
    shutil.copytree(world.root / "school", world.root / "snapshot")
    world.kaplc("school", "personnel", "erase", "--id", person, "--reason", "คำขอ")
    world.district_import(world.school_bundle())
    restore_in_place(world.root / "snapshot", world.root / "school")
    assert person in world.people("school")  # the backup still had the person
    world.feedback_to_school()  # the district sends the school's own erasures back
    assert person not in world.people("school")


def test_more_edits_after_a_rewind_than_were_lost_never_hide_the_lost_edit(world: World) -> None:
    person, other = sorted(world.people("school"))[:2]
    shutil.copytree(world.root / "school", world.root / "snapshot")
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "phone=081-111-1111")
    world.district_import(world.school_bundle())
    restore_in_place(world.root / "snapshot", world.root / "school")
    for n in range(4):  # more edits than were lost: the counter passes what the district saw
        world.kaplc("school", "personnel", "edit", "--id", other, "--set", f"subject=ครั้ง {n}")
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "subject=หลังกู้คืน")
    outcome = world.district_import(world.school_bundle())
    assert "forked:2" in outcome["warnings"]
    assert outcome["counts"]["personnel"]["conflict"] == 1  # the phone change is kept in view, not overwritten
    (conflict,) = world.json("district", "sync", "conflicts")  # type: ignore[misc]
    assert {conflict["current_row"]["phone"], conflict["losing_row"]["phone"]} >= {"081-111-1111"}
    db_id = world.count("school", "SELECT db_id FROM db_meta")
    world.feedback_to_school()  # the receipt names the forked database: the school takes a new identity
    assert world.count("school", "SELECT db_id FROM db_meta") != db_id
    world.kaplc("school", "personnel", "edit", "--id", other, "--set", "subject=ต่อไป")
    later = world.district_import(world.school_bundle())
    assert later["bundle_kind"] == "full" and world.people("district")[other][2] == "ต่อไป"


def test_a_stale_copy_with_a_future_date_does_not_win(world: World) -> None:
    import json

    person = some_person(world)
    stale = world.school_bundle("--full")
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "subject=ล่าสุด")
    world.district_import(world.school_bundle())

    def future(name, data):  # type: ignore[no-untyped-def]
        if name != "data/personnel.jsonl":
            return [(name, data, None)]
        rows = [json.loads(line) for line in data.splitlines()]
        for row in rows:
            row["updated_at"] = "9999-12-31T23:59:59.000000Z"
        return [(name, b"".join(json.dumps(r).encode() + b"\n" for r in rows), None)]

    outcome = world.district_import(edit_payload(world, stale, future))
    assert outcome["counts"]["personnel"]["conflict"] == 0
    assert world.people("district")[person][2] == "ล่าสุด"


def test_a_resolution_reaches_the_school_after_the_district_folder_moved(world: World) -> None:
    person = some_person(world)
    conflict = conflict_from_two_computers(world, person)
    world.kaplc("district", "sync", "resolve", "--conflict", str(conflict["id"]), "--keep", "other")
    chosen = world.people("district")[person][2]
    # the district office moves its data folder to a new computer (the database gets a new id)
    shutil.move(world.root / "district", world.root / "district-old")
    shutil.copytree(world.root / "district-old", world.root / "district", ignore=shutil.ignore_patterns("kaplc.lock"))
    world.feedback_to_school()
    assert world.people("school")[person][2] == chosen


def test_at_the_school_the_owners_newer_edit_beats_the_districts_resolution(world: World) -> None:
    person = some_person(world)
    conflict = conflict_from_two_computers(world, person)
    world.kaplc("district", "sync", "resolve", "--conflict", str(conflict["id"]), "--keep", "this")
    world.kaplc("school", "personnel", "edit", "--id", person, "--set", "subject=ใหม่ที่สุดที่โรงเรียน")
    world.feedback_to_school()
    assert world.people("school")[person][2] == "ใหม่ที่สุดที่โรงเรียน"
    assert len(world.json("school", "sync", "conflicts")) == 1  # the district's choice is kept in view  # type: ignore[arg-type]
    world.district_import(world.school_bundle())
    assert world.people("district")[person][2] == "ใหม่ที่สุดที่โรงเรียน"


def test_a_folder_named_like_a_bundle_and_huge_receipt_numbers_are_refused_cleanly(world: World) -> None:
    inbox = world.usb / "inbox"
    (inbox / "photos.kaplc").mkdir(parents=True)
    out = world.kaplc("district", "bundle", "import", str(inbox), expect=2)
    assert "kaplc" in out
    from kaplc_desktop.sync.applier import _take_receipt

    state = {"acked_sequence": 1, "acked_db_id": "x", "acked_counter": 5, "resend": [], "forks": []}
    _take_receipt(state, {"acked_counter": 10**30, "acked_db_id": "x", "acked_sequence": 10**30})
    assert state["acked_counter"] == 5


def test_leftover_attachment_files_are_removed(world: World) -> None:
    from kaplc_desktop import attachment_store

    folder = world.root / "district"
    partial = attachment_store.attachments_dir(folder) / "ab" / ".incoming.crash"
    partial.parent.mkdir(parents=True)
    partial.write_bytes(b"half a photo")
    orphan = attachment_store.attachments_dir(folder) / "cd" / ("cd" * 32)
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"a photo of a person erased just before a crash")
    with AppContext.open(folder):
        pass
    assert not partial.exists() and not orphan.exists()


def test_a_school_does_not_copy_a_strangers_bundle_into_quarantine(world: World, tmp_path: Path) -> None:
    from sync_support import make_district

    impostor = make_district(tmp_path / "impostor")  # claims the district's code, with keys of its own
    enrollment = tmp_path / "school-enroll.json"
    school = open_side(world.root / "school")
    school.sync.export_enrollment(enrollment)
    school.close()
    impostor.sync.import_enrollment(enrollment)
    folder = tmp_path / "out"
    folder.mkdir()
    bundle = impostor.sync.export_feedback(SCHOOL_CODE, folder).path
    impostor.close()
    out = world.kaplc("school", "bundle", "import", str(bundle), expect=2)
    assert "--trust" in out  # shown with the old and new fingerprints, to be checked by phone
    quarantine = world.root / "school" / "sync" / "quarantine"
    kept = [p for p in quarantine.iterdir() if not p.name.endswith(".reason.txt")] if quarantine.exists() else []
    assert kept == []


def test_feedback_for_all_skips_a_revoked_school_and_revoking_twice_is_refused(world: World) -> None:
    world.kaplc("district", "keys", "revoke", "--school", SCHOOL_CODE, "--reason", "โน้ตบุ๊กหาย")
    out = world.kaplc("district", "keys", "revoke", "--school", SCHOOL_CODE, "--reason", "ซ้ำ", expect=2)
    assert "เพิกถอนไปแล้ว" in out
    folder = world.usb / "all"
    folder.mkdir()
    world.kaplc("district", "bundle", "feedback", "--all", "--out", str(folder))
    assert not list(folder.iterdir())  # the revoked school is skipped, nothing encrypted to its key
    assert world.count("district", "SELECT count(*) FROM sync_revoked_keys") == 1
