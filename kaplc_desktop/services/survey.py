"""The July survey of a school: a round per academic year, and for each person a form of competency ratings (their
own and the director's, against the level expected of them) and the development needs they name.

Every active person is in the round: a person's form is made the first time something is saved for them (a
person who joins in July is in the survey without anyone adding them). A closed round is frozen: its answers
change again only after the round is explicitly reopened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..domain import competencies
from ..domain.field_types import tidy_text
from ..domain.kinds.personnel import STATUS_ACTIVE, full_name_th
from ..domain.kinds.survey import SURVEY_FORM, SURVEY_NEED, SURVEY_RATING, SURVEY_ROUND, default_dates
from ..domain.record_cleaning import clean_part, clean_record
from ..domain.record_kind import identity_record_id
from ..domain.survey_gaps import CompetencyGap, NeedCount, agreed_level, gap_of, school_gaps, top_needs
from ..errors import FieldError, KaplcError, NotFoundError, ValidationError
from ..i18n import _
from .child_records import write_children
from .personnel import PersonnelService
from .records import RecordService, model_of

MAX_NEEDS = 20
EXPORTS_KEPT = 30  # workbooks of a round that can still come back
NOT_STARTED, IN_PROGRESS, DONE = "not_started", "in_progress", "done"


@dataclass(frozen=True)
class RatingInput:
    """A competency's line of a form as typed: levels are numbers or text ("4", "4 – ดีเลิศ"), None when empty."""

    competency: str
    expected_level: object
    self_level: object = None
    director_level: object = None


@dataclass(frozen=True)
class NeedInput:
    topic: object
    competency: object = None
    priority: object = None
    method: object = None


@dataclass(frozen=True)
class Rating:
    competency: str
    label: str
    core: bool
    expected_level: int
    self_level: int | None
    director_level: int | None

    @property
    def agreed(self) -> int | None:
        return agreed_level(self)

    @property
    def gap(self) -> int | None:
        return gap_of(self)


@dataclass(frozen=True)
class SurveySheet:
    """One person's form in a round, as the form, the workbook and print show it (defaults when not started)."""

    round: Any
    person: Any
    form: Any | None
    competency_set: str
    ratings: tuple[Rating, ...]
    needs: tuple[Any, ...]

    @property
    def status(self) -> str:
        return _status(self.form, self.ratings, self.needs)

    @property
    def name(self) -> str:
        return full_name_th(self.person)


@dataclass(frozen=True)
class Progress:
    """Where a round stands: each person's sheet, and the counts by status."""

    round: Any
    sheets: tuple[SurveySheet, ...]

    def count(self, status: str) -> int:
        return sum(s.status == status for s in self.sheets)


@dataclass(frozen=True)
class SchoolView:
    progress: Progress
    gaps: tuple[CompetencyGap, ...]
    needs: tuple[NeedCount, ...]


def _status(form: Any | None, ratings: Sequence[Rating], needs: Sequence[Any]) -> str:
    if ratings and all(r.self_level is not None and r.director_level is not None for r in ratings):
        return DONE
    if form is not None and (
        needs
        or any(r.self_level is not None or r.director_level is not None for r in ratings)
        or any(getattr(form, name, None) for name in ("self_rated_on", "reviewed_on", "strengths", "director_note"))
    ):
        return IN_PROGRESS
    return NOT_STARTED


def status_label(status: str) -> str:
    return {NOT_STARTED: _("Not started"), IN_PROGRESS: _("In progress"), DONE: _("Done")}[status]


