"""Sync with real FOREIGN KEYs between declared kinds: parents before children, a child whose parent is missing
or parked waits, and an erasure cascades (or clears a reference, as declared) at the school, at the district and
in a restore back to a school. After every import the database's foreign keys hold (PRAGMA foreign_key_check)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import DeclarativeBase
from sync_support import SCHOOL_CODE, fp, make_district, make_school

from kaplc_desktop.data.declared_columns import declared_columns
from kaplc_desktop.data.models import Person
from kaplc_desktop.data.sync_mixin import SYNCED_KINDS, SyncMixin, synced
from kaplc_desktop.domain.field_types import Number, Reference, Text
from kaplc_desktop.domain.record_kind import DECLARED, Field, FormGroup, RecordKind, declare
from kaplc_desktop.errors import ValidationError
from kaplc_desktop.services.records import RecordService

MEETING = RecordKind(
    name="test_meeting",
    table="test_meetings",
    owner="school",
    label="PLC meeting",
    fields=(
        Field("topic", "Topic", Text(), required=True),
        Field("leader_id", "Leader", Reference(), refers_to="personnel", on_erase="set_null"),
        Field("follows_id", "Follows", Reference(), refers_to="test_meeting", on_erase="set_null"),
    ),
    list_columns=("topic",),
    details=("topic",),
    form=(FormGroup("Meeting", ("topic", "leader_id", "follows_id")),),
)
ATTENDANCE = RecordKind(
    name="test_attendance",
    table="test_attendance",
    owner="school",
    label="Attendance",
    fields=(
        Field("meeting_id", "Meeting", Reference(), required=True, refers_to="test_meeting"),
        Field("person_id", "Person", Reference(), required=True, refers_to="personnel"),
        Field("hours", "Hours", Number(0, 24)),
    ),
    list_columns=("hours",),
    details=("hours",),
    form=(FormGroup("Attendance", ("meeting_id", "person_id", "hours")),),
)


class RefBase(DeclarativeBase):
    """Tables of their own (never in the app's migrations); the personnel table is copied in for the FOREIGN KEY."""


Person.__table__.to_metadata(RefBase.metadata)


class Meeting(SyncMixin, declared_columns(MEETING), RefBase):  # type: ignore[misc]
    __tablename__ = MEETING.table


class Attendance(SyncMixin, declared_columns(ATTENDANCE, also=(MEETING,)), RefBase):  # type: ignore[misc]
    __tablename__ = ATTENDANCE.table


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple]:  # type: ignore[type-arg]
    from kaplc_desktop.sync import kinds

    for kind, model in ((MEETING, Meeting), (ATTENDANCE, Attendance)):
        declare(kind)
        synced(kind=kind.name, owner="school")(model)
    kinds._specs.cache_clear()
    district = make_district(tmp_path / "district")
    school = make_school(tmp_path / "school", district, staff=3)
    for side in (district, school):
        RefBase.metadata.create_all(side.ctx.db.engine)  # personnel exists already: only the new tables
    (tmp_path / "usb").mkdir()
    district.sync.import_bundles([school.sync.export_bundle(tmp_path / "usb").path], dry_run=False, trust=[fp(school)])
    yield district, school, tmp_path
    school.close()
    district.close()
    for kind in (MEETING, ATTENDANCE):
        SYNCED_KINDS.pop(kind.name, None)
        DECLARED.pop(kind.name, None)
    kinds._specs.cache_clear()


def send(school, district, tmp_path: Path):  # type: ignore[no-untyped-def]
    outcome = district.sync.import_bundles([school.sync.export_bundle(tmp_path / "usb").path], dry_run=False)[0]
    assert outcome.result == "applied", outcome
    assert foreign_key_problems(district) == []
    return outcome.plan.counts()


def foreign_key_problems(side) -> list[tuple]:  # type: ignore[no-untyped-def,type-arg]
    conn = sqlite3.connect(side.ctx.db.file)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        return conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()


