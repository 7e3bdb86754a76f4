"""The district's development needs from the year's July survey: the topics named most (by how many people, then
how urgent), the same split by position and by learning area, by competency, and for planning the list of people
who named a topic (whom a district project is for).

A topic typed with other spaces or capitals is one topic (survey_gaps.topic_key), shown as most people typed it. A
person teaching two learning areas counts in both of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...data.dashboard_reads import NeedRow
from ...domain import vocabularies
from ...domain.field_types import tidy_text
from ...domain.survey_gaps import topic_key
from ...domain.thai_collation import thai_sort_key
from ...errors import KaplcError
from ...i18n import _
from .figures import Chart, Column, Table, vocabulary_order
from .schools import SchoolDirectory

TOP_TOPICS = 15  # topics in the split tables (the top table lists them all)


@dataclass(frozen=True)
class Topic:
    key: str
    shown: str
    needs: tuple[NeedRow, ...]

    @property
    def people(self) -> int:
        return len(self.by_person)

    @property
    def by_person(self) -> dict[str, NeedRow]:
        """Each person's need of this topic once (a form naming it twice counts its higher priority)."""
        found: dict[str, NeedRow] = {}
        for need in self.needs:
            held = found.get(need.person_id)
            if held is None or need.priority > held.priority:
                found[need.person_id] = need
        return found

    @property
    def priority(self) -> float:
        """The average over the people who named it."""
        named = self.by_person.values()
        return sum(n.priority for n in named) / len(named)


def topics(needs: Iterable[NeedRow]) -> list[Topic]:
    """Topics by how many people named them, then by average priority, then by name; each shown as most people
    typed it (ties: the first in Thai order)."""
    grouped: dict[str, list[NeedRow]] = {}
    for need in needs:
        grouped.setdefault(topic_key(need.topic), []).append(need)
    found = []
    for key, rows in grouped.items():
        spellings = Counter(tidy_text(n.topic) for n in rows)
        shown = min(spellings, key=lambda text: (-spellings[text], thai_sort_key(text), text))
        found.append(Topic(key, shown, tuple(rows)))
    return sorted(found, key=lambda t: (-t.people, -t.priority, thai_sort_key(t.shown)))


def once_per_person(needs: Iterable[NeedRow]) -> list[NeedRow]:
    """Each person's need of a topic once, at its higher priority (a form may name "Coding" and "coding ")."""
    found: dict[tuple[str, str], NeedRow] = {}
    for need in needs:
        key = (need.person_id, topic_key(need.topic))
        held = found.get(key)
        if held is None or need.priority > held.priority:
            found[key] = need
    return list(found.values())


def needs_tables(needs: Sequence[NeedRow], people: Mapping[str, Any], schools: SchoolDirectory) -> list[Table]:
    """`people`: person id → their personnel row (position, learning areas)."""
    needs = once_per_person(needs)
    found = topics(needs)
    return [
        top_topics(found, schools),
        split(found, people, "position", _("Top needs by position"), "needs_by_position"),
        split(found, people, "learning_areas", _("Top needs by learning area"), "needs_by_learning_area"),
        by_competency(needs),
    ]


def top_topics(found: Sequence[Topic], schools: SchoolDirectory) -> Table:
    rows = []
    for t in found:
        named = list(t.by_person.values())
        methods = Counter(n.method for n in named)
        method = max(methods, key=lambda m: (methods[m], m))
        rows.append(
            (
                t.shown,
                t.people,
                len({schools[n.owner_code].code for n in named}),
                t.priority,
                sum(n.priority >= 4 for n in named),
                vocabularies.label("development_method", method),
            )
        )
    return Table(
        "needs_top",
        _("The district's top development needs"),
        (
            Column("topic", _("What to develop")),
            Column("people", _("People"), "count"),
            Column("schools", _("Schools"), "count"),
            Column("priority", _("Average priority (1–5)"), "level"),
            Column("urgent", _("Priority 4–5"), "count"),
            Column("method", _("Way most preferred")),
        ),
        tuple(rows),
        Chart("bars", "topic", ("people",)),
        _("Every need named in the survey of the year; choose a topic to see who named it."),
        row_ids=tuple(t.key for t in found),
    )


def _groups_of(person: Any, field: str) -> tuple[str, ...]:
    if person is None:
        return ("",)
    value = getattr(person, field)
    if field == "learning_areas":
        return tuple(value) or ("",)
    return (value or "",)


