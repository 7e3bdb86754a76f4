"""Documents of the yearly development cycle: a person's development plan (ID Plan, แผนพัฒนาตนเองรายบุคคล) in the
customary layout, and a person's survey form, blank to fill in by hand or filled in from the app. Built from plain
data (reports/pdf/development_pdf.py gathers it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ....domain import buddhist_date, vocabularies
from ....domain.field_types import level_text
from ....i18n import _
from ....services.workspace import WorkspaceInfo
from ..blocks import (
    Block,
    Bullets,
    Document,
    Heading,
    Keep,
    KeyValues,
    Para,
    Signature,
    Signatures,
    Spacer,
    Table,
    Title,
)

BLANK_NEEDS = 5
TOP_PRIORITIES = 3


@dataclass(frozen=True)
class PersonFacts:
    """Who the document is about, as printed (labels already in Thai)."""

    name: str
    position: str
    standing: str
    learning_areas: str
    subject: str


def person_rows(facts: PersonFacts, school: WorkspaceInfo) -> tuple[tuple[str, str], ...]:
    return (
        (_("Name"), facts.name),
        (_("Position"), facts.position),
        (_("Academic standing"), facts.standing),
        (_("Learning areas"), facts.learning_areas),
        (_("Subject taught"), facts.subject),
        (_("School"), school.title),
        (_("Educational service area"), school.esa_name),
    )


def _paragraphs(text: str | None) -> list[Block]:
    return [Para.of(line) for line in (text or "").split("\n") if line.strip()]


def _period(starts: Any, ends: Any) -> str:
    """1 ส.ค. 69 – 31 มี.ค. 70: short, as a table's column of a Thai form has it."""
    if starts is None and ends is None:
        return ""
    if starts == ends or ends is None:
        return _short(starts)
    return f"{_short(starts)} – {_short(ends)}"


def _short(day: Any) -> str:
    if day is None:
        return "…"
    text = buddhist_date.format_medium(day)
    return text[:-4] + text[-2:]  # the year's last two digits


