"""The district's registry of its schools, and how it stands beside the profiles the schools send.

The registry is the district's own list (who is expected to send bundles); a school's profile is what the school
says of itself. Neither overwrites the other: where they disagree the district sees both values and takes the
school's when it chooses (`take_from_profile`). A school that sent a bundle but is not registered is shown too,
ready to be registered from its profile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..domain.field_types import Phone
from ..domain.kinds.school_registry import REGISTERED_SCHOOL, SHARED_WITH_PROFILE
from ..domain.record_kind import identity_record_id
from ..domain.same_text import comparable
from ..domain.thai_collation import thai_sort_key
from ..domain.workspace_codes import normalize_school_code, school_key
from ..errors import FieldError, KaplcError, NotFoundError, ValidationError
from ..i18n import _
from .records import RecordService, model_of, stored_values
from .school_profile import SchoolProfileService

Standing = Literal["agrees", "differs", "no_bundle", "unregistered"]
STANDINGS: tuple[Standing, ...] = ("agrees", "differs", "no_bundle", "unregistered")


@dataclass(frozen=True)
class Difference:
    """A field where the district's registry and the school's own profile say different things."""

    field: str
    registry: Any
    profile: Any

    def to_json(self) -> dict[str, object]:
        return {"field": self.field, "registry": self.registry, "profile": self.profile}


@dataclass(frozen=True)
class SchoolEntry:
    """One school as the district sees it: its registry record, its latest profile, or both."""

    code: str
    registered: Any | None
    profile: Any | None
    differences: tuple[Difference, ...]  # those still open: not taken, not kept out by choice
    kept: tuple[Difference, ...] = ()  # the school's values the district chose not to take

    @property
    def name(self) -> str:
        return (self.registered or self.profile).school_name

    @property
    def cluster(self) -> str:
        return (self.registered.cluster if self.registered else self.profile.cluster) or ""

    @property
    def standing(self) -> Standing:
        if self.registered is None:
            return "unregistered"
        if self.profile is None:
            return "no_bundle"
        return "differs" if self.differences else "agrees"

    def to_json(self) -> dict[str, object]:
        return {
            "school_code": self.code,
            "school_name": self.name,
            "cluster": self.cluster,
            "standing": self.standing,
            "registered": self.registered.to_json() if self.registered else None,
            "profile": self.profile.to_json() if self.profile else None,
            "differences": [d.to_json() for d in self.differences],
            "kept": [d.to_json() for d in self.kept],
        }


def standing_label(standing: str) -> str:
    return {
        "agrees": _("Registered; agrees with its profile"),
        "differs": _("Registered; differs from its profile"),
        "no_bundle": _("Registered; no bundle yet"),
        "unregistered": _("Sent a bundle; not registered"),
    }.get(standing, standing)


def standing_short(standing: str) -> str:
    """The standing in a list's column (the tooltip and the school's panel say it in full)."""
    return {
        "agrees": _("Agrees"),
        "differs": _("Differs"),
        "no_bundle": _("No bundle yet"),
        "unregistered": _("Not registered"),
    }.get(standing, standing)


def _comparable(name: str, value: Any) -> Any:
    return comparable(value, digits_only=isinstance(REGISTERED_SCHOOL.field(name).type, Phone))


def same_value(name: str, a: Any, b: Any) -> bool:
    """Whether two values of a registry field read the same (ำ however typed, Thai digits, spaces, a phone's
    dashes): such values are no difference and no change."""
    return a == b or _comparable(name, a) == _comparable(name, b)


def differences(registered: Any, profile: Any) -> tuple[tuple[Difference, ...], tuple[Difference, ...]]:
    """The shared fields the profile fills in and the registry holds differently: (open, kept out by choice). A
    field the school left empty is no disagreement: the registry simply knows more."""
    kept = {(pair[0], _comparable(pair[0], pair[1])) for pair in registered.kept_values or () if len(pair) == 2}
    open_, kept_out = [], []
    for name in SHARED_WITH_PROFILE:
        theirs = getattr(profile, name)
        ours = getattr(registered, name)
        if theirs in (None, "") or same_value(name, theirs, ours):
            continue
        chosen = (name, _comparable(name, theirs)) in kept
        (kept_out if chosen else open_).append(Difference(name, ours, theirs))
    return tuple(open_), tuple(kept_out)


def _sort_key(entry: SchoolEntry) -> tuple[Any, ...]:
    """Registered schools by cluster and name in the Thai dictionary's order, then the unregistered ones."""
    return (entry.registered is None, thai_sort_key(entry.cluster), thai_sort_key(entry.name), entry.code)


