"""Fast reads behind submission tracking: which schools hold records of what is due (a year's survey, ID plans,
HRD plan, a semester's PLC meetings, portfolios) and when the first of them arrived, and every school bundle the
district applied (its number and when).

Each read is one query over the whole district (200 schools at once), not one per school.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .store import Store

# what is due → the live records that hold it, each joined to its first arrival here (record_arrivals): per
# school, when the first of them arrived, and how many arrived before arrivals were noted
_ARRIVAL = (
    "SELECT {owner}, MIN(a.arrived_at), SUM(CASE WHEN a.record_id IS NULL THEN 1 ELSE 0 END) FROM {source} "
    "LEFT JOIN record_arrivals a ON a.kind = '{kind}' AND a.record_id = {counted}.id WHERE {where} GROUP BY {owner}"
)
_HELD: dict[str, dict[str, str]] = {
    "survey": {
        "owner": "f.owner_code",
        "source": "survey_rounds r JOIN survey_forms f ON f.round_id = r.id",
        "kind": "survey_form",
        "counted": "f",
        "where": "r.academic_year = ? AND r.deleted_at IS NULL AND f.deleted_at IS NULL",
    },
    "id_plans": {
        "owner": "p.owner_code",
        "source": "id_plans p",
        "kind": "id_plan",
        "counted": "p",
        "where": "p.academic_year = ? AND p.deleted_at IS NULL",
    },
    "hrd_plan": {
        "owner": "p.owner_code",
        "source": "hrd_plans p",
        "kind": "hrd_plan",
        "counted": "p",
        "where": "p.first_year <= ? AND p.last_year >= ? AND p.deleted_at IS NULL",
    },
    "plc": {
        "owner": "m.owner_code",
        "source": "plc_groups g JOIN plc_meetings m ON m.group_id = g.id",
        "kind": "plc_meeting",
        "counted": "m",
        "where": "g.academic_year = ? AND g.deleted_at IS NULL AND m.deleted_at IS NULL",
    },
    "portfolios": {
        "owner": "p.owner_code",
        "source": "portfolios p",
        "kind": "portfolio",
        "counted": "p",
        "where": "p.academic_year = ? AND p.deleted_at IS NULL AND p.status <> 'draft'",
    },
}


@dataclass(frozen=True)
class Held:
    """A school's live records of what is due: when the first of them arrived here (None: some arrived before
    arrivals were noted, so the school had them early)."""

    arrived_at: dt.datetime | None


def schools_holding(store: Store, content: str, academic_year: int, semester: int | None = None) -> dict[str, Held]:
    """The schools (by their own code) whose live records hold what is due, with when those records arrived."""
    parts = dict(_HELD[content])
    params: list[Any] = [academic_year]
    if content == "hrd_plan":
        params.append(academic_year)
    if content == "plc" and semester is not None:
        parts["where"] += " AND m.semester = ?"
        params.append(semester)
    held = {}
    for owner, first, unnoted in store.rows(_ARRIVAL.format(**parts), params):
        held[owner] = Held(None if unnoted or first is None else _timestamp(first))
    return held


@dataclass(frozen=True)
class AppliedBundle:
    """A school's bundle the district applied: its number and when it was imported."""

    sender: str
    sequence: int
    imported_at: dt.datetime


def applied_bundles(store: Store) -> list[AppliedBundle]:
    """Every school bundle applied here, oldest import first."""
    found = store.rows(
        "SELECT sender_code, sequence, imported_at FROM sync_imports "
        "WHERE result = 'applied' AND bundle_kind IN ('full', 'delta') AND sender_code IS NOT NULL "
        "ORDER BY imported_at, id"
    )
    bundles = []
    for sender, sequence, imported_at in found:
        bundles.append(AppliedBundle(sender, int(sequence or 0), _timestamp(imported_at)))
    return bundles


def _timestamp(value: Any) -> dt.datetime:
    stamp = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=dt.UTC)
