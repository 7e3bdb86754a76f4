"""The personnel registry: list, add, edit, soft-delete and restore staff of the school.

The generic record service does the work from the declaration (domain/kinds/personnel.py); this adds what is
the registry's own: one person is never listed twice (same national ID, or same name without IDs), and photos.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..data import reads
from ..domain import national_id
from ..domain.kinds.personnel import PERSONNEL
from ..domain.person_identity import PersonIndex, PersonKey
from ..errors import FieldError, NotFoundError, ValidationError
from ..i18n import _
from .person_row import PersonRow
from .records import RecordService


class PersonnelService(RecordService):
    kind = PERSONNEL
    row = PersonRow

    def _not_found(self, record_id: str) -> str:
        return _("No staff member with id {id} was found.").format(id=record_id)

    def identity_index(self, exclude_id: str | None = None) -> PersonIndex[str]:
        """Every live person's identity key, to find duplicates of a new or imported record."""
        index: PersonIndex[str] = PersonIndex()
        for person_id, first, last, nid in reads.person_identities(self._db.store):
            if person_id != exclude_id:
                index.add(PersonKey.of(first, last, nid), person_id)
        return index

    def check(self, values: Mapping[str, Any], exclude_id: str | None) -> None:
        key = PersonKey.of(values["first_name_th"], values["last_name_th"], values["national_id"])
        other_id = self.identity_index(exclude_id).find(key)
        if other_id is None:
            return
        other = self.get(other_id)
        if key.national_id and other.national_id == key.national_id:
            raise ValidationError(
                FieldError(
                    "national_id",
                    _("This national ID is already held by {name}; check the number.").format(name=other.full_name_th),
                )
            )
        raise ValidationError(
            FieldError(
                "first_name_th",
                _(
                    "A staff member with the same name is already in the list. "
                    "If this is a different person, enter both national IDs."
                ),
            )
        )

    def check_restore(self, record: Any) -> None:
        key = PersonKey.of(record.first_name_th, record.last_name_th, record.national_id)
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

    def find_id(self, id_or_national_id: str) -> str:
        """The record id for a record id or a national ID (typed with or without dashes)."""
        digits = "".join(ch for ch in id_or_national_id if ch.isdigit())
        if len(digits) == 13 and len(digits) == len(id_or_national_id.replace("-", "").replace(" ", "")):
            for person_id, _first, _last, nid in reads.person_identities(self._db.store):
                if nid == digits:
                    return person_id
            raise NotFoundError(
                _("No staff member has the national ID {id}.").format(id=national_id.format_full(digits))
            )
        return self.get(id_or_national_id).id

    def set_photo(self, person_id: str, sha256: str | None) -> None:
        """Points the record at an attachment already in the store (or removes its photo)."""
        with self._db.sessions.begin() as session:
            self._load(session, person_id).photo_sha256 = sha256
