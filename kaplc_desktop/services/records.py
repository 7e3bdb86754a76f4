"""Listing, adding, editing, deleting and restoring records of any declared kind.

Lists come from the fast sqlite3 reader; writes go through the ORM (loaded on first write), each in one
transaction, so a failed write changes nothing. A kind's own service subclasses this to add its checks
(duplicates) and names; a small kind uses it as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..data import record_reads
from ..data.database import Database
from ..domain.record_cleaning import clean_record
from ..domain.record_kind import RecordKind
from ..errors import FieldError, NotFoundError, ValidationError
from ..i18n import _
from .record_rows import RecordRow, row_type

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def model_of(kind: RecordKind) -> type[Any]:
    """The ORM model made from a declaration (importing the models registers them)."""
    from ..data import models  # noqa: F401
    from ..data.sync_mixin import SYNCED_KINDS

    return SYNCED_KINDS[kind.name].model


class RecordService:
    kind: RecordKind
    row: type[Any]

    def __init__(self, db: Database, kind: RecordKind | None = None, row: type[Any] | None = None) -> None:
        self._db = db
        if kind is not None:
            self.kind = kind
        self.row = row or getattr(type(self), "row", None) or row_type(self.kind)

    # --- reads -----------------------------------------------------------------------------------------
    def list(self, *, deleted: bool = False, owner_code: str | None = None) -> list[Any]:
        """Live records, or with deleted=True the Trash."""
        found = record_reads.records(self._db.path, self.kind, deleted=deleted, owner_code=owner_code)
        return [self.row(**data) for data in found]

    def get(self, record_id: str) -> Any:
        found = record_reads.records(self._db.path, self.kind, record_id=record_id)
        if not found:
            raise NotFoundError(self._not_found(record_id))
        return self.row(**found[0])

    def counts(self) -> tuple[int, int]:
        return record_reads.counts(self._db.path, self.kind)

    def _not_found(self, record_id: str) -> str:
        return _("No record with id {id} was found.").format(id=record_id)

    # --- checks a kind may add ---------------------------------------------------------------------------
    def clean(self, raw: Mapping[str, object], today: dt.date | None = None) -> dict[str, Any]:
        return clean_record(self.kind, raw, today)

    def check(self, values: Mapping[str, Any], exclude_id: str | None) -> None:
        """Checks against the records already held (duplicates); raises ValidationError."""

    def check_restore(self, record: Any) -> None:
        """Checks a record in the Trash may come back (it would not duplicate a live one)."""

    # --- writes ----------------------------------------------------------------------------------------
    def add(self, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        values = self.clean(raw, today)
        model = model_of(self.kind)
        with self._db.sessions.begin() as session:
            self.check(values, None)
            record = model(**_stored(values))
            session.add(record)
            session.flush()
            new_id = record.id
        return self.get(new_id)

    def update(self, record_id: str, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        values = self.clean(raw, today)
        with self._db.sessions.begin() as session:
            record = self._load(session, record_id)
            self.check(values, record_id)
            for key, value in _stored(values).items():
                setattr(record, key, value)
        return self.get(record_id)

    def edit(self, record_id: str, changes: Mapping[str, object], today: dt.date | None = None) -> Any:
        """Changes some fields of a record, checked by the same rules as the form (for scripts and the CLI)."""
        editable = [f.name for f in self.kind.editable]
        unknown = sorted(set(changes) - set(editable))
        if unknown:
            raise ValidationError(
                [
                    FieldError(
                        name,
                        _("{field} is not a field of this record; use one of: {fields}.").format(
                            field=name, fields=", ".join(sorted(editable))
                        ),
                    )
                    for name in unknown
                ]
            )
        current = self.get(record_id)
        raw: dict[str, object] = {name: getattr(current, name) for name in editable}
        raw.update(changes)
        return self.update(record_id, raw, today)

    def delete(self, record_id: str) -> None:
        """Soft delete: the record moves to the Trash and its tombstone travels to the district."""
        from ..data.types import utcnow

        with self._db.sessions.begin() as session:
            record = self._load(session, record_id)
            if record.deleted_at is None:
                record.deleted_at = utcnow()

    def restore(self, record_id: str) -> Any:
        with self._db.sessions.begin() as session:
            record = self._load(session, record_id)
            if record.deleted_at is not None:
                self.check_restore(record)
                record.deleted_at = None
        return self.get(record_id)

    def add_many(self, drafts: Iterable[Any]) -> int:
        """Adds clean records in one transaction (callers have checked duplicates); returns the count."""
        model = model_of(self.kind)
        count = 0
        with self._db.sessions.begin() as session:
            for draft in drafts:
                values = draft.as_dict() if hasattr(draft, "as_dict") else dict(draft)
                session.add(model(**_stored(values)))
                count += 1
        return count

    def _load(self, session: Session, record_id: str) -> Any:
        record = session.get(model_of(self.kind), record_id)
        if record is None:
            raise NotFoundError(self._not_found(record_id))
        return record


def _stored(values: Mapping[str, Any]) -> dict[str, Any]:
    """Clean values as the ORM stores them (lists for JSON)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}


__all__ = ["RecordRow", "RecordService", "model_of"]
