"""Each person's development plan of an academic year (ID Plan): drafted from their survey (their largest gaps and
the needs they named), saved with its activities in one transaction and one undo step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from ..domain import buddhist_date, competencies
from ..domain.kinds.id_plan import ID_PLAN, ID_PLAN_ACTIVITY
from ..domain.kinds.personnel import full_name_th
from ..domain.record_cleaning import clean_part, clean_record
from ..domain.record_kind import identity_record_id
from ..domain.survey_gaps import person_gaps
from ..errors import FieldError, KaplcError, NotFoundError, ValidationError
from ..i18n import _
from .child_records import write_children
from .personnel import PersonnelService
from .records import RecordService, model_of

MAX_ACTIVITIES = 30
DRAFT_GAPS = 3  # competencies drafted from the largest gaps
DRAFT_ACTIVITIES = 5


@dataclass(frozen=True)
class ActivityInput:
    """An activity's line as typed (text, or values already clean)."""

    topic: object
    competency: object = None
    priority: object = None
    method: object = None
    provider: object = None
    starts_on: object = None
    ends_on: object = None
    hours: object = None
    budget: object = None
    expected_result: object = None
    status: object = None
    done_on: object = None


@dataclass(frozen=True)
class PlanDraft:
    """A plan as the editor opens it: the saved one, or one drafted from the survey."""

    person: Any
    academic_year: int
    plan: Any | None
    values: dict[str, Any]
    activities: tuple[ActivityInput, ...]

    @property
    def name(self) -> str:
        return full_name_th(self.person)


@dataclass(frozen=True)
class PlanLine:
    """A person as the plans list shows them: their survey's status that year and their plan, if any."""

    person: Any
    survey_status: str | None  # None: no survey round that year
    plan: Any | None


