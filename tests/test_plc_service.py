"""PLC groups and meetings through the services: defaults, every rule a user can break (a clear sentence,
nothing saved), duplicates and double bookings, hours per person and year, the Trash and undo."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from plc_support import TODAY, PlcSchool, plc_school

from kaplc_desktop.context import AppContext
from kaplc_desktop.errors import KaplcError, ValidationError
from kaplc_desktop.services.plc_groups import MemberInput
from kaplc_desktop.services.plc_meetings import AttendeeInput


@pytest.fixture
def plc(school_ctx: AppContext) -> PlcSchool:
    return plc_school(school_ctx)


def _counts(ctx: AppContext) -> tuple[Any, ...]:
    from kaplc_desktop.domain.kinds import PLC_ATTENDANCE, PLC_FILE
    from kaplc_desktop.services.records import RecordService

    return (
        ctx.plc_meetings.counts(),
        RecordService(ctx.db, PLC_ATTENDANCE).counts(),
        RecordService(ctx.db, PLC_FILE).counts(),
    )


def test_a_new_meeting_starts_filled_in(plc: PlcSchool) -> None:
    draft = plc.ctx.plc_meetings.draft(plc.group.id, TODAY)
    assert (draft["date"], draft["semester"], draft["session_no"]) == (TODAY, 2, 1)
    assert (draft["start_time"], draft["end_time"]) == (15 * 60 + 30, 16 * 60 + 30)
    plc.save(start="13.00", end="15.00", place="ห้องสมุด", discussion="แบ่งกลุ่มนักเรียน", steps="สะท้อนผล")
    again = plc.ctx.plc_meetings.draft(plc.group.id, TODAY)
    assert again["session_no"] == 2 and (again["start_time"], again["end_time"], again["place"]) == (780, 900, "ห้องสมุด")
    assert "discussion" not in again
    copied = plc.ctx.plc_meetings.draft(plc.group.id, TODAY, copy_last=True)
    assert copied["discussion"] == "แบ่งกลุ่มนักเรียน" and copied["steps"] == ("สะท้อนผล",)


def test_session_numbers_count_per_semester_and_the_semester_follows_the_date(plc: PlcSchool) -> None:
    first = plc.save(day="10/06/2569").meeting
    second = plc.save(day="17/06/2569").meeting
    third = plc.save(day="04/11/2569").meeting
    assert [(m.semester, m.session_no) for m in (first, second, third)] == [(1, 1), (1, 2), (2, 1)]
    with pytest.raises(ValidationError, match="ครั้งที่ 2 ของภาคเรียนที่ 1") as caught:
        plc.save(day="24/06/2569", session_no="2")
    assert "3" in caught.value.errors[0].message  # the next free number


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"start": "16.00", "end": "15.00"}, "end_time", "หลังเวลาเริ่ม"),
        ({"start": "06.00", "end": "19.00"}, "end_time", "12 ชั่วโมง"),
        ({"day": "01/12/2570"}, "date", "365"),  # more than a year ahead
        ({"day": "10/05/2569"}, "date", "ปีการศึกษา 2569"),  # before the group's academic year
        ({"start": "25.00"}, "start_time", "13.30"),
    ],
)
def test_a_wrong_meeting_is_refused_with_a_thai_sentence_and_nothing_is_saved(
    plc: PlcSchool, values: dict[str, str], field: str, words: str
) -> None:
    before = _counts(plc.ctx)
    with pytest.raises(ValidationError) as caught:
        plc.save(**values)
    assert [e.field for e in caught.value.errors] == [field]
    assert words in caught.value.errors[0].message
    assert _counts(plc.ctx) == before


def test_an_attendee_must_be_a_member_who_still_works_here(plc: PlcSchool) -> None:
    from support import teacher

    ctx = plc.ctx
    outsider = ctx.personnel.add(teacher(first_name_th="มานะ", last_name_th="นอกกลุ่ม", national_id=None))
    before = _counts(ctx)
    with pytest.raises(ValidationError, match="ไม่ได้เป็นสมาชิกของกลุ่มนี้"):
        plc.save([AttendeeInput(outsider.id)])
    with pytest.raises(ValidationError, match="อย่างน้อยหนึ่งคน"):
        ctx.plc_meetings.save(plc.meeting(), [], today=TODAY)
    leaver = plc.people[3]
    ctx.personnel.edit(leaver.id, {"status": "moved", "status_date": "01/11/2569"}, today=TODAY)
    with pytest.raises(ValidationError, match="ย้ายหรือออกจากโรงเรียนแล้ว"):
        plc.save([AttendeeInput(leaver.id)], day="18/11/2569")
    assert _counts(ctx) == before
    plc.save([AttendeeInput(leaver.id)], day="28/10/2569")  # before they left: their hours still count
    with pytest.raises(ValidationError, match="ไม่ได้ทำงานที่โรงเรียนแล้ว"):
        ctx.plc_groups.save({"academic_year": 2569, "name": "กลุ่มใหม่"}, [MemberInput(leaver.id, "member")], today=TODAY)


def test_arrival_and_leaving_must_fall_within_the_meeting(plc: PlcSchool) -> None:
    with pytest.raises(ValidationError, match=r"15\.30–17\.00"):
        plc.save([AttendeeInput(plc.people[0].id, left_at="17.30")])
    with pytest.raises(ValidationError):
        plc.save([AttendeeInput(plc.people[0].id, arrived_at="16.30", left_at="16.00")])


def test_the_same_group_at_the_same_time_is_a_duplicate(plc: PlcSchool) -> None:
    plc.save(start="15.30", end="17.00")
    with pytest.raises(ValidationError, match="ครั้งที่ 1"):
        plc.save(start="16.00", end="16.30")
    plc.save(start="17.00", end="18.00")  # right after: not a duplicate


def test_a_person_in_two_meetings_at_once_is_warned_but_saved(plc: PlcSchool) -> None:
    ctx = plc.ctx
    other = ctx.plc_groups.save(
        {"academic_year": 2569, "name": "กลุ่มอ่านออก"}, [MemberInput(plc.people[0].id, "member")], today=TODAY
    )
    plc.save(start="15.30", end="17.00")
    saved = ctx.plc_meetings.save(
        {"group_id": other.id, "date": "18/11/2569", "start_time": "16.30", "end_time": "17.30"},
        [AttendeeInput(plc.people[0].id)],
        today=TODAY,
    )
    assert len(saved.warnings) == 1 and "สมศรี" in saved.warnings[0] and "กลุ่มคณิตคิดเร็ว" in saved.warnings[0]
    # leaving the first meeting at 16.30 removes the overlap
    first = ctx.plc_meetings.list()[0]
    ok = ctx.plc_meetings.save(
        plc.meeting(),
        [AttendeeInput(plc.people[0].id, left_at="16.30"), *plc.everyone()[1:]],
        meeting_id=first.id,
        today=TODAY,
    )
    assert ok.warnings == ()


def test_hours_per_person_count_partial_attendance_and_skip_the_trash(plc: PlcSchool) -> None:
    ctx = plc.ctx
    first, second, third = plc.people[:3]
    plc.save(day="10/06/2569", start="15.30", end="17.00")  # 1.5 h for everyone
    plc.save([AttendeeInput(first.id, left_at="16.00"), AttendeeInput(second.id)], day="17/06/2569")
    gone = plc.save(day="24/06/2569").meeting
    ctx.plc_meetings.delete(gone.id)
    plc.save(day="07/10/2569", start="13.00", end="16.00")  # fiscal year 2570 from 1 Oct
    hours = {h.person.id: h for h in ctx.plc_hours.people("academic", 2569, TODAY)}
    assert hours[first.id].minutes == 90 + 30 + 180 and hours[first.id].meetings == 3
    assert hours[second.id].minutes == 90 + 90 + 180
    assert hours[third.id].minutes == 90 + 180
    fiscal = {h.person.id: h.minutes for h in ctx.plc_hours.people("fiscal", 2569, TODAY)}
    assert fiscal[first.id] == 120 and fiscal[second.id] == 180
    assert {h.person.id: h.minutes for h in ctx.plc_hours.people("fiscal", 2570, TODAY)}[first.id] == 180
    assert all(h.target_hours == 50 and h.behind for h in hours.values())


def test_the_target_is_the_districts_for_that_year(plc: PlcSchool) -> None:
    from kaplc_desktop.data import sync_repository  # noqa: F401  (the district's settings arrive by bundle)

    ctx = plc.ctx
    assert ctx.plc_hours.target("academic", 2569) == 50
    _district_target(ctx, 2569, 20)
    assert ctx.plc_hours.target("academic", 2569) == 20
    assert ctx.plc_hours.target("fiscal", 2570) == 20  # Oct 2569 – Sep 2570 begins academic year 2569's term 2


def _district_target(ctx: AppContext, year: int, hours: int) -> None:
    """The district's settings as a feedback bundle leaves them at a school."""
    import sqlite3

    conn = sqlite3.connect(ctx.db.file)
    with conn:
        conn.execute(
            "INSERT INTO district_settings (id, owner_code, version_db, version_counter, version_vector, created_at, "
            "updated_at, academic_year, plc_hours_target, deadlines, needs_topics) VALUES ('7b7bb37c-0000-4000-8000-"
            "0000000000f1', '9002', 'x', 1, '{\"x\": 1}', '2026-06-01 00:00:00.000000', '2026-06-01 00:00:00.000000', "
            "?, ?, '{}', '[]')",
            (year, hours),
        )
    conn.close()


