"""School → district → school, as people will use it: full and delta bundles, receipts, conflicts,
tombstones, erasure, keys, restore, volumes and attachments."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from district_store import folder_rows
from support import teacher
from sync_support import ESA, SCHOOL_CODE, Side, db_digest, fp, make_district, make_school, open_side

from kaplc_desktop.sync.refusals import BundleRefused

pytestmark = pytest.mark.both_databases


@pytest.fixture
def pair(tmp_path: Path):  # type: ignore[no-untyped-def]
    district = make_district(tmp_path / "district")
    school = make_school(tmp_path / "school", district, staff=20)
    yield district, school
    for side in (district, school):
        side.close()


def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir(exist_ok=True)
    return folder


def edit_subject(side: Side, person: Any, subject: str) -> None:
    """A principal changes one field of a staff member (every other field as it was)."""
    side.ctx.personnel.update(
        person.id,
        teacher(
            first_name_th=person.first_name_th,
            last_name_th=person.last_name_th,
            national_id=person.national_id,
            subject=subject,
        ),
    )


def district_rows(district: Side) -> dict[str, tuple]:
    sql = "SELECT id, first_name_th, subject, version_db, version_counter, updated_at, deleted_at FROM personnel"
    return {r[0]: r for r in folder_rows(district.ctx.data_dir, sql)}


def test_full_bundle_applies_once_and_keeps_source_versions(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    district, school = pair
    written = school.sync.export_bundle(usb(tmp_path))
    assert written.manifest.counts["personnel"] == 20 and written.manifest.bundle_kind == "full"
    unknown = district.sync.import_bundles([written.path], dry_run=True)[0]
    assert unknown.result == "refused" and unknown.needs_confirmation and unknown.refusal.fingerprint == fp(school)
    preview = district.sync.import_bundles([written.path], dry_run=True, trust=[fp(school)])[0]
    assert preview.result == "would-apply" and preview.plan.counts()["personnel"]["new"] == 20
    assert district_rows(district) == {}
    outcome = district.sync.import_bundles([written.path], dry_run=False, trust=[fp(school)])[0]
    assert outcome.result == "applied"
    rows = district_rows(district)
    source = {p.id: p for p in school.ctx.personnel.list()}
    assert set(rows) == set(source)
    some = next(iter(rows.values()))
    assert some[3] == school.ctx.db.db_id  # the version names the school's database, not the district's
    before = db_digest(district.ctx.data_dir)
    again = district.sync.import_bundles([written.path], dry_run=False)[0]
    assert again.result == "already-imported"
    assert db_digest(district.ctx.data_dir) == before
    assert (district.ctx.data_dir / "sync" / "archive" / f"{written.sha256}.kaplc").exists()


def test_receipt_makes_the_next_bundle_a_delta(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    district, school = pair
    district.sync.import_bundles([school.sync.export_bundle(usb(tmp_path)).path], dry_run=False, trust=[fp(school)])
    feedback = district.sync.export_feedback(SCHOOL_CODE, usb(tmp_path))
    assert school.sync.import_bundles([feedback.path], dry_run=False)[0].result == "applied"
    people = school.ctx.personnel.list()
    edited, removed = people[0], people[1]
    edit_subject(school, edited, "ดนตรี ป.3")
    school.ctx.personnel.delete(removed.id)
    preview = school.sync.preview_export()
    assert preview.bundle_kind == "delta" and preview.counts["personnel"] == 2
    delta = school.sync.export_bundle(usb(tmp_path))
    outcome = district.sync.import_bundles([delta.path], dry_run=False)[0]
    counts = outcome.plan.counts()["personnel"]
    assert (counts["updated"], counts["deleted"], counts["new"]) == (1, 1, 0)
    rows = district_rows(district)
    assert rows[edited.id][2] == "ดนตรี ป.3" and rows[removed.id][6] is not None


def test_unknown_school_is_refused_until_confirmed_or_enrolled(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    district, school = pair
    written = school.sync.export_bundle(usb(tmp_path))
    before = db_digest(district.ctx.data_dir)
    outcome = district.sync.import_bundles([written.path], dry_run=False)[0]
    assert outcome.result == "refused" and outcome.refusal.reason == "unknown-sender"
    assert school.sync.keys_info()["fingerprint"] in outcome.refusal.message
    assert db_digest(district.ctx.data_dir) == before
    enrollment = tmp_path / "school.json"
    school.sync.export_enrollment(enrollment)
    district.sync.import_enrollment(enrollment)
    assert district.sync.import_bundles([written.path], dry_run=False)[0].result == "applied"


def test_a_reinstalled_school_with_a_new_key_is_refused_until_re_enrolled(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kaplc_desktop.errors import KaplcError
    from kaplc_desktop.sync.key_management import KeyChangeNeedsConfirmation

    district, school = pair
    district.sync.import_bundles([school.sync.export_bundle(usb(tmp_path)).path], dry_run=False, trust=[fp(school)])
    impostor = make_school(tmp_path / "reinstalled", district, code=SCHOOL_CODE, staff=3)
    written = impostor.sync.export_bundle(tmp_path / "usb")
    before = db_digest(district.ctx.data_dir)
    outcome = district.sync.import_bundles([written.path], dry_run=False)[0]
    assert outcome.refusal.reason == "key-changed"  # shown with both fingerprints, nothing decrypted
    assert (outcome.refusal.old_fingerprint, outcome.refusal.fingerprint) == (fp(school), fp(impostor))
    # even with the new fingerprint confirmed, a new key that no rotation statement links to is refused
    outcome = district.sync.import_bundles([written.path], dry_run=False, trust=[fp(impostor)])[0]
    assert outcome.refusal.reason == "rekeyed-sender"
    assert db_digest(district.ctx.data_dir) == before
    enrollment = tmp_path / "reinstalled.json"
    impostor.sync.export_enrollment(enrollment)
    with pytest.raises(KeyChangeNeedsConfirmation) as asked:
        district.sync.import_enrollment(enrollment)
    assert fp(school) in asked.value.message and fp(impostor) in asked.value.message
    with pytest.raises(KaplcError, match=fp(impostor)):  # a fingerprint that is not the file's: nothing replaced
        district.sync.import_enrollment(enrollment, replace=fp(school))
    assert db_digest(district.ctx.data_dir) == before
    district.sync.import_enrollment(enrollment, replace=fp(impostor).lower().replace("-", " "))
    assert district.sync.import_bundles([written.path], dry_run=False)[0].result == "applied"
    impostor.close()


def test_key_rotation_is_shown_and_applied_only_when_confirmed(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    district, school = pair
    district.sync.import_bundles([school.sync.export_bundle(usb(tmp_path)).path], dry_run=False, trust=[fp(school)])
    old = fp(school)
    school.sync.rotate_keys()
    written = school.sync.export_bundle(usb(tmp_path), full=True)
    before = db_digest(district.ctx.data_dir)
    asked = district.sync.import_bundles([written.path], dry_run=False)[0]
    assert asked.needs_confirmation and asked.refusal.reason == "key-changed"
    assert (asked.refusal.old_fingerprint, asked.refusal.fingerprint) == (old, fp(school))
    assert db_digest(district.ctx.data_dir) == before
    outcome = district.sync.import_bundles([written.path], dry_run=False, trust=[fp(school)])[0]
    assert outcome.result == "applied" and outcome.plan.bundle.trust == "rotation"
    peer = district.sync.keys_info()["peers"][0]
    assert peer["fingerprint"] == fp(school) != old


def test_a_school_that_rotates_twice_is_not_locked_out(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    district, school = pair
    district.sync.import_bundles([school.sync.export_bundle(usb(tmp_path)).path], dry_run=False, trust=[fp(school)])
    school.sync.rotate_keys()
    school.sync.rotate_keys()
    written = school.sync.export_bundle(usb(tmp_path), full=True)
    outcome = district.sync.import_bundles([written.path], dry_run=False, trust=[fp(school)])[0]
    assert outcome.result == "applied" and len(outcome.plan.bundle.rotation_path) == 3


def test_a_revoked_key_signs_nothing_more(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kaplc_desktop.errors import KaplcError

    district, school = pair
    district.sync.import_bundles([school.sync.export_bundle(usb(tmp_path)).path], dry_run=False, trust=[fp(school)])
    lost = fp(school)
    assert district.sync.revoke_key(SCHOOL_CODE, "โน้ตบุ๊กถูกขโมย") == lost
    thief = school.sync.export_bundle(usb(tmp_path), full=True)
    before = db_digest(district.ctx.data_dir)
    assert district.sync.import_bundles([thief.path], dry_run=False, trust=[lost])[0].refusal.reason == "revoked-key"
    # a rotation statement signed by the revoked key is refused too
    school.sync.rotate_keys()
    rotated = school.sync.export_bundle(usb(tmp_path), full=True)
    outcome = district.sync.import_bundles([rotated.path], dry_run=False, trust=[fp(school)])[0]
    assert outcome.refusal.reason == "revoked-key"
    assert db_digest(district.ctx.data_dir, skip=("sync_imports",)) == before
    with pytest.raises(KaplcError, match=r"revoked|เพิกถอน"):
        district.sync.export_restore(SCHOOL_CODE, usb(tmp_path))
    with pytest.raises(KaplcError):
        district.sync.export_feedback(SCHOOL_CODE, usb(tmp_path))


def test_restored_backup_that_kept_typing_is_a_flagged_conflict(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    district, school = pair
    district.sync.import_bundles([school.sync.export_bundle(usb(tmp_path)).path], dry_run=False, trust=[fp(school)])
    backup = tmp_path / "backup.sqlite3"
    school.ctx.close()
    shutil.copyfile(school.ctx.db.file, backup)
    school = open_side(tmp_path / "school")
    person, gone = school.ctx.personnel.list()[0], school.ctx.personnel.list()[1]
    edit_subject(school, person, "ฉบับก่อนกู้คืน")
    school.ctx.personnel.delete(gone.id)
    district.sync.import_bundles([school.sync.export_bundle(usb(tmp_path), full=True).path], dry_run=False)
    # the laptop is restored from the old backup (a new database id) and the principal keeps typing
    school.close()
    shutil.copyfile(backup, tmp_path / "school" / "kaplc.sqlite3")
    for extra in ("kaplc.sqlite3-wal", "kaplc.sqlite3-shm"):
        (tmp_path / "school" / extra).unlink(missing_ok=True)
    school = open_side(tmp_path / "school")
    edit_subject(school, person, "ฉบับหลังกู้คืน")
    edit_subject(school, gone, "แก้หลังถูกลบ")
    outcome = district.sync.import_bundles([school.sync.export_bundle(usb(tmp_path), full=True).path], dry_run=False)[0]
    counts = outcome.plan.counts()["personnel"]
    assert counts["conflict"] == 2
    rows = district_rows(district)
    assert rows[person.id][2] == "ฉบับหลังกู้คืน"  # the owner's copy wins
    assert rows[gone.id][2] == "แก้หลังถูกลบ" and rows[gone.id][6] is None  # the later edit survives the delete
    conflicts = {c["record_id"]: c for c in district.sync.conflicts()}
    assert conflicts[person.id]["losing_row"]["subject"] == "ฉบับก่อนกู้คืน"
    assert conflicts[person.id]["reason"] == "concurrent-edit"
    assert conflicts[gone.id]["reason"] == "edit-after-delete"
    school.close()


def test_an_older_version_never_overwrites_a_newer_one(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    district, school = pair
    first = school.sync.export_bundle(usb(tmp_path))
    person = school.ctx.personnel.list()[0]
    edit_subject(school, person, "ใหม่กว่า")
    second = school.sync.export_bundle(usb(tmp_path), full=True)
    assert district.sync.import_bundles([second.path], dry_run=False, trust=[fp(school)])[0].result == "applied"
    late = district.sync.import_bundles([first.path], dry_run=False)[0]
    assert late.result == "applied" and late.plan.counts()["personnel"]["older"] == 1
    assert any(w.startswith("out-of-order") for w in late.plan.warnings)
    assert district_rows(district)[person.id][2] == "ใหม่กว่า"


def test_a_missing_bundle_is_reported_as_a_sequence_gap(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    district, school = pair
    school.sync.export_bundle(usb(tmp_path))
    second = school.sync.export_bundle(usb(tmp_path), full=True)
    outcome = district.sync.import_bundles([second.path], dry_run=True, trust=[fp(school)])[0]
    assert outcome.plan.warnings == ["sequence-gap:1"]


def test_erasure_removes_the_person_everywhere(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    district, school = pair
    district.sync.import_bundles([school.sync.export_bundle(usb(tmp_path)).path], dry_run=False, trust=[fp(school)])
    person = school.ctx.personnel.list()[0]
    school.sync.erase("personnel", person.id, "คำขอของเจ้าของข้อมูล")
    assert person.id not in {p.id for p in school.ctx.personnel.list(deleted=True)}
    outcome = district.sync.import_bundles([school.sync.export_bundle(usb(tmp_path), full=True).path], dry_run=False)[0]
    assert outcome.plan.counts()["erasure"]["new"] == 1
    assert person.id not in district_rows(district)


def test_restore_bundle_rebuilds_a_lost_school(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    district, school = pair
    district.sync.import_bundles([school.sync.export_bundle(usb(tmp_path)).path], dry_run=False, trust=[fp(school)])
    district.sync.import_bundles([school.sync.export_bundle(usb(tmp_path), full=True).path], dry_run=False)
    original = {p.id for p in school.ctx.personnel.list()}
    school.close()
    new_laptop = make_school(tmp_path / "new-laptop", district, code=SCHOOL_CODE)
    enrollment = tmp_path / "new-laptop.json"
    new_laptop.sync.export_enrollment(enrollment)
    district.sync.import_enrollment(enrollment, replace=fp(new_laptop))
    restore = district.sync.export_restore(SCHOOL_CODE, usb(tmp_path))
    assert new_laptop.sync.import_bundles([restore.path], dry_run=False)[0].result == "applied"
    assert {p.id for p in new_laptop.ctx.personnel.list()} == original
    assert new_laptop.sync.preview_export().sequence == 3  # continues after the two bundles the district holds
    nxt = new_laptop.sync.export_bundle(usb(tmp_path))
    outcome = district.sync.import_bundles([nxt.path], dry_run=False)[0]
    assert outcome.result == "applied" and outcome.plan.warnings == []
    new_laptop.close()


def test_attachments_travel_once_and_volumes_join(tmp_path: Path) -> None:
    district = make_district(tmp_path / "district")
    school = make_school(tmp_path / "school", district, staff=6)
    school.ctx.add_demo_photos(seed=3, photo_kb=300)
    written = school.sync.export_bundle(usb(tmp_path), split_mb=1)
    assert len(written.volumes) >= 2 and not written.path.exists()
    assert all(v.stat().st_size <= 1024 * 1024 for v in written.volumes)
    outcome = district.sync.import_bundles([written.volumes[0]], dry_run=False, trust=[fp(school)])[0]
    assert outcome.result == "applied" and outcome.plan.counts()["personnel"]["new"] == 6
    photos = {p.photo_sha256 for p in []}  # noqa: F841 - rows are checked on disk below
    from kaplc_desktop import attachment_store

    stored = list((district.ctx.data_dir / "attachments").rglob("*"))
    assert len([p for p in stored if p.is_file()]) == 6
    for path in (p for p in stored if p.is_file()):
        import hashlib

        assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name
    assert attachment_store.attachments_dir(district.ctx.data_dir).exists()
    school.close()
    district.close()


def test_bundles_to_the_wrong_place_are_refused(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    district, school = pair
    written = school.sync.export_bundle(usb(tmp_path))
    other = make_school(tmp_path / "other", district, code="1090050002")
    outcome = other.sync.import_bundles([written.path], dry_run=False)[0]
    assert outcome.refusal.reason == "wrong-receiver"
    other_district_dir = tmp_path / "district-9003"
    from kaplc_desktop.context import AppContext
    from kaplc_desktop.services.workspace import clean_district_setup

    with AppContext.open(other_district_dir, create=True) as ctx:
        ctx.workspace.init_district(clean_district_setup("9003", "สพป.อื่น"))
    another = open_side(other_district_dir)
    assert another.sync.import_bundles([written.path], dry_run=False)[0].refusal.reason == "wrong-receiver"
    feedback_for_nobody = pytest.raises(Exception)
    with feedback_for_nobody:
        district.sync.export_feedback("1090059999", usb(tmp_path))
    other.close()
    another.close()
    assert ESA == "9002"


def test_school_without_district_enrollment_cannot_export(tmp_path: Path) -> None:
    from kaplc_desktop.context import AppContext
    from kaplc_desktop.services.workspace import clean_school_setup

    with AppContext.open(tmp_path / "s", create=True) as ctx:
        ctx.workspace.init_school(clean_school_setup(SCHOOL_CODE, "โรงเรียน", "สพป.สงขลา เขต 2", ESA))
    side = open_side(tmp_path / "s")
    with pytest.raises(BundleRefused) as err:
        side.sync.export_bundle(tmp_path)
    assert err.value.reason == "not-enrolled"
    assert not list(tmp_path.glob("*.kaplc"))
    side.close()


def test_district_settings_reach_schools_and_stay_the_districts(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kaplc_desktop.errors import KaplcError

    district, school = pair
    district.sync.import_bundles([school.sync.export_bundle(usb(tmp_path)).path], dry_run=False, trust=[fp(school)])
    district.ctx.district_settings.set_year(2569, 40, {"แบบสำรวจ": "31/07/2569"}, ["การจัดการเรียนรู้เชิงรุก"])
    feedback = district.sync.export_feedback(SCHOOL_CODE, usb(tmp_path))
    assert feedback.manifest.counts["district_settings"] == 1
    school.sync.import_bundles([feedback.path], dry_run=False)
    got = school.ctx.district_settings.for_year(2569)
    assert got is not None and got.plc_hours_target == 40 and got.needs_topics == ("การจัดการเรียนรู้เชิงรุก",)
    assert str(got.deadlines["แบบสำรวจ"]) == "2026-07-31"
    with pytest.raises(KaplcError, match="เขตพื้นที่"):
        school.ctx.district_settings.set_year(2569, 10)
    district.ctx.district_settings.set_year(2569, 60)
    school.sync.import_bundles([district.sync.export_feedback(SCHOOL_CODE, usb(tmp_path)).path], dry_run=False)
    assert school.ctx.district_settings.for_year(2569).plc_hours_target == 60  # type: ignore[union-attr]
    # the school's own bundles never carry them back
    assert "district_settings" not in school.sync.export_bundle(usb(tmp_path)).manifest.counts
