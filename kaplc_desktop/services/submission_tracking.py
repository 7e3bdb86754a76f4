"""Submission tracking: for each period the district set (what is due, from when, by when) and each school on its
list, whether the school's data arrived, on time or late, what the district made of it, and the rates per
cluster and for the district.

A school's submission for a period is received when the district holds its live records of what is due (the
year's survey forms, its ID plans, its HRD plan covering the year, its PLC meetings of the year or semester, its
portfolios that are no longer drafts). It arrived when the first of those records arrived here (record_arrivals:
a later edit never moves it, a group sent before its meetings never counts for them); it is on time when that day
in Thailand is on or before the deadline. A school with nothing yet is missing once the deadline has passed, and
not due yet before. "Today" is the day in Thailand, whatever the computer's clock zone.

A school is one school in its 10-digit and 6-digit OBEC codes (domain/workspace_codes.school_key): its bundles, its
records and its reviews are matched to the district's list by that.
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
from ..domain.workspace_codes import normalize_school_code, school_key
from ..errors import KaplcError, NotFoundError
from ..i18n import _
from .records import RecordService, model_of, stored_values
from .undo import UndoStep

CellState = Literal["on_time", "late", "missing", "waiting"]
ASKED_FOR_MORE = ("has_issues", "returned")  # a bundle after such a review is worth looking at again
NEEDS_DATA = ("received", "approved")  # reviews that say the data is there
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
    received_at: dt.datetime | None  # when the records due first arrived (None: not received, or held from before)
    review: Any | None  # the district's review, if any
    sent_again: bool = False  # a bundle came after a review that asked for more (has issues, returned)

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
            "sent_again": self.sent_again,
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
    """How many of a group's schools (a cluster, or the district: cluster None) sent a period's data, of those it
    is due from: a cell not due yet counts only once something arrived in it."""

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

    def clean(self, raw: Mapping[str, object], today: dt.date | None = None) -> dict[str, Any]:
        values = super().clean(raw, today)
        values.pop("approved_on", None)  # set by approve and reopen only
        return values

    def add(self, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        self._require_district()
        return super().add({**raw, "approved_on": None}, today)

    def check_names(self, values: Mapping[str, object], editable: Sequence[str] | None = None) -> None:
        if "approved_on" in values:
            raise KaplcError(_("A period is approved and reopened with its own commands (approve, reopen)."))
        super().check_names(values, editable)

    def update(self, record_id: str, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        self._require_district()
        period = self.get(record_id)
        if period.deleted_at is not None:
            raise NotFoundError(self._not_found(record_id))
        self._refuse_if_approved(period)
        return super().update(record_id, raw, today)

    def delete(self, record_id: str) -> None:
        self._require_district()
        self._refuse_if_approved(self.get(record_id))
        super().delete(record_id)

    def find(self, typed: str) -> Any:
        """A live period by its id or the first characters of it (at least 4, naming one period only)."""
        return self.by_id_start(typed)

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
        if period.deleted_at is not None:
            raise NotFoundError(self._not_found(record_id))
        return self._set_approved(record_id, today or thai_today(), _("Approve"))

    def reopen(self, record_id: str) -> Any:
        self._require_district()
        period = self.get(record_id)
        if period.deleted_at is not None:
            raise NotFoundError(self._not_found(record_id))
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
    """Reviews are made, changed and undone only while their period is not approved: every way in (the form, the
    command line, Edit → Undo on any member of staff's computer) checks the lock."""

    kind = SUBMISSION_REVIEW

    def _open_period(self, period_id: str) -> Any:
        periods = SubmissionPeriodService(self._db)
        period = periods.get(period_id)
        if period.deleted_at is not None:
            raise NotFoundError(periods._not_found(period_id))
        if period.approved_on is not None:
            raise KaplcError(
                _("“{name}” was approved, so its reviews are locked. Reopen it first to change a review.").format(
                    name=period.name
                )
            )
        return period

    def _school_code(self, typed: str) -> str:
        """The code the school itself uses (the one its bundles and feedback carry), found from a code in any of
        its forms; a school neither on the list nor heard from is refused."""
        from .school_profile import SchoolProfileService
        from .school_registry import SchoolRegistryService

        key = school_key(normalize_school_code(typed, "school_code"))
        own = next(
            (p.owner_code for p in SchoolProfileService(self._db).list() if school_key(p.owner_code) == key), None
        )
        if own is not None:
            return own
        listed = SchoolRegistryService(self._db).by_code(typed)
        if listed is None:
            raise NotFoundError(
                _("School {code} is not on the district's list and has sent no bundle. Check the code.").format(
                    code=typed
                )
            )
        return listed.school_code

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
        self._require_district()
        period = self._open_period(period_id)
        today = today or thai_today()
        values = self.clean(
            {
                "period_id": period_id,
                "school_code": self._school_code(school_code),
                "state": state,
                "comment": comment,
                "reviewed_on": today,
            },
            today,
        )
        if values["state"] in NEEDS_DATA:
            held = tracking_reads.schools_holding(self._db.store, period.content, period.academic_year, period.semester)
            if school_key(values["school_code"]) not in {school_key(code) for code in held}:
                raise KaplcError(
                    _(
                        "Nothing of “{name}” has arrived from school {code} yet, so it cannot be marked received or "
                        "approved. To ask the school for it, choose “returned with comments”."
                    ).format(name=period.name, code=values["school_code"])
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

    def add(self, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        return self.review(
            str(raw.get("period_id") or ""),
            str(raw.get("school_code") or ""),
            str(raw.get("state") or ""),
            str(raw.get("comment") or ""),
            today,
        )

    def update(self, record_id: str, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        held = self.get(record_id)
        return self.review(held.period_id, held.school_code, str(raw.get("state") or ""), str(raw.get("comment") or ""))

    def delete(self, record_id: str) -> None:
        self._open_period(self.get(record_id).period_id)
        super().delete(record_id)

    def undo(self, step: UndoStep) -> int:
        for before in step.records:
            try:
                held = self.get(before.record_id)
            except NotFoundError:
                continue
            self._open_period(held.period_id)  # refused, the step stays: after Reopen it can be undone
        return super().undo(step)


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

        today = today or thai_today()
        periods = SubmissionPeriodService(self._db).list()
        if academic_year is not None:
            periods = [p for p in periods if p.academic_year == academic_year]
        registered = sorted(  # by cluster, then name, in the Thai dictionary's order
            SchoolRegistryService(self._db).list(),
            key=lambda r: (thai_sort_key(r.cluster or ""), thai_sort_key(r.school_name), r.school_code),
        )
        store = self._db.store
        by_school: dict[str, list[tracking_reads.AppliedBundle]] = {}
        for bundle in tracking_reads.applied_bundles(store):
            by_school.setdefault(school_key(bundle.sender), []).append(bundle)
        reviews: dict[tuple[str, str], Any] = {}
        for r in sorted(SubmissionReviewService(self._db).list(), key=lambda r: r.updated_at):
            reviews[(r.period_id, school_key(r.school_code))] = r  # the latest, whichever code it was saved under
        holding = {
            p.id: {
                school_key(code): held
                for code, held in tracking_reads.schools_holding(store, p.content, p.academic_year, p.semester).items()
            }
            for p in periods
        }
        lines = []
        for school in registered:
            key = school_key(school.school_code)
            mine = by_school.get(key, [])
            last = max(mine, key=lambda b: b.imported_at, default=None)  # the bundle imported last
            cells = tuple(
                _cell(p, holding[p.id].get(key), reviews.get((p.id, key)), today, last.imported_at if last else None)
                for p in periods
            )
            lines.append(
                SchoolLine(
                    school.school_code,
                    school.school_name,
                    school.cluster or "",
                    last.sequence if last else 0,
                    last.imported_at if last else None,
                    _gaps(mine),
                    cells,
                )
            )
        return Tracking(tuple(periods), tuple(lines), _rates(periods, lines))


def _cell(
    period: Any,
    held: tracking_reads.Held | None,
    review: Any | None,
    today: dt.date,
    last_import: dt.datetime | None = None,
) -> Cell:
    again = (
        review is not None
        and review.state in ASKED_FOR_MORE
        and last_import is not None
        and last_import > review.updated_at
    )
    if held is None:
        return Cell(period.id, "missing" if today > period.due_on else "waiting", None, review, again)
    if held.arrived_at is None:  # some of the records arrived before arrivals were noted: there in time
        return Cell(period.id, "on_time", None, review, again)
    late = local_day(held.arrived_at) > period.due_on
    return Cell(period.id, "late" if late else "on_time", held.arrived_at, review, again)


def local_day(stamp: dt.datetime) -> dt.date:
    """The day in Thailand (UTC+7) an import happened: a bundle imported at 23:30 on the deadline is on time."""
    return (stamp.astimezone(dt.UTC) + dt.timedelta(hours=7)).date()


def thai_today() -> dt.date:
    """Today in Thailand, whatever zone the computer's clock is set to."""
    return local_day(dt.datetime.now(dt.UTC))


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
            cells = [m.cells[index] for m in members if m.cells[index].state != "waiting"]
            rates.append(
                Rate(
                    cluster,
                    period.id,
                    len(cells),
                    sum(1 for c in cells if c.received),
                    sum(1 for c in cells if c.state == "on_time"),
                )
            )
        every = [c for m in members for c in m.cells if c.state != "waiting"]
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