def split(found: Sequence[Topic], people: Mapping[str, Any], field: str, title: str, key: str) -> Table:
    """The top topics as rows, a column per position (or learning area) with how many people of it named each."""
    vocabulary = "position" if field == "position" else "learning_area"
    shown = found[:TOP_TOPICS]
    counts: dict[str, Counter[str]] = {}
    for t in shown:
        for person_id in {n.person_id for n in t.needs}:
            for group in _groups_of(people.get(person_id), field):
                counts.setdefault(t.key, Counter())[group] += 1
    present = {g for c in counts.values() for g in c}
    order = vocabulary_order(vocabulary)
    groups = sorted(present, key=order)
    columns = tuple(
        Column(f"g_{g or 'none'}", vocabularies.label(vocabulary, g) if g else _("(not given)"), "count")
        for g in groups
    )
    rows = tuple((t.shown, *(counts.get(t.key, Counter())[g] for g in groups)) for t in shown)
    return Table(
        key,
        title,
        (Column("topic", _("What to develop")), *columns),
        rows,
        Chart("stacked", "topic", tuple(c.key for c in columns)),
        _("The {n} topics named most; people who named each, by their {what}.").format(
            n=len(shown), what=_("position") if field == "position" else _("learning areas")
        )
        if shown
        else "",
        row_ids=tuple(t.key for t in shown),
    )


def by_competency(needs: Sequence[NeedRow]) -> Table:
    grouped: dict[str, list[NeedRow]] = {}
    for n in needs:
        grouped.setdefault(n.competency or "", []).append(n)
    order = vocabulary_order("competency")
    rows = []
    for code in sorted(grouped, key=lambda c: (-len(grouped[c]), order(c))):
        group = grouped[code]
        label = vocabularies.label("competency", code) if code else _("(no competency given)")
        rows.append((label, len(group), len({n.person_id for n in group}), sum(n.priority for n in group) / len(group)))
    return Table(
        "needs_by_competency",
        _("Needs by competency"),
        (
            Column("competency", _("Competency")),
            Column("needs", _("Needs named"), "count"),
            Column("people", _("People"), "count"),
            Column("priority", _("Average priority (1–5)"), "level"),
        ),
        tuple(rows),
        Chart("bars", "competency", ("needs",)),
    )


def _quoted(text: str, limit: int = 80) -> str:
    """Typed text said back in a message: tidied and cut (a 30,000-character argument is not echoed whole)."""
    text = tidy_text(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def no_one_named(topic: str, year: int) -> str:
    return _(
        "No one named “{topic}” in the survey of {year}. See the topics with “kaplc report dashboard needs”."
    ).format(topic=_quoted(topic), year=year)


def find_topic(found: Sequence[Topic], text: str) -> Topic | None:
    """The topic named by its key or as typed, else the only one containing the text; several are refused with
    their names, so the user can type one of them."""
    wanted = topic_key(text)
    exact = next((t for t in found if t.key in (text, wanted)), None)
    if exact is not None or not wanted:
        return exact
    partial = [t for t in found if wanted in t.key]
    if len(partial) > 1:
        raise KaplcError(
            _("“{text}” is part of {n} topics: {topics}. Type more of the one you mean.").format(
                text=_quoted(text), n=len(partial), topics=", ".join(f"“{_quoted(t.shown)}”" for t in partial[:5])
            )
        )
    return partial[0] if partial else None


def target_list(found: Sequence[Topic], key: str, people: Mapping[str, Any], schools: SchoolDirectory) -> Table | None:
    """Who named a topic (its key, as typed, or a part of it naming one topic only): the people a district
    project on it is for, by school. None when no topic matches."""
    topic = find_topic(found, key)
    if topic is None:
        return None
    rows = []
    for need in topic.by_person.values():
        person = people.get(need.person_id)
        school = schools[need.owner_code]
        rows.append(
            (
                school.name,
                school.cluster,
                person.full_name_th if person is not None else need.person_id,
                person.display("position") if person is not None else "",
                person.display("learning_areas") if person is not None else "",
                vocabularies.label("priority_scale", need.priority),
                vocabularies.label("development_method", need.method),
            )
        )
    rows.sort(key=lambda row: (thai_sort_key(row[1]), thai_sort_key(row[0]), thai_sort_key(row[2])))
    return Table(
        "needs_people",
        _("Who named “{topic}”").format(topic=topic.shown),
        (
            Column("school", _("School")),
            Column("cluster", _("Cluster")),
            Column("name", _("Name")),
            Column("position", _("Position")),
            Column("learning_areas", _("Learning areas")),
            Column("priority", _("Priority")),
            Column("method", _("Preferred way")),
        ),
        tuple(rows),
        note=_("{people} people at {schools} schools.").format(
            people=topic.people, schools=len({schools[n.owner_code].code for n in topic.needs})
        ),
    )
