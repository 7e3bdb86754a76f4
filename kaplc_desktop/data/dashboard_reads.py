"""Fast reads behind the district's dashboards: a year's survey needs and competency ratings, and every school's
portfolios, awards and selection decisions, each in one query over the whole district (not one per school).

Only live records count: a need or rating of a live form of a live round, of a person still on the school's staff
list (a school that deletes a person stops counting their survey, as it does itself), a need the form still lists
(below its `needs_count`), an award of a live portfolio that is not a draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .store import Store


def _forms_with(table: str, alias: str) -> str:
    """The year's live forms joined to their needs or ratings (`table` as `alias`), from FROM to the WHERE."""
    return (
        f"FROM survey_rounds r JOIN survey_forms f ON f.round_id = r.id JOIN {table} {alias} ON {alias}.form_id = f.id "
        "JOIN personnel p ON p.id = f.person_id "
        f"WHERE r.academic_year = ? AND r.deleted_at IS NULL AND f.deleted_at IS NULL AND {alias}.deleted_at IS NULL "
        "AND p.deleted_at IS NULL"
    )


@dataclass(frozen=True)
class NeedRow:
    """A need a person named in the year's survey (their school's code, who, and what)."""

    owner_code: str
    person_id: str
    topic: str
    competency: str | None
    priority: int
    method: str


def needs(store: Store, year: int) -> list[NeedRow]:
    """Every need the forms of the year's survey list, in the order the forms list them."""
    sql = (
        "SELECT f.owner_code, f.person_id, n.topic, n.competency, n.priority, n.method "
        f"{_forms_with('survey_needs', 'n')} AND n.position < f.needs_count "
        "ORDER BY f.owner_code, f.person_id, n.position"
    )
    return [NeedRow(*row) for row in store.rows(sql, [year])]


@dataclass(frozen=True)
class GapSum:
    """The ratings of one competency at one school: how many were rated (by the director, else by the person),
    the sums of the expected and the agreed levels, and how many are below what is expected."""

    owner_code: str
    competency_set: str
    competency: str
    rated: int
    expected_sum: int
    agreed_sum: int
    below: int


def gap_sums(store: Store, year: int) -> list[GapSum]:
    """Per school, set and competency, the year's ratings that have a level agreed."""
    agreed = "coalesce(g.director_level, g.self_level)"
    sql = (
        f"SELECT f.owner_code, f.competency_set, g.competency, count(*), sum(g.expected_level), sum({agreed}), "
        f"sum(CASE WHEN {agreed} < g.expected_level THEN 1 ELSE 0 END) "
        f"{_forms_with('survey_ratings', 'g')} AND {agreed} IS NOT NULL GROUP BY 1, 2, 3"
    )
    return [GapSum(o, s, c, int(n), int(e), int(a), int(b)) for o, s, c, n, e, a, b in store.rows(sql, [year])]


@dataclass(frozen=True)
class PortfolioRow:
    """A portfolio a school sent (never a draft), with what the district needs to count it."""

    id: str
    owner_code: str
    academic_year: int
    category: str | None


def portfolios(store: Store, year: int | None = None) -> list[PortfolioRow]:
    params: list[Any] = []
    where = "deleted_at IS NULL AND status <> 'draft'"
    if year is not None:
        where += " AND academic_year = ?"
        params.append(year)
    sql = f"SELECT id, owner_code, academic_year, category FROM portfolios WHERE {where} ORDER BY 2, 3"
    return [PortfolioRow(i, o, int(y), c) for i, o, y, c in store.rows(sql, params)]


@dataclass(frozen=True)
class AwardRow:
    """An award a portfolio won (the school typed it), by the portfolio's year."""

    portfolio_id: str
    owner_code: str
    academic_year: int
    level: str
    rank: str | None
    medal: str | None


def awards(store: Store, year: int | None = None) -> list[AwardRow]:
    params: list[Any] = []
    where = "w.deleted_at IS NULL AND p.deleted_at IS NULL AND p.status <> 'draft'"
    if year is not None:
        where += " AND p.academic_year = ?"
        params.append(year)
    sql = (
        "SELECT p.id, p.owner_code, p.academic_year, w.level, w.rank, w.medal "
        f"FROM portfolio_awards w JOIN portfolios p ON p.id = w.portfolio_id WHERE {where} ORDER BY 2, 3"
    )
    return [AwardRow(i, o, int(y), lv, r, m) for i, o, y, lv, r, m in store.rows(sql, params)]


@dataclass(frozen=True)
class DecisionRow:
    """The district's decision on a portfolio at a level (one per level)."""

    portfolio_id: str
    level: str
    result: str


def decisions(store: Store) -> list[DecisionRow]:
    sql = "SELECT portfolio_id, level, result FROM portfolio_decisions WHERE deleted_at IS NULL"
    return [DecisionRow(*row) for row in store.rows(sql)]