class IdPlanService(RecordService):
    kind = ID_PLAN

    def _not_found(self, record_id: str) -> str:
        return _("No development plan with id {id} was found.").format(id=record_id)

    def plans(self, year: int | None = None) -> list[Any]:
        return [p for p in self.list() if year is None or p.academic_year == year]

    def lines(self, year: int, survey: Any) -> list[PlanLine]:
        """Everyone in the year's survey (or, without a survey, every active person), with their plan."""
        plans = {p.person_id: p for p in self.plans(year)}
        try:
            sheets = survey.progress(survey.round_of(year).id).sheets
        except NotFoundError:
            staff = PersonnelService(self._db).list()
            return [PlanLine(p, None, plans.get(p.id)) for p in staff if p.status == "active" or p.id in plans]
        listed = {s.person.id for s in sheets}
        lines = [PlanLine(s.person, s.status, plans.get(s.person.id)) for s in sheets]
        staff = {p.id: p for p in PersonnelService(self._db).list()}
        lines += [PlanLine(staff[pid], None, plan) for pid, plan in plans.items() if pid not in listed and pid in staff]
        return lines

    def plan_of(self, person_id: str, year: int) -> Any | None:
        found = self.list(match={"person_id": person_id, "academic_year": year})
        return found[0] if found else None

    def activities(self, plan_id: str) -> list[Any]:
        """The plan's activities, in order (those below its count: see ID_PLAN.activity_count)."""
        plan = self.get(plan_id)
        rows = RecordService(self._db, ID_PLAN_ACTIVITY).list(match={"plan_id": plan_id})
        return [a for a in rows if a.position < plan.activity_count]

    def draft(self, person_id: str, year: int, survey: Any = None) -> PlanDraft:
        """The person's plan of the year if there is one; otherwise a draft from their survey of that year: an
        activity for each of their largest gaps (the way they asked for, when a need names the competency), then
        their needs by priority."""
        person = PersonnelService(self._db).get(person_id)
        plan = self.plan_of(person_id, year)
        if plan is not None:
            values = {f.name: getattr(plan, f.name) for f in ID_PLAN.editable}
            lines = tuple(ActivityInput(**_activity_values(a)) for a in self.activities(plan.id))
            return PlanDraft(person, year, plan, values, lines)
        sheet = _sheet_of(survey, person_id, year)
        activities: list[ActivityInput] = []
        starts, ends = _default_period(year)
        if sheet is not None:
            needs = sorted(sheet.needs, key=lambda n: (-n.priority, n.position))
            for rank, line in enumerate(person_gaps(sheet.ratings)[:DRAFT_GAPS]):
                asked = next((n for n in needs if n.competency == line.competency), None)
                activities.append(
                    ActivityInput(
                        topic=asked.topic if asked else _("Developing {competency}").format(competency=line.label),
                        competency=line.competency,
                        priority=5 - rank if asked is None else asked.priority,
                        method=asked.method if asked else "training",
                        starts_on=starts,
                        ends_on=ends,
                    )
                )
            covered = {a.topic for a in activities}
            for need in needs:
                if len(activities) >= DRAFT_ACTIVITIES:
                    break
                if need.topic not in covered:
                    covered.add(need.topic)
                    activities.append(
                        ActivityInput(
                            topic=need.topic,
                            competency=need.competency,
                            priority=need.priority,
                            method=need.method,
                            starts_on=starts,
                            ends_on=ends,
                        )
                    )
        values: dict[str, Any] = {"progress": 0}
        gaps = (
            [competencies.label(line.competency, sheet.competency_set) for line in person_gaps(sheet.ratings)][
                :DRAFT_GAPS
            ]
            if sheet is not None
            else []
        )
        if gaps:
            values["goals"] = _("To raise {competencies} to the level expected of my position.").format(
                competencies=", ".join(gaps)
            )
        return PlanDraft(person, year, None, values, tuple(activities))

    def clean_activity(self, raw: Mapping[str, object], today: dt.date | None = None) -> ActivityInput:
        """One activity as typed in its own form, checked by the same rules as when the plan is saved."""
        names = tuple(f.name for f in ID_PLAN_ACTIVITY.editable if f.name not in ("plan_id", "position"))
        values = clean_record(ID_PLAN_ACTIVITY, raw, today, only=names)
        return ActivityInput(**{k: v for k, v in values.items() if k in ActivityInput.__dataclass_fields__})

    def save(
        self,
        person_id: str,
        year: object,
        raw: Mapping[str, object],
        activities: Sequence[ActivityInput],
        today: dt.date | None = None,
    ) -> Any:
        """Adds or changes the person's plan of the year with exactly these activities; nothing is saved when
        anything is wrong."""
        person = PersonnelService(self._db).get(person_id)
        if person.deleted_at is not None:
            raise KaplcError(_("This person is in the Trash; restore them before changing their plan."))
        values = clean_record(
            ID_PLAN,
            {
                **raw,
                "person_id": person_id,
                "academic_year": year,
                "activity_count": len(activities) if len(activities) <= MAX_ACTIVITIES else 0,
            },
            today,
        )
        if len(activities) > MAX_ACTIVITIES:
            raise ValidationError(
                FieldError("activities", _("A plan lists at most {n} activities.").format(n=MAX_ACTIVITIES))
            )
        lines = []
        for n, activity in enumerate(activities):
            raw_line = {k: v for k, v in asdict(activity).items() if v is not None}
            raw_line["position"] = n
            # every field of the line (one left out is empty), none of the plan's
            raw_line = {f.name: raw_line.get(f.name) for f in ID_PLAN_ACTIVITY.editable if f.name != "plan_id"}
            lines.append(clean_part(ID_PLAN_ACTIVITY, raw_line, _("Activity {n}").format(n=n + 1), today))
        plan_id = identity_record_id(ID_PLAN, values)
        now = _now()
        with self._db.sessions.begin() as session:
            held = session.get(model_of(ID_PLAN), plan_id)
            if held is None:
                plan, before = model_of(ID_PLAN)(id=plan_id, **values), None
                session.add(plan)
            else:
                plan, before = held, self._values(held)
                for key, value in values.items():
                    setattr(plan, key, value)
                plan.deleted_at = None
            session.flush()
            others = write_children(
                session, ID_PLAN_ACTIVITY, "plan_id", plan_id, lines, lambda m: m["position"], self._values, now
            )
            session.flush()
            changed = before is None or before != self._values(plan) or others
            step = self._step(_("Add") if before is None else _("Edit"), [(plan, before)], others) if changed else None
        self._remember(step)
        return self.get(plan_id)

    def delete(self, record_id: str) -> None:
        """The plan and its activities go to the Trash together."""
        self._move(record_id, to_trash=True)

    def restore(self, record_id: str) -> Any:
        self._move(record_id, to_trash=False)
        return self.get(record_id)

    def _move(self, record_id: str, to_trash: bool) -> None:
        activity_model = model_of(ID_PLAN_ACTIVITY)
        with self._db.sessions.begin() as session:
            plan = self._load(session, record_id)
            if (plan.deleted_at is not None) == to_trash:
                return
            stamp = plan.deleted_at
            before = self._values(plan)
            plan.deleted_at = _now() if to_trash else None
            others = []
            for activity in session.query(activity_model).filter_by(plan_id=record_id, deleted_at=stamp):
                others.append((activity, self._values(activity, ID_PLAN_ACTIVITY), ID_PLAN_ACTIVITY))
                activity.deleted_at = plan.deleted_at
            session.flush()
            step = self._step(_("Delete") if to_trash else _("Restore"), [(plan, before)], others)
        self._remember(step)


def _activity_values(row: Any) -> dict[str, Any]:
    return {name: getattr(row, name) for name in ActivityInput.__dataclass_fields__}


def _sheet_of(survey: Any, person_id: str, year: int) -> Any | None:
    if survey is None:
        return None
    try:
        round_ = survey.round_of(year)
    except NotFoundError:
        return None
    sheet = survey.sheet(round_.id, person_id)
    return sheet if sheet.form is not None else None


def _default_period(year: int) -> tuple[dt.date, dt.date]:
    """From August (after the July survey) to the end of the school year, 31 March."""
    ce = buddhist_date.to_ce_year(year)
    return dt.date(ce, 8, 1), dt.date(ce + 1, 3, 31)


def _now() -> dt.datetime:
    from ..data.types import utcnow

    return utcnow()
