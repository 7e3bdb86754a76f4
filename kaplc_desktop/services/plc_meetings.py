"""PLC meetings with their attendance, photos and documents, saved together in one transaction and one undo
step. A new meeting starts filled in (the next session number, the semester of its date, everyone in the
group, the last meeting's times and place), and can copy the last meeting of its group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import attachment_store
from ..data import plc_reads
from ..domain import buddhist_date
from ..domain.field_types import format_time
from ..domain.kinds.personnel import PERSONNEL, STATUS_ACTIVE, full_name_th
from ..domain.kinds.plc_group import PLC_GROUP, PLC_MEMBER
from ..domain.kinds.plc_meeting import PLC_ATTENDANCE, PLC_FILE, PLC_MEETING
from ..domain.plc_hours import semester_of
from ..domain.record_cleaning import clean_record
from ..domain.record_kind import identity_record_id
from ..domain.thai_years import academic_year_range
from ..errors import FieldError, KaplcError, NotFoundError, Problems, ValidationError
from ..i18n import _
from .attached_files import MAX_FILES, PreparedFile
from .plc_trash import move_files
from .records import RecordService, model_of

DEFAULT_START, DEFAULT_END = 15 * 60 + 30, 16 * 60 + 30  # after lessons: the usual PLC hour
# what "copy the last meeting" brings (not its guests: a guest must not land on the log of a meeting they missed)
CONTENT_FIELDS = ("agenda", "discussion", "results", "observation", "reflection", "next_steps")


@dataclass(frozen=True)
class AttendeeInput:
    """Who attended; arrived_at / left_at only for someone who came late or left early (as typed, or minutes)."""

    person_id: str
    arrived_at: object = None
    left_at: object = None


@dataclass(frozen=True)
class KeptFile:
    """A file already with the meeting that stays, with its (possibly new) caption, in the order given."""

    file_id: str
    caption: str = ""


@dataclass(frozen=True)
class SavedMeeting:
    meeting: Any
    warnings: tuple[str, ...] = field(default_factory=tuple)  # double bookings: saved, but worth a look


class PlcMeetingService(RecordService):
    kind = PLC_MEETING

    def __init__(self, db: Any, data_dir: Path, journal: Any = None) -> None:
        super().__init__(db, journal=journal)
        self._data_dir = data_dir

    def _not_found(self, record_id: str) -> str:
        return _("No PLC meeting with id {id} was found.").format(id=record_id)

    # --- reads -----------------------------------------------------------------------------------------------
    def of_group(self, group_id: str) -> list[Any]:
        return self.list(match={"group_id": group_id})

    def attendance(self, meeting_id: str) -> list[Any]:
        return RecordService(self._db, PLC_ATTENDANCE).list(match={"meeting_id": meeting_id})

    def files(self, meeting_id: str) -> list[Any]:
        return RecordService(self._db, PLC_FILE).list(match={"meeting_id": meeting_id})

    def file_path(self, sha256: str) -> Path:
        return attachment_store.path_for(self._data_dir, sha256)

    def draft(self, group_id: str, today: dt.date | None = None, copy_last: bool = False) -> dict[str, Any]:
        """The values a new meeting of the group starts with: today's date (inside the group's year), its
        semester and the next session number, the last meeting's times and place, and — with `copy_last` —
        the last meeting's steps and text, to be edited."""
        today = today or dt.date.today()
        group = RecordService(self._db, PLC_GROUP).get(group_id)
        first, last = academic_year_range(group.academic_year)
        day = min(max(today, first), last)
        semester = semester_of(day)
        previous = self.of_group(group_id)
        latest = previous[-1] if previous else None
        values: dict[str, Any] = {
            "group_id": group_id,
            "date": day,
            "semester": semester,
            "session_no": plc_reads.next_session_no(self._db.store, group_id, semester),
            "activity_type": latest.activity_type if copy_last and latest else "meeting",
            "start_time": latest.start_time if latest else DEFAULT_START,
            "end_time": latest.end_time if latest else DEFAULT_END,
            "place": latest.place if latest else None,
            "steps": (),
        }
        if copy_last and latest is not None:
            values["steps"] = latest.steps  # the times, place and activity come along too (above)
            values.update({name: getattr(latest, name) for name in CONTENT_FIELDS})
        return values

    def next_session_no(self, group_id: str, semester: int) -> int:
        return plc_reads.next_session_no(self._db.store, group_id, semester)

    def double_bookings(
        self,
        day: dt.date,
        start: int,
        end: int,
        attendees: Sequence[tuple[str, int | None, int | None]],
        meeting_id: str | None,
        names: Mapping[str, str] | None = None,
    ) -> list[str]:
        """A sentence for each attendee who is also in another meeting at an overlapping time that day (`names`:
        person id → name, when the caller has read them already)."""
        people = {person_id: (arrived or start, left or end) for person_id, arrived, left in attendees}
        if names is None:
            names = {p.id: full_name_th(p) for p in _people(self._db)}
        found = []
        for other in plc_reads.booked(self._db.store, day, people, meeting_id):
            begin, finish = people[other["person_id"]]
            if other["from"] < finish and begin < other["to"]:
                found.append(
                    _("{name} is also in “{group}” session {n} at {start}–{end} that day.").format(
                        name=names.get(other["person_id"], "?"),
                        group=other["group_name"],
                        n=other["session_no"],
                        start=format_time(other["start_time"]),
                        end=format_time(other["end_time"]),
                    )
                )
        return found

    def trash(self) -> list[Any]:
        """Meetings in the Trash that can come back on their own: those of live groups (a group's meetings that
        went with it come back with the group)."""
        live = {g.id for g in RecordService(self._db, PLC_GROUP).list()}
        return [m for m in self.list(deleted=True) if m.group_id in live]

    def check_restore(self, record: Any) -> None:
        """A meeting comes back only to a live group, and not over a meeting recorded since at its time or with
        its session number."""
        values = {name: getattr(record, name) for name in PLC_MEETING.field_names}
        self._live_group(values["group_id"])
        self._check_duplicate(values, record.id)

    # --- writes ----------------------------------------------------------------------------------------------
    def delete(self, record_id: str) -> None:
        """The meeting and its photos and documents go to the Trash (their tombstones travel)."""
        with self._db.sessions.begin() as session:
            meeting = self._load(session, record_id)
            if meeting.deleted_at is not None:
                return
            before, stamp = self._values(meeting), _now()
            meeting.deleted_at = stamp
            others = move_files(session, [meeting.id], None, stamp, self._values)
            session.flush()
            step = self._step(_("Delete"), [(meeting, before)], others)
        self._remember(step)

    def restore(self, record_id: str) -> Any:
        """The meeting comes back with the files that went to the Trash with it."""
        step = None
        with self._db.sessions.begin() as session:
            meeting = self._load(session, record_id)
            if meeting.deleted_at is not None:
                self.check_restore(meeting)
                before, stamp = self._values(meeting), meeting.deleted_at
                meeting.deleted_at = None
                others = move_files(session, [meeting.id], stamp, None, self._values)
                session.flush()
                step = self._step(_("Restore"), [(meeting, before)], others)
        self._remember(step)
        return self.get(record_id)

    def save(
        self,
        raw: Mapping[str, object],
        attendees: Sequence[AttendeeInput],
        files: Sequence[KeptFile | PreparedFile] | None = None,
        meeting_id: str | None = None,
        today: dt.date | None = None,
    ) -> SavedMeeting:
        """Adds (meeting_id None) or changes a meeting with exactly these attendees and, in this order, these files:
        those it keeps (KeptFile) and new ones (PreparedFile); files None leaves its files as they are. Nothing is
        saved when any value, attendee or file is wrong."""
        today = today or dt.date.today()
        if meeting_id is not None and self.get(meeting_id).deleted_at is not None:
            raise KaplcError(_("This meeting is in the Trash; restore it before changing it."))
        raw = dict(raw)
        values = self._clean_with_defaults(raw, today)
        group = self._live_group(values["group_id"])
        self._check_date(values, group)
        staff = {p.id: p for p in _people(self._db)}  # read once for every check below
        names = {person_id: full_name_th(p) for person_id, p in staff.items()}
        times = self._clean_attendance(values, attendees, names, today)
        if files is not None and len(files) > MAX_FILES:
            raise ValidationError(FieldError("files", _("A meeting can keep at most {n} files.").format(n=MAX_FILES)))
        files = None if files is None else [_clean_file(f, today) for f in files]
        self._check_duplicate(values, meeting_id)
        members = {m.person_id for m in RecordService(self._db, PLC_MEMBER).list(match={"group_id": group.id})}
        self._check_attendees(times, members, staff, values["date"], meeting_id)
        warnings = self.double_bookings(
            values["date"],
            values["start_time"],
            values["end_time"],
            [(person, *span) for person, span in times.items()],
            meeting_id,
            names,
        )
        # new files go to the store before the transaction (stored by their hash: writing one twice is harmless;
        # one a failed save leaves unlisted is removed when the folder is next opened)
        stored = {
            id(f): attachment_store.put_bytes(self._data_dir, f.content)
            for f in files or ()
            if isinstance(f, PreparedFile)
        }
        saved_id = self._write(values, times, files, stored, meeting_id)
        return SavedMeeting(self.get(saved_id), tuple(warnings))

    def edit(self, record_id: str, changes: Mapping[str, object], today: dt.date | None = None) -> Any:
        """Changes some fields of a meeting (the command line), its attendees and files kept, by the form's rules."""
        raw = self.edited(record_id, changes)
        attendees = [AttendeeInput(a.person_id, a.arrived_at, a.left_at) for a in self.attendance(record_id)]
        return self.save(raw, attendees, meeting_id=record_id, today=today).meeting

    def _clean_with_defaults(self, raw: dict[str, object], today: dt.date) -> dict[str, Any]:
        """The semester is the date's, and the session number is filled in when left empty. A date that cannot
        be read gives semester 1 for now: the date's own error is the one the user sees."""
        probe = dict(raw)
        date_field = PLC_MEETING.field("date")
        day = date_field.type.clean(Problems(), date_field, probe.get("date"), today)
        probe["semester"] = semester_of(day) if isinstance(day, dt.date) else 1  # always the date's (a rule too)
        semester = str(probe["semester"]).strip()
        if probe.get("session_no") in (None, "") and probe.get("group_id") and semester in ("1", "2"):
            probe["session_no"] = plc_reads.next_session_no(self._db.store, str(probe["group_id"]), int(semester))
        return self.clean(probe, today)

    def _live_group(self, group_id: str) -> Any:
        try:
            group = RecordService(self._db, PLC_GROUP).get(group_id)
        except NotFoundError:
            group = None
        if group is None or group.deleted_at is not None:
            raise ValidationError(
                FieldError("group_id", _("The PLC group of this meeting is not here (it may be in the Trash)."))
            )
        return group

    def _check_date(self, values: Mapping[str, Any], group: Any) -> None:
        first, last = academic_year_range(group.academic_year)
        if not first <= values["date"] <= last:
            raise ValidationError(
                FieldError(
                    "date",
                    _("The date is not in academic year {year} of this group ({first} – {last}).").format(
                        year=group.academic_year,
                        first=buddhist_date.format_short(first),
                        last=buddhist_date.format_short(last),
                    ),
                )
            )

    def _clean_attendance(
        self, values: Mapping[str, Any], attendees: Sequence[AttendeeInput], names: Mapping[str, str], today: dt.date
    ) -> dict[str, tuple[int | None, int | None]]:
        if not attendees:
            raise ValidationError(FieldError("attendees", _("Tick at least one member who attended.")))
        start, end = values["start_time"], values["end_time"]
        times: dict[str, tuple[int | None, int | None]] = {}
        for attendee in attendees:
            name = names.get(attendee.person_id, "")
            if attendee.person_id in times:
                raise ValidationError(FieldError("attendees", _("A person is listed twice among the attendees.")))
            try:
                cleaned = clean_record(
                    PLC_ATTENDANCE,
                    {"arrived_at": attendee.arrived_at, "left_at": attendee.left_at},
                    today,
                    only=("arrived_at", "left_at"),  # the meeting's id is not known yet
                )
            except ValidationError as exc:  # said with the person's name: the times are typed in their row
                raise ValidationError([FieldError("attendees", f"{name}: {e.message}") for e in exc.errors]) from None
            arrived, left = cleaned["arrived_at"], cleaned["left_at"]
            for moment in (arrived, left):
                if moment is not None and not start <= moment <= end:
                    raise ValidationError(
                        FieldError(
                            "attendees",
                            _("{name}: arrival and leaving times must be within the meeting ({start}–{end}).").format(
                                name=name, start=format_time(start), end=format_time(end)
                            ),
                        )
                    )
            times[attendee.person_id] = (None if arrived == start else arrived, None if left == end else left)
        return times

    def _check_duplicate(self, values: Mapping[str, Any], meeting_id: str | None) -> None:
        if plc_reads.session_taken(
            self._db.store, values["group_id"], values["semester"], values["session_no"], meeting_id
        ):
            raise ValidationError(
                FieldError(
                    "session_no",
                    _(
                        "Session {n} of semester {s} is already recorded for this group; "
                        "the next free number is {free}."
                    ).format(
                        n=values["session_no"],
                        s=values["semester"],
                        free=plc_reads.next_session_no(self._db.store, values["group_id"], values["semester"]),
                    ),
                )
            )
        for _other, session_no, start, end in plc_reads.group_meetings_on(
            self._db.store, values["group_id"], values["date"], meeting_id
        ):
            if start < values["end_time"] and values["start_time"] < end:
                raise ValidationError(
                    FieldError(
                        "start_time",
                        _(
                            "This group already has a meeting at this time that day (session {n}, {start}–{end}). "
                            "Open that one instead of recording it twice."
                        ).format(n=session_no, start=format_time(start), end=format_time(end)),
                    )
                )

    def _check_attendees(
        self,
        times: Mapping[str, Any],
        members: set[str],
        people: Mapping[str, Any],
        day: dt.date,
        meeting_id: str | None,
    ) -> None:
        held = {a.person_id for a in self.attendance(meeting_id)} if meeting_id else set()
        for person_id in times:
            person = people.get(person_id)
            if person is None:
                raise ValidationError(
                    FieldError("attendees", _("An attendee is not in the staff list (it may have been deleted)."))
                )
            name = full_name_th(person)
            if person_id not in members and person_id not in held:
                raise ValidationError(
                    FieldError(
                        "attendees",
                        _("{name} is not a member of this group. Add them to the group first.").format(name=name),
                    )
                )
            # whoever attended, even before: a meeting moved to after the day someone left cannot keep them
            left_school = person.status != STATUS_ACTIVE and (person.status_date is None or person.status_date <= day)
            if left_school:
                raise ValidationError(
                    FieldError(
                        "attendees",
                        _("{name} had left the school by {date} and cannot attend this meeting.").format(
                            name=name, date=buddhist_date.format_short(day)
                        ),
                    )
                )

    def _write(
        self,
        values: Mapping[str, Any],
        times: Mapping[str, tuple[int | None, int | None]],
        files: Sequence[KeptFile | PreparedFile] | None,
        stored: Mapping[int, str],
        meeting_id: str | None,
    ) -> str:
        attendance_model = model_of(PLC_ATTENDANCE)
        others: list[tuple[Any, dict[str, Any] | None, Any]] = []
        with self._db.sessions.begin() as session:
            meeting, before = self._write_values(session, values, meeting_id)
            held = {a.person_id: a for a in session.query(attendance_model).filter_by(meeting_id=meeting.id)}
            for person_id, (arrived, left) in times.items():
                row = held.get(person_id)
                if row is None:
                    row = attendance_model(
                        id=identity_record_id(PLC_ATTENDANCE, {"meeting_id": meeting.id, "person_id": person_id}),
                        meeting_id=meeting.id,
                        person_id=person_id,
                        arrived_at=arrived,
                        left_at=left,
                    )
                    session.add(row)
                    others.append((row, None, PLC_ATTENDANCE))
                elif (row.arrived_at, row.left_at, row.deleted_at) != (arrived, left, None):
                    others.append((row, self._values(row, PLC_ATTENDANCE), PLC_ATTENDANCE))
                    row.arrived_at, row.left_at, row.deleted_at = arrived, left, None
            for person_id, row in held.items():
                if person_id not in times and row.deleted_at is None:
                    others.append((row, self._values(row, PLC_ATTENDANCE), PLC_ATTENDANCE))
                    row.deleted_at = _now()
            if files is not None:
                others += self._write_files(session, meeting.id, files, stored)
            session.flush()
            changed = before is None or before != self._values(meeting) or others
            step = (
                self._step(_("Add") if before is None else _("Edit"), [(meeting, before)], others) if changed else None
            )
            saved_id = meeting.id
        self._remember(step)
        return saved_id

    def _write_files(
        self, session: Any, meeting_id: str, files: Sequence[KeptFile | PreparedFile], stored: Mapping[int, str]
    ) -> list[tuple[Any, dict[str, Any] | None, Any]]:
        """The meeting's files become exactly `files`, in that order: kept ones re-captioned and moved, new ones
        added, the others to the Trash."""
        from ..data import sync_repository as repo

        file_model = model_of(PLC_FILE)
        written: list[tuple[Any, dict[str, Any] | None, Any]] = []
        held = {f.id: f for f in session.query(file_model).filter_by(meeting_id=meeting_id, deleted_at=None)}
        kept = {f.file_id for f in files if isinstance(f, KeptFile)}
        for file_id, row in held.items():
            if file_id not in kept:
                written.append((row, self._values(row, PLC_FILE), PLC_FILE))
                row.deleted_at = _now()
        new = [f for f in files if isinstance(f, PreparedFile)]
        if new:
            repo.add_attachments(
                session.connection(),
                [{"sha256": stored[id(f)], "size": len(f.content), "media_type": f.media_type} for f in new],
                self._data_dir,
            )
        for position, entry in enumerate(files):
            caption = entry.caption or None  # cleaned by _clean_file
            if isinstance(entry, KeptFile):
                row = held.get(entry.file_id)
                if row is not None and (row.caption, row.position) != (caption, position):
                    written.append((row, self._values(row, PLC_FILE), PLC_FILE))
                    row.caption, row.position = caption, position
                continue
            row = file_model(
                meeting_id=meeting_id,
                file_sha256=stored[id(entry)],
                media_type=entry.media_type,
                file_name=entry.file_name,
                caption=caption,
                position=position,
            )
            session.add(row)
            written.append((row, None, PLC_FILE))
        return written


def _clean_file(entry: KeptFile | PreparedFile, today: dt.date) -> KeptFile | PreparedFile:
    """A file's caption and name cleaned as the declaration says (a caption pasted from the web loses its
    zero-width spaces here, as the district's check expects), its type checked."""
    from dataclasses import replace

    name, media = ("x", "image/jpeg") if isinstance(entry, KeptFile) else (entry.file_name, entry.media_type)
    raw = {"media_type": media, "file_name": name, "caption": entry.caption}
    try:  # the meeting may not have its id yet, and the order is the list's
        values = clean_record(PLC_FILE, raw, today, only=raw)
    except ValidationError as exc:
        raise ValidationError([FieldError("files", e.message) for e in exc.errors]) from None
    caption = values["caption"] or ""
    if isinstance(entry, KeptFile):
        return KeptFile(entry.file_id, caption)
    return replace(entry, caption=caption, file_name=values["file_name"] or "")


def _people(db: Any) -> list[Any]:
    from .person_row import PersonRow

    return RecordService(db, PERSONNEL, PersonRow).list()


def _now() -> dt.datetime:
    from ..data.types import utcnow

    return utcnow()
