"""PLC groups with their members: a group and its member list are saved together, in one transaction and one
undo step; deleting a group takes its meetings to the Trash with it, and restoring it brings them back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..data import plc_reads
from ..domain import vocabularies
from ..domain.kinds.personnel import PERSONNEL, STATUS_ACTIVE, full_name_th
from ..domain.kinds.plc_group import PLC_GROUP, PLC_MEMBER, default_steps
from ..domain.kinds.plc_meeting import PLC_MEETING
from ..domain.record_kind import identity_record_id
from ..errors import FieldError, ValidationError
from ..i18n import _
from .plc_trash import move_files
from .records import RecordService, model_of


@dataclass(frozen=True)
class MemberInput:
    person_id: str
    role: str


@dataclass(frozen=True)
class GroupSummary:
    """A group as the PLC page lists it."""

    group: Any
    members: int
    meetings: int
    minutes: int


class PlcGroupService(RecordService):
    kind = PLC_GROUP

    def _not_found(self, record_id: str) -> str:
        return _("No PLC group with id {id} was found.").format(id=record_id)

    # --- reads -----------------------------------------------------------------------------------------------
    def summaries(self, year: int | None = None, school: str | None = None) -> list[GroupSummary]:
        """Live groups (of one academic year, or all; at a district, of one school), newest year first, with
        their counts."""
        counts = plc_reads.group_counts(self._db.store, school)
        groups = [g for g in self.list(owner_code=school) if year is None or g.academic_year == year]
        groups.sort(key=lambda g: -g.academic_year)  # stable: by name within a year
        return [GroupSummary(g, *counts.get(g.id, (0, 0, 0))) for g in groups]

    def members(self, group_id: str) -> list[Any]:
        """The group's live members (rows of plc_member): by role as the vocabulary lists them (the model
        teacher first), then in the order they were added."""
        rows = RecordService(self._db, PLC_MEMBER).list(match={"group_id": group_id})
        order = {code: n for n, code in enumerate(vocabularies.codes("plc_role"))}
        return sorted(rows, key=lambda m: (order.get(m.role, len(order)), m.created_at, m.id))

    def default_steps(self) -> tuple[str, ...]:
        """The steps a new group starts with: those of the school's latest group, so a school that changed the
        list keeps its own; the district's five steps before the first group."""
        groups = sorted(self.list(), key=lambda g: g.created_at)
        return groups[-1].steps if groups and groups[-1].steps else default_steps()

    # --- writes ----------------------------------------------------------------------------------------------
    def save(
        self,
        raw: Mapping[str, object],
        members: Sequence[MemberInput],
        group_id: str | None = None,
        today: dt.date | None = None,
    ) -> Any:
        """Adds a group (group_id None) or changes one, with exactly these members; nothing is saved when any
        value or member is wrong."""
        values = self.clean(raw, today)
        wanted = self._clean_members(members)
        member_model = model_of(PLC_MEMBER)
        others: list[tuple[Any, dict[str, Any] | None, Any]] = []
        if group_id is not None:
            current = self.get(group_id)
            if values["academic_year"] != current.academic_year and self.meetings_of(group_id):
                raise ValidationError(
                    FieldError(
                        "academic_year",
                        _(
                            "This group has meetings in academic year {year}, so its year cannot change. "
                            "Make a new group for the new year."
                        ).format(year=current.academic_year),
                    )
                )
        with self._db.sessions.begin() as session:
            self._check_people(session, wanted, group_id)
            group, before = self._write_values(session, values, group_id)
            held = {m.person_id: m for m in session.query(member_model).filter_by(group_id=group.id)}
            for person_id, role in wanted.items():
                member = held.get(person_id)
                if member is None:
                    member = member_model(
                        id=identity_record_id(PLC_MEMBER, {"group_id": group.id, "person_id": person_id}),
                        group_id=group.id,
                        person_id=person_id,
                        role=role,
                    )
                    session.add(member)
                    others.append((member, None, PLC_MEMBER))
                elif member.role != role or member.deleted_at is not None:
                    others.append((member, self._values(member, PLC_MEMBER), PLC_MEMBER))
                    member.role, member.deleted_at = role, None
            for person_id, member in held.items():
                if person_id not in wanted and member.deleted_at is None:
                    others.append((member, self._values(member, PLC_MEMBER), PLC_MEMBER))
                    member.deleted_at = _now()
            session.flush()
            changed = before is None or before != self._values(group) or others
            step = self._step(_("Add") if before is None else _("Edit"), [(group, before)], others) if changed else None
            saved_id = group.id
        self._remember(step)
        return self.get(saved_id)

    def _clean_members(self, members: Sequence[MemberInput]) -> dict[str, str]:
        if not members:
            raise ValidationError(FieldError("members", _("Tick at least one member of the group.")))
        wanted: dict[str, str] = {}
        for member in members:
            if member.role not in vocabularies.code_set("plc_role"):
                raise ValidationError(
                    FieldError("members", _("“{role}” is not a role of a PLC group.").format(role=member.role))
                )
            if member.person_id in wanted:
                raise ValidationError(FieldError("members", _("A person is listed twice among the members.")))
            wanted[member.person_id] = member.role
        return wanted

    def _check_people(self, session: Any, wanted: Mapping[str, str], group_id: str | None) -> None:
        """Each member is a live staff member of this school; a person who left can stay a member of a group
        they were in, but not join one."""
        person_model, member_model = model_of(PERSONNEL), model_of(PLC_MEMBER)
        already = (
            {m.person_id for m in session.query(member_model).filter_by(group_id=group_id, deleted_at=None)}
            if group_id
            else set()
        )
        for person_id in wanted:
            person = session.get(person_model, person_id)
            if person is None or person.deleted_at is not None:
                raise ValidationError(
                    FieldError("members", _("A member is not in the staff list (it may have been deleted)."))
                )
            if person.status != STATUS_ACTIVE and person_id not in already:
                raise ValidationError(
                    FieldError(
                        "members",
                        _("{name} no longer works at the school and cannot join a group.").format(
                            name=full_name_th(person)
                        ),
                    )
                )

    def delete(self, record_id: str) -> None:
        """The group and its meetings go to the Trash together (their tombstones travel to the district)."""
        meeting_model = model_of(PLC_MEETING)
        with self._db.sessions.begin() as session:
            group = self._load(session, record_id)
            if group.deleted_at is not None:
                return
            stamp = _now()
            before = self._values(group)
            group.deleted_at = stamp
            others = []
            for meeting in session.query(meeting_model).filter_by(group_id=record_id, deleted_at=None):
                others.append((meeting, self._values(meeting, PLC_MEETING), PLC_MEETING))
                meeting.deleted_at = stamp
            others += move_files(session, [m.id for m, _v, _k in others], None, stamp, self._values)
            session.flush()
            step = self._step(_("Delete"), [(group, before)], others)
        self._remember(step)

    def restore(self, record_id: str) -> Any:
        """The group comes back with the meetings that went to the Trash with it (not those deleted before)."""
        meeting_model = model_of(PLC_MEETING)
        step = None
        with self._db.sessions.begin() as session:
            group = self._load(session, record_id)
            if group.deleted_at is not None:
                stamp, before = group.deleted_at, self._values(group)
                group.deleted_at = None
                others = []
                for meeting in session.query(meeting_model).filter_by(group_id=record_id, deleted_at=stamp):
                    others.append((meeting, self._values(meeting, PLC_MEETING), PLC_MEETING))
                    meeting.deleted_at = None
                others += move_files(session, [m.id for m, _v, _k in others], stamp, None, self._values)
                session.flush()
                step = self._step(_("Restore"), [(group, before)], others)
        self._remember(step)
        return self.get(record_id)

    def trash(self) -> list[tuple[Any, int]]:
        """Groups in the Trash, each with the number of meetings that went there with it."""
        meeting_rows = RecordService(self._db, PLC_MEETING).list(deleted=True)
        found = []
        for group in self.list(deleted=True):
            n = sum(m.group_id == group.id and m.deleted_at == group.deleted_at for m in meeting_rows)
            found.append((group, n))
        return found

    def meetings_of(self, group_id: str) -> int:
        return plc_reads.group_counts(self._db.store).get(group_id, (0, 0, 0))[1]


def _now() -> dt.datetime:
    from ..data.types import utcnow

    return utcnow()
