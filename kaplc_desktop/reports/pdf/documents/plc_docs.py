"""PLC documents: the activity log of one meeting, a person's yearly PLC hours, and a group's semester report
memo (บันทึกข้อความ) to the principal. Built from plain data (reports/pdf/plc_pdf.py gathers it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ....domain import buddhist_date
from ....domain.field_types import format_time
from ....domain.kinds.plc_group import PLC_GROUP
from ....domain.kinds.plc_meeting import PLC_MEETING
from ....domain.plc_hours import duration_text, hours_text, meeting_minutes
from ....i18n import _
from ....services.workspace import WorkspaceInfo
from ..blocks import (
    Block,
    Document,
    Gallery,
    Heading,
    Image,
    Keep,
    KeyValues,
    Para,
    Run,
    Signature,
    Signatures,
    Spacer,
    Table,
    Title,
)
from ..record_block import record_values


@dataclass(frozen=True)
class Attendee:
    name: str
    position: str
    role: str
    minutes: int | None  # None: did not attend
    note: str = ""  # why fewer hours than the meeting's: "left 16.00"


@dataclass(frozen=True)
class Picture:
    path: Path
    caption: str


def paragraphs(text: str | None) -> list[Block]:
    """Typed paragraphs as the user wrote them: a line is a paragraph; blank lines only separate."""
    return [Para.of(line) for line in (text or "").split("\n") if line.strip()]


def _words(names: list[str], school: WorkspaceInfo) -> frozenset[str]:
    words = {part for name in names for part in name.split()} | set((school.principal_name or "").split())
    return frozenset(w for w in words if len(w) > 2)


def _time_range(start: int, end: int) -> str:
    return _("{start}–{end} h").format(start=format_time(start, "th"), end=format_time(end, "th"))


def plc_log(
    group: Any,
    meeting: Any,
    attendees: list[Attendee],
    pictures: list[Picture],
    documents: list[str],
    recorder: str,
    school: WorkspaceInfo,
    thai_digits: bool = False,
    recorder_position: str = "",
) -> Document:
    """บันทึกกิจกรรม PLC: the group and the meeting (its declared printed fields), who took part and for how long,
    what was discussed, decided and learnt, the photos, and the recorder's and the director's signatures."""
    minutes = meeting_minutes(meeting.start_time, meeting.end_time)
    head = [(PLC_GROUP.label_of("name"), group.name), (_("Academic year"), str(group.academic_year))]
    head += [(label, value) for label, value in record_values(PLC_MEETING, meeting) if label != _("Hours")]
    length = duration_text(minutes)
    if minutes % 60:  # 1 ชั่วโมง 30 นาที (1.5 ชั่วโมง): the decimal is what the hours add up in
        length += f" ({hours_text(minutes)} " + _("hours") + ")"
    head.append((_("Length"), length))
    if group.learning_area:
        head.append((PLC_GROUP.label_of("learning_area"), group.display("learning_area")))
    if group.target_learners:
        head.append((PLC_GROUP.label_of("target_learners"), group.target_learners))
    rows = tuple(
        (
            str(n),
            a.name,
            a.position,
            a.role,
            _("absent") if a.minutes is None else hours_text(a.minutes) + (f" ({a.note})" if a.note else ""),
            "",
        )
        for n, a in enumerate(attendees, start=1)
    )
    blocks: list[Block] = [
        Title(_("PLC activity log"), f"{school.title} · {school.esa_name}"),
        KeyValues(tuple(head)),
        Heading(_("Members and attendance")),
        Table(
            (_("No. (row)"), _("Name"), _("Position"), _("Role"), _("Hours"), _("Signature")),
            rows,
            widths=(0.07, 0.28, 0.19, 0.15, 0.15, 0.16),
            whole_words=frozenset({1}),
            empty="",
        ),
        Spacer(0.3),
    ]
    if meeting.guests:
        blocks.append(Para.of(_("Guests: {names}").format(names=meeting.guests)))
    sections = [(PLC_GROUP.label_of("problem"), group.problem)]
    sections += [(PLC_MEETING.label_of(name), getattr(meeting, name)) for name in _CONTENT]
    for title, text in sections:
        if text:
            blocks += [Heading(title, 2), *paragraphs(text)]
    if pictures:
        blocks.append(Heading(_("Photos")))
        images = [Image(p.path, p.caption, max_height_cm=6.0) for p in pictures]
        blocks += [Gallery(tuple(images[n : n + 2])) for n in range(0, len(images), 2)]
    if documents:
        blocks += [Heading(_("Documents kept with the meeting"), 2), Para.of(", ".join(documents))]
    signatures = Signatures(
        (
            Signature(recorder, recorder_position, _("Recorder")),
            Signature(school.principal_name or "", _("School director"), _("Certifier")),
        )
    )
    # the signatures never stand alone on the last page: they keep with the last row of photos or paragraph
    blocks[-1] = Keep((blocks[-1], Spacer(0.4), signatures))
    title = _("PLC activity log") + f" — {group.name} " + meeting.title
    names = [a.name for a in attendees] + [recorder]
    return Document(
        title,
        blocks,
        author=school.title,
        header=f"{school.title} · {group.name}",
        thai_digits=thai_digits,
        known_words=_words(names, school),
    )


_CONTENT = ("agenda", "discussion", "results", "observation", "reflection", "next_steps")


@dataclass(frozen=True)
class AttendedRow:
    date: dt.date
    group: str
    semester: int
    session: int
    what: str
    minutes: int
    time: str = ""  # the meeting's time, and why fewer hours: 15.30–16.30 (left 16.00)


def hours_summary(
    person: Any,
    rows: list[AttendedRow],
    period_label: str,
    target: int | None,
    school: WorkspaceInfo,
    thai_digits: bool = False,
    today: dt.date | None = None,
) -> Document:
    """A person's PLC hours of a year, meeting by meeting, with the total against the target; signed by the
    person and certified by the director (evidence for a PA report or the ก.ค.ศ. Logbook)."""
    total = sum(r.minutes for r in rows)
    head = [
        (_("Name"), person.full_name_th),
        (_("Position"), person.display("position")),
        (_("Academic standing"), person.display("academic_standing") or "-"),
        (_("Period"), period_label),
        (_("Total"), f"{hours_text(total)} " + _("hours") + (f" ({duration_text(total)})" if total % 60 else "")),
    ]
    if target is not None:
        short = max(0, target * 60 - total)
        head.append((_("Target"), f"{target} " + _("hours")))
        head.append((_("Still needed"), f"{hours_text(short)} " + _("hours") if short else _("target reached")))
    body = tuple(
        (
            str(n),
            buddhist_date.format_short(r.date),
            r.time,
            r.group,
            str(r.semester),
            str(r.session),
            r.what,
            hours_text(r.minutes),
        )
        for n, r in enumerate(rows, start=1)
    )
    body += (("", "", "", "", "", "", _("Total"), hours_text(total)),)
    table: Block = Table(
        (
            _("No. (row)"),
            _("Date"),
            _("Time"),
            _("PLC group"),
            _("Sem."),  # short headings: the narrow number columns never break a word
            _("Sess."),
            _("Step / activity"),
            _("Hrs"),
        ),
        body,
        widths=(0.06, 0.145, 0.16, 0.21, 0.07, 0.07, 0.205, 0.08),
        align_right=frozenset({4, 5, 7}),
        whole_words=frozenset({1}),
        empty="",
    )
    if not rows:
        table = Para.of(_("No PLC meeting attended is recorded for this period."))
    blocks: list[Block] = [
        Title(_("PLC hours summary"), f"{school.title} · {school.esa_name}"),
        KeyValues(tuple(head)),
        Spacer(0.3),
        table,
        Spacer(0.4),
        Signatures(
            (
                Signature(person.full_name_th, person.display("position"), _("Reporter")),
                Signature(school.principal_name or "", _("School director"), _("Certifier")),
            ),
            note=_("Printed on {date}").format(date=buddhist_date.format_long(today or dt.date.today())),
        ),
    ]
    return Document(
        _("PLC hours summary") + f" — {person.full_name_th}",
        blocks,
        author=school.title,
        header=f"{school.title} · {school.esa_name}",
        thai_digits=thai_digits,
        known_words=_words([person.full_name_th], school),
    )


@dataclass(frozen=True)
class MemberHours:
    name: str
    role: str
    minutes: int
    meetings: int


def semester_report(
    group: Any,
    semester: int,
    meetings: list[Any],
    attendance_counts: dict[str, int],
    members: list[MemberHours],
    reporter: str,
    school: WorkspaceInfo,
    thai_digits: bool = False,
    today: dt.date | None = None,
    reporter_position: str = "",
) -> Document:
    """บันทึกข้อความ: the group reports its semester to the director — its meetings with their steps and hours,
    each member's hours — and leaves room for the director's comments and signature."""
    today = today or dt.date.today()
    total = sum(meeting_minutes(m.start_time, m.end_time) for m in meetings)
    subject = _("Report of the PLC group “{group}”, semester {s}, academic year {y}").format(
        group=group.name, s=semester, y=group.academic_year
    )
    head = (
        (_("Office"), f"{school.title} {school.esa_name}"),
        # the school's outgoing number is written by hand; the date stands on the same line, as on the form
        (_("Ref."), "." * 30 + "   " + _("Date") + "  " + buddhist_date.format_long(today)),
        (_("Subject"), subject),
    )
    opening = _(
        "The PLC group “{group}” ({learners}) worked on this problem of its learners: {problem}. In semester {s} of "
        "academic year {y} it met {n} times, {hours} hours in all, as follows."
    ).format(
        group=group.name,
        learners=group.target_learners or group.display("learning_area") or "-",
        problem=(group.problem or "-").replace("\n", " "),
        s=semester,
        y=group.academic_year,
        n=len(meetings),
        hours=hours_text(total),
    )
    rows = tuple(
        (
            str(m.session_no),
            buddhist_date.format_short(m.date),
            _time_range(m.start_time, m.end_time),
            ", ".join(m.steps) or m.display("activity_type"),
            str(attendance_counts.get(m.id, 0)),
            m.display("hours"),
        )
        for m in meetings
    )
    rows += (("", "", "", _("Total"), "", hours_text(total)),)  # blank cells: the total row has no dashes
    member_rows = tuple(
        (str(n), m.name, m.role, str(m.meetings), hours_text(m.minutes)) for n, m in enumerate(members, start=1)
    )
    blocks: list[Block] = [
        Title(_("Memorandum")),
        KeyValues(head, colon=False, label_share=0.16),
        Spacer(0.2),
        Para((Run(_("To"), bold=True), Run("  " + _("Director of {school}").format(school=school.title)))),
        Para.of(opening, indent=True),
        Heading(_("The group's meetings"), 2),
        Table(
            (_("Session"), _("Date"), _("Time"), _("Step / activity"), _("Attended"), _("Hours")),
            rows,
            widths=(0.08, 0.15, 0.21, 0.32, 0.12, 0.12),
            align_right=frozenset({4, 5}),
            whole_words=frozenset({1, 2}),
            empty="",
        ),
        Heading(_("Members' hours this semester"), 2),
        Table(
            (_("No. (row)"), _("Name"), _("Role"), _("Meetings attended"), _("Hours")),
            member_rows,
            widths=(0.08, 0.42, 0.22, 0.15, 0.13),
            align_right=frozenset({3, 4}),
            whole_words=frozenset({1}),
        ),
        Spacer(0.3),
        Para.of(_("Submitted for your information."), indent=True),
        Signatures((Signature(reporter, reporter_position, _("Reporter")),)),
        Keep(
            (
                Heading(_("Director's comments"), 2),
                Para.of("." * 150),
                Para.of("." * 150),
                Signatures((Signature(school.principal_name or "", _("School director"), ""),)),
            )
        ),
    ]
    names = [m.name for m in members] + [reporter]
    return Document(
        subject,
        blocks,
        author=school.title,
        header=f"{school.title} · {group.name}",
        thai_digits=thai_digits,
        known_words=_words(names, school),
        header_on_first_page=False,  # the memo's own head opens it
    )
