"""Gaps between the level expected of people and the level they were rated at, and the needs a school names most:
what the survey tells the principal, computed from the forms (pure: no database)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from . import vocabularies
from .field_types import tidy_text


class RatedLine(Protocol):
    competency: str
    expected_level: int
    self_level: int | None
    director_level: int | None


def agreed_level(line: RatedLine) -> int | None:
    """The level a form settles on: the director's, else the person's own."""
    return line.director_level if line.director_level is not None else line.self_level


def gap_of(line: RatedLine) -> int | None:
    agreed = agreed_level(line)
    return None if agreed is None else max(line.expected_level - agreed, 0)


@dataclass(frozen=True)
class CompetencyGap:
    """A competency across the school: how many were rated, the average expected and agreed levels, and how
    many are below what is expected of them."""

    competency: str
    rated: int
    expected: float
    actual: float
    below: int

    @property
    def gap(self) -> float:
        return max(self.expected - self.actual, 0.0)

    @property
    def label(self) -> str:
        return vocabularies.label("competency", self.competency)


def school_gaps(lines: Iterable[RatedLine]) -> list[CompetencyGap]:
    """Per competency rated by anyone, largest gap first (then by the vocabulary's order)."""
    sums: dict[str, list[int]] = {}
    for line in lines:
        agreed = agreed_level(line)
        if agreed is None:
            continue
        s = sums.setdefault(line.competency, [0, 0, 0, 0])
        s[0] += 1
        s[1] += line.expected_level
        s[2] += agreed
        s[3] += agreed < line.expected_level
    order = {code: n for n, code in enumerate(vocabularies.codes("competency"))}
    found = [CompetencyGap(code, n, e / n, a / n, below) for code, (n, e, a, below) in sums.items()]
    return sorted(found, key=lambda g: (-round(g.gap, 6), order.get(g.competency, len(order))))


def person_gaps(lines: Sequence[RatedLine]) -> list[RatedLine]:
    """A person's competencies below the expected level, largest gap first (in the form's order on a tie)."""
    below = [(n, line) for n, line in enumerate(lines) if (gap_of(line) or 0) > 0]
    return [line for _n, line in sorted(below, key=lambda item: (-(gap_of(item[1]) or 0), item[0]))]


@dataclass(frozen=True)
class NeedCount:
    """A topic the school's people named: how many, how urgent on average, and the way most of them prefer."""

    topic: str
    count: int
    priority: float
    urgent: int  # named with priority 4 or 5
    method: str

    @property
    def method_label(self) -> str:
        return vocabularies.label("development_method", self.method)


def _once_per_form(needs: Sequence[Any]) -> list[Any]:
    """A person's need of a topic once: a form naming "Coding" and "coding " counts the higher priority."""
    found: dict[Any, Any] = {}
    for need in needs:
        held = found.get(need.form_id)
        if held is None or need.priority > held.priority:
            found[need.form_id] = need
    return list(found.values())


def topic_key(topic: str) -> str:
    """What makes two typed topics one: "Coding", " coding " and "CODING" are the same need."""
    return tidy_text(topic).casefold()


def top_needs(needs: Iterable[Any], limit: int | None = None) -> list[NeedCount]:
    """Topics by how many people named them, then by average priority; the same topic typed with other spaces or
    capitals counts as one (shown as it was typed first), and once per person."""
    groups: dict[str, list[Any]] = {}
    shown: dict[str, str] = {}
    for need in needs:
        key = topic_key(need.topic)
        groups.setdefault(key, []).append(need)
        shown.setdefault(key, tidy_text(need.topic))
    found = []
    for key, items in groups.items():
        named = _once_per_form(items)
        methods = Counter(n.method for n in named)
        top_method = max(methods, key=lambda m: (methods[m], m))
        found.append(
            NeedCount(
                shown[key],
                len(named),
                sum(n.priority for n in named) / len(named),
                sum(n.priority >= 4 for n in named),
                top_method,
            )
        )
    found.sort(key=lambda n: (-n.count, -n.priority, n.topic))
    return found[:limit] if limit is not None else found
