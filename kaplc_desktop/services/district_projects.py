"""The district's plans and its development projects: a need the schools named in the July survey becomes a
project with its target list (everyone who named it, at every school), linked to the district's 3-year HRD plan
and its annual action plan; the list goes out as an Excel workbook."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from ..domain import vocabularies
from ..domain.kinds.district_plans import (
    DISTRICT_PLAN,
    DISTRICT_PROJECT,
    DISTRICT_PROJECT_TARGET,
    PLAN_ACTION,
    PLAN_HRD,
)
from ..domain.kinds.personnel import PERSONNEL
from ..domain.thai_collation import thai_sort_key
from ..errors import FieldError, KaplcError, ValidationError
from ..i18n import _
from .person_row import PersonRow
from .records import RecordService


class DistrictPlanService(RecordService):
    kind = DISTRICT_PLAN

    def _not_found(self, record_id: str) -> str:
        return _("No district plan with id {id} was found. List them with “kaplc district plan list”.").format(
            id=record_id
        )

    def add(self, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        self._require_district()
        return super().add(raw, today)

    def hrd_plans(self) -> list[Any]:
        return [p for p in self.list() if p.plan_kind == PLAN_HRD]

    def action_plans(self) -> list[Any]:
        return [p for p in self.list() if p.plan_kind == PLAN_ACTION]


class DistrictProjectService(RecordService):
    kind = DISTRICT_PROJECT

    def _not_found(self, record_id: str) -> str:
        return _("No district project with id {id} was found. List them with “kaplc district project list”.").format(
            id=record_id
        )

    def targets(self, project_id: str) -> list[str]:
        """The ids of the people the project is for."""
        return [
            t.person_id for t in RecordService(self._db, DISTRICT_PROJECT_TARGET).list(match={"project_id": project_id})
        ]

    def _check_plans(self, values: Mapping[str, Any], held: Any | None) -> None:
        """The HRD plan field holds a 3-year HRD plan, the action plan field an annual action plan. Only a plan
        chosen now is checked: a project whose plan was deleted or changed since stays editable."""
        plans = {p.id: p for p in DistrictPlanService(self._db).list()}
        for field, kind in (("hrd_plan_id", PLAN_HRD), ("action_plan_id", PLAN_ACTION)):
            if held is not None and getattr(held, field) == values.get(field):
                continue
            plan = plans.get(values.get(field) or "")
            if values.get(field) and (plan is None or plan.plan_kind != kind):
                raise ValidationError(
                    FieldError(
                        field,
                        _("Choose a plan of the kind “{kind}” here.").format(
                            kind=vocabularies.label("district_plan_kind", kind)
                        ),
                    )
                )

    def save(
        self,
        raw: Mapping[str, object],
        people: Sequence[str],
        project_id: str | None = None,
        today: dt.date | None = None,
    ) -> Any:
        """Adds (project_id None) or changes a project, for exactly these people (of any school), in one step."""
        self._require_district()
        values = self.clean(raw, today)
        self._check_plans(values, self.get(project_id) if project_id is not None else None)
        wanted = list(dict.fromkeys(people))
        staff = {p.id: p for p in RecordService(self._db, PERSONNEL, PersonRow).list()}
        if any(person_id not in staff for person_id in wanted):
            raise ValidationError(
                FieldError(
                    "people",
                    _(
                        "A person the project is for is no longer on their school's staff list (the school deleted "
                        "them)."
                    ),
                )
            )
        targets = [{"person_id": p, "school_code": staff[p].owner_code} for p in wanted]
        return self._save_with_children(
            values, project_id, DISTRICT_PROJECT_TARGET, "project_id", targets, lambda m: m["person_id"]
        )

    def update(self, record_id: str, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        """A change of the project's fields only: its people stay (but those their school has deleted since)."""
        staff = {p.id for p in RecordService(self._db, PERSONNEL, PersonRow).list()}
        return self.save(raw, [p for p in self.targets(record_id) if p in staff], record_id, today)

    def add(self, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        return self.save(raw, (), None, today)

    def draft_from_need(self, year: int, topic: str) -> tuple[dict[str, object], list[str]]:
        """A new project's values and people from a need of the year's survey (its key, as typed, or a part naming
        one topic): named after the need, in the fiscal year after the survey, by the way and competency most of
        those who named it gave; for everyone who named it."""
        from .dashboards.needs import find_topic, no_one_named
        from .dashboards.service import DistrictDashboards

        found = find_topic(DistrictDashboards(self._db).need_topics(year), topic)
        if found is None:
            raise KaplcError(no_one_named(topic, year))
        named = list(found.by_person.values())
        methods = Counter(n.method for n in named if n.method)
        competencies = Counter(n.competency for n in named if n.competency)
        values: dict[str, object] = {
            "name": found.shown,
            "need_topic": found.shown,
            "need_year": year,
            "fiscal_year": year + 1,  # the survey is in July; the district's money for it is next fiscal year's
            "method": max(methods, key=lambda m: (methods[m], m)) if methods else None,
            "competency": max(competencies, key=lambda c: (competencies[c], c)) if competencies else None,
        }
        return values, list(dict.fromkeys(n.person_id for n in found.needs))

    def for_need(self, year: int, topic: str) -> list[Any]:
        """The live projects already made from this need of the year's survey."""
        from ..domain.survey_gaps import topic_key

        key = topic_key(topic)
        return [p for p in self.list() if p.need_year == year and topic_key(p.need_topic or "") == key]

    def from_need(
        self,
        year: int,
        topic: str,
        changes: Mapping[str, object] | None = None,
        today: dt.date | None = None,
        again: bool = False,
    ) -> Any:
        """A project for everyone who named the need; refused when one was made from it already (`again` makes
        another: a second round of the same training). The need and its year come from the survey, never typed."""
        typed = set(changes or {}) & {"need_topic", "need_year"}
        if typed:
            raise KaplcError(
                _("{fields} come from the need itself; leave them out.").format(fields=", ".join(sorted(typed)))
            )
        values, people = self.draft_from_need(year, topic)
        held = self.for_need(year, str(values["need_topic"]))
        if held and not again:
            raise KaplcError(
                _("A project for “{topic}” was made already: “{name}” ({id}). To make another, add --again.").format(
                    topic=values["need_topic"], name=held[0].name, id=held[0].id[:8]
                )
            )
        return self.save({**values, **(changes or {})}, people, None, today)

    def people_labels(self, person_ids: Sequence[str]) -> list[tuple[str, str]]:
        """(id, "name — school") of these people, by school then name, for a list to tick."""
        from .dashboards.schools import SchoolDirectory
        from .school_registry import SchoolRegistryService

        schools = SchoolDirectory.of(SchoolRegistryService(self._db))
        staff = {p.id: p for p in RecordService(self._db, PERSONNEL, PersonRow).list()}
        found = []
        for person_id in dict.fromkeys(person_ids):
            person = staff.get(person_id)
            if person is not None:
                school = schools[person.owner_code]
                found.append((school.cluster, school.name, person.full_name_th, person_id))
        found.sort(key=lambda f: (thai_sort_key(f[0]), thai_sort_key(f[1]), thai_sort_key(f[2])))
        return [(person_id, f"{name} — {school}") for _cluster, school, name, person_id in found]

    def target_table(self, project_id: str) -> Any:
        """The people the project is for, by school: the list the district sends out (services/dashboards Table)."""
        from .dashboards.figures import Table
        from .dashboards.schools import SchoolDirectory
        from .school_registry import SchoolRegistryService

        project = self.get(project_id)
        schools = SchoolDirectory.of(SchoolRegistryService(self._db))
        staff = {p.id: p for p in RecordService(self._db, PERSONNEL, PersonRow).list()}
        rows = []
        for target in RecordService(self._db, DISTRICT_PROJECT_TARGET).list(match={"project_id": project_id}):
            person = staff.get(target.person_id)
            school = schools[target.school_code]
            rows.append(
                (
                    school.name,
                    school.cluster,
                    school.code,
                    person.full_name_th if person is not None else _("(deleted by the school)"),
                    person.display("position") if person is not None else "",
                    person.display("learning_areas") if person is not None else "",
                )
            )
        rows.sort(key=lambda r: (thai_sort_key(r[1]), thai_sort_key(r[0]), thai_sort_key(r[3])))
        return Table(
            "project_people",
            _("The people “{project}” is for").format(project=project.name),
            target_columns(),
            tuple(rows),
            note=_("{people} people at {schools} schools.").format(people=len(rows), schools=len({r[2] for r in rows})),
        )


def target_columns() -> tuple[Any, ...]:
    """The columns of a project's target list (also the year's report's list of every project's people)."""
    from .dashboards.figures import Column

    return (
        Column("school", _("School")),
        Column("cluster", _("Cluster")),
        Column("school_code", _("School code")),
        Column("name", _("Name")),
        Column("position", _("Position")),
        Column("learning_areas", _("Learning areas")),
    )
