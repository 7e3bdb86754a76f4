"""PLC records travel to the district end to end through the command line: groups, members, meetings,
attendance and photos arrive whole; a replayed or late bundle changes nothing newer; forged rows are parked
with a reason; an erased person's attendance is erased everywhere; a school restored from a backup goes on."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sync_support import SCHOOL_CODE, open_side
from sync_world import World, edit_payload, started_world

from kaplc_desktop import attachment_store
from kaplc_desktop.services.demo_plc import demo_plc

pytestmark = pytest.mark.both_databases

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def world(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> World:
    w = started_world(tmp_path, capsys)
    side = open_side(w.root / "school")
    try:
        made = demo_plc(side.ctx, seed=3, today=TODAY, groups_per_year=2, meetings=12, photos=True)
        assert made > 12
    finally:
        side.close()
    return w


def _meetings(world: World, side: str) -> list[dict]:  # type: ignore[type-arg]
    school = ("--school", SCHOOL_CODE) if side == "district" else ()
    return world.json(side, "plc", "meetings", *school)  # type: ignore[return-value]


def _hours(world: World, side: str, year: str = "2568") -> dict[str, str]:
    school = ("--school", SCHOOL_CODE) if side == "district" else ()
    report = world.json(side, "plc", "hours", "--year", year, *school)
    return {p["person_id"]: p["hours"] for p in report["people"]}  # type: ignore[index]


def test_meetings_attendance_and_photos_arrive_whole(world: World) -> None:
    outcome = world.district_import(world.school_bundle())
    counts = outcome["counts"]
    assert counts["plc_group"]["new"] == 4 and counts["plc_meeting"]["new"] == len(_meetings(world, "school"))
    assert _meetings(world, "district") == _meetings(world, "school")
    assert _hours(world, "district") == _hours(world, "school")
    assert world.json("district", "plc", "groups", "--school", SCHOOL_CODE) == world.json("school", "plc", "groups")
    photos = {f["sha256"] for m in _meetings(world, "district") for f in m["files"]}
    assert photos and all(attachment_store.has(world.root / "district", sha) for sha in photos)


def test_a_replayed_bundle_and_a_late_one_change_nothing_newer(world: World) -> None:
    first = world.school_bundle()
    world.district_import(first)
    meeting = _meetings(world, "school")[-1]
    world.kaplc("school", "plc", "edit", "--meeting", meeting["id"], "--set", "place=ห้องประชุมใหม่")
    world.district_import(world.school_bundle())
    again = world.district_import(first)  # the same file once more
    assert again["result"] == "already-imported"
    by_id = {m["id"]: m for m in _meetings(world, "district")}
    assert by_id[meeting["id"]]["place"] == "ห้องประชุมใหม่"
    late = world.school_bundle("--full")  # a full bundle made now, arriving after a newer edit
    world.kaplc("school", "plc", "edit", "--meeting", meeting["id"], "--set", "place=ห้องสมุด")
    world.district_import(world.school_bundle())
    world.district_import(late)
    assert {m["id"]: m for m in _meetings(world, "district")}[meeting["id"]]["place"] == "ห้องสมุด"


def test_a_forged_meeting_is_parked_with_its_reason(world: World) -> None:
    bundle = world.school_bundle()

    def break_times(name, data):  # type: ignore[no-untyped-def]
        if name != "data/plc_meeting.jsonl":
            return [(name, data, None)]
        rows = [json.loads(line) for line in data.splitlines()]
        rows[0]["end_time"] = rows[0]["start_time"] - 30  # ends before it starts
        return [(name, b"".join(json.dumps(r).encode() + b"\n" for r in rows), None)]

    forged = edit_payload(world, bundle, break_times)
    outcome = world.district_import(forged)
    assert outcome["counts"]["plc_meeting"]["rejected"] == 1
    parked = world.json("district", "sync", "parked", "--all")
    assert any(p["kind"] == "plc_meeting" and "end_time" in p["reason"] for p in parked)  # type: ignore[union-attr]
    assert len(_meetings(world, "district")) == len(_meetings(world, "school")) - 1


def test_an_erased_persons_attendance_is_erased_everywhere(world: World) -> None:
    world.district_import(world.school_bundle())
    before = _hours(world, "district")
    person = next(p for p, h in before.items() if h != "0")
    world.kaplc("school", "personnel", "erase", "--id", person, "--reason", "เจ้าของข้อมูลขอให้ลบ")
    world.district_import(world.school_bundle())
    for side in ("school", "district"):
        assert person not in _hours(world, side)
        assert all(a["person_id"] != person for m in _meetings(world, side) for a in m["attendees"])
        assert world.count(side, f"SELECT count(*) FROM plc_attendance WHERE person_id = '{person}'") == 0
        assert world.count(side, f"SELECT count(*) FROM plc_members WHERE person_id = '{person}'") == 0
    assert len(_meetings(world, "district")) == len(_meetings(world, "school"))  # the meetings stay


def test_a_school_restored_from_a_backup_sends_its_next_edits(world: World) -> None:
    world.district_import(world.school_bundle())
    backup = world.root / "backup.kaplc-backup"
    world.kaplc("school", "backup", "create", "--out", str(backup))
    meeting = _meetings(world, "school")[0]
    world.kaplc("school", "plc", "edit", "--meeting", meeting["id"], "--set", "place=ก่อนกู้คืน")
    world.district_import(world.school_bundle())
    world.kaplc("school", "backup", "restore", str(backup))
    world.kaplc("school", "plc", "edit", "--meeting", meeting["id"], "--set", "place=หลังกู้คืน")
    world.district_import(world.school_bundle())
    assert {m["id"]: m for m in _meetings(world, "district")}[meeting["id"]]["place"] == "หลังกู้คืน"


def test_ticking_the_same_person_again_after_a_restore_never_counts_them_twice(world: World) -> None:
    """Backup, tick someone, send; restore the backup, tick the same person again, send: one attendance, one set
    of hours (the record's id comes from the meeting and the person)."""
    side = open_side(world.root / "school")
    try:
        ctx = side.ctx
        meeting = next(m for m in ctx.plc_meetings.list() if m.date.year == 2026)
        came = {a.person_id for a in ctx.plc_meetings.attendance(meeting.id)}
        member = next(m.person_id for m in ctx.plc_groups.members(meeting.group_id) if m.person_id not in came)
    finally:
        side.close()
    world.district_import(world.school_bundle())
    backup = world.root / "before.kaplc-backup"
    world.kaplc("school", "backup", "create", "--out", str(backup))

    def tick(person_id: str) -> None:
        from kaplc_desktop.services.plc_meetings import AttendeeInput

        s = open_side(world.root / "school")
        try:
            people = [
                AttendeeInput(a.person_id, a.arrived_at, a.left_at) for a in s.ctx.plc_meetings.attendance(meeting.id)
            ]
            raw = {
                f.name: getattr(s.ctx.plc_meetings.get(meeting.id), f.name) for f in s.ctx.plc_meetings.kind.editable
            }
            s.ctx.plc_meetings.save(raw, [*people, AttendeeInput(person_id)], meeting_id=meeting.id, today=TODAY)
        finally:
            s.close()

    tick(member)
    world.district_import(world.school_bundle())
    world.kaplc("school", "backup", "restore", str(backup))
    tick(member)
    world.district_import(world.school_bundle())
    rows = world.count(
        "district", f"SELECT count(*) FROM plc_attendance WHERE meeting_id = '{meeting.id}' AND person_id = '{member}'"
    )
    assert rows == 1
    assert _hours(world, "district", "2569") == _hours(world, "school", "2569")


def _lose_a_photo(world: World):  # type: ignore[no-untyped-def]
    """The file of a meeting's photo is gone from the school's data folder (a disk error, a cleaning tool)."""
    side = open_side(world.root / "school")
    try:
        meeting = next(m for m in side.ctx.plc_meetings.list() if side.ctx.plc_meetings.files(m.id))
        (photo,) = side.ctx.plc_meetings.files(meeting.id)
        attachment_store.path_for(world.root / "school", photo.file_sha256).unlink()
    finally:
        side.close()
    return meeting


def test_a_lost_photo_names_its_meeting_and_removing_it_lets_the_bundle_go(world: World) -> None:
    meeting = _lose_a_photo(world)
    folder = world.usb / "lost"
    folder.mkdir()
    out = world.kaplc("school", "bundle", "export", "--out", str(folder), expect=2)
    assert meeting.title in out and "การประชุม PLC" in out
    side = open_side(world.root / "school")
    try:
        raw = {f.name: getattr(meeting, f.name) for f in side.ctx.plc_meetings.kind.editable}
        came = side.ctx.plc_meetings.attendance(meeting.id)
        from kaplc_desktop.services.plc_meetings import AttendeeInput

        side.ctx.plc_meetings.save(
            raw, [AttendeeInput(a.person_id, a.arrived_at, a.left_at) for a in came], files=[], meeting_id=meeting.id
        )
    finally:
        side.close()
    outcome = world.district_import(world.school_bundle())
    assert outcome["result"] == "applied"


def test_a_trashed_meetings_lost_photo_does_not_hold_up_the_bundle(world: World) -> None:
    meeting = _lose_a_photo(world)
    world.kaplc("school", "plc", "delete", "--meeting", meeting.id)  # its photos go to the Trash with it
    assert world.district_import(world.school_bundle())["result"] == "applied"
    world.kaplc("school", "plc", "restore", "--meeting", meeting.id)  # and come back with it: the file is asked for
    folder = world.usb / "again"
    folder.mkdir()
    refused = world.kaplc("school", "bundle", "export", "--out", str(folder), expect=2)
    assert meeting.display("date") in refused  # the message names the meeting by its date