class SchoolRegistryService(RecordService):
    kind = REGISTERED_SCHOOL

    def _not_found(self, record_id: str) -> str:
        return _(
            "School {code} is not on the district's list. List the schools with “kaplc district registry list”."
        ).format(code=record_id)

    # --- reads -----------------------------------------------------------------------------------------
    def by_code(self, code: str, deleted: bool = False) -> Any | None:
        """The registry record of a school however its code is written (Thai digits; its 10-digit or 6-digit
        OBEC code), live or (deleted=True) in the Trash."""
        try:
            key = school_key(normalize_school_code(code))
        except ValidationError:
            return None
        return next((r for r in self.list(deleted=deleted) if school_key(r.school_code) == key), None)

    def find(self, code: str) -> Any:
        found = self.by_code(code)
        if found is None:
            raise NotFoundError(self._not_found(code))
        return found

    def entries(self) -> list[SchoolEntry]:
        """Every school the district knows of: registered ones by cluster and name, then those that sent a bundle
        without being registered. A profile is matched by the school's code in any of its OBEC forms."""
        profiles = {school_key(p.owner_code): p for p in SchoolProfileService(self._db).list()}
        entries = []
        for registered in self.list():
            profile = profiles.pop(school_key(registered.school_code), None)
            open_, kept = differences(registered, profile) if profile is not None else ((), ())
            entries.append(SchoolEntry(registered.school_code, registered, profile, open_, kept))
        for profile in profiles.values():
            entries.append(SchoolEntry(profile.owner_code, None, profile, ()))
        return sorted(entries, key=_sort_key)

    def entry(self, code: str) -> SchoolEntry | None:
        key = school_key(code)
        return next((e for e in self.entries() if school_key(e.code) == key), None)

    def expected_codes(self) -> list[str]:
        """The schools tracking expects bundles from: every registered school, before its first bundle too."""
        return [r.school_code for r in self.list()]

    # --- writes ----------------------------------------------------------------------------------------
    def check(self, values: Mapping[str, Any], exclude_id: str | None) -> None:
        code = values.get("school_code")
        if exclude_id is not None:
            held = self.get(exclude_id)
            if code != held.school_code:
                raise ValidationError(
                    FieldError(
                        "school_code",
                        _(
                            "A registered school's code cannot be changed (it is how its bundles are matched). "
                            "Take this school off the list and register it again with the right code."
                        ),
                    )
                )
            return
        held = self.by_code(str(code or ""))
        if held is not None:
            raise ValidationError(
                FieldError(
                    "school_code",
                    _("School {code} is already on the list ({name}). Edit that school instead.").format(
                        code=held.school_code, name=held.school_name
                    ),
                )
            )

    def add(self, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        """Registers a school; its id comes from its code, so a school registered by a second member of staff is
        the same record, and one taken off the list comes back from the Trash with the values typed now."""
        self._require_district()
        values = self.clean(raw, today)
        self.check(values, None)
        record_id = identity_record_id(self.kind, values)
        with self._db.sessions.begin() as session:
            record = session.get(model_of(self.kind), record_id)
            if record is None:
                record = model_of(self.kind)(id=record_id, kept_values=[], **stored_values(values))
                session.add(record)
                session.flush()
                step = self._step(_("Add"), [(record, None)])
            else:
                before = self._values(record)
                for key, value in stored_values(values).items():
                    setattr(record, key, value)
                record.kept_values = []
                record.deleted_at = None
                session.flush()
                step = self._step(_("Add"), [(record, before)])
        self._remember(step)
        return self.get(record_id)

    def update(self, record_id: str, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        self._require_district()
        return super().update(record_id, raw, today)

    def delete(self, record_id: str) -> None:
        """To the Trash, named as the page names it (Edit → Undo says “Take off the list …”)."""
        from ..data.types import utcnow

        self._require_district()
        with self._db.sessions.begin() as session:
            record = self._load(session, record_id)
            if record.deleted_at is not None:
                return
            before = self._values(record)
            record.deleted_at = utcnow()
            session.flush()
            step = self._step(_("Take off the list"), [(record, before)])
        self._remember(step)

    def resolve(self, code: str, take: Sequence[str] = (), keep: Sequence[str] = ()) -> Any:
        """Where a school's profile differs: the registry takes the school's values of `take` and keeps its own
        for `keep` (remembered, so they stop showing until the school sends another value). One undo step. A
        field named must differ now; nothing named is refused."""
        self._require_district()
        entry = self.entry(code)
        if entry is None or entry.profile is None:
            raise NotFoundError(
                _("School {code} has sent no profile; there is nothing to take from it.").format(code=code)
            )
        if entry.registered is None:
            raise NotFoundError(self._not_found(code))
        open_ = {d.field: d for d in entry.differences}
        if not open_:
            raise KaplcError(
                _("{name} agrees with its profile: there is nothing to take or keep.").format(name=entry.name)
            )
        named = [*take, *keep]
        not_open = [n for n in named if n not in open_]
        if not_open or not named:
            shown = ", ".join(REGISTERED_SCHOOL.label_of(n) for n in open_)
            raise ValidationError(
                [
                    FieldError(
                        n,
                        _(
                            "“{field}” does not differ from the school's profile; the fields that differ: {fields}."
                        ).format(field=REGISTERED_SCHOOL.label_of(n), fields=shown),
                    )
                    for n in not_open
                ]
                or [FieldError("", _("Name a field that differs: {fields}.").format(fields=shown))]
            )
        if set(take) & set(keep):
            raise ValidationError(FieldError("", _("A field is either taken or kept, not both.")))
        with self._db.sessions.begin() as session:
            record = self._load(session, entry.registered.id)
            before = self._values(record)
            for name in take:
                setattr(record, name, open_[name].profile)
            kept = [pair for pair in record.kept_values or () if pair[0] not in named]
            kept += [[name, open_[name].profile] for name in keep]
            record.kept_values = kept
            session.flush()
            step = self._step(
                _("Take from the profile"),
                [(record, before)],
                label=_("Take from the profile of {name}").format(name=entry.name),
            )
        self._remember(step)
        return self.get(entry.registered.id)

    def take_from_profile(self, code: str, fields: Sequence[str] | None = None) -> Any:
        """The registry takes the school's own values of `fields` (every differing one when None); a school that
        is not registered is registered from its profile."""
        self._require_district()
        entry = self.entry(code)
        if entry is None or entry.profile is None:
            raise NotFoundError(
                _("School {code} has sent no profile; there is nothing to take from it.").format(code=code)
            )
        if entry.registered is None:
            profile = entry.profile
            values = {name: getattr(profile, name) for name in SHARED_WITH_PROFILE}
            return self.add({**_typed(values), "school_code": profile.owner_code})
        return self.resolve(code, take=[d.field for d in entry.differences] if fields is None else list(fields))

    def keep_own(self, code: str, fields: Sequence[str] | None = None) -> Any:
        """The registry keeps its own values of `fields` (every differing one when None) against the profile's."""
        entry = self.entry(code)
        differing = [d.field for d in entry.differences] if entry is not None else []
        return self.resolve(code, keep=differing if fields is None else list(fields))

    # --- the Excel list --------------------------------------------------------------------------------
    def upsert_many(self, drafts: Iterable[Any], columns: Iterable[str] | None = None) -> tuple[int, int]:
        """Registers new schools and updates registered ones from checked rows, in one transaction (one undo
        step); returns (added, changed). Only `columns` (the file's; every field when None) are written to a
        registered school; a value that reads the same as the one held is left as it was. A school in the Trash
        comes back."""
        self._require_district()
        model = model_of(self.kind)
        given = set(columns) if columns is not None else {f.name for f in self.kind.editable}
        touched: list[tuple[Any, dict[str, Any] | None]] = []
        added = changed = 0
        # a school is found by its code in any OBEC form, in the list or its Trash (its code there never changes)
        held = {school_key(r.school_code): r.id for r in (*self.list(deleted=True), *self.list())}
        given.discard("school_code")
        with self._db.sessions.begin() as session:
            for draft in drafts:
                values = stored_values(draft.as_dict() if hasattr(draft, "as_dict") else dict(draft))
                known = held.get(school_key(values["school_code"]))
                record_id = known or identity_record_id(self.kind, values)
                record = session.get(model, record_id) if known else None  # a new school: no query for it
                if record is None:
                    record = model(id=record_id, kept_values=[], **values)
                    session.add(record)
                    touched.append((record, None))
                    added += 1
                    continue
                updates = {k: v for k, v in values.items() if k in given and not same_value(k, getattr(record, k), v)}
                if record.deleted_at is None and not updates:
                    continue
                before = self._values(record)
                for key, value in updates.items():
                    setattr(record, key, value)
                record.deleted_at = None
                touched.append((record, before))
                changed += 1
            session.flush()
            step = self._step(_("Import"), touched)
        self._remember(step)
        return added, changed


def _typed(values: Mapping[str, Any]) -> dict[str, object]:
    """Stored values as a form hands them in (numbers stay numbers; None stays empty)."""
    return {k: ("" if v is None else v) for k, v in values.items()}


__all__ = [
    "Difference",
    "SchoolEntry",
    "SchoolRegistryService",
    "differences",
    "same_value",
    "standing_label",
    "standing_short",
]
