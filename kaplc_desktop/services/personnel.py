"""The personnel registry: list, add, edit, soft-delete and restore staff of the school.

Lists come from the fast sqlite3 reader; writes go through the ORM (loaded on first write), each in one
transaction, so a failed write changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ..data import reads
from ..data.database import Database
from ..domain.person_identity import PersonIndex, PersonKey
from ..domain.person_rules import PersonDraft, clean_person
from ..errors import FieldError, NotFoundError, ValidationError
from ..i18n import _
from .person_row import PersonRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..data.models.personnel import Person


class PersonnelService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self, *, deleted: bool = False) -> list[PersonRow]:
        """Live records, or with deleted=True the Trash."""
        return [PersonRow(**data) for data in reads.personnel(self._db.path, deleted=deleted)]

    def get(self, person_id: str) -> PersonRow:
        found = reads.personnel(self._db.path, person_id=person_id)
        if not found:
            raise NotFoundError(_("No staff member with id {id} was found.").format(id=person_id))
        return PersonRow(**found[0])

    def identity_index(self, exclude_id: str | None = None) -> PersonIndex[str]:
        """Every live person's identity key, to find duplicates of a new or imported record."""
        index: PersonIndex[str] = PersonIndex()
        for person_id, first, last, nid in reads.person_identities(self._db.path):
            if person_id != exclude_id:
                index.add(PersonKey.of(first, last, nid), person_id)
        return index

    def _check_duplicate(self, draft: PersonDraft, exclude_id: str | None) -> None:
        key = PersonKey.of(draft.first_name_th, draft.last_name_th, draft.national_id)
        other_id = self.identity_index(exclude_id).find(key)
        if other_id is None:
            return
        if key.national_id and self.get(other_id).national_id == key.national_id:
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
        from ..data.models.personnel import Person

        draft = clean_person(raw, today)
        with self._db.sessions.begin() as session:
            self._check_duplicate(draft, None)
            person = Person(**_draft_values(draft))
            session.add(person)
            session.flush()
            new_id = person.id
        return self.get(new_id)

    def update(self, person_id: str, raw: Mapping[str, object], today: dt.date | None = None) -> PersonRow:
        draft = clean_person(raw, today)
        with self._db.sessions.begin() as session:
            person = self._load(session, person_id)
            self._check_duplicate(draft, person_id)
            for key, value in _draft_values(draft).items():
                setattr(person, key, value)
        return self.get(person_id)

    def edit(self, person_id: str, changes: Mapping[str, object], today: dt.date | None = None) -> PersonRow:
        """Changes some fields of a record, checked by the same rules as the form (for scripts and the CLI)."""
        editable = set(PersonDraft.__dataclass_fields__)
        unknown = sorted(set(changes) - editable)
        if unknown:
            raise ValidationError(
                [
                    FieldError(
                        name,
                        _("{field} is not a field of a staff record; use one of: {fields}.").format(
                            field=name, fields=", ".join(sorted(editable))
                        ),
                    )
                    for name in unknown
                ]
            )
        current = self.get(person_id)
        raw: dict[str, object] = {name: getattr(current, name) for name in editable}
        raw["learning_areas"] = list(current.learning_areas)
        raw.update(changes)
        return self.update(person_id, raw, today)

    def delete(self, person_id: str) -> None:
        """Soft delete: the record moves to the Trash and its tombstone travels to the district."""
        from ..data.types import utcnow

        with self._db.sessions.begin() as session:
            person = self._load(session, person_id)
            if person.deleted_at is None:
                person.deleted_at = utcnow()

    def restore(self, person_id: str) -> PersonRow:
        with self._db.sessions.begin() as session:
            person = self._load(session, person_id)
            if person.deleted_at is not None:
                key = PersonKey.of(person.first_name_th, person.last_name_th, person.national_id)
                if self.identity_index().find(key) is not None:
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

    def set_photo(self, person_id: str, sha256: str | None) -> None:
        """Points the record at an attachment already in the store (or removes its photo)."""
        with self._db.sessions.begin() as session:
            self._load(session, person_id).photo_sha256 = sha256

    def add_many(self, drafts: Iterable[PersonDraft]) -> int:
        """Adds clean records in one transaction (callers have checked duplicates); returns the count."""
        from ..data.models.personnel import Person

        count = 0
        with self._db.sessions.begin() as session:
            for draft in drafts:
                session.add(Person(**_draft_values(draft)))
                count += 1
        return count

    @staticmethod
    def _load(session: Session, person_id: str) -> Person:
        from ..data.models.personnel import Person

        person = session.get(Person, person_id)
        if person is None:
            raise NotFoundError(_("No staff member with id {id} was found.").format(id=person_id))
        return person


def _draft_values(draft: PersonDraft) -> dict[str, object]:
    values = draft.as_dict()
    values["learning_areas"] = list(draft.learning_areas)
    return values