def ids(side, kind: RecordKind, deleted: bool = False) -> set[str]:  # type: ignore[no-untyped-def]
    return {r.id for r in RecordService(side.ctx.db, kind).list(deleted=deleted)}


def test_the_tables_carry_real_foreign_keys(world: tuple) -> None:  # type: ignore[type-arg]
    district, _school, _tmp = world
    conn = sqlite3.connect(district.ctx.db.file)
    try:
        keys = {(r[2], r[3], r[6]) for r in conn.execute("PRAGMA foreign_key_list(test_attendance)")}
        assert keys == {("test_meetings", "meeting_id", "CASCADE"), ("personnel", "person_id", "CASCADE")}
        keys = {(r[2], r[3], r[6]) for r in conn.execute("PRAGMA foreign_key_list(test_meetings)")}
        assert keys == {("personnel", "leader_id", "SET NULL"), ("test_meetings", "follows_id", "SET NULL")}
    finally:
        conn.close()
    from kaplc_desktop.sync.kinds import all_kinds, sync_order

    order = [s.kind for s in sync_order(all_kinds().values())]
    assert order.index("personnel") < order.index("test_meeting") < order.index("test_attendance")


def test_a_parent_and_its_children_in_one_bundle(world: tuple) -> None:  # type: ignore[type-arg]
    district, school, tmp_path = world
    people = school.ctx.personnel.list()
    meetings = RecordService(school.ctx.db, MEETING)
    first = meetings.add({"topic": "ครั้งที่ 1", "leader_id": people[0].id})
    # bundles list a kind's records by id: with the highest id, the first meeting comes after its follow-up
    last_id = "ffffffff-ffff-4fff-bfff-ffffffffffff"
    conn = sqlite3.connect(school.ctx.db.file)
    with conn:
        conn.execute("UPDATE test_meetings SET id = ? WHERE id = ?", (last_id, first.id))
    conn.close()
    first = meetings.get(last_id)
    second = meetings.add({"topic": "ครั้งที่ 2", "follows_id": first.id})
    attendance = RecordService(school.ctx.db, ATTENDANCE)
    for meeting in (first, second):
        for person in people:
            attendance.add({"meeting_id": meeting.id, "person_id": person.id, "hours": "2"})
    counts = send(school, district, tmp_path)
    assert (counts["test_meeting"]["new"], counts["test_attendance"]["new"]) == (2, 6)
    assert ids(district, MEETING) == {first.id, second.id} and len(ids(district, ATTENDANCE)) == 6


def test_children_arriving_in_a_later_bundle_than_their_parent(world: tuple) -> None:  # type: ignore[type-arg]
    district, school, tmp_path = world
    person = school.ctx.personnel.list()[0]
    meeting = RecordService(school.ctx.db, MEETING).add({"topic": "ครั้งที่ 1"})
    assert send(school, district, tmp_path)["test_meeting"]["new"] == 1
    RecordService(school.ctx.db, ATTENDANCE).add({"meeting_id": meeting.id, "person_id": person.id, "hours": "3"})
    assert send(school, district, tmp_path)["test_attendance"]["new"] == 1


