"""Fast reads behind submission tracking: which schools hold records of what is due (a year's survey, ID plans,
HRD plan, a semester's PLC meetings, portfolios), and every school bundle the district applied.

Each read is one query over the whole district (200 schools at once), not one per school.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from .store import Store

# what is due → the query of the schools holding it (live records only), and the kinds a bundle carries it in
_HELD: dict[str, tuple[str, tuple[str, ...]]] = {
    "survey": (
        "SELECT r.owner_code FROM survey_rounds r JOIN survey_forms f ON f.round_id = r.id "
        "WHERE r.academic_year = ? AND r.deleted_at IS NULL AND f.deleted_at IS NULL GROUP BY r.owner_code",
        ("survey_round", "survey_form", "survey_rating", "survey_need"),
    ),
    "id_plans": (
        "SELECT owner_code FROM id_plans WHERE academic_year = ? AND deleted_at IS NULL GROUP BY owner_code",
        ("id_plan", "id_plan_activity"),
    ),
    "hrd_plan": (
        "SELECT owner_code FROM hrd_plans WHERE first_year <= ? AND last_year >= ? AND deleted_at IS NULL "
        "GROUP BY owner_code",
        ("hrd_plan", "hrd_review", "action_project", "action_target"),
    ),
    "plc": (
        "SELECT m.owner_code FROM plc_groups g JOIN plc_meetings m ON m.group_id = g.id "
        "WHERE g.academic_year = ? AND g.deleted_at IS NULL AND m.deleted_at IS NULL {semester} GROUP BY m.owner_code",
        ("plc_group", "plc_meeting", "plc_attendance", "plc_file"),
    ),
    "portfolios": (
        "SELECT owner_code FROM portfolios WHERE academic_year = ? AND deleted_at IS NULL AND status <> 'draft' "
        "GROUP BY owner_code",
        ("portfolio", "portfolio_owner", "portfolio_section", "portfolio_file", "portfolio_figure", "portfolio_award"),
    ),
}

CONTENTS = tuple(_HELD)


def carried_in(content: str) -> tuple[str, ...]:
    """The sync kinds a bundle carries this content in."""
    return _HELD[content][1]


def schools_holding(store: Store, content: str, academic_year: int, semester: int | None = None) -> set[str]:
    """The codes of the schools whose live records hold what is due."""
    sql, _kinds = _HELD[content]
    params: list[Any] = [academic_year]
    if content == "hrd_plan":
        params.append(academic_year)
    if content == "plc":
        sql = sql.format(semester="AND m.semester = ?" if semester is not None else "")
        if semester is not None:
            params.append(semester)
    return {row[0] for row in store.rows(sql, params)}


@dataclass(frozen=True)
class AppliedBundle:
    """A school's bundle the district applied: when it was imported and how many records of each kind it brought."""

    sender: str
    sequence: int
    imported_at: dt.datetime
    counts: dict[str, dict[str, int]]

    def brought(self, kinds: tuple[str, ...]) -> bool:
        """Whether it brought new or changed records of any of these kinds."""
        return any(
            (self.counts.get(kind) or {}).get("new", 0) + (self.counts.get(kind) or {}).get("updated", 0) > 0
            for kind in kinds
        )


def applied_bundles(store: Store) -> list[AppliedBundle]:
    """Every school bundle applied here, oldest import first."""
    found = store.rows(
        "SELECT sender_code, sequence, imported_at, counts FROM sync_imports "
        "WHERE result = 'applied' AND bundle_kind IN ('full', 'delta') AND sender_code IS NOT NULL "
        "ORDER BY imported_at, id"
    )
    bundles = []
    for sender, sequence, imported_at, counts in found:
        bundles.append(AppliedBundle(sender, int(sequence or 0), _timestamp(imported_at), _counts(counts)))
    return bundles


def _timestamp(value: Any) -> dt.datetime:
    stamp = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=dt.UTC)


def _counts(value: Any) -> dict[str, dict[str, int]]:
    if isinstance(value, dict):
        return value
    try:
        parsed = json.loads(value or "{}")
    except (TypeError, ValueError):
        return {}
    return parsed if isinstance(parsed, dict) else {}
