"""PLC documents read back: the activity log, a person's hours and the semester memo carry the names, hours and
step names exactly in their text layer (NFC, ำ as ำ); any typed text in any printed field still prints."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plc_support import TODAY, PlcSchool, plc_school

from kaplc_desktop.context import AppContext
from kaplc_desktop.reports.pdf.plc_pdf import plc_hours_pdf, plc_log_pdf, plc_report_pdf
from kaplc_desktop.services.attached_files import prepare_attached_file
from kaplc_desktop.services.plc_meetings import AttendeeInput

BAD = re.compile("[\ue000-\uf8ff\uffff\ufffd\x00-\x09\x0b\x0c\x0e-\x1f]")


@pytest.fixture(autouse=True)
def font_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAPLC_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "kaplc-cache"))


def text_of(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    assert not BAD.search(text), BAD.findall(text)
    return "".join(unicodedata.normalize("NFC", text).split())


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def plc(school_ctx: AppContext, tmp_path: Path) -> PlcSchool:
    from PIL import Image

    school = plc_school(school_ctx)
    photo = tmp_path / "ภาพ.jpg"
    Image.new("RGB", (1200, 800), "teal").save(photo)
    first, second = school.people[:2]
    school_ctx.plc_meetings.save(
        school.meeting(
            day="10/06/2569",
            start="15.30",
            end="17.00",
            steps="ร่วมกันหาปัญหา",
            discussion="นักเรียนอ่านคำที่มีสระอำไม่ได้\nครูทำแบบฝึกเพิ่ม",
            reflection="สมาชิกเห็นพ้องว่าต้องฝึกทุกวัน",
            place="ห้องสมุด",
        ),
        [AttendeeInput(first.id, left_at="16.30"), *[AttendeeInput(p.id) for p in school.people[1:]]],
        [prepare_attached_file(photo, "ครูสาธิตการสอน")],
        today=TODAY,
    )
    school_ctx.plc_meetings.save(
        school.meeting(day="17/06/2569", start="13.00", end="15.00", steps="สะท้อนผล"),
        [AttendeeInput(first.id), AttendeeInput(second.id)],
        today=TODAY,
    )
    return school


def test_the_activity_log_names_everyone_with_their_hours_and_the_step(plc: PlcSchool, tmp_path: Path) -> None:
    ctx = plc.ctx
    meeting = ctx.plc_meetings.list()[0]
    target = tmp_path / "log.pdf"
    printed = plc_log_pdf(ctx, meeting.id, target)
    assert printed.pages >= 1 and printed.warnings == []
    text = text_of(target)
    for person in plc.people:
        assert squeeze(person.full_name_th) in text
    for expected in (
        "บันทึกกิจกรรมชุมชนการเรียนรู้ทางวิชาชีพ(PLC)",
        "กลุ่มคณิตคิดเร็วป.4",
        "ร่วมกันหาปัญหา",
        "1ชั่วโมง30นาที(1.5ชั่วโมง)",
        "นักเรียนอ่านคำที่มีสระอำไม่ได้",
        "ครูทำแบบฝึกเพิ่ม",
        "ครูสาธิตการสอน",  # the photo's caption
        "ผู้บันทึก",
        "ผู้รับรอง",
        squeeze("นายใหญ่ ใจดี"),  # the director certifies
    ):
        assert expected in text, expected
    # the one who left at 16.30 has 1 hour, the others 1.5
    assert text.count("ครู1.5") + text.count("สมาชิก1.5") + text.count("ครูคู่คิด1.5") >= 1
    assert re.search(r"ครูต้นแบบ1(?!\.)", text)


def test_a_persons_hours_summary_adds_up(plc: PlcSchool, tmp_path: Path) -> None:
    target = tmp_path / "hours.pdf"
    first = plc.people[0]
    plc_hours_pdf(plc.ctx, first.id, 2569, target, today=TODAY)
    text = text_of(target)
    assert squeeze(first.full_name_th) in text and "ปีการศึกษา2569" in text
    assert "10/06/2569" in text and "17/06/2569" in text
    assert "รวม3" in text  # 1 h (left early) + 2 h
    assert "ยังขาดอีก:47ชั่วโมง" in text and "รวม:3ชั่วโมงเป้าหมาย" in text  # against the target of 50


def test_the_semester_memo_lists_the_meetings_and_members(plc: PlcSchool, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    plc_report_pdf(plc.ctx, plc.group.id, 1, target, today=TODAY)
    text = text_of(target)
    for expected in ("บันทึกข้อความ", "เรื่อง", "ภาคเรียนที่1ปีการศึกษา2569", "จำนวน2ครั้งรวม3.5ชั่วโมง", "จึงเรียนมาเพื่อโปรดทราบ"):
        assert expected in text, expected
    for person in plc.people:
        assert squeeze(person.full_name_th) in text
    with pytest.raises(Exception, match="ภาคเรียนที่ 2"):
        plc_report_pdf(plc.ctx, plc.group.id, 2, tmp_path / "none.pdf", today=TODAY)


PRINTABLE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=0, max_size=120)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(PRINTABLE, min_size=6, max_size=6))
def test_any_text_in_every_printed_field_still_prints(tmp_path: Path, texts: list[str]) -> None:
    from kaplc_desktop.domain.kinds import PLC_GROUP, PLC_MEETING
    from kaplc_desktop.reports.pdf.documents.plc_docs import Attendee, plc_log
    from kaplc_desktop.reports.pdf.render import render
    from kaplc_desktop.services.record_rows import row_type
    from kaplc_desktop.services.workspace import WorkspaceInfo

    a, b, c, d, e, f = texts
    now = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    group = row_type(PLC_GROUP)(
        id="g",
        owner_code="1",
        academic_year=2569,
        name=a,
        learning_area=None,
        target_learners=b,
        problem=c,
        goal=d,
        steps=(e,),
        created_at=now,
        updated_at=now,
        deleted_at=None,
    )
    meeting = row_type(PLC_MEETING)(
        id="m",
        owner_code="1",
        group_id="g",
        semester=1,
        session_no=1,
        activity_type="meeting",
        date=dt.date(2026, 6, 10),
        start_time=930,
        end_time=1020,
        steps=(f, a),
        place=b,
        agenda=c,
        discussion=d,
        results=e,
        observation=f,
        reflection=a,
        next_steps=b,
        guests=c,
        created_at=now,
        updated_at=now,
        deleted_at=None,
    )
    school = WorkspaceInfo("school", "1090050001", d or "x", "9002", e, f, False)
    doc = plc_log(group, meeting, [Attendee(a, b, c, 60), Attendee(d, e, f, None)], [], [e], f, school)
    path = tmp_path / "any.pdf"
    assert render(doc, path) >= 1
    text_of(path)
