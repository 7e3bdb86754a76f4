"""Building the development-cycle documents from the open workspace (the command line and the window)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from ...context import AppContext
from ...domain import vocabularies
from ...errors import KaplcError
from ...i18n import _
from ...progress import NO_PROGRESS, Progress
from ...services.workspace import require_school
from .documents.development_docs import PersonFacts, id_plan, survey_form
from .pdf_service import Printed, print_warnings
from .render import render


def person_facts(person: Any) -> PersonFacts:
    areas = ", ".join(vocabularies.label("learning_area", code, "th") for code in person.learning_areas or ())
    return PersonFacts(
        person.full_name_th,
        person.display("position"),
        person.display("academic_standing"),
        areas,
        person.subject or "",
    )


def id_plan_pdf(
    ctx: AppContext,
    person_ref: str,
    year: int,
    target: Path,
    thai_digits: bool = False,
    progress: Progress = NO_PROGRESS,
) -> Printed:
    """A person's ID Plan of a year, with their assessed competencies when they took that year's survey."""
    school = require_school(ctx.workspace.get())
    person = ctx.personnel.get(ctx.personnel.find_id(person_ref))
    plan = ctx.id_plans.plan_of(person.id, year)
    if plan is None:
        raise KaplcError(
            _("{name} has no development plan for {year}. Make one first (kaplc idplan draft, or in the app).").format(
                name=person.full_name_th, year=year
            )
        )
    activities = ctx.id_plans.activities(plan.id)
    ratings: tuple[Any, ...] = ()
    rounds = [r for r in ctx.survey.rounds() if r.academic_year == year]
    if rounds:
        sheet = ctx.survey.sheet(rounds[0].id, person.id)
        if sheet.form is not None:
            ratings = sheet.ratings
    doc = id_plan(person_facts(person), plan, activities, ratings, school, thai_digits)
    pages = render(doc, target, progress)
    return Printed(pages, print_warnings([person], school) + _typed_warnings([plan, *activities]))


def survey_form_pdf(
    ctx: AppContext,
    year: int,
    person_ref: str | None,
    target: Path,
    blank: bool = False,
    thai_digits: bool = False,
    progress: Progress = NO_PROGRESS,
) -> Printed:
    """A person's survey form of a year (blank to fill in by hand, or as held); without a person, a blank form
    with the teachers' competencies."""
    from ...domain import competencies
    from ...services.survey import Rating

    school = require_school(ctx.workspace.get())
    round_ = ctx.survey.round_of(year)
    if person_ref is None:
        codes = competencies.competencies(competencies.SET_TEACHER)
        ratings = tuple(Rating(c, competencies.label(c, competencies.SET_TEACHER), True, 3, None, None) for c in codes)
        doc = survey_form(None, year, ratings, (), school, None, True, thai_digits)
        return Printed(render(doc, target, progress), print_warnings([], school))
    person = ctx.personnel.get(ctx.personnel.find_id(person_ref))
    sheet = ctx.survey.sheet(round_.id, person.id)
    doc = survey_form(person_facts(person), year, sheet.ratings, sheet.needs, school, sheet.form, blank, thai_digits)
    pages = render(doc, target, progress)
    records = [] if blank else [*sheet.needs, *([sheet.form] if sheet.form else [])]
    return Printed(pages, print_warnings([person], school) + _typed_warnings(records))


def _typed_warnings(records: list[Any]) -> list[str]:
    """Characters the font cannot draw in the typed text of these records."""
    from ...domain.printable_text import field_warnings

    lines = []
    for record in records:
        kind = record.__record_kind__
        values = dataclasses.asdict(record)
        name = kind.title(record) if kind.title else _(kind.label)
        lines += [f"{name}: {w.message}" for w in field_warnings(values, kind.typed_text, kind=kind.name)]
    return lines
