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
from .child_records import PARENT_NOT_SAVED, write_children
from .records import RecordService

SLOT_MINUTES = 20  # a work's presentation, with its questions


def _now() -> dt.datetime:
    from ..data.types import utcnow

    return utcnow()


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
        """(id, "title · school") of the works a forum of this level and year may present, by school then title:
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
        return [(work_id, f"{title} · {school}") for school, title, work_id in named]

    def save(
        self,
        raw: Mapping[str, object],
        sessions: Sequence[Mapping[str, object]],
        forum_id: str | None = None,
        today: dt.date | None = None,
    ) -> Any:
        """Adds or changes a forum with exactly these sessions (starts_at, ends_at, and a work selected at its
        level or an item such as the opening), in order: each ends after it starts and after the one before."""
        self._require_district()
        values = self.clean(raw, today)
        service = RecordService(self._db, FORUM_SESSION)
        works = self.selected_works(SimpleNamespace(**values))
        problems: list[FieldError] = []
        cleaned: list[dict[str, Any]] = []
        for n, session in enumerate(sessions):
            label = _("Session {n}").format(n=n + 1)
            try:
                row = service.clean({"forum_id": PARENT_NOT_SAVED, **session, "position": n}, today)
            except ValidationError as exc:
                problems += [FieldError("sessions", f"{label}: {e.message}") for e in exc.errors]
                continue
            if row["ends_at"] <= row["starts_at"]:
                problems.append(FieldError("sessions", _("{session} must end after it starts.").format(session=label)))
            if cleaned and row["starts_at"] < cleaned[-1]["ends_at"]:
                problems.append(
                    FieldError("sessions", _("{session} starts before the one above ends.").format(session=label))
                )
            if row.get("portfolio_id") and row["portfolio_id"] not in works:
                problems.append(
                    FieldError(
                        "sessions",
                        _("{session}: the work was not selected at this forum's level in its year.").format(
                            session=label
                        ),
                    )
                )
            if not row.get("portfolio_id") and not row.get("item"):
                problems.append(
                    FieldError("sessions", _("{session}: name the work presented or the item.").format(session=label))
                )
            cleaned.append(row)
        if problems:
            raise ValidationError(problems)
        with self._db.sessions.begin() as session:
            if forum_id is not None:
                self._load(session, forum_id)
            forum, before = self._write_values(session, values, forum_id)
            session.flush()
            wanted = [{k: v for k, v in c.items() if k != "forum_id"} for c in cleaned]
            others = write_children(
                session, FORUM_SESSION, "forum_id", forum.id, wanted, lambda m: m["position"], self._values, _now()
            )
            session.flush()
            changed = before is None or before != self._values(forum) or others
            step = self._step(_("Add") if before is None else _("Edit"), [(forum, before)], others) if changed else None
            saved_id = forum.id
        self._remember(step)
        return self.get(saved_id)

    def programme(self, forum_id: str) -> list[tuple[str, str, str, str, str]]:
        """(time, what, school, presenters, room) per session, in order."""
        from ..domain.field_types import format_time
        from .dashboards.schools import SchoolDirectory
        from .person_row import PersonRow
        from .school_registry import SchoolRegistryService

        forum = self.get(forum_id)
        works = self.selected_works(forum)
        schools = SchoolDirectory.of(SchoolRegistryService(self._db))
        staff = {p.id: p for p in RecordService(self._db, _personnel(), PersonRow).list()}
        owners: dict[str, list[tuple[int, str]]] = {}
        for o in RecordService(self._db, PORTFOLIO_OWNER).list(match={"portfolio_id": list(works)}):
            person = staff.get(o.person_id)
            if person is not None:
                owners.setdefault(o.portfolio_id, []).append((o.position, person.full_name_th))
        rows = []
        for s in self.sessions(forum_id):
            when = f"{format_time(s.starts_at)}–{format_time(s.ends_at)}"
            work = works.get(s.portfolio_id or "")
            if work is None:
                rows.append((when, s.item or "", "", "", s.room or ""))
                continue
            names = ", ".join(name for _n, name in sorted(owners.get(work.id, [])))
            rows.append((when, s.item or work.name, schools[work.owner_code].name, names, s.room or ""))
        return rows


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