def _number(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _level(value: int | None) -> str:
    return "" if value is None else str(value)


def _ratings_table(ratings: Sequence[Any], blank: bool = False) -> Table:
    rows = tuple(
        (
            str(n),
            r.label,
            level_text("competency_level", r.expected_level),
            "" if blank else _level(r.self_level),
            "" if blank else _level(r.director_level),
            "" if blank or r.gap is None else str(r.gap),
        )
        for n, r in enumerate(ratings, start=1)
    )
    return Table(
        (_("No. (row)"), _("Competency"), _("Expected level"), _("Self rating"), _("Director's rating"), _("Gap")),
        rows,
        widths=(0.07, 0.43, 0.17, 0.11, 0.12, 0.10),
        align_right=frozenset(),
        empty="",
    )


def _scale_note() -> Para:
    levels = ", ".join(level_text("competency_level", int(t.code)) for t in vocabularies.terms("competency_level"))
    return Para.of(_("Levels: {levels}").format(levels=levels))


def id_plan(
    facts: PersonFacts,
    plan: Any,
    activities: Sequence[Any],
    ratings: Sequence[Any],
    school: WorkspaceInfo,
    thai_digits: bool = False,
) -> Document:
    """Part 1 the person, part 2 their assessed competencies (when they took the survey), part 3 the plan: goals,
    the activities (what, how and by whom, when, hours, budget, expected result), expected results and evidence,
    part 4 the top priorities; signed by the person and approved by the director."""
    year = plan.academic_year
    title = _("Individual development plan (ID Plan), academic year {year}").format(year=year)
    blocks: list[Block] = [
        Title(title, f"{school.title} · {school.esa_name}"),
        Heading(_("Part 1: Personal information")),
        KeyValues(person_rows(facts, school)),
    ]
    if ratings:
        blocks += [
            Heading(_("Part 2: Competency assessment")),
            _ratings_table(ratings),
            _scale_note(),
        ]
    blocks.append(Heading(_("Part 3: Development plan") if ratings else _("Part 2: Development plan")))
    if plan.goals:
        blocks += [Heading(_("Development goals"), 2), *_paragraphs(plan.goals)]
    rows = []
    for n, a in enumerate(activities, start=1):
        what = a.topic
        competency = vocabularies.label("competency", a.competency) if a.competency else ""
        if competency and competency not in what:
            what += f" ({competency})"
        if a.status in ("done", "cancelled", "in_progress"):
            what += f" [{vocabularies.label('activity_status', a.status)}]"
        how = vocabularies.label("development_method", a.method)
        if a.provider:
            how += f" ({a.provider})"
        rows.append(
            (
                str(n),
                what,
                how,
                _period(a.starts_on, a.ends_on),
                _number(a.hours),
                _number(a.budget),
                a.expected_result or "",
            )
        )
    hours = sum(a.hours or 0 for a in activities)
    budget = sum(a.budget or 0 for a in activities)
    if activities:
        rows.append(("", _("Total"), "", "", _number(hours), _number(budget), ""))
    blocks += [
        Heading(_("Development activities"), 2),
        Table(
            (
                _("No. (row)"),
                _("What to develop"),
                _("Way of development"),
                _("Period"),
                _("Hours"),
                _("Budget (baht)"),
                _("Expected result and use in teaching"),
            ),
            tuple(rows),
            widths=(0.05, 0.27, 0.15, 0.14, 0.09, 0.10, 0.20),
            align_right=frozenset({4, 5}),
            empty="",
        ),
    ]
    if not activities:
        blocks.append(Para.of(_("No activities have been planned yet.")))
    for label, text in (
        (_("Expected results"), plan.expected_results),
        (_("Evidence of development"), plan.evidence),
    ):
        if text:
            blocks += [Heading(label, 2), *_paragraphs(text)]
    progress = _("Progress: {n}%").format(n=plan.progress)
    if plan.completed_on:
        progress += " · " + _("completed on {date}").format(date=buddhist_date.format_long(plan.completed_on))
    blocks.append(Para.of(progress))
    top = sorted(activities, key=lambda a: (-(a.priority or 0), a.position))[:TOP_PRIORITIES]
    ending: list[Block] = []
    if top:
        part = _("Part 4: Top priorities") if ratings else _("Part 3: Top priorities")
        ending = [Heading(part), Bullets(tuple(a.topic for a in top), numbered=True)]
    approved = (
        _("Approved on {date}").format(date=buddhist_date.format_long(plan.approved_on)) if plan.approved_on else ""
    )
    signatures = Signatures(
        (
            Signature(facts.name, facts.position, _("Plan owner")),
            Signature(plan.approved_by or school.principal_name or "", _("School director"), _("Approved by")),
        )
    )
    if approved:
        ending.append(Para.of(approved))
    # the priorities, the approval and the signatures stay together (never a heading alone at a page's foot)
    blocks.append(Keep((*ending, Spacer(0.6), signatures)))
    return Document(
        title + f" — {facts.name}",
        blocks,
        author=school.title,
        header=f"{school.title} · {facts.name}",
        subject=_("Individual development plan"),
        thai_digits=thai_digits,
        known_words=_words(facts.name, school),
    )


def survey_form(
    facts: PersonFacts | None,
    year: int,
    ratings: Sequence[Any],
    needs: Sequence[Any],
    school: WorkspaceInfo,
    form: Any | None = None,
    blank: bool = False,
    thai_digits: bool = False,
) -> Document:
    """The survey form of one person: their competencies with the expected level, a column each for their own and
    the director's rating, their needs; blank to be filled in by hand (`blank`) or as the app holds it."""
    title = _("Competency and development needs survey, academic year {year}").format(year=year)
    if facts is None:
        rows = tuple((label, "") for label, _value in person_rows(PersonFacts("", "", "", "", ""), school))
        rows = (*rows[:5], (_("School"), school.title), (_("Educational service area"), school.esa_name))
        title += " " + _("(teachers)")
    else:
        rows = person_rows(facts, school)
    blocks: list[Block] = [
        Title(title, f"{school.title} · {school.esa_name}"),
        Heading(_("Part 1: Personal information")),
        KeyValues(rows),
        Heading(_("Part 2: Competency assessment")),
        Para.of(
            _(
                "Rate each competency from 1 to 5 as you show it in your work; the director rates it too. The "
                "expected level is the one for your position and academic standing."
            )
        ),
        _ratings_table(ratings, blank),
        _scale_note(),
        Heading(_("Part 3: What I want to develop")),
    ]
    need_rows = [
        (
            str(n),
            need.topic,
            vocabularies.label("competency", need.competency),
            level_text("priority_scale", need.priority),
            vocabularies.label("development_method", need.method),
        )
        for n, need in enumerate([] if blank else needs, start=1)
    ]
    need_rows += (
        [(str(len(need_rows) + n), "", "", "", "") for n in range(1, BLANK_NEEDS + 1)] if blank or not (needs) else []
    )
    blocks += [
        Table(
            (_("No. (row)"), _("Topic"), _("Competency"), _("Priority"), _("Preferred way")),
            tuple(need_rows),
            widths=(0.07, 0.37, 0.22, 0.14, 0.20),
            empty="",
        ),
        Para.of(_("Ways: {ways}").format(ways=", ".join(t.label() for t in vocabularies.terms("development_method")))),
    ]
    strengths = "" if blank or form is None else (form.strengths or "")
    note = "" if blank or form is None else (form.director_note or "")
    # a heading never ends a page alone: each keeps with its text, or with dotted lines to write on
    blocks.append(Keep((Heading(_("My strengths"), 2), *(_paragraphs(strengths) or _writing_lines()))))
    blocks.append(Keep((Heading(_("Director's comments"), 2), *(_paragraphs(note) or _writing_lines()))))
    dated = "" if blank or form is None or form.self_rated_on is None else buddhist_date.format_long(form.self_rated_on)
    signatures = Signatures(
        (
            Signature(facts.name if facts else "", facts.position if facts else "", _("Assessed by")),
            Signature(school.principal_name or "", _("School director"), _("Reviewed by")),
        )
    )
    ending: tuple[Block, ...] = (Para.of(_("Self-assessed on {date}").format(date=dated)),) if dated else ()
    blocks[-1] = Keep((blocks[-1], *ending, Spacer(0.6), signatures))
    return Document(
        title + (f" — {facts.name}" if facts else ""),
        blocks,
        author=school.title,
        header=f"{school.title} · {facts.name}" if facts else school.title,
        subject=_("Survey form"),
        thai_digits=thai_digits,
        known_words=_words(facts.name if facts else "", school),
    )


def _writing_lines(count: int = 3) -> list[Block]:
    """Dotted lines to write on by hand, as a printed Thai form leaves them."""
    return [Para.of("." * 150) for _n in range(count)]


def _words(name: str, school: WorkspaceInfo) -> frozenset[str]:
    words = set(name.split()) | set((school.principal_name or "").split())
    return frozenset(w for w in words if len(w) > 2)
