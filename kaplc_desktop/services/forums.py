"""Presentation forums: the day the works selected at a level are presented, where, and the programme (a session
per work, between an opening, breaks and a closing), printed as a PDF for the schools and the committee."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from types import SimpleNamespace
from typing import Any

from ..domain.kinds.portfolio import PORTFOLIO, PORTFOLIO_DECISION, PORTFOLIO_OWNER
from ..domain.kinds.portfolio_review import FORUM_SESSION, PRESENTATION_FORUM
from ..errors import FieldError, ValidationError
from ..i18n import _
from .child_records import PARENT_NOT_SAVED
from .records import RecordService

SLOT_MINUTES = 20  # a work's presentation, with its questions


class ForumService(RecordService):
    kind = PRESENTATION_FORUM

    def _not_found(self, record_id: str) -> str:
        return _("No presentation forum with id {id} was found. List them with “kaplc district forum list”.").format(
            id=record_id
        )

    def sessions(self, forum_id: str) -> list[Any]:
        return sorted(
            RecordService(self._db, FORUM_SESSION).list(match={"forum_id": forum_id}), key=lambda s: s.position
        )

    def selected_works(self, forum: Any) -> dict[str, Any]:
        """The works the forum may present: of its year, selected by the district at its level."""
        chosen = {
            d.portfolio_id
            for d in RecordService(self._db, PORTFOLIO_DECISION).list(match={"level": forum.level})
            if d.result == "selected"
        }
        works = RecordService(self._db, PORTFOLIO).list(match={"academic_year": forum.academic_year})
        return {w.id: w for w in works if w.id in chosen}

    def choosable_works(self, level: object, academic_year: object) -> list[tuple[str, str]]:
        """(id, "school · title") of the works a forum of this level and year may present, by school then title:
        what the programme's drop-downs offer (nothing while the year is not typed yet)."""
        from ..domain.thai_collation import thai_sort_key
        from .dashboards.schools import SchoolDirectory
        from .school_registry import SchoolRegistryService

        try:
            year = int(str(academic_year).strip())
        except ValueError:
            return []
        works = self.selected_works(SimpleNamespace(level=level, academic_year=year))
        schools = SchoolDirectory.of(SchoolRegistryService(self._db))
        named = [(schools[w.owner_code].name, w.name, w.id) for w in works.values()]
        named.sort(key=lambda n: (thai_sort_key(n[0]), thai_sort_key(n[1])))
        return [(work_id, f"{school} · {title}") for school, title, work_id in named]  # the school tells them apart

    def save(
        self,
        raw: Mapping[str, object],
        sessions: Sequence[Mapping[str, object]],
        forum_id: str | None = None,
        today: dt.date | None = None,
    ) -> Any:
        """Adds or changes a forum with exactly these sessions (starts_at, ends_at, a work selected at its level or
        an item such as the opening, a room), in order of time: each ends after it starts, and sessions at the same
        time are in different rooms (a session without a room is for everyone). Every problem of the forum and of
        its sessions is told at once."""
        self._require_district()
        problems: list[FieldError] = []
        values: dict[str, Any] | None = None
        try:
            values = self.clean(raw, today)
        except ValidationError as exc:
            problems += exc.errors
        cleaned = self._clean_sessions(sessions, values, problems, today)
        if problems or values is None:
            raise ValidationError(problems)
        wanted = [{k: v for k, v in c.items() if k != "forum_id"} for c in cleaned]
        return self._save_with_children(values, forum_id, FORUM_SESSION, "forum_id", wanted, lambda m: m["position"])

    def _clean_sessions(
        self,
        sessions: Sequence[Mapping[str, object]],
        forum: Mapping[str, Any] | None,
        problems: list[FieldError],
        today: dt.date | None,
    ) -> list[dict[str, Any]]:
        service = RecordService(self._db, FORUM_SESSION)
        works = self.selected_works(SimpleNamespace(**forum)) if forum is not None else None
        cleaned: list[dict[str, Any]] = []
        shown: dict[str, int] = {}  # work → the session presenting it

        def refuse(message: str) -> None:
            problems.append(FieldError("sessions", message))

        for n, session in enumerate(sessions):
            label = _("Session {n}").format(n=n + 1)
            try:
                row = service.clean({"forum_id": PARENT_NOT_SAVED, **session, "position": n}, today)
            except ValidationError as exc:
                problems.extend(FieldError("sessions", f"{label}: {e.message}") for e in exc.errors)
                continue
            work = row.get("portfolio_id")
            if row["ends_at"] <= row["starts_at"]:
                refuse(_("{session} must end after it starts.").format(session=label))
            if cleaned and row["starts_at"] < cleaned[-1]["starts_at"]:
                refuse(
                    _("{session} starts before the one above: put the sessions in order of time.").format(session=label)
                )
            clash = next((m for m, other in enumerate(cleaned) if _clash(other, row)), None)
            if clash is not None:
                refuse(
                    _("{session} is at the same time as session {m} in the same room (or for everyone).").format(
                        session=label, m=cleaned[clash]["position"] + 1
                    )
                )
            if work and works is not None and work not in works:
                refuse(
                    _("{session}: the work was not selected at this forum's level in its year.").format(session=label)
                )
            if work and work in shown:
                refuse(
                    _("{session}: the work is presented already in session {m}.").format(
                        session=label, m=shown[work] + 1
                    )
                )
            if work:
                shown[work] = n
            if not work and not row.get("item"):
                refuse(_("{session}: name the work presented or the item.").format(session=label))
            cleaned.append(row)
        return cleaned

    def years_with_selections(self, level: str) -> list[int]:
        """The academic years whose works the district selected at this level, the latest first."""
        chosen = {
            d.portfolio_id
            for d in RecordService(self._db, PORTFOLIO_DECISION).list(match={"level": level})
            if d.result == "selected"
        }
        works = RecordService(self._db, PORTFOLIO).list() if chosen else []
        return sorted({w.academic_year for w in works if w.id in chosen}, reverse=True)

    def programme(self, forum_id: str) -> list[tuple[str, str, str, str, str]]:
        """(time, what, school, presenters, room) per session, in order."""
        from ..domain.field_types import format_time
        from .dashboards.schools import SchoolDirectory
        from .person_row import PersonRow
        from .school_registry import SchoolRegistryService

        forum = self.get(forum_id)
        sessions = self.sessions(forum_id)
        shown = {s.portfolio_id for s in sessions if s.portfolio_id}
        works = {w.id: w for w in RecordService(self._db, PORTFOLIO).list() if w.id in shown}
        selected = self.selected_works(forum)
        schools = SchoolDirectory.of(SchoolRegistryService(self._db))
        staff = {p.id: p for p in RecordService(self._db, _personnel(), PersonRow).list()}
        owners: dict[str, list[tuple[int, str]]] = {}
        for o in RecordService(self._db, PORTFOLIO_OWNER).list(match={"portfolio_id": list(works)}):
            person = staff.get(o.person_id)
            if person is not None:
                owners.setdefault(o.portfolio_id, []).append((o.position, person.full_name_th))
        rows = []
        for s in sessions:
            when = f"{format_time(s.starts_at)}–{format_time(s.ends_at)}"
            work = works.get(s.portfolio_id or "")
            if work is None:  # an opening or a break, or a work its school has deleted since
                gone = _("(a work no longer sent to the district)") if s.portfolio_id else ""
                rows.append((when, " ".join(p for p in (s.item or "", gone) if p), "", "", s.room or ""))
                continue
            what = f"{work.name} — {s.item}" if s.item else work.name
            if work.id not in selected:  # the district changed its selection after the programme was made
                what += " " + _("(no longer selected at this level)")
            names = ", ".join(name for _n, name in sorted(owners.get(work.id, [])))
            rows.append((when, what, schools[work.owner_code].name, names, s.room or ""))
        return rows

    def stale_sessions(self, forum_id: str) -> list[int]:
        """The sessions (1-based) presenting a work the district no longer selects at the forum's level."""
        forum = self.get(forum_id)
        selected = self.selected_works(forum)
        return [
            n + 1 for n, s in enumerate(self.sessions(forum_id)) if s.portfolio_id and s.portfolio_id not in selected
        ]


def _clash(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Two sessions at overlapping times in one room, or with either for everyone (no room)."""
    overlap = a["starts_at"] < b["ends_at"] and b["starts_at"] < a["ends_at"]
    rooms = (a.get("room") or "", b.get("room") or "")
    return overlap and ("" in rooms or rooms[0].casefold() == rooms[1].casefold())


def next_slot(after: object, minutes: int = SLOT_MINUTES) -> tuple[str, str]:
    """The times of a session that follows one ending at `after` (as typed: 10.20, ๑๐.๒๐), `minutes` long;
    blank when `after` is not a time, so the user types them."""
    from ..domain.field_types import MINUTES_A_DAY, format_time
    from ..errors import Problems

    field = FORUM_SESSION.field("ends_at")
    problems = Problems()
    start = field.type.clean(problems, field, after, dt.date.today())
    if problems.items or start is None or start + minutes >= MINUTES_A_DAY:
        return "", ""
    return format_time(start), format_time(start + minutes)


def _personnel() -> Any:
    from ..domain.kinds.personnel import PERSONNEL

    return PERSONNEL