def test_deleting_a_group_takes_its_meetings_to_the_trash_and_restoring_brings_them_back(plc: PlcSchool) -> None:
    ctx = plc.ctx
    earlier = plc.save(day="10/06/2569").meeting
    ctx.plc_meetings.delete(earlier.id)  # deleted on its own, before the group
    plc.save(day="17/06/2569")
    plc.save(day="24/06/2569")
    ctx.plc_groups.delete(plc.group.id)
    assert ctx.plc_meetings.counts() == (0, 3)
    assert ctx.plc_hours.people("academic", 2569, TODAY)[0].minutes == 0
    ctx.plc_groups.restore(plc.group.id)
    assert ctx.plc_meetings.counts() == (2, 1)  # the one deleted before stays in the Trash
    ctx.plc_groups.delete(plc.group.id)
    ctx.plc_groups.undo(ctx.undo.last())
    assert ctx.plc_meetings.counts() == (2, 1) and ctx.plc_groups.counts() == (1, 0)


def test_undo_takes_back_a_meeting_with_its_attendance(plc: PlcSchool) -> None:
    ctx = plc.ctx
    saved = plc.save().meeting
    assert ctx.undo.last().label.endswith(saved.title)
    ctx.plc_meetings.undo(ctx.undo.last())
    assert ctx.plc_meetings.counts() == (0, 1)
    assert all(h.minutes == 0 for h in ctx.plc_hours.people("academic", 2569, TODAY))


