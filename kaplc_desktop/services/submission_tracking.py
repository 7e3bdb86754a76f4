"""Submission tracking: for each period the district set (what is due, from when, by when) and each school on its
list, whether the school's data arrived, on time or late, what the district made of it, and the rates per
cluster and for the district.

A school's submission for a period is received when the district holds its live records of what is due (the
year's survey with at least one form, its ID plans, its HRD plan covering the year, its PLC meetings of the
year or semester, its submitted portfolios). It arrived with the first bundle imported on or after the day the
period counts from that brought such records; it is on time when that import was on or before the deadline.
Records held from before the period opened count as on time. A school with nothing yet is missing once the
deadline has passed, and waiting before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..data import tracking_reads
from ..domain.kinds.submissions import SUBMISSION_PERIOD, SUBMISSION_REVIEW
from ..domain.record_kind import identity_record_id
from ..domain.thai_collation import thai_sort_key
from ..errors import KaplcError, NotFoundError
from ..i18n import _
from .records import RecordService, model_of, stored_values

CellState = Literal["on_time", "late", "missing", "waiting"]
CELL_STATES: tuple[CellState, ...] = ("on_time", "late", "missing", "waiting")


def cell_label(state: str) -> str:
    return {
        "on_time": _("On time"),
        "late": _("Late"),
        "missing": _("Missing"),
        "waiting": _("Not due yet"),
    }.get(state, state)


@dataclass(frozen=True)
class Cell:
    """One school's submission for one period."""

    period_id: str
    state: CellState
    received_at: dt.datetime | None  # the import that brought it (None: not received, or held from before)
    review: Any | None  # the district's review, if any

    @property
    def received(self) -> bool:
        return self.state in ("on_time", "late")

    def to_json(self) -> dict[str, object]:
        return {
            "period_id": self.period_id,
            "state": self.state,
            "received_at": self.received_at.isoformat() if self.received_at else None,
            "review": self.review.state if self.review is not None else None,
            "review_comment": self.review.comment if self.review is not None else None,
        }


@dataclass(frozen=True)
class SchoolLine:
    """A school on the district's list with its last bundle and one cell per period."""

    code: str
    name: str
    cluster: str
    last_sequence: int
    last_import_at: dt.datetime | None
    gaps: tuple[int, ...]  # bundle numbers never received between the first and the last
    cells: tuple[Cell, ...]

    @property
    def missing(self) -> bool:
        return any(c.state == "missing" for c in self.cells)

    def to_json(self) -> dict[str, object]:
        return {
            "school_code": self.code,
            "school_name": self.name,
            "cluster": self.cluster,
            "last_bundle": self.last_sequence or None,
            "last_import_at": self.last_import_at.isoformat() if self.last_import_at else None,
            "missing_bundles": list(self.gaps),
            "cells": [c.to_json() for c in self.cells],
        }


@dataclass(frozen=True)
class Rate:
    """How many of a group's schools (a cluster, or the district: cluster None) sent a period's data."""

    cluster: str | None
    period_id: str | None  # None: every period together
    expected: int
    received: int
    on_time: int

    @property
    def received_rate(self) -> float:
        return self.received / self.expected if self.expected else 0.0

    @property
    def on_time_rate(self) -> float:
        return self.on_time / self.expected if self.expected else 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "cluster": self.cluster,
            "period_id": self.period_id,
            "expected": self.expected,
            "received": self.received,
            "on_time": self.on_time,
            "received_rate": round(self.received_rate, 4),
            "on_time_rate": round(self.on_time_rate, 4),
        }


@dataclass(frozen=True)
class Tracking:
    periods: tuple[Any, ...]
    lines: tuple[SchoolLine, ...]
    rates: tuple[Rate, ...]

    def rate(self, cluster: str | None = None, period_id: str | None = None) -> Rate | None:
        return next((r for r in self.rates if r.cluster == cluster and r.period_id == period_id), None)

    def to_json(self) -> dict[str, object]:
        return {
            "periods": [p.to_json() for p in self.periods],
            "schools": [line.to_json() for line in self.lines],
            "rates": [r.to_json() for r in self.rates],
        }