class SurveyService(RecordService):
    kind = SURVEY_ROUND

    def _not_found(self, record_id: str) -> str:
        return _("No survey round with id {id} was found.").format(id=record_id)

    # --- rounds ----------------------------------------------------------------------------------------------
    def rounds(self) -> list[Any]:
        """Live rounds, newest year first."""
        return sorted(self.list(), key=lambda r: -r.academic_year)

    def round_of(self, year: int) -> Any:
        found = next((r for r in self.list() if r.academic_year == year), None)
        if found is None:
            raise NotFoundError(
                _("There is no survey round for academic year {year}. Open one first.").format(year=year)
            )
        return found

    def open_round(
        self,
        year: object,
        opens_on: object = None,
        closes_on: object = None,
        note: object = None,
        today: dt.date | None = None,
    ) -> Any:
        """Opens the survey of an academic year (July by default). A year has one round; a round in the Trash comes
        back instead of a second one."""
        probe = clean_record(SURVEY_ROUND, {"academic_year": year}, today, only=("academic_year",))
        first, last = default_dates(probe["academic_year"])
        raw = {
            "academic_year": probe["academic_year"],
            "opens_on": opens_on if opens_on not in (None, "") else first,
            "closes_on": closes_on if closes_on not in (None, "") else last,
            "note": note,
        }
        values = {**self.clean(raw, today), "closed_on": None}
        round_id = identity_record_id(SURVEY_ROUND, {**values, "owner_code": self._db.owner_code})
        held = self._held(round_id)
        if held is not None and held.deleted_at is None:
            message = (
                _("The survey of academic year {year} is already open.")
                if held.closed_on is None
                else _("The survey of academic year {year} was closed on {date}; reopen it to change its answers.")
            )
            raise ValidationError(
                FieldError(
                    "academic_year",
                    message.format(year=values["academic_year"], date=_date(held.closed_on) if held.closed_on else ""),
                )
            )
        model = model_of(SURVEY_ROUND)
        with self._db.sessions.begin() as session:
            if held is None:
                record = model(id=round_id, **values)
                session.add(record)
                before = None
            else:
                record = self._load(session, round_id)
                before = self._values(record)
                for key, value in values.items():
                    setattr(record, key, value)
                record.deleted_at = None
            session.flush()
            step = self._step(_("Open"), [(record, before)])
        self._remember(step)
        return self.get(round_id)

    def _held(self, round_id: str) -> Any | None:
        try:
            return self.get(round_id)
        except NotFoundError:
            return None

    def change_round(self, round_id: str, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        """New dates or note for a round (its year stays)."""
        current = self.get(round_id)
        values = self.clean({**raw, "academic_year": current.academic_year}, today)
        values["closed_on"] = current.closed_on
        return self._set(round_id, values, _("Edit"))

    def close_round(self, round_id: str, today: dt.date | None = None) -> Any:
        """Freezes the round's answers (the date it closed is kept)."""
        current = self._open_round(round_id)
        values = {f.name: getattr(current, f.name) for f in SURVEY_ROUND.fields}
        values["closed_on"] = today or dt.date.today()
        return self._set(round_id, values, _("Close"))

    def reopen_round(self, round_id: str) -> Any:
        current = self.get(round_id)
        if current.closed_on is None:
            return current
        values = {f.name: getattr(current, f.name) for f in SURVEY_ROUND.fields}
        values["closed_on"] = None
        return self._set(round_id, values, _("Reopen"))

    def _set(self, round_id: str, values: Mapping[str, Any], action: str) -> Any:
        with self._db.sessions.begin() as session:
            record, before = self._write_values(session, values, round_id)
            session.flush()
            step = self._step(action, [(record, before)]) if before != self._values(record) else None
        self._remember(step)
        return self.get(round_id)

    def _open_round(self, round_id: str) -> Any:
        current = self.get(round_id)
        if current.deleted_at is not None:
            raise KaplcError(_("This survey round is in the Trash; restore it first."))
        if current.closed_on is not None:
            raise KaplcError(
                _(
                    "The survey of {year} was closed on {date}, so its answers are frozen. Reopen the round to "
                    "change them."
                ).format(year=current.academic_year, date=_date(current.closed_on))
            )
        return current

    # --- forms -----------------------------------------------------------------------------------------------
    def people(self, round_id: str) -> list[Any]:
        """Who is in the round: every active person, and anyone who left but already has a form in it."""
        with_form = {f.person_id for f in self._forms(round_id)}
        staff = PersonnelService(self._db).list()
        return [p for p in staff if p.status == STATUS_ACTIVE or p.id in with_form]

    def progress(self, round_id: str) -> Progress:
        """Every person's sheet in the round, in the staff list's order."""
        round_ = self.get(round_id)
        forms = {f.person_id: f for f in self._forms(round_id)}
        form_ids = [f.id for f in forms.values()]
        ratings = _by(RecordService(self._db, SURVEY_RATING).list(match={"form_id": form_ids}), "form_id")
        needs = _by(RecordService(self._db, SURVEY_NEED).list(match={"form_id": form_ids}), "form_id")
        sheets = []
        for person in self.people(round_id):
            form = forms.get(person.id)
            held = ratings.get(form.id, []) if form else []
            sheets.append(
                self._sheet(round_, person, form, held, _listed(form, needs.get(form.id, []) if form else []))
            )
        return Progress(round_, tuple(sheets))

    def sheet(self, round_id: str, person_id: str) -> SurveySheet:
        round_ = self.get(round_id)
        person = PersonnelService(self._db).get(person_id)
        form = self._form_of(round_id, person_id)
        ratings = RecordService(self._db, SURVEY_RATING).list(match={"form_id": form.id}) if form else []
        needs = RecordService(self._db, SURVEY_NEED).list(match={"form_id": form.id}) if form else []
        return self._sheet(round_, person, form, ratings, _listed(form, needs))

    def _sheet(self, round_: Any, person: Any, form: Any | None, ratings: Sequence[Any], needs: Sequence[Any]) -> Any:
        competency_set = form.competency_set if form else competencies.set_of(person)
        expected = competencies.expected_of(person)
        held = {r.competency: r for r in ratings}
        codes = list(competencies.competencies(competency_set))
        codes += [code for code in held if code not in codes]  # rated under a set the person has since left
        lines = []
        for code in codes:
            r = held.get(code)
            lines.append(
                Rating(
                    code,
                    competencies.label(code, competency_set),
                    competencies.is_core(competency_set, code),
                    r.expected_level if r else expected,
                    r.self_level if r else None,
                    r.director_level if r else None,
                )
            )
        return SurveySheet(round_, person, form, competency_set, tuple(lines), tuple(needs))

    def _forms(self, round_id: str) -> list[Any]:
        return RecordService(self._db, SURVEY_FORM).list(match={"round_id": round_id})

    def _form_of(self, round_id: str, person_id: str) -> Any | None:
        found = RecordService(self._db, SURVEY_FORM).list(match={"round_id": round_id, "person_id": person_id})
        return found[0] if found else None

    def save_form(
        self,
        round_id: str,
        person_id: str,
        raw: Mapping[str, object],
        ratings: Sequence[RatingInput],
        needs: Sequence[NeedInput],
        today: dt.date | None = None,
    ) -> SurveySheet:
        """Saves a person's form (dates and comments in `raw`), their ratings and their needs together; nothing is
        saved when anything is wrong, or when the round is closed."""
        self._save_many([(person_id, raw, ratings, needs)], round_id, today, _("Edit"))
        return self.sheet(round_id, person_id)

    def save_forms(
        self,
        round_id: str,
        forms: Sequence[tuple[str, Mapping[str, object], Sequence[RatingInput], Sequence[NeedInput]]],
        today: dt.date | None = None,
    ) -> int:
        """Several people's forms in one transaction and one undo step (a workbook coming back)."""
        return self._save_many(forms, round_id, today, _("Import"))

    def clean_form(
        self,
        round_id: str,
        person: Any,
        raw: Mapping[str, object],
        ratings: Sequence[RatingInput],
        needs: Sequence[NeedInput],
        today: dt.date | None = None,
    ) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
        """The clean form values, ratings and needs of a person; raises ValidationError naming the competency or
        the need's line."""
        form = self._form_of(round_id, person.id)
        competency_set = form.competency_set if form else competencies.set_of(person)
        values = clean_record(
            SURVEY_FORM,
            {
                **raw,
                "round_id": round_id,
                "person_id": person.id,
                "competency_set": competency_set,
                "needs_count": len(needs) if len(needs) <= MAX_NEEDS else 0,
            },
            today,
        )
        allowed = set(competencies.competencies(competency_set))
        held = set()
        if form is not None:
            held = {r.competency for r in RecordService(self._db, SURVEY_RATING).list(match={"form_id": form.id})}
        clean_ratings, seen = [], set()
        for line in ratings:
            if line.competency not in allowed | held:
                raise ValidationError(
                    FieldError(
                        "ratings",
                        _("“{code}” is not a competency {person} is assessed on.").format(
                            code=line.competency, person=full_name_th(person)
                        ),
                    )
                )
            if line.competency in seen:
                raise ValidationError(FieldError("ratings", _("A competency is rated twice.")))
            seen.add(line.competency)
            clean_ratings.append(
                clean_part(
                    SURVEY_RATING,
                    {
                        "competency": line.competency,
                        "expected_level": line.expected_level,
                        "self_level": line.self_level,
                        "director_level": line.director_level,
                    },
                    competencies.label(line.competency, competency_set),
                    today,
                )
            )
        if len(needs) > MAX_NEEDS:
            raise ValidationError(FieldError("needs", _("A form lists at most {n} needs.").format(n=MAX_NEEDS)))
        clean_needs = []
        for n, need in enumerate(needs):
            cleaned = clean_part(
                SURVEY_NEED,
                {
                    "topic": need.topic,
                    "competency": need.competency,
                    "priority": need.priority,
                    "method": need.method,
                    "position": n,
                },
                _("need {n}").format(n=n + 1),
                today,
            )
            clean_needs.append(cleaned)
        return values, clean_ratings, clean_needs

    def _save_many(
        self,
        forms: Sequence[tuple[str, Mapping[str, object], Sequence[RatingInput], Sequence[NeedInput]]],
        round_id: str,
        today: dt.date | None,
        action: str,
    ) -> int:
        self._open_round(round_id)
        staff = {p.id: p for p in PersonnelService(self._db).list()}
        in_round = {p.id for p in self.people(round_id)}
        cleaned = []
        for person_id, raw, ratings, needs in forms:
            person = staff.get(person_id)
            if person is None or person_id not in in_round:
                raise ValidationError(
                    FieldError("person_id", _("This person is not in the survey (they may have left the school)."))
                )
            cleaned.append((person_id, *self.clean_form(round_id, person, raw, ratings, needs, today)))
        form_model = model_of(SURVEY_FORM)
        now = _now()
        changes: list[Any] = []
        with self._db.sessions.begin() as session:
            for person_id, values, ratings_, needs_ in cleaned:
                form_id = identity_record_id(SURVEY_FORM, {"round_id": round_id, "person_id": person_id})
                form = session.get(form_model, form_id)
                if form is None:
                    form = form_model(id=form_id, **values)
                    session.add(form)
                    changes.append((form, None, SURVEY_FORM))
                else:
                    before = self._values(form, SURVEY_FORM)
                    for key, value in values.items():
                        setattr(form, key, value)
                    if form.deleted_at is not None:
                        form.deleted_at = None
                    if self._values(form, SURVEY_FORM) != before:
                        changes.append((form, before, SURVEY_FORM))
                session.flush()
                changes += write_children(
                    session, SURVEY_RATING, "form_id", form.id, ratings_, lambda m: m["competency"], self._values, now
                )
                changes += write_children(
                    session, SURVEY_NEED, "form_id", form.id, needs_, lambda m: m["position"], self._values, now
                )
            session.flush()
            round_record = self._load(session, round_id)
            step = self._step(action, [], changes, label=f"{action} {SURVEY_ROUND.title(round_record)}")
        self._remember(step)
        return len(cleaned)

    # --- what the survey shows ------------------------------------------------------------------------------
    def school_view(self, round_id: str, needs_shown: int = 10) -> SchoolView:
        """The school's gaps per competency and its most named needs, from every form of the round."""
        progress = self.progress(round_id)
        lines = [line for sheet in progress.sheets if sheet.form is not None for line in sheet.ratings]
        needs = [need for sheet in progress.sheets for need in sheet.needs]
        return SchoolView(progress, tuple(school_gaps(lines)), tuple(top_needs(needs, needs_shown)))

    def askers(self, round_id: str) -> dict[str, list[str]]:
        """Each need topic named in the round → the ids of the people who named it (a project is for them)."""
        found: dict[str, list[str]] = {}
        for sheet in self.progress(round_id).sheets:
            for need in sheet.needs:
                found.setdefault(need.topic, []).append(sheet.person.id)
        return found

    # --- the workbooks exported -----------------------------------------------------------------------------
    def record_export(self, round_id: str, fingerprints: Mapping[str, str]) -> tuple[str, dt.datetime]:
        """Notes a workbook being exported (its id and time, each person's answers as exported); the last
        EXPORTS_KEPT of a round are kept."""
        import uuid

        from sqlalchemy import select

        from ..data.models.survey_export import SurveyExport

        export_id, now = str(uuid.uuid4()), _now()
        with self._db.sessions.begin() as session:
            session.add(SurveyExport(id=export_id, round_id=round_id, exported_at=now, fingerprints=dict(fingerprints)))
            older = session.scalars(
                select(SurveyExport).where(SurveyExport.round_id == round_id).order_by(SurveyExport.exported_at.desc())
            ).all()
            for stale in older[EXPORTS_KEPT:]:
                session.delete(stale)
        return export_id, now

    def export_record(self, export_id: str) -> tuple[str, dt.datetime, dict[str, str]] | None:
        """(round id, when, fingerprints) of an export made here, or None."""
        from ..data.models.survey_export import SurveyExport

        with self._db.sessions() as session:
            found = session.get(SurveyExport, export_id)
            return None if found is None else (found.round_id, found.exported_at, dict(found.fingerprints))

    # --- the catalogue of needs ------------------------------------------------------------------------------
    def topics(self, year: int, district_topics: Sequence[str] = ()) -> list[str]:
        """The topics offered when a need is typed: the district's for the year first, then those typed at this
        school in any year, most used first (the same topic typed with other capitals or spaces counts once)."""
        counts: dict[str, int] = {}
        shown: dict[str, str] = {}
        forms = {f.id: f for f in RecordService(self._db, SURVEY_FORM).list()}
        for need in RecordService(self._db, SURVEY_NEED).list():
            if need.form_id not in forms or need.position >= forms[need.form_id].needs_count:
                continue
            key = tidy_text(need.topic).casefold()
            counts[key] = counts.get(key, 0) + 1
            shown.setdefault(key, tidy_text(need.topic))
        own = [shown[key] for key in sorted(counts, key=lambda k: (-counts[k], k))]
        seen: set[str] = set()
        found = []
        for topic in [*district_topics, *own]:
            key = tidy_text(topic).casefold()
            if key and key not in seen:
                seen.add(key)
                found.append(tidy_text(topic))
        return found


def _listed(form: Any | None, needs: Sequence[Any]) -> list[Any]:
    """The needs the form lists (those at a position below its count: see SURVEY_FORM.needs_count)."""
    if form is None:
        return []
    return [n for n in needs if n.position < form.needs_count]


def _by(rows: Sequence[Any], field: str) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for row in rows:
        found.setdefault(getattr(row, field), []).append(row)
    return found


def _date(day: dt.date) -> str:
    from ..domain import buddhist_date

    return buddhist_date.format_short(day)


def _now() -> dt.datetime:
    from ..data.types import utcnow

    return utcnow()