def test_editing_a_meeting_keeps_one_attendance_row_per_person(plc: PlcSchool) -> None:
    ctx = plc.ctx
    meeting = plc.save().meeting
    ctx.plc_meetings.save(plc.meeting(), [AttendeeInput(plc.people[0].id)], meeting_id=meeting.id, today=TODAY)
    ctx.plc_meetings.save(plc.meeting(), plc.everyone(), meeting_id=meeting.id, today=TODAY)
    from kaplc_desktop.domain.kinds import PLC_ATTENDANCE
    from kaplc_desktop.services.records import RecordService

    assert RecordService(ctx.db, PLC_ATTENDANCE).counts() == (4, 0)
    assert len(ctx.plc_meetings.attendance(meeting.id)) == 4


def test_members_of_a_group_change_with_the_group(plc: PlcSchool) -> None:
    ctx = plc.ctx
    kept = plc.people[:2]
    ctx.plc_groups.save(
        {"academic_year": 2569, "name": plc.group.name, "steps": plc.group.steps},
        [MemberInput(kept[0].id, "mentor"), MemberInput(kept[1].id, "member")],
        group_id=plc.group.id,
        today=TODAY,
    )
    assert [(m.person_id, m.role) for m in ctx.plc_groups.members(plc.group.id)] == [
        (kept[0].id, "mentor"),
        (kept[1].id, "member"),
    ]
    with pytest.raises(ValidationError, match="สองครั้ง"):
        ctx.plc_groups.save({"academic_year": 2569, "name": "x"}, [MemberInput(kept[0].id, "member")] * 2, today=TODAY)
    assert ctx.plc_groups.default_steps() == ("ร่วมกันหาปัญหา", "สะท้อนผล")  # the school's own list goes on


