"""The personnel registry: list, add, edit, soft-delete and restore staff of the school."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session, sessionmaker

from ..data.models.personnel import Person
from ..data.types import utcnow
from ..domain.person_identity import PersonIndex, PersonKey
from ..domain.person_rules import PersonDraft, clean_person
from ..errors import FieldError, NotFoundError, ValidationError
from ..i18n import _
from .person_row import PersonRow

_COLUMNS = [getattr(Person, name) for name in PersonRow.__dataclass_fields__]


def _row(found: Row[Any]) -> PersonRow:
    data = found._asdict()
    data["learning_areas"] = tuple(data["learning_areas"] or ())
    return PersonRow(**data)


class PersonnelService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def list(self, *, deleted: bool = False) -> list[PersonRow]:
        """Live records, or with deleted=True the Trash; sorted by Thai name."""
        cond = Person.deleted_at.is_not(None) if deleted else Person.deleted_at.is_(None)
        stmt = select(*_COLUMNS).where(cond).order_by(Person.first_name_th, Person.last_name_th)
        with self._sessions() as session:
            return [_row(r) for r in session.execute(stmt)]

    def count(self) -> int:
        return len(self.list())

    def get(self, person_id: str) -> PersonRow:
        with self._sessions() as session:
            found = session.execute(select(*_COLUMNS).where(Person.id == person_id)).first()
        if found is None:
            raise NotFoundError(_("No staff member with id {id} was found.").format(id=person_id))
        return _row(found)

    def identity_index(self, session: Session | None = None, exclude_id: str | None = None) -> PersonIndex[str]:
        """Every live person's identity key, to find duplicates of a new or imported record."""
        stmt = select(Person.id, Person.first_name_th, Person.last_name_th, Person.national_id).where(
            Person.deleted_at.is_(None)
        )
        if session is None:
            with self._sessions() as own:
                rows = own.execute(stmt).all()
        else:
            rows = session.execute(stmt).all()
        index: PersonIndex[str] = PersonIndex()
        for r in rows:
            if r.id != exclude_id:
                index.add(PersonKey.of(r.first_name_th, r.last_name_th, r.national_id), r.id)
        return index

    def _check_duplicate(self, session: Session, draft: PersonDraft, exclude_id: str | None) -> None:
        key = PersonKey.of(draft.first_name_th, draft.last_name_th, draft.national_id)
        other_id = self.identity_index(session, exclude_id).find(key)
        if other_id is None:
            return
        other = session.get(Person, other_id)
        if key.national_id and other is not None and other.national_id == key.national_id:
            raise ValidationError(FieldError("national_id", _("Another staff member already has this national ID.")))
        raise ValidationError(
            FieldError(
                "first_name_th",
                _(
                    "A staff member with the same name is already in the list. "
                    "If this is a different person, enter both national IDs."
                ),
            )
        )

    def add(self, raw: Mapping[str, object], today: dt.date | None = None) -> PersonRow:
        draft = clean_person(raw, today)
        with self._sessions.begin() as session:
            self._check_duplicate(session, draft, None)
            person = Person(**_draft_values(draft))
            session.add(person)
            session.flush()
            new_id = person.id
        return self.get(new_id)

    def update(self, person_id: str, raw: Mapping[str, object], today: dt.date | None = None) -> PersonRow:
        draft = clean_person(raw, today)
        with self._sessions.begin() as session:
            person = self._load(session, person_id)
            self._check_duplicate(session, draft, person_id)
            for key, value in _draft_values(draft).items():
                setattr(person, key, value)
        return self.get(person_id)

    def delete(self, person_id: str) -> None:
        """Soft delete: the record moves to the Trash and its tombstone travels to the district."""
        with self._sessions.begin() as session:
            person = self._load(session, person_id)
            if person.deleted_at is None:
                person.deleted_at = utcnow()

    def restore(self, person_id: str) -> PersonRow:
        with self._sessions.begin() as session:
            person = self._load(session, person_id)
            if person.deleted_at is not None:
                key = PersonKey.of(person.first_name_th, person.last_name_th, person.national_id)
                if self.identity_index(session).find(key) is not None:
                    raise ValidationError(
                        FieldError(
                            "first_name_th",
                            _(
                                "This record cannot be restored: the list already holds the same person. "
                                "Edit or delete that one first."
                            ),
                        )
                    )
                person.deleted_at = None
        return self.get(person_id)

    def add_many(self, drafts: Iterable[PersonDraft]) -> int:
        """Adds clean records in one transaction (callers have checked duplicates); returns the count."""
        count = 0
        with self._sessions.begin() as session:
            for draft in drafts:
                session.add(Person(**_draft_values(draft)))
                count += 1
        return count

    @staticmethod
    def _load(session: Session, person_id: str) -> Person:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFoundError(_("No staff member with id {id} was found.").format(id=person_id))
        return person


def _draft_values(draft: PersonDraft) -> dict[str, object]:
    values = draft.as_dict()
    values["learning_areas"] = list(draft.learning_areas)
    return values