# --- the period and review records ---------------------------------------------------------------------------
class SubmissionPeriodService(RecordService):
    kind = SUBMISSION_PERIOD

    def _not_found(self, record_id: str) -> str:
        return _("No submission period with id {id}. List them with “kaplc district period list”.").format(id=record_id)

    def _require_district(self) -> None:
        from .workspace import WorkspaceService, require_district

        require_district(WorkspaceService(self._db).get())

    def clean(self, raw: Mapping[str, object], today: dt.date | None = None) -> dict[str, Any]:
        values = super().clean(raw, today)
        values.pop("approved_on", None)  # set by approve and reopen only
        return values

    def add(self, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        self._require_district()
        return super().add({**raw, "approved_on": None}, today)

    def edited(self, record_id: str, changes: Mapping[str, object]) -> dict[str, object]:
        if "approved_on" in changes:
            raise KaplcError(_("A period is approved and reopened with its own commands (approve, reopen)."))
        return super().edited(record_id, changes)

    def update(self, record_id: str, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        self._require_district()
        self._refuse_if_approved(self.get(record_id))
        return super().update(record_id, raw, today)

    def delete(self, record_id: str) -> None:
        self._require_district()
        self._refuse_if_approved(self.get(record_id))
        super().delete(record_id)

    def _refuse_if_approved(self, period: Any) -> None:
        if period.approved_on is not None:
            raise KaplcError(
                _("“{name}” was approved, so it is locked. Reopen it first if it must change.").format(name=period.name)
            )

    def approve(self, record_id: str, today: dt.date | None = None) -> Any:
        """Locks the period: its dates and its reviews stay as they are until it is reopened."""
        self._require_district()
        period = self.get(record_id)
        if period.deleted_at is not None:
            raise NotFoundError(self._not_found(record_id))
        if period.approved_on is not None:
            return period
        return self._set_approved(record_id, today or dt.date.today(), _("Approve"))

    def reopen(self, record_id: str) -> Any:
        self._require_district()
        period = self.get(record_id)
        if period.approved_on is None:
            return period
        return self._set_approved(record_id, None, _("Reopen"))

    def _set_approved(self, record_id: str, day: dt.date | None, action: str) -> Any:
        with self._db.sessions.begin() as session:
            record = self._load(session, record_id)
            before = self._values(record)
            record.approved_on = day
            session.flush()
            step = self._step(action, [(record, before)])
        self._remember(step)
        return self.get(record_id)


class SubmissionReviewService(RecordService):
    kind = SUBMISSION_REVIEW

    def review(
        self,
        period_id: str,
        school_code: str,
        state: str,
        comment: str = "",
        today: dt.date | None = None,
    ) -> Any:
        """The district's review of one school's submission for a period (a second review replaces the first);
        refused while the period is approved."""
        from .workspace import WorkspaceService, require_district

        require_district(WorkspaceService(self._db).get())
        period = SubmissionPeriodService(self._db).get(period_id)
        if period.deleted_at is not None:
            raise NotFoundError(SubmissionPeriodService(self._db)._not_found(period_id))
        if period.approved_on is not None:
            raise KaplcError(
                _("“{name}” was approved, so its reviews are locked. Reopen it first to change a review.").format(
                    name=period.name
                )
            )
        today = today or dt.date.today()
        values = self.clean(
            {
                "period_id": period_id,
                "school_code": school_code,
                "state": state,
                "comment": comment,
                "reviewed_on": today,
            },
            today,
        )
        record_id = identity_record_id(self.kind, values)
        with self._db.sessions.begin() as session:
            self._check_references(session, values)
            record = session.get(model_of(self.kind), record_id)
            if record is None:
                record = model_of(self.kind)(id=record_id, **stored_values(values))
                session.add(record)
                session.flush()
                step = self._step(_("Add"), [(record, None)])
            else:
                before = self._values(record)
                for key, value in stored_values(values).items():
                    setattr(record, key, value)
                record.deleted_at = None
                session.flush()
                step = self._step(_("Edit"), [(record, before)])
        self._remember(step)
        return self.get(record_id)

    def update(self, record_id: str, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        raise KaplcError(_("Change a review with “kaplc district review”, which checks the period is not locked."))


# --- the matrix ----------------------------------------------------------------------------------------------
class SubmissionTracking:
    def __init__(self, db: Any) -> None:
        self._db = db

    def expected_of(self, school_code: str, academic_year: int | None = None) -> list[tuple[Any, Any | None]]:
        """What the district expects of one school (as a school sees it, from the district's feedback): each
        period, by deadline, with the district's review of what the school sent, if any."""
        periods = SubmissionPeriodService(self._db).list()
        if academic_year is not None:
            periods = [p for p in periods if p.academic_year == academic_year]
        reviews = {r.period_id: r for r in SubmissionReviewService(self._db).list() if r.school_code == school_code}
        return [(p, reviews.get(p.id)) for p in sorted(periods, key=lambda p: (p.due_on, p.name))]

    def tracking(self, academic_year: int | None = None, today: dt.date | None = None) -> Tracking:
        """The matrix of the district's schools × the periods of a year (every year when None)."""
        from .school_registry import SchoolRegistryService

        today = today or dt.date.today()
        periods = SubmissionPeriodService(self._db).list()
        if academic_year is not None:
            periods = [p for p in periods if p.academic_year == academic_year]
        registered = sorted(  # by cluster, then name, in the Thai dictionary's order
            SchoolRegistryService(self._db).list(),
            key=lambda r: (thai_sort_key(r.cluster or ""), thai_sort_key(r.school_name), r.school_code),
        )
        store = self._db.store
        bundles = tracking_reads.applied_bundles(store)
        by_school: dict[str, list[tracking_reads.AppliedBundle]] = {}
        for bundle in bundles:
            by_school.setdefault(bundle.sender, []).append(bundle)
        reviews = {(r.period_id, r.school_code): r for r in SubmissionReviewService(self._db).list()}
        holding = {p.id: tracking_reads.schools_holding(store, p.content, p.academic_year, p.semester) for p in periods}
        lines = []
        for school in registered:
            mine = by_school.get(school.school_code, [])
            cells = tuple(
                _cell(p, school.school_code in holding[p.id], mine, reviews.get((p.id, school.school_code)), today)
                for p in periods
            )
            lines.append(
                SchoolLine(
                    school.school_code,
                    school.school_name,
                    school.cluster or "",
                    max((b.sequence for b in mine), default=0),
                    max((b.imported_at for b in mine), default=None),
                    _gaps(mine),
                    cells,
                )
            )
        return Tracking(tuple(periods), tuple(lines), _rates(periods, lines))


def _cell(
    period: Any,
    held: bool,
    bundles: Sequence[tracking_reads.AppliedBundle],
    review: Any | None,
    today: dt.date,
) -> Cell:
    if not held:
        return Cell(period.id, "missing" if today > period.due_on else "waiting", None, review)
    kinds = tracking_reads.carried_in(period.content)
    arrived = next((b for b in bundles if b.brought(kinds) and local_day(b.imported_at) >= period.opens_on), None)
    if arrived is None:  # held from before the period opened: it was there in time
        return Cell(period.id, "on_time", None, review)
    late = local_day(arrived.imported_at) > period.due_on
    return Cell(period.id, "late" if late else "on_time", arrived.imported_at, review)


def local_day(stamp: dt.datetime) -> dt.date:
    """The day in Thailand (UTC+7) an import happened: a bundle imported at 23:30 on the deadline is on time."""
    return (stamp.astimezone(dt.UTC) + dt.timedelta(hours=7)).date()


def _gaps(bundles: Sequence[tracking_reads.AppliedBundle]) -> tuple[int, ...]:
    """Bundle numbers before the last received that never arrived (a school numbers its bundles from 1; at most
    50 are listed)."""
    numbers = {b.sequence for b in bundles if b.sequence > 0}
    if not numbers:
        return ()
    missing = [n for n in range(1, max(numbers)) if n not in numbers]
    return tuple(missing[:50])


def _rates(periods: Sequence[Any], lines: Sequence[SchoolLine]) -> tuple[Rate, ...]:
    clusters = sorted({line.cluster for line in lines})
    groups: list[tuple[str | None, list[SchoolLine]]] = [(None, list(lines))]
    groups += [(c, [line for line in lines if line.cluster == c]) for c in clusters]
    rates = []
    for cluster, members in groups:
        for index, period in enumerate(periods):
            cells = [m.cells[index] for m in members]
            rates.append(
                Rate(
                    cluster,
                    period.id,
                    len(cells),
                    sum(1 for c in cells if c.received),
                    sum(1 for c in cells if c.state == "on_time"),
                )
            )
        every = [c for m in members for c in m.cells]
        rates.append(
            Rate(
                cluster,
                None,
                len(every),
                sum(1 for c in every if c.received),
                sum(1 for c in every if c.state == "on_time"),
            )
        )
    return tuple(rates)


__all__ = [
    "CELL_STATES",
    "Cell",
    "Rate",
    "SchoolLine",
    "SubmissionPeriodService",
    "SubmissionReviewService",
    "SubmissionTracking",
    "Tracking",
    "cell_label",
    "local_day",
]