def test_meeting_dates_are_checked_against_today(plc: PlcSchool) -> None:
    planned = plc.ctx.plc_meetings.save(plc.meeting(day="15/01/2570"), plc.everyone(), today=TODAY).meeting
    assert planned.date == dt.date(2027, 1, 15)
    # a planned meeting counts once it is held
    assert all(h.minutes == 0 for h in plc.ctx.plc_hours.people("academic", 2569, TODAY))
    later = plc.ctx.plc_hours.people("academic", 2569, dt.date(2027, 1, 16))
    assert all(h.minutes == 90 for h in later)


def test_a_meeting_comes_back_from_the_trash_only_to_a_live_group_and_never_as_a_duplicate(plc: PlcSchool) -> None:
    ctx = plc.ctx
    first = plc.save(day="10/06/2569").meeting
    ctx.plc_meetings.delete(first.id)
    assert [m.id for m in ctx.plc_meetings.trash()] == [first.id]
    plc.save(day="10/06/2569")  # recorded again meanwhile, same time and number
    with pytest.raises(ValidationError, match="ครั้งที่ 1"):
        ctx.plc_meetings.restore(first.id)
    ctx.plc_groups.delete(plc.group.id)
    assert ctx.plc_meetings.trash() == [] and [(g.id, n) for g, n in ctx.plc_groups.trash()] == [(plc.group.id, 1)]
    with pytest.raises(ValidationError, match="ถังขยะ"):
        ctx.plc_meetings.restore(first.id)


def test_moving_a_meeting_after_someone_left_is_refused_and_a_trashed_one_cannot_change(plc: PlcSchool) -> None:
    ctx = plc.ctx
    meeting = plc.save(day="28/10/2569").meeting
    ctx.personnel.edit(plc.people[3].id, {"status": "moved", "status_date": "01/11/2569"}, today=TODAY)
    with pytest.raises(ValidationError, match="ย้ายหรือออกจากโรงเรียนแล้ว"):
        ctx.plc_meetings.edit(meeting.id, {"date": "18/11/2569"}, today=TODAY)
    ctx.plc_meetings.delete(meeting.id)
    with pytest.raises(KaplcError, match="ถังขยะ"):
        ctx.plc_meetings.edit(meeting.id, {"place": "ห้องสมุด"}, today=TODAY)


def test_control_characters_are_refused_in_short_text_too(plc: PlcSchool) -> None:
    with pytest.raises(ValidationError, match="อักขระควบคุม"):
        plc.save(place="ห้อง\x07สมุด")


def test_a_groups_year_cannot_change_under_its_meetings(plc: PlcSchool) -> None:
    plc.save(day="10/06/2569")
    with pytest.raises(ValidationError, match="ปีการศึกษา 2569"):
        plc.ctx.plc_groups.save(
            {"academic_year": 2570, "name": plc.group.name, "steps": plc.group.steps},
            [MemberInput(p.id, "member") for p in plc.people],
            plc.group.id,
            today=TODAY,
        )
