"""The school's HR development plan (a few years, reviewed each year) and its annual action plan's projects, each
with the people whose needs it answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from ..domain.kinds.hrd_plan import ACTION_PROJECT, ACTION_TARGET, HRD_PLAN, HRD_REVIEW
from ..errors import FieldError, ValidationError
from ..i18n import _
from .personnel import PersonnelService
from .records import RecordService, model_of


class HrdPlanService(RecordService):
    kind = HRD_PLAN

    def _not_found(self, record_id: str) -> str:
        return _("No HR development plan with id {id} was found.").format(id=record_id)

    def check(self, values: Mapping[str, Any], exclude_id: str | None) -> None:
        """Two live plans never cover the same year: which plan a year follows must be clear."""
        for plan in self.list():
            if plan.id == exclude_id:
                continue
            if plan.first_year <= values["last_year"] and values["first_year"] <= plan.last_year:
                raise ValidationError(
                    FieldError(
                        "first_year",
                        _(
                            "The plan “{title}” already covers {first}–{last}; the years of two plans cannot overlap."
                        ).format(title=plan.name, first=plan.first_year, last=plan.last_year),
                    )
                )

    def check_restore(self, record: Any) -> None:
        self.check({"first_year": record.first_year, "last_year": record.last_year}, record.id)

    def plan_for(self, year: int) -> Any | None:
        """The live plan covering an academic year."""
        return next((p for p in self.list() if p.first_year <= year <= p.last_year), None)

    def reviews(self, plan_id: str) -> list[Any]:
        return HrdReviewService(self._db, journal=self.journal).list(match={"plan_id": plan_id})


class HrdReviewService(RecordService):
    kind = HRD_REVIEW

    def check(self, values: Mapping[str, Any], exclude_id: str | None) -> None:
        plan = HrdPlanService(self._db).get(values["plan_id"])
        year = values["academic_year"]
        if not plan.first_year <= year <= plan.last_year:
            raise ValidationError(
                FieldError(
                    "academic_year",
                    _("The plan covers {first}–{last}; a review of {year} belongs to another plan.").format(
                        first=plan.first_year, last=plan.last_year, year=year
                    ),
                )
            )
        for review in self.list(match={"plan_id": plan.id}):
            if review.academic_year == year and review.id != exclude_id:
                raise ValidationError(
                    FieldError("academic_year", _("The plan already has a review of {year}.").format(year=year))
                )

    def update(self, record_id: str, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        """A review's plan and year name it (its id): a corrected year moves the review to the id of that year (the
        old one goes to the Trash, so the district follows), in one transaction and one undo step."""
        from ..domain.record_kind import identity_record_id

        current = self.get(record_id)
        values = self.clean(raw, today)
        new_id = identity_record_id(HRD_REVIEW, values)
        if new_id == record_id:
            return super().update(record_id, raw, today)
        self.check(values, record_id)
        model = model_of(HRD_REVIEW)
        with self._db.sessions.begin() as session:
            self._check_references(session, values)
            old = self._load(session, current.id)
            old_before = self._values(old)
            old.deleted_at = _now()
            held = session.get(model, new_id)
            if held is None:
                record, before = model(id=new_id, **values), None
                session.add(record)
            else:  # that year's review was in the Trash: it comes back with this text
                record, before = self._write_values(session, values, new_id)
                record.deleted_at = None
            session.flush()
            step = self._step(_("Edit"), [(record, before)], [(old, old_before, HRD_REVIEW)])
        self._remember(step)
        return self.get(new_id)

    def add(self, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        """A review's id follows its plan and year, so two copies of the school never hold two reviews of it."""
        from ..domain.record_kind import identity_record_id

        values = self.clean(raw, today)
        self.check(values, None)
        review_id = identity_record_id(HRD_REVIEW, values)
        model = model_of(HRD_REVIEW)
        with self._db.sessions.begin() as session:
            self._check_references(session, values)
            held = session.get(model, review_id)
            if held is None:
                record, before = model(id=review_id, **values), None
                session.add(record)
            else:  # in the Trash: it comes back with the new text
                record, before = self._write_values(session, values, review_id)
                record.deleted_at = None
            session.flush()
            step = self._step(_("Add"), [(record, before)])
        self._remember(step)
        return self.get(review_id)


class ActionProjectService(RecordService):
    kind = ACTION_PROJECT

    def _not_found(self, record_id: str) -> str:
        return _("No project with id {id} was found.").format(id=record_id)

    def projects(self, fiscal_year: int | None = None) -> list[Any]:
        return [p for p in self.list() if fiscal_year is None or p.fiscal_year == fiscal_year]

    def targets(self, project_id: str) -> list[str]:
        """The ids of the people a project is for."""
        rows = RecordService(self._db, ACTION_TARGET).list(match={"project_id": project_id})
        return [r.person_id for r in rows]

    def save(
        self,
        raw: Mapping[str, object],
        people: Sequence[str],
        project_id: str | None = None,
        today: dt.date | None = None,
    ) -> Any:
        """Adds (project_id None) or changes a project, for exactly these people."""
        values = self.clean(raw, today)
        wanted = list(dict.fromkeys(people))
        staff = {p.id for p in PersonnelService(self._db).list()}
        if any(person_id not in staff for person_id in wanted):
            raise ValidationError(
                FieldError("people", _("A person the project is for is not in the staff list (they may be deleted)."))
            )
        targets = [{"person_id": p} for p in wanted]
        return self._save_with_children(
            values, project_id, ACTION_TARGET, "project_id", targets, lambda m: m["person_id"]
        )


def _now() -> dt.datetime:
    from ..data.types import utcnow

    return utcnow()