def test_a_child_whose_parent_is_parked_waits_with_it(world: tuple, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[type-arg]
    from kaplc_desktop.sync import kinds

    district, school, tmp_path = world
    person = school.ctx.personnel.list()[0]
    meeting = RecordService(school.ctx.db, MEETING).add({"topic": "หัวข้อที่เขตยังไม่รับ"})
    RecordService(school.ctx.db, ATTENDANCE).add({"meeting_id": meeting.id, "person_id": person.id, "hours": "1"})
    monkeypatch.setattr(Meeting, "__sync_validate__", staticmethod(lambda row: ["topic: not known here"]))
    kinds._specs.cache_clear()
    counts = send(school, district, tmp_path)
    assert (counts["test_meeting"]["rejected"], counts["test_attendance"]["rejected"]) == (1, 1)
    assert ids(district, MEETING) == set() and ids(district, ATTENDANCE) == set()
    monkeypatch.undo()
    kinds._specs.cache_clear()
    feedback = district.sync.export_feedback(SCHOOL_CODE, tmp_path / "usb")
    school.sync.import_bundles([feedback.path], dry_run=False)
    counts = send(school, district, tmp_path)  # both are sent again, unchanged, and now taken
    assert (counts["test_meeting"]["new"], counts["test_attendance"]["new"]) == (1, 1)


def test_an_erased_parent_takes_its_children_and_clears_references_everywhere(world: tuple) -> None:  # type: ignore[type-arg]
    district, school, tmp_path = world
    leader, other = school.ctx.personnel.list()[:2]
    meetings = RecordService(school.ctx.db, MEETING)
    first = meetings.add({"topic": "ครั้งที่ 1", "leader_id": leader.id})
    second = meetings.add({"topic": "ครั้งที่ 2", "leader_id": other.id, "follows_id": first.id})
    attendance = RecordService(school.ctx.db, ATTENDANCE)
    gone = attendance.add({"meeting_id": second.id, "person_id": leader.id, "hours": "2"})
    stays = attendance.add({"meeting_id": second.id, "person_id": other.id, "hours": "2"})
    send(school, district, tmp_path)

    erased = school.sync.erase("personnel", leader.id, "เจ้าของข้อมูลขอให้ลบ")
    assert sorted(erased.removed) == sorted([("personnel", leader.id), ("test_attendance", gone.id)])
    assert foreign_key_problems(school) == []
    assert RecordService(school.ctx.db, MEETING).get(first.id).leader_id is None  # set null, as declared
    counts = send(school, district, tmp_path)
    assert counts["erasure"]["new"] == 2
    for side in (school, district):
        assert ids(side, ATTENDANCE) == {stays.id}
        assert RecordService(side.ctx.db, MEETING).get(first.id).leader_id is None
        assert leader.id not in {p.id for p in side.ctx.personnel.list()}

    # erasing a meeting erases its attendance and clears the follow-up's reference to it
    school.sync.erase("test_meeting", second.id, "ข้อมูลผิดทั้งชุด")
    school.sync.erase("test_meeting", first.id, "ข้อมูลผิดทั้งชุด")
    send(school, district, tmp_path)
    for side in (school, district):
        assert ids(side, MEETING) == set() and ids(side, ATTENDANCE) == set()

    # back at a school: a restore to a new laptop brings none of the erased records back
    new_laptop = make_school(tmp_path / "new-laptop", district, code=SCHOOL_CODE)
    RefBase.metadata.create_all(new_laptop.ctx.db.engine)
    enrollment = tmp_path / "new-laptop.json"
    new_laptop.sync.export_enrollment(enrollment)
    district.sync.import_enrollment(enrollment, replace=fp(new_laptop))
    restore = district.sync.export_restore(SCHOOL_CODE, tmp_path / "usb")
    assert new_laptop.sync.import_bundles([restore.path], dry_run=False)[0].result == "applied"
    assert foreign_key_problems(new_laptop) == []
    assert ids(new_laptop, MEETING) == set() and ids(new_laptop, ATTENDANCE) == set()
    assert leader.id not in {p.id for p in new_laptop.ctx.personnel.list()}
    new_laptop.close()


def test_records_pointing_at_each_other_travel_and_are_restored(world: tuple) -> None:  # type: ignore[type-arg]
    """Ordinary edits can make a cycle (A follows B, B follows A) or a record that follows itself: they are
    taken together, at the district and in a restore back to a new laptop."""
    district, school, tmp_path = world
    meetings = RecordService(school.ctx.db, MEETING)
    a = meetings.add({"topic": "ก"})
    b = meetings.add({"topic": "ข", "follows_id": a.id})
    meetings.edit(a.id, {"follows_id": b.id})
    itself = meetings.add({"topic": "ค"})
    meetings.edit(itself.id, {"follows_id": itself.id})
    counts = send(school, district, tmp_path)
    assert (counts["test_meeting"]["new"], counts["test_meeting"]["rejected"]) == (3, 0)
    new_laptop = make_school(tmp_path / "new-laptop", district, code=SCHOOL_CODE)
    RefBase.metadata.create_all(new_laptop.ctx.db.engine)
    enrollment = tmp_path / "new-laptop.json"
    new_laptop.sync.export_enrollment(enrollment)
    district.sync.import_enrollment(enrollment, replace=fp(new_laptop))
    restore = district.sync.export_restore(SCHOOL_CODE, tmp_path / "usb")
    assert new_laptop.sync.import_bundles([restore.path], dry_run=False)[0].result == "applied"
    assert foreign_key_problems(new_laptop) == []
    back = {m.id: m.follows_id for m in RecordService(new_laptop.ctx.db, MEETING).list()}
    assert back == {a.id: b.id, b.id: a.id, itself.id: itself.id}
    new_laptop.close()


def test_a_record_pointing_at_another_schools_record_is_parked(world: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    """A hostile school's meeting names a person of another school (written straight into its own database,
    past the form's check): the district parks it; it never comes to hang on the other school's records."""
    district, school, _tmp = world
    other = make_school(tmp_path / "other", district, code="1090050002", staff=2)
    RefBase.metadata.create_all(other.ctx.db.engine)
    district.sync.import_bundles([other.sync.export_bundle(tmp_path / "usb").path], dry_run=False, trust=[fp(other)])
    someone_else = school.ctx.personnel.list()[0]
    with pytest.raises(ValidationError):  # the form's check: not a person of this school
        RecordService(other.ctx.db, MEETING).add({"topic": "ปลอม", "leader_id": someone_else.id})
    meeting = RecordService(other.ctx.db, MEETING).add({"topic": "ปลอม", "leader_id": other.ctx.personnel.list()[0].id})
    conn = sqlite3.connect(other.ctx.db.file)
    with conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE test_meetings SET leader_id = ? WHERE id = ?", (someone_else.id, meeting.id))
    conn.close()
    outcome = district.sync.import_bundles([other.sync.export_bundle(tmp_path / "usb").path], dry_run=False)[0]
    assert outcome.plan.counts()["test_meeting"]["rejected"] == 1
    assert "another owner's personnel record" in outcome.to_json()["rejected"][0]["reason"]
    assert ids(district, MEETING) == set()
    other.close()


def test_undo_never_brings_back_a_reference_to_an_erased_record(world: tuple) -> None:  # type: ignore[type-arg]
    from kaplc_desktop.services.undo import UndoJournal

    _district, school, _tmp = world
    journal = UndoJournal()
    meetings = RecordService(school.ctx.db, MEETING, journal=journal)
    leader = school.ctx.personnel.list()[0]
    meeting = meetings.add({"topic": "ก่อนแก้", "leader_id": leader.id})
    meetings.edit(meeting.id, {"topic": "หลังแก้"})
    school.sync.erase("personnel", leader.id, "คำขอ")  # clears leader_id (declared set null), no new version
    with pytest.raises(ValidationError):
        meetings.undo(journal.last())  # type: ignore[arg-type]
    assert meetings.get(meeting.id).leader_id is None and meetings.get(meeting.id).topic == "หลังแก้"
    assert foreign_key_problems(school) == []


def test_a_required_reference_cannot_be_declared_set_null() -> None:
    with pytest.raises(ValueError, match="required reference"):
        RecordKind(
            name="bad",
            table="bad",
            owner="school",
            label="Bad",
            fields=(Field("person_id", "P", Reference(), required=True, refers_to="personnel", on_erase="set_null"),),
            list_columns=(),
            details=(),
            form=(),
        )
