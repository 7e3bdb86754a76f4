"""Listing, adding, editing, deleting and restoring records of any declared kind.

Lists come from the fast sqlite3 reader; writes go through the ORM (loaded on first write), each in one
transaction, so a failed write changes nothing. A kind's own service subclasses this to add its checks
(duplicates) and names; a small kind uses it as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..data import record_reads
from ..data.database import Database
from ..domain.record_cleaning import clean_record
from ..domain.record_kind import RecordKind
from ..errors import FieldError, KaplcError, NotFoundError, ValidationError
from ..i18n import _, ngettext
from .record_rows import RecordRow, row_type
from .undo import RecordBefore, UndoJournal, UndoStep

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

    def __init__(
        self,
        db: Database,
        kind: RecordKind | None = None,
        row: type[Any] | None = None,
        journal: UndoJournal | None = None,
    ) -> None:
        self._db = db
        if kind is not None:
            self.kind = kind
        self.row = row or getattr(type(self), "row", None) or row_type(self.kind)
        self.journal = journal

    # --- reads -----------------------------------------------------------------------------------------
    def list(
        self, *, deleted: bool = False, owner_code: str | None = None, match: Mapping[str, Any] | None = None
    ) -> list[Any]:
        """Live records, or with deleted=True the Trash; `match` keeps those with these field values."""
        found = record_reads.records(self._db.store, self.kind, deleted=deleted, owner_code=owner_code, match=match)
        return [_fast_row(self.row, data) for data in found]

    def get(self, record_id: str) -> Any:
        if not _UUID.fullmatch(str(record_id)):  # typed on a command line: any bytes, never a query's business
            raise NotFoundError(self._not_found(str(record_id)))
        found = record_reads.records(self._db.store, self.kind, record_id=record_id)
        if not found:
            raise NotFoundError(self._not_found(record_id))
        return self.row(**found[0])

    def counts(self) -> tuple[int, int]:
        return record_reads.counts(self._db.store, self.kind)

    def _require_district(self) -> None:
        """Refuses a school's workspace: the district's own records (its list, periods, plans, reviews) are written
        at the district only."""
        from .workspace import WorkspaceService, require_district

        require_district(WorkspaceService(self._db).get())

    def by_id_start(self, typed: str) -> Any:
        """A live record by its id or the first characters of it (at least 4, naming one record only): what a
        command line is typed with."""
        text = str(typed).strip().lower()
        records = self.list()
        exact = [r for r in records if r.id == text]
        found = exact or ([r for r in records if r.id.startswith(text)] if len(text) >= 4 else [])
        if len(found) == 1:
            return found[0]
        if not exact and len(text) < 4:
            raise NotFoundError(_("Type at least 4 characters of the id (“{id}” is too short).").format(id=typed))
        if len(found) > 1:
            raise NotFoundError(
                _("“{id}” is the start of {n} ids; type more of the one you mean.").format(id=typed, n=len(found))
            )
        raise NotFoundError(self._not_found(typed))

    def _not_found(self, record_id: str) -> str:
        return _("No record with id {id} was found.").format(id=record_id)

    # --- checks a kind may add ---------------------------------------------------------------------------
    def clean(self, raw: Mapping[str, object], today: dt.date | None = None) -> dict[str, Any]:
        return clean_record(self.kind, raw, today)

    def check(self, values: Mapping[str, Any], exclude_id: str | None) -> None:
        """Checks against the records already held (duplicates); raises ValidationError."""

    def check_restore(self, record: Any) -> None:
        """Checks a record in the Trash may come back (it would not duplicate a live one)."""

    def _check_references(self, session: Session, values: Mapping[str, Any], kind: RecordKind | None = None) -> None:
        """Each reference names a record that is here, kept by this school or office when both kinds are kept by
        the same side (a FOREIGN KEY would refuse the first; the second keeps schools' records apart)."""
        from ..data.versioning import OWNER_KEY
        from ..domain.record_kind import DECLARED

        kind = kind or self.kind
        owner = session.info.get(OWNER_KEY)
        for f in kind.fields:
            target_id = values.get(f.name)
            if not f.refers_to or not target_id:
                continue
            target_kind = DECLARED[f.refers_to]
            if target_kind is kind and target_id == values.get("id"):
                continue
            target = session.get(model_of(target_kind), target_id)
            if target is None or (target_kind.owner == kind.owner and owner and target.owner_code != owner):
                raise ValidationError(
                    FieldError(
                        f.name,
                        _("{field} names a record that is not here (it may have been erased).").format(
                            field=f.label_text
                        ),
                    )
                )

    # --- writes ----------------------------------------------------------------------------------------
    def _write_values(
        self, session: Session, values: Mapping[str, Any], record_id: str | None
    ) -> tuple[Any, dict[str, Any] | None]:
        """A new record made of the values (record_id None), or the record with them set; with its values
        before (None when new), for the undo step."""
        if record_id is None:
            record = model_of(self.kind)(**stored_values(values))
            session.add(record)
            session.flush()
            return record, None
        record = self._load(session, record_id)
        before = self._values(record)
        for key, value in stored_values(values).items():
            setattr(record, key, value)
        return record, before

    def add(self, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        values = self.clean(raw, today)
        with self._db.sessions.begin() as session:
            self.check(values, None)
            self._check_references(session, values)
            record, _before = self._write_values(session, values, None)
            new_id = record.id
            step = self._step(_("Add"), [(record, None)])
        self._remember(step)
        return self.get(new_id)

    def update(self, record_id: str, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        values = self.clean(raw, today)
        with self._db.sessions.begin() as session:
            self._load(session, record_id)  # not found: said before any check
            self.check(values, record_id)
            self._check_references(session, {**values, "id": record_id})
            record, before = self._write_values(session, values, record_id)
            session.flush()
            unchanged = {k: v for k, v in self._values(record).items() if k != _VERSION} == {
                k: v for k, v in before.items() if k != _VERSION
            }
            step = None if unchanged else self._step(_("Edit"), [(record, before)])
        self._remember(step)
        return self.get(record_id)

    def _save_with_children(
        self,
        values: Mapping[str, Any],
        record_id: str | None,
        child_kind: RecordKind,
        parent_field: str,
        wanted: Sequence[Mapping[str, Any]],
        key: Callable[[Any], Hashable],
    ) -> Any:
        """Adds (record_id None) or changes a record whose children (a rubric's criteria, a forum's sessions, a
        project's people) become exactly `wanted`: one transaction, one undo step, none when nothing changed."""
        from ..data.types import utcnow
        from .child_records import write_children

        with self._db.sessions.begin() as session:
            if record_id is not None:
                self._load(session, record_id)  # not found: said before any check
            self._check_references(session, values)
            record, before = self._write_values(session, values, record_id)
            session.flush()
            others = write_children(session, child_kind, parent_field, record.id, wanted, key, self._values, utcnow())
            session.flush()
            changed = before is None or before != self._values(record) or others
            verb = _("Add") if before is None else _("Edit")
            step = self._step(verb, [(record, before)], others) if changed else None
            saved_id = record.id
        self._remember(step)
        return self.get(saved_id)

    def edit(self, record_id: str, changes: Mapping[str, object], today: dt.date | None = None) -> Any:
        """Changes some fields of a record, checked by the same rules as the form (for scripts and the CLI)."""
        return self.update(record_id, self.edited(record_id, changes), today)

    def check_names(self, values: Mapping[str, object], editable: Sequence[str] | None = None) -> None:
        """Refuses a name that is not an editable field (typed on a command line), naming the fields there are."""
        editable = [f.name for f in self.kind.editable] if editable is None else list(editable)
        unknown = sorted(set(values) - set(editable))
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

    def edited(self, record_id: str, changes: Mapping[str, object]) -> dict[str, object]:
        """The record's editable values with these changes, as a form would hand them in; a name that is not an
        editable field is refused, naming the fields there are."""
        self.check_names(changes)
        editable = [f.name for f in self.kind.editable]
        current = self.get(record_id)
        raw: dict[str, object] = {name: getattr(current, name) for name in editable}
        raw.update(changes)
        return raw

    def delete(self, record_id: str) -> None:
        """Soft delete: the record moves to the Trash and its tombstone travels to the district."""
        from ..data.types import utcnow

        with self._db.sessions.begin() as session:
            record = self._load(session, record_id)
            if record.deleted_at is not None:
                return
            before = self._values(record)
            record.deleted_at = utcnow()
            session.flush()
            step = self._step(_("Delete"), [(record, before)])
        self._remember(step)

    def restore(self, record_id: str) -> Any:
        step = None
        with self._db.sessions.begin() as session:
            record = self._load(session, record_id)
            if record.deleted_at is not None:
                self.check_restore(record)
                before = self._values(record)
                record.deleted_at = None
                session.flush()
                step = self._step(_("Restore"), [(record, before)])
        if step is not None:
            self._remember(step)
        return self.get(record_id)

    def add_many(self, drafts: Iterable[Any]) -> int:
        """Adds clean records in one transaction (callers have checked duplicates); returns the count."""
        model = model_of(self.kind)
        added = []
        with self._db.sessions.begin() as session:
            for draft in drafts:
                values = draft.as_dict() if hasattr(draft, "as_dict") else dict(draft)
                added.append(model(**stored_values(values)))
            session.add_all(added)
            session.flush()
            step = self._step(_("Import"), [(record, None) for record in added])
        self._remember(step)
        return len(added)

    # --- undo --------------------------------------------------------------------------------------------
    def _values(self, record: Any, kind: RecordKind | None = None) -> dict[str, Any]:
        """What undo puts back: the fields and deleted_at (and, apart, the version they were at)."""
        values = {f.name: getattr(record, f.name) for f in (kind or self.kind).fields}
        values["deleted_at"] = record.deleted_at
        values[_VERSION] = (record.version_db, record.version_counter)
        return values

    def _step(
        self,
        action: str,
        records: list[tuple[Any, dict[str, Any] | None]],
        others: Sequence[tuple[Any, dict[str, Any] | None, RecordKind]] = (),
        label: str | None = None,
    ) -> UndoStep | None:
        """The undo step of an operation on records of this kind (and, in `others`, on records of other kinds
        written with them: a meeting's attendance), each with its values before (None: the operation made it).
        `label` names the step when the records alone do not (a survey round's forms, the round unchanged)."""
        if self.journal is None or not (records or others):
            return None
        title = self.kind.title(records[0][0]) if self.kind.title and len(records) == 1 else ""
        if label is None:
            label = _step_label(action, title, len(records), bool(others))
        befores = tuple(
            RecordBefore(
                r.id,
                {k: v for k, v in values.items() if k != _VERSION} if values is not None else None,
                (r.version_db, r.version_counter),
                values[_VERSION] if values is not None else None,
            )
            for r, values in records
        ) + tuple(
            RecordBefore(
                r.id,
                {k: v for k, v in values.items() if k != _VERSION} if values is not None else None,
                (r.version_db, r.version_counter),
                values[_VERSION] if values is not None else None,
                kind,
            )
            for r, values, kind in others
        )
        return UndoStep(label, self.kind, befores)

    def _remember(self, step: UndoStep | None) -> None:
        if step is not None and self.journal is not None:
            self.journal.record(step)

    def undo(self, step: UndoStep) -> int:
        """Puts back what `step` changed, as a new edit; refuses, changing nothing, when a record was changed
        since (by another edit or an import). Returns how many records were put back."""
        new_versions: dict[str, tuple[str, int]] = {}
        try:
            new_versions = self._put_back(step)
        finally:
            if self.journal is not None:  # done, or refused for good: either way the next undo goes further back
                self.journal.pop(step, new_versions)
        return len(step.records)

    def _put_back(self, step: UndoStep) -> dict[str, tuple[str, int]]:
        from sqlalchemy import select

        from ..data.types import utcnow

        put_back = []
        with self._db.sessions.begin() as session:
            # every record read before any is changed: a read after a change would flush it first, each time
            held: dict[str, Any] = {}
            kinds = {(before.kind or step.kind).name: before.kind or step.kind for before in step.records}
            for kind in kinds.values():
                model = model_of(kind)
                ids = [b.record_id for b in step.records if (b.kind or step.kind) is kind]
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    held.update((r.id, r) for r in session.scalars(select(model).where(model.id.in_(chunk))))
            for before in step.records:
                kind = before.kind or step.kind
                record = held.get(before.record_id)
                if record is None or (record.version_db, record.version_counter) != before.version_after:
                    raise KaplcError(
                        _(
                            "This cannot be undone: the record was changed after that edit (by another edit or a "
                            "bundle import). Check it and edit it by hand."
                        )
                    )
                put_back.append(record)
                if before.values is None:  # the operation made it: it goes to the Trash
                    record.deleted_at = record.deleted_at or utcnow()
                    continue
                if before.values["deleted_at"] is None and kind is self.kind:  # it comes back: the checks still hold
                    fields = {k: v for k, v in before.values.items() if k != "deleted_at"}
                    if record.deleted_at is not None:
                        self.check_restore(record)
                    self.check(fields, record.id)
                # a record it named may have been erased since (an erasure clears references without a version)
                with session.no_autoflush:
                    self._check_references(session, {**before.values, "id": record.id}, kind)
                for key, value in before.values.items():
                    setattr(record, key, list(value) if isinstance(value, tuple) else value)
            session.flush()
            return {r.id: (r.version_db, r.version_counter) for r in put_back}

    def _load(self, session: Session, record_id: str) -> Any:
        record = session.get(model_of(self.kind), record_id) if _UUID.fullmatch(str(record_id)) else None
        if record is None:
            raise NotFoundError(self._not_found(record_id))
        return record


_VERSION = "__version__"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _step_label(action: str, title: str, records: int, others: bool) -> str:
    """ "Edit ครั้งที่ 3 …" for one named record, "Import 12 records" for several."""
    if others and title:
        return f"{action} {title}"
    if records > 1:
        return ngettext("{action} {n} record", "{action} {n} records", records).format(action=action, n=records)
    return f"{action} {title}".strip()


def _fast_row(cls: type[Any], data: dict[str, Any]) -> Any:
    """A row from a read that has every field already (a list of thousands at start-up): the frozen dataclass's
    __init__, one guarded assignment per field, costs a third of the read."""
    row = object.__new__(cls)
    row.__dict__.update(data)
    return row


def stored_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Clean values as the ORM stores them (lists for JSON)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}


__all__ = ["RecordRow", "RecordService", "model_of"]
